"""One browser session's import, step by step, as plain Python: the page keeps an `ImportSession` in its state.

The steps: a file is taken for a kind (`take_upload` follows an uploader; `open_sample` opens
the synthetic files): an upload is stored under a generated name, read into `raw_<kind>` on the
session's in-memory DuckDB and deleted again. The user maps its columns. `check` validates the
mapped files, bands first, and runs again only when what decides the outcome changes (a file, the
decimal mark, the default currency or a mapping); its outcome is `checked` (or `error`), and
`problems()` lists every problem. The good rows are then analysed (`shown`) and can be saved as a
workspace (`save`), through the workspace store and as the person using the page, who is checked
there. An opened workspace is read once and kept while its version and the person's access last
(checked on every run, so an unshared workspace is gone on the next one). A file that cannot be
taken or checked leaves a message, never an exception.

A session ends with `close()`, or when nothing refers to it any more (Streamlit drops a closed
browser session's state): either way its DuckDB, with what it holds in memory, is closed and its
temporary folder (the upload's copy, DuckDB's spill files) removed, as `analytics.yourdata.scratch`
describes.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import duckdb
import pandas as pd

from analytics.yourdata import queries, scratch
from analytics.yourdata.columns import KINDS, check_mapping
from analytics.yourdata.pipeline import ensure_tables, new_connection, store_upload
from analytics.yourdata.read import ImportProblem, RawTable, read_file
from analytics.yourdata.samples import BANDS_FILE, PEOPLE_FILE, SAMPLES_DIR
from analytics.yourdata.store import Identity, NotFound, Store, WorkspaceInfo
from analytics.yourdata.units import unit_problems
from analytics.yourdata.validate import Checked, validate

SAMPLES = {"bands": BANDS_FILE, "people": PEOPLE_FILE}


class Upload(Protocol):
    """A file from an uploader (Streamlit's UploadedFile): an id per upload, a name, a size and the bytes."""

    file_id: str
    name: str
    size: int

    def getbuffer(self) -> memoryview: ...


@dataclass
class Source:
    """The file taken for a kind: where it came from, and what was read or why it could not be."""

    id: str
    """The uploader's file id, or sample-<kind>."""
    uploaded: bool
    version: int
    """Counts every file taken in the session: a file taken again is a new version (mapped anew)."""
    raw: RawTable | None = None
    error: str | None = None


@dataclass
class Shown:
    """What the analysis reads: this import or a saved workspace, how it is named, and the workspace (None
    for this import)."""

    con: duckdb.DuckDBPyConnection
    label: str
    workspace: WorkspaceInfo | None = None

    def recorder(self, store: Store, who: Identity):
        """What records a download in the workspace's trail (None for this import, which has none)."""
        if self.workspace is None:
            return None
        return lambda file: store.record(who, self.workspace.id, "downloaded", file)


def default_currency(text: str | None) -> str | None:
    """The currency typed for files without one, as a code ('usd ' → 'USD'), or None when blank."""
    return (text or "").strip().upper() or None


def after_delete(opened: str | None, deleted: str) -> str | None:
    """The opened workspace after `deleted` was deleted: none when it was the one."""
    return None if opened == deleted else opened


class ImportSession:
    """One session's import: its DuckDB connection and upload folder, the files taken and the check."""

    def __init__(self) -> None:
        self._root = scratch.session_folder()
        self.folder = self._root / "uploads"
        """Where an upload is copied while it is read."""
        self.folder.mkdir()
        self.con = new_connection(self._root / "spill")
        self._end = weakref.finalize(self, _end_session, self.con, self._root)
        self.sources: dict[str, Source] = {}
        self.checked: dict[str, Checked] = {}
        self.error: str | None = None
        """Why the mapped files could not be checked."""
        self._signature: tuple | None = None
        self._uploads: dict[str, str | None] = {}  # each uploader's file as last seen
        self._versions = 0
        self._opened: tuple[str, str, duckdb.DuckDBPyConnection] | None = None  # id, version, its data

    def files(self) -> list[tuple[str, Source]]:
        """The files taken, bands first."""
        return [(kind, self.sources[kind]) for kind in KINDS if kind in self.sources]

    @property
    def raws(self) -> dict[str, RawTable]:
        """The files read, bands first."""
        return {kind: s.raw for kind, s in self.files() if s.raw is not None}

    @property
    def waiting_for_bands(self) -> bool:
        """People were read but no bands: each person is checked against their band, so bands are needed."""
        return "people" in self.raws and "bands" not in self.raws

    def open_sample(self) -> None:
        """Take the synthetic sample files for both kinds."""
        for kind, name in SAMPLES.items():
            self.open_file(kind, SAMPLES_DIR / name, name, f"sample-{kind}")

    def take_upload(self, kind: str, upload: Upload | None) -> None:
        """Follow a kind's uploader: read a newly chosen file, forget an uploaded file once it is removed.

        Only a change of the uploader counts, so the sample taken after an upload stays.
        """
        current = upload.file_id if upload is not None else None
        if self._uploads.get(kind) == current:
            return
        self._uploads[kind] = current
        if upload is None:
            if kind in self.sources and self.sources[kind].uploaded:
                del self.sources[kind]
                self._forget_check()
            return
        try:
            path = store_upload(upload.getbuffer(), upload.name, upload.size, self.folder)
        except ImportProblem as problem:
            self._take(kind, Source(upload.file_id, True, self._next_version(), error=problem.message))
            return
        try:
            self.open_file(kind, path, upload.name, upload.file_id, uploaded=True)
        finally:
            path.unlink(missing_ok=True)  # read into the session's DuckDB: the copy on disk is not needed

    def open_file(self, kind: str, path: Path, name: str, source_id: str, uploaded: bool = False) -> Source:
        """Read a file as a kind's file (replacing the one before); a file that cannot be read says why."""
        source = Source(source_id, uploaded, self._next_version())
        try:
            source.raw = read_file(self.con, path, f"raw_{kind}", name)
        except ImportProblem as problem:
            source.error = problem.message
        self._take(kind, source)
        return source

    def preview(self, kind: str, rows: int = 20) -> pd.DataFrame:
        """The first rows of a kind's file as read."""
        return queries.preview(self.con, self.raws[kind], rows)

    def check(
        self,
        mappings: Mapping[str, dict[str, int | None]],
        decimal: str,
        currency: str | None,
        units: Mapping[str, Mapping[str, str | None]] | None = None,
    ) -> None:
        """Validate the files whose mappings are complete, bands first, unless nothing that decides the
        outcome changed since the last check. People are checked only with bands; without them nothing is.

        `units` says per kind what a bonus column holds (analytics.yourdata.units); when given, a file whose
        unit is not yet said waits. Without it a bonus is money."""
        raws = self.raws
        usable = {
            kind: dict(mapping)
            for kind, mapping in mappings.items()
            if kind in raws
            and not check_mapping(mapping, kind, currency)
            and not (units is not None and unit_problems(kind, mapping, units.get(kind, {})))
        }
        said = {kind: dict((units or {}).get(kind, {})) for kind in usable}
        signature = (
            tuple((kind, s.version) for kind, s in self.files()),
            decimal,
            currency,
            tuple((kind, tuple(sorted(m.items()))) for kind, m in sorted(usable.items())),
            tuple((kind, tuple(sorted(u.items()))) for kind, u in sorted(said.items())),
        )
        if signature == self._signature:
            return
        self._signature, self.checked, self.error = signature, {}, None
        if "bands" not in usable:
            return
        try:
            checked = {"bands": validate(self.con, raws["bands"], usable["bands"], "bands", decimal, currency)}
            if "people" in usable:
                people = raws["people"], usable["people"], "people", decimal, currency, said["people"]
                checked["people"] = validate(self.con, *people)
            else:  # people checked before belong to other bands or another file
                queries.drop_tables(self.con, "people", "people_problems")
            ensure_tables(self.con)
        except ImportProblem as problem:
            self.error = problem.message
            return
        self.checked = checked

    def cells(self, kind: str, column: int, rows: int = 1_000) -> list[str]:
        """The first non-blank cells of a column of a kind's file, as read (to guess what they hold)."""
        return queries.column_cells(self.con, self.raws[kind], column, rows)

    @property
    def people_version(self) -> tuple | None:
        """What this session's checked people came from (files, options, mappings), None when none were
        checked: another page (the pay gap report) keys what it computes from them on it."""
        return self._signature if "people" in self.checked else None

    @property
    def people_file(self) -> str:
        """The name of the people file taken, or '' when none was."""
        raw = self.raws.get("people")
        return raw.filename if raw is not None else ""

    def problems(self) -> pd.DataFrame:
        """Every problem of the checked files, bands first, each in file order."""
        frames = [queries.problem_rows(self.con, c) for c in self.checked.values()]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=queries.PROBLEM_COLUMNS)

    def save(
        self, store: Store, who: Identity, name: str, replace: bool = False, settings: dict | None = None
    ) -> WorkspaceInfo:
        """Save the good rows and the problems as `who`'s workspace `name` (ImportProblem if it cannot)."""
        files = ", ".join(raw.filename for raw in self.raws.values())
        return store.save(who, self.con, name, files, settings, overwrite=replace)

    def shown(self, opened: str | None, imported: bool, store: Store, who: Identity) -> Shown | None:
        """What the analysis reads: the opened workspace, else this import once imported, else nothing.

        The workspace's access is checked on every call; its data is read again only when new data was saved
        into it (not for its settings). Raises NotFound when it is gone or no longer shared with `who`."""
        if not opened:
            self.close_workspace()
            return Shown(self.con, "this import") if imported else None
        try:
            info = store.info(who, opened)
        except NotFound:
            self.close_workspace()
            raise
        if self._opened is None or self._opened[:2] != (info.id, info.version):
            self.close_workspace()
            self._opened = (info.id, info.version, store.open(who, info.id))
        return Shown(self._opened[2], f"workspace “{info.name}”", info)

    def close(self) -> None:
        """End the session: close its DuckDB and the opened workspace, and remove its temporary folder."""
        self.close_workspace()
        self._end()

    @property
    def closed(self) -> bool:
        """True once the session has ended."""
        return not self._end.alive

    def close_workspace(self) -> None:
        """Let go of the opened workspace's data."""
        if self._opened is not None:
            self._opened[2].close()
            self._opened = None

    def _next_version(self) -> int:
        self._versions += 1
        return self._versions

    def _take(self, kind: str, source: Source) -> None:
        self.sources[kind] = source
        self._forget_check()

    def _forget_check(self) -> None:
        self.checked, self.error, self._signature = {}, None, None


def _end_session(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    """Close a session's DuckDB and remove its folder (run once, by close() or when the session is dropped)."""
    try:
        con.close()
    finally:
        scratch.remove(folder)
