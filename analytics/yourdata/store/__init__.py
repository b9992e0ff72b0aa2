"""The workspace store: people's pay, kept per workspace and seen only by those its owner shared it with.

One interface, `Store`, with two backends: `FileStore` (embedded DuckDB files under
$PAYLADDER_WORKSPACES, the default) and `PostgresStore` (PAYLADDER_STORE=postgresql://..., so that
several PayLadder servers behind a load balancer share workspaces, ownership and the audit trail).
`open_store()` returns the one this server is configured for.

Every call names who is asking (an `Identity`) and the check is made here, in the library, not in
the page:
- the **owner** (who first saved it) may do everything; only the owner shares, renames or deletes;
- an **editor** may open it, download it and save new data or analysis settings into it;
- a **viewer** may open and download it;
- anyone else is told "No such workspace" (`NotFound`), exactly as if it did not exist, so a
  workspace cannot be listed, opened, guessed, downloaded or analysed by anyone else.
Local mode has one implicit owner, `LOCAL`.

Every save, open, share, unshare, download, rename and delete goes to the workspace's audit trail
(who, when, what; never a pay value). The trail outlives the workspace, and only the owner reads it.
Deleting a workspace erases its data (the file, or the rows) in the same step.

Names are free text (cleaned by `clean_name`); a name is unique per owner, compared case-blind.
Creating a name is exclusive: of two saves of one new name at once, one wins and the other gets
`NameTaken`. Saves are atomic: a reader sees the old data or the new, never half of either.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import unicodedata
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

import duckdb
import pandas as pd

from analytics.yourdata.read import ImportProblem

STORE_ENV = "PAYLADDER_STORE"
"""postgresql://... to share workspaces between servers; unset for DuckDB files on this machine."""
MAX_NAME = 80
"""Longest workspace name, in characters."""
ROLES = {"viewer": "can open and download", "editor": "can also save data and analysis settings"}
TABLES = ("bands", "people", "problems")
"""The data tables a workspace holds (each may be absent from an import)."""
NO_SUCH = "No such workspace: it was deleted, or it is not shared with you."
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")

Run = Callable[[str, Sequence], list[tuple]]
"""Run one SQL statement with `?` parameters inside the current transaction; its rows."""


class NotFound(ImportProblem):
    """No such workspace, or not one this person may use: the two read the same."""

    def __init__(self) -> None:
        super().__init__(NO_SUCH)


class NameTaken(ImportProblem):
    """A workspace of that name exists (or was just saved by someone else)."""


@dataclass(frozen=True)
class Identity:
    """Who is asking: `key` is the stable identity (a lower-cased e-mail, or `sub:<subject>` where the
    provider gives none; `local` in local mode), `name` what to call them."""

    key: str
    name: str

    @classmethod
    def signed_in(cls, email: str | None, subject: str | None, name: str | None = None) -> Identity:
        """The identity of a signed-in user from the provider's claims."""
        if email:
            return cls(email.strip().lower(), name or email.strip())
        if subject:
            return cls(f"sub:{subject}", name or subject)
        raise ValueError("A signed-in user needs an e-mail or a subject.")


LOCAL = Identity("local", "you (local mode)")
"""The one implicit owner of every workspace in local mode."""


@dataclass(frozen=True)
class WorkspaceInfo:
    """One workspace as the asker may see it: `role` is theirs (owner, editor or viewer)."""

    id: str
    name: str
    owner: str
    role: str
    saved_at: str
    saved_by: str
    files: str
    bands: int
    people: int
    problems: int
    settings_json: str = "{}"
    version: str = ""
    """Which saved data it holds: changes when new data is saved, not when only settings are."""

    @property
    def settings(self) -> dict:
        """The analysis settings kept with the workspace (mappings, options)."""
        return json.loads(self.settings_json or "{}")

    @property
    def can_edit(self) -> bool:
        return self.role in ("owner", "editor")


