"""Workspaces: each saved import is its own DuckDB file in $PAYLADDER_WORKSPACES (default data/workspaces/).

A workspace holds the good rows (`bands`, `people`), the problems (`problems`) and a one-row
`workspace` table with its display name, when it was saved and from which files. Saving writes a
temporary file with a unique name in the same directory, fsyncs it and renames it into place
(`os.replace` is atomic), so a reader sees the old file or the new one, never half of either,
and two sessions saving at once both finish: the last rename wins, and no lock is needed. The
display name is free text; the file name is derived from it by `slug`, which keeps only ASCII
letters, digits, `-` and `_`, avoids Windows device names (CON, NUL, COM1, ...) and is capped in
length, so no name can leave the directory. The reference warehouse is never opened for writing
here, and a directory that would contain it is refused.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb

from analytics.db import DATA_DIR, warehouse_path
from analytics.yourdata.read import ImportProblem

WORKSPACES_ENV = "PAYLADDER_WORKSPACES"
SUFFIX = ".duckdb"
MAX_NAME = 80
"""Longest display name, in characters."""
MAX_SLUG = 60
RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
TABLES = ("bands", "people", "problems")


@dataclass(frozen=True)
class Workspace:
    """One saved workspace: file slug, display name, when saved, source files and row counts."""

    slug: str
    name: str
    saved_at: str
    files: str
    bands: int
    people: int
    problems: int


def workspaces_dir() -> Path:
    """The workspace directory: $PAYLADDER_WORKSPACES, or data/workspaces/ (created when needed)."""
    return Path(os.environ.get(WORKSPACES_ENV) or DATA_DIR / "workspaces")


def clean_name(name: str) -> str:
    """The display name as stored: NFC, no control or format characters, trimmed; or ImportProblem."""
    text = unicodedata.normalize("NFC", str(name))
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn"))
    text = " ".join(text.split())
    if not text:
        raise ImportProblem("Give the workspace a name (letters or digits).")
    if len(text) > MAX_NAME:
        raise ImportProblem(f"A workspace name can have at most {MAX_NAME} characters; this one has {len(text)}.")
    return text


def slug(name: str) -> str:
    """The file name stem for a display name: safe on every file system, never empty or reserved."""
    text = unicodedata.normalize("NFKD", clean_name(name)).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-_").lower()[:MAX_SLUG].strip("-_")
    if not text or text in RESERVED:
        # Emoji or script-only names, and device names, get a stable stem from a hash of the name.
        digest = hashlib.sha256(clean_name(name).encode()).hexdigest()[:10]
        text = f"{text}-{digest}" if text else f"workspace-{digest}"
    return text


def _path(stem: str) -> Path:
    """The file of a slug inside the directory; refuses anything that is not a plain slug."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,80}", stem):
        raise ImportProblem("That is not a workspace name PayLadder made.")
    folder = workspaces_dir().resolve()
    path = folder / f"{stem}{SUFFIX}"
    if path.parent != folder or path == warehouse_path().resolve():
        raise ImportProblem("That workspace would not be inside the workspace folder.")
    return path


def _folder() -> Path:
    folder = workspaces_dir()
    folder.mkdir(parents=True, exist_ok=True)
    if folder.resolve() == warehouse_path().resolve().parent and warehouse_path().suffix == SUFFIX:
        raise ImportProblem("The workspace folder must not be the warehouse's folder: set PAYLADDER_WORKSPACES.")
    return folder