def clean_name(name: object) -> str:
    """A workspace name as stored: NFC, no control or format characters, spaces folded; or ImportProblem."""
    text = unicodedata.normalize("NFC", str(name))
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn"))
    text = " ".join(text.split())
    if not text:
        raise ImportProblem("Give the workspace a name (letters or digits).")
    if len(text) > MAX_NAME:
        raise ImportProblem(f"A workspace name can have at most {MAX_NAME} characters; this one has {len(text)}.")
    return text


def name_key(name: str) -> str:
    """What makes two names the same: case-blind, after cleaning."""
    return clean_name(name).casefold()


def clean_person(person: object) -> str:
    """An e-mail address to share with, lower-cased; or ImportProblem."""
    text = str(person).strip().lower()
    if not EMAIL.fullmatch(text) or len(text) > 254:
        raise ImportProblem("Share with an e-mail address, such as alex@example.com.")
    return text


def now() -> str:
    """The time of an event: ISO 8601 in UTC to the microsecond, so that text order is the order of events."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def table_counts(data: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows per data table of an import connection, or of an opened workspace's (0 where a table is absent;
    problems of both kinds)."""
    present = {r[0] for r in data.cursor().execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    tables = {"bands": ["bands"], "people": ["people"], "problems": ["bands_problems", "people_problems", "problems"]}
    return {
        name: sum(
            data.cursor().execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608 (fixed names)
            for t in parts
            if t in present
        )
        for name, parts in tables.items()
    }


CATALOG = [
    """CREATE TABLE IF NOT EXISTS payladder_workspaces (
        id VARCHAR PRIMARY KEY, owner VARCHAR NOT NULL, name VARCHAR NOT NULL, name_key VARCHAR NOT NULL,
        version VARCHAR NOT NULL, saved_at VARCHAR NOT NULL, saved_by VARCHAR NOT NULL, files VARCHAR NOT NULL,
        bands BIGINT NOT NULL, people BIGINT NOT NULL, problems BIGINT NOT NULL, settings VARCHAR NOT NULL,
        UNIQUE (owner, name_key))""",
    """CREATE TABLE IF NOT EXISTS payladder_access (
        workspace_id VARCHAR NOT NULL, person VARCHAR NOT NULL, role VARCHAR NOT NULL,
        PRIMARY KEY (workspace_id, person))""",
    """CREATE TABLE IF NOT EXISTS payladder_audit (
        happened_at VARCHAR NOT NULL, workspace_id VARCHAR NOT NULL, workspace_name VARCHAR NOT NULL,
        actor VARCHAR NOT NULL, action VARCHAR NOT NULL, detail VARCHAR NOT NULL)""",
]
"""The catalog both backends keep: workspaces, who else may use each, and the audit trail."""
COLUMNS = (
    "w.id, w.name, w.owner, {role}, w.saved_at, w.saved_by, w.files, w.bands, w.people, w.problems, w.settings, "
    "w.version"
)
VISIBLE = f"""SELECT {COLUMNS.format(role="CASE WHEN w.owner = ? THEN 'owner' ELSE a.role END")}
    FROM payladder_workspaces w LEFT JOIN payladder_access a ON a.workspace_id = w.id AND a.person = ?
    WHERE (w.owner = ? OR a.role IS NOT NULL)"""  # noqa: S608 (fixed text)
"""Workspaces the asker may see, with the asker's role: parameters are the asker's key three times."""


class Store:
    """The workspace store: every method takes who is asking first, and checks it.

    A backend provides a transaction (`_transaction`), reads (`_read`), and how a workspace's data is
    written (`_prepare` before the transaction, `_put` in it), read (`_open`) and erased (`_erase` in the
    delete's transaction, `_discard` after) under a version id.
    """

    # --- reading -------------------------------------------------------------------------------

    def list(self, who: Identity) -> list[WorkspaceInfo]:
        """The workspaces this person owns or was given, newest first."""
        rows = self._read(VISIBLE + " ORDER BY w.saved_at DESC, w.name", [who.key] * 3)
        return [WorkspaceInfo(*row) for row in rows]

    def info(self, who: Identity, workspace: str) -> WorkspaceInfo:
        """One workspace as this person may see it; NotFound if they may not (or it does not exist)."""
        rows = self._read(VISIBLE + " AND w.id = ?", [*[who.key] * 3, str(workspace)])
        if not rows:
            raise NotFound()
        return WorkspaceInfo(*rows[0])

    def open(self, who: Identity, workspace: str) -> duckdb.DuckDBPyConnection:
        """The workspace's data as a DuckDB connection (tables bands, people, problems); close it when done.

        Recorded in the audit trail as opened."""
        info = self.info(who, workspace)
        for attempt in range(3):  # a save may replace the version between reading it and opening it
            try:
                con = self._open(info.id, self._version(info.id) or "")
                break
            except (duckdb.Error, OSError, ValueError):
                if attempt == 2 or self._version(info.id) is None:
                    raise NotFound() from None
        self.record(who, workspace, "opened")
        return con

    def record(self, who: Identity, workspace: str, action: str, detail: str = "") -> None:
        """Write an event (such as a download) to the trail of a workspace this person may use."""
        info = self.info(who, workspace)
        with self._transaction() as run:
            _audit(run, info.id, info.name, who, action, detail)

    def access(self, who: Identity, workspace: str) -> list[tuple[str, str]]:
        """Who else may use it and how, (person, role) by person; for the owner only."""
        info = self._owned(who, workspace)
        rows = self._read("SELECT person, role FROM payladder_access WHERE workspace_id = ? ORDER BY person", [info.id])
        return [tuple(r) for r in rows]

    def audit(self, who: Identity, workspace: str) -> pd.DataFrame:
        """The workspace's audit trail, oldest first; for the owner only."""
        info = self._owned(who, workspace)
        rows = self._read(
            "SELECT happened_at, actor, action, detail FROM payladder_audit WHERE workspace_id = ? "
            "ORDER BY happened_at",
            [info.id],
        )
        return pd.DataFrame(rows, columns=["at", "actor", "action", "detail"])

    # --- writing -------------------------------------------------------------------------------

    def save(
        self,
        who: Identity,
        data: duckdb.DuckDBPyConnection,
        name: str,
        files: str,
        settings: dict | None = None,
        overwrite: bool = False,
    ) -> WorkspaceInfo:
        """Save an import's tables as this person's workspace `name` (replacing their own of that name
        only when `overwrite`); return it. Creating a name is exclusive: NameTaken for the loser."""
        display, key = clean_name(name), name_key(name)
        existing = self._read(
            "SELECT id, name FROM payladder_workspaces WHERE owner = ? AND name_key = ?", [who.key, key]
        )
        if existing and not overwrite:
            raise NameTaken(f"A workspace named {existing[0][1]!r} already exists: choose another name, or replace it.")
        workspace = existing[0][0] if existing else uuid.uuid4().hex
        fields = {**table_counts(data), "files": str(files), "settings": json.dumps(settings or {})}
        create = {"id": workspace, "owner": who.key, "name": display, "name_key": key}
        self._commit(who, workspace, data, fields, create)
        return self.info(who, workspace)

    def save_into(
        self,
        who: Identity,
        workspace: str,
        data: duckdb.DuckDBPyConnection | None = None,
        files: str = "",
        settings: dict | None = None,
    ) -> WorkspaceInfo:
        """Save new data (with the files it came from) and/or analysis settings into a workspace this person
        may edit; what is not given stays as it is."""
        info = self.info(who, workspace)
        if not info.can_edit:
            raise ImportProblem("You can view this workspace but not change it: ask its owner to make you an editor.")
        fields = {} if data is None else {**table_counts(data), "files": str(files)}
        if settings is not None:
            fields["settings"] = json.dumps(settings)
        self._commit(who, info.id, data, fields)
        return self.info(who, info.id)

    def rename(self, who: Identity, workspace: str, new_name: str) -> WorkspaceInfo:
        """Give one of this person's workspaces a new name (unique among theirs)."""
        info = self._owned(who, workspace)
        display, key = clean_name(new_name), name_key(new_name)
        with self._transaction() as run:
            try:
                run("UPDATE payladder_workspaces SET name = ?, name_key = ? WHERE id = ?", [display, key, info.id])
            except self._duplicate as error:
                raise NameTaken(f"A workspace named {display!r} already exists: choose another name.") from error
            _audit(run, info.id, display, who, "renamed", f"from {info.name!r}")
        return self.info(who, info.id)

    def delete(self, who: Identity, workspace: str) -> None:
        """Erase one of this person's workspaces: its data, its sharing; the trail records who deleted it."""
        info = self._owned(who, workspace)
        version = self._version(info.id)
        with self._transaction() as run:
            self._erase(run, info.id)
            run("DELETE FROM payladder_access WHERE workspace_id = ?", [info.id])
            run("DELETE FROM payladder_workspaces WHERE id = ?", [info.id])
            _audit(run, info.id, info.name, who, "deleted", "data erased")
        if version is not None:
            self._discard(info.id, version)

    def share(self, who: Identity, workspace: str, person: str, role: str) -> None:
        """Let someone (by e-mail) view or edit one of this person's workspaces."""
        info = self._owned(who, workspace)
        person = clean_person(person)
        if role not in ROLES:
            raise ImportProblem(f"Share as {' or '.join(ROLES)}.")
        if person == who.key:
            raise ImportProblem("You own this workspace already.")
        with self._transaction() as run:
            run("DELETE FROM payladder_access WHERE workspace_id = ? AND person = ?", [info.id, person])
            run("INSERT INTO payladder_access (workspace_id, person, role) VALUES (?, ?, ?)", [info.id, person, role])
            _audit(run, info.id, info.name, who, "shared", f"with {person} as {role}")

    def unshare(self, who: Identity, workspace: str, person: str) -> None:
        """Take back someone's access to one of this person's workspaces."""
        info = self._owned(who, workspace)
        person = clean_person(person)
        with self._transaction() as run:
            run("DELETE FROM payladder_access WHERE workspace_id = ? AND person = ?", [info.id, person])
            _audit(run, info.id, info.name, who, "unshared", f"with {person}")

    # --- shared steps ----------------------------------------------------------------------------

    def _owned(self, who: Identity, workspace: str) -> WorkspaceInfo:
        """The workspace if this person owns it; NotFound if they cannot see it, a message if they only use it."""
        info = self.info(who, workspace)
        if info.role != "owner":
            raise ImportProblem("Only the workspace's owner can share, rename or delete it, or read its history.")
        return info

    def _version(self, workspace: str) -> str | None:
        rows = self._read("SELECT version FROM payladder_workspaces WHERE id = ?", [workspace])
        return rows[0][0] if rows else None

    def _commit(
        self,
        who: Identity,
        workspace: str,
        data: duckdb.DuckDBPyConnection | None,
        fields: dict[str, object],
        create: dict[str, object] | None = None,
    ) -> None:
        """Make `data` (when given) the workspace's current version and set these catalog fields, in one
        transaction; create the workspace with `create` if it does not exist, else NotFound.

        The current version is read inside the transaction (locked where the backend can), so of two
        saves at once the last wins whole; the version it replaced is discarded after the commit."""
        version = None if data is None else uuid.uuid4().hex
        try:
            payload = None if data is None else self._prepare(workspace, version, data)
            with self._transaction() as run:
                lock = f"SELECT version FROM payladder_workspaces WHERE id = ?{self._for_update}"  # noqa: S608
                rows = run(lock, [workspace])
                old = rows[0][0] if rows else None
                if payload is not None:
                    self._put(run, workspace, payload)
                fields = {**fields, "version": version or old, "saved_at": now(), "saved_by": who.key}
                if old is None and create is None:
                    raise NotFound()  # deleted meanwhile
                if old is None:
                    row = {**create, **fields}
                    try:
                        run(
                            f"INSERT INTO payladder_workspaces ({', '.join(row)}) "  # noqa: S608 (names from code)
                            f"VALUES ({', '.join('?' * len(row))})",
                            list(row.values()),
                        )
                    except self._duplicate as error:
                        raise NameTaken(
                            f"A workspace named {create['name']!r} was just saved by someone else: your data is not "
                            "saved. Choose another name, or replace it."
                        ) from error
                else:
                    run(
                        f"UPDATE payladder_workspaces SET {', '.join(f'{k} = ?' for k in fields)} "  # noqa: S608
                        "WHERE id = ?",
                        [*fields.values(), workspace],
                    )
                name = (
                    create["name"]
                    if old is None
                    else run("SELECT name FROM payladder_workspaces WHERE id = ?", [workspace])[0][0]
                )
                action = "saved" if old is None else "replaced data" if data is not None else "saved settings"
                detail = _counts_text({t: fields[t] for t in TABLES}) if data is not None else ""
                _audit(run, workspace, name, who, action, detail)
        except BaseException:
            if version is not None:
                self._discard(workspace, version)
            raise
        if version is not None and old is not None:
            self._discard(workspace, old)

    # --- what a backend provides -------------------------------------------------------------------

    def close(self) -> None:
        """Let go of what the store holds open (the file store's catalog)."""

    _duplicate: type[Exception] = Exception
    """The exception the backend raises for a duplicate key."""
    _for_update = ""
    """What locks a row read in a transaction until it ends, where the backend needs it."""

    def _transaction(self) -> contextlib.AbstractContextManager[Run]:
        raise NotImplementedError

    def _read(self, sql: str, params: Sequence) -> list[tuple]:
        raise NotImplementedError

    def _prepare(self, workspace: str, version: str, data: duckdb.DuckDBPyConnection) -> object:
        """Write (or serialise) the data tables of `data` as this version, before the transaction."""
        raise NotImplementedError

    def _put(self, run: Run, workspace: str, payload: object) -> None:
        """Make the prepared data the workspace's, inside the save's transaction."""

    def _open(self, workspace: str, version: str) -> duckdb.DuckDBPyConnection:
        raise NotImplementedError

    def _erase(self, run: Run, workspace: str) -> None:
        """Erase the workspace's data inside the delete's transaction (rows); files go in `_discard`."""

    def _discard(self, workspace: str, version: str) -> None:
        """Remove a version's data that no catalog row points at (after a replace, a delete or a failed save)."""


def _audit(run: Run, workspace: str, name: str, who: Identity, action: str, detail: str) -> None:
    run(
        "INSERT INTO payladder_audit (happened_at, workspace_id, workspace_name, actor, action, detail) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [now(), workspace, name, who.key, action, detail],
    )


def _counts_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{n:,} {t}" for t, n in counts.items())


def data_rows(data: duckdb.DuckDBPyConnection) -> Iterator[tuple[str, object]]:
    """Each data table of an import connection as (name, Arrow record batch reader); problems of both kinds
    in one table with a `kind` column. An opened workspace's tables are as they are (a copy saved as new)."""
    present = {r[0] for r in data.cursor().execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    for table in TABLES:
        if table == "problems" and "problems" in present:
            sql = "SELECT * FROM problems"
        elif table == "problems":
            parts = [k for k in ("bands", "people") if f"{k}_problems" in present]
            if not parts:
                continue
            sql = " UNION ALL ".join(f"SELECT '{k}' AS kind, * FROM {k}_problems" for k in parts)  # noqa: S608
        elif table in present:
            sql = f"SELECT * FROM {table}"  # noqa: S608
        else:
            continue
        # Its own cursor: DuckDB refuses new work on a connection with an unfinished result.
        yield table, data.cursor().sql(sql).to_arrow_reader()


@cache
def _store(url: str) -> Store:
    if url.startswith(("postgresql://", "postgres://")):
        from analytics.yourdata.store.postgres import PostgresStore  # psycopg only where it is used

        return PostgresStore(url)
    from analytics.yourdata.store.files import FileStore

    return FileStore(url)


def open_store() -> Store:
    """This server's store: PostgreSQL when $PAYLADDER_STORE is a postgresql:// URL, else DuckDB files in
    $PAYLADDER_WORKSPACES (default data/workspaces/). One per process and location."""
    from analytics.yourdata.store.files import workspaces_dir

    return _store(os.environ.get(STORE_ENV) or str(workspaces_dir().resolve()))