def save(con: duckdb.DuckDBPyConnection, name: str, files: str, overwrite: bool = False) -> Workspace:
    """Save con's bands, people and problems tables as workspace `name`; return what was saved."""
    display = clean_name(name)
    folder, stem = _folder(), slug(display)
    target = _path(stem)
    if target.exists() and not overwrite:
        existing = _info(target)
        raise ImportProblem(f"A workspace named {existing.name!r} already exists: choose another name, or replace it.")
    temp = folder / f".{stem}.{uuid.uuid4().hex}.tmp"
    try:
        with duckdb.connect(str(temp)) as out:
            for table in TABLES:
                rows = _rows(con, table)  # noqa: F841 (a stream of record batches that DuckDB reads by name)
                if rows is not None:
                    out.execute(f"CREATE TABLE {table} AS SELECT * FROM rows")  # noqa: S608
            out.execute("CREATE TABLE workspace(name VARCHAR, saved_at VARCHAR, files VARCHAR)")
            out.execute(
                "INSERT INTO workspace VALUES (?, ?, ?)",
                [display, dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"), files],
            )
            out.execute("CHECKPOINT")
        with open(temp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(temp, target)
    finally:
        for leftover in (temp, temp.with_name(temp.name + ".wal")):
            leftover.unlink(missing_ok=True)
    return _info(target)


def _exists(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [table]).fetchall()[0][0])


def _rows(con: duckdb.DuckDBPyConnection, table: str):
    """A table of the import connection as a stream of Arrow record batches, or None if absent."""
    if table == "problems":
        parts = [(kind, f"{kind}_problems") for kind in ("bands", "people") if _exists(con, f"{kind}_problems")]
        if not parts:
            return None
        sql = " UNION ALL ".join(f"SELECT '{kind}' AS kind, * FROM {t}" for kind, t in parts)  # noqa: S608
    elif _exists(con, table):
        sql = f"SELECT * FROM {table}"  # noqa: S608
    else:
        return None
    # Its own cursor: DuckDB refuses new work on a connection with an unfinished result.
    return con.cursor().sql(sql).to_arrow_reader()  # noqa: S608


def _info(path: Path) -> Workspace:
    with duckdb.connect(str(path), read_only=True) as con:
        name, saved_at, files = con.execute("SELECT name, saved_at, files FROM workspace").fetchone()
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        counts = [
            con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] if t in tables else 0  # noqa: S608
            for t in TABLES
        ]
    return Workspace(path.stem, name, saved_at, files, *counts)


def list_workspaces() -> list[Workspace]:
    """Every readable workspace, newest first; a damaged file is listed by its stem with no counts."""
    folder = workspaces_dir()
    if not folder.is_dir():
        return []
    out = []
    for path in folder.glob(f"*{SUFFIX}"):
        try:
            out.append(_info(path))
        except (duckdb.Error, TypeError):
            out.append(Workspace(path.stem, f"{path.stem} (damaged: cannot be read)", "", "", 0, 0, 0))
    return sorted(out, key=lambda w: (w.saved_at, w.name), reverse=True)


def open_workspace(stem: str) -> duckdb.DuckDBPyConnection:
    """A read-only connection to a workspace (close it when done)."""
    path = _path(stem)
    if not path.exists():
        raise ImportProblem("That workspace no longer exists (deleted in another session?).")
    try:
        return duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        raise ImportProblem("That workspace file cannot be read; delete it and import the files again.") from None


def rename(stem: str, new_name: str) -> Workspace:
    """Give a workspace a new display name (and file name); the old file goes once the new one is in place."""
    source = _path(stem)
    display = clean_name(new_name)
    target = _path(slug(display))
    if target != source and target.exists():
        raise ImportProblem(f"A workspace named {_info(target).name!r} already exists: choose another name.")
    if not source.exists():
        raise ImportProblem("That workspace no longer exists (deleted in another session?).")
    temp = source.parent / f".{target.stem}.{uuid.uuid4().hex}.tmp"
    try:
        temp.write_bytes(source.read_bytes())
        with duckdb.connect(str(temp)) as con:
            con.execute("UPDATE workspace SET name = ?", [display])
            con.execute("CHECKPOINT")
        os.replace(temp, target)
    finally:
        for leftover in (temp, temp.with_name(temp.name + ".wal")):
            leftover.unlink(missing_ok=True)
    if target != source:
        source.unlink(missing_ok=True)
    return _info(target)


def delete(stem: str) -> None:
    """Delete a workspace file (the page asks for confirmation first)."""
    _path(stem).unlink(missing_ok=True)
