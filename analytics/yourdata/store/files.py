"""The default workspace store: DuckDB files on this machine, in $PAYLADDER_WORKSPACES (default data/workspaces/).

`catalog.duckdb` holds the catalog (workspaces, sharing, the audit trail); each saved version of a
workspace's data is its own file, `<workspace id>-<version id>.duckdb`, written under a temporary
name in the same folder, flushed to disk and renamed into place (atomic), and only then made current
by the catalog's transaction. So a reader sees the old data or the new, never half, and a save killed
at any point leaves the previous version current: what it left behind (a `.tmp` file, its `.wal`, or
a data file no catalog row points at) is removed when the store next starts.

The folder is created readable by its owner only (0700) and every file in it is 0600. One server
process uses a folder at a time (DuckDB locks the catalog); several servers share a PostgreSQL store.
Catalog writes in this process take turns (a lock), so concurrent sessions never conflict.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import threading
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path

import duckdb

from analytics.db import DATA_DIR, warehouse_path
from analytics.yourdata.read import ImportProblem
from analytics.yourdata.store import (
    CATALOG,
    LOCAL,
    Run,
    Store,
    clean_name,
    data_rows,
    name_key,
    now,
    table_counts,
)

WORKSPACES_ENV = "PAYLADDER_WORKSPACES"
SUFFIX = ".duckdb"
DATA_FILE = re.compile(r"([0-9a-f]{32})-([0-9a-f]{32})\.duckdb")
log = logging.getLogger("payladder")


def workspaces_dir() -> Path:
    """The workspace folder: $PAYLADDER_WORKSPACES, or data/workspaces/."""
    return Path(os.environ.get(WORKSPACES_ENV) or DATA_DIR / "workspaces")


class FileStore(Store):
    """Workspaces as DuckDB files in one folder, with a DuckDB catalog beside them."""

    _duplicate = duckdb.ConstraintException

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        # Pay data: every file this process creates from here on (data files, the catalog and its
        # write-ahead log, which DuckDB creates as it goes) is readable by its owner only.
        os.umask(0o077)
        if self.folder.resolve() == warehouse_path().resolve().parent:
            raise ImportProblem("The workspace folder must not be the warehouse's folder: set PAYLADDER_WORKSPACES.")
        self.folder.mkdir(parents=True, exist_ok=True)
        os.chmod(self.folder, 0o700)
        catalog = self.folder / "catalog.duckdb"
        try:
            self._catalog = duckdb.connect(str(catalog))
        except duckdb.IOException as error:
            raise ImportProblem(
                "The workspace store is in use by another PayLadder server. Several servers need a shared store: "
                "set PAYLADDER_STORE=postgresql://..."
            ) from error
        self._lock = threading.Lock()
        for statement in CATALOG:
            self._catalog.execute(statement)
        self._clean()
        self._adopt()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[Run]:
        with self._lock:
            cur = self._catalog.cursor()
            cur.execute("BEGIN TRANSACTION")
            try:
                yield lambda sql, params: cur.execute(sql, list(params)).fetchall()
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise
            finally:
                cur.close()

    def _read(self, sql: str, params: Sequence) -> list[tuple]:
        cur = self._catalog.cursor()
        try:
            return cur.execute(sql, list(params)).fetchall()
        finally:
            cur.close()

    def close(self) -> None:
        self._catalog.close()

    def _file(self, workspace: str, version: str) -> Path:
        name = f"{workspace}-{version}{SUFFIX}"
        if not DATA_FILE.fullmatch(name):
            raise ValueError(f"not a workspace file name: {name!r}")  # ids are made here, never typed
        return self.folder / name

    def _prepare(self, workspace: str, version: str, data: duckdb.DuckDBPyConnection) -> None:
        target = self._file(workspace, version)
        temp = self.folder / f".{target.stem}.{uuid.uuid4().hex}.tmp"
        try:
            with duckdb.connect(str(temp)) as out:
                for table, rows in data_rows(data):  # noqa: B007 (DuckDB reads `rows` by name)
                    out.execute(f"CREATE TABLE {table} AS SELECT * FROM rows")  # noqa: S608
                out.execute("CHECKPOINT")
            with open(temp, "rb") as f:
                os.fsync(f.fileno())
            os.replace(temp, target)
        finally:
            _remove(temp, temp.with_name(temp.name + ".wal"))

    def _open(self, workspace: str, version: str) -> duckdb.DuckDBPyConnection:
        return duckdb.connect(str(self._file(workspace, version)), read_only=True)

    def _discard(self, workspace: str, version: str) -> None:
        path = self._file(workspace, version)
        _remove(path, path.with_name(path.name + ".wal"))

    def _clean(self) -> None:
        """Remove what killed saves left: temporary files, and data files no catalog row points at."""
        current = {f"{w}-{v}{SUFFIX}" for w, v in self._read("SELECT id, version FROM payladder_workspaces", [])}
        for path in self.folder.iterdir():
            dead = path.name.startswith(".") and (path.name.endswith(".tmp") or path.name.endswith(".tmp.wal"))
            orphan = DATA_FILE.fullmatch(path.name) and path.name not in current
            if dead or orphan:
                log.info("workspace store: removing leftover %s", path.name)
                _remove(path)

    def _adopt(self) -> None:
        """Take workspaces saved before the catalog existed (`<name>.duckdb` with a `workspace` table) into it,
        owned by the local owner, so nothing saved earlier is lost.

        The file gets its new name as a hard link first and loses the old one only after the catalog row
        is in: a stop at any point leaves the old file to be adopted again (or, if the row went in, a
        second copy that is skipped by name)."""
        for path in sorted(self.folder.glob(f"*{SUFFIX}")):
            if path.name == "catalog.duckdb" or DATA_FILE.fullmatch(path.name):
                continue
            try:
                with duckdb.connect(str(path), read_only=True) as old:
                    name, saved_at, files = old.execute("SELECT name, saved_at, files FROM workspace").fetchone()
                    counts = table_counts(old) | {"problems": _count(old, "problems")}
            except (duckdb.Error, TypeError):
                log.warning("workspace store: %s is not a workspace PayLadder can read; left as it is", path.name)
                continue
            workspace, version = uuid.uuid4().hex, uuid.uuid4().hex
            target = self._file(workspace, version)
            os.link(path, target)
            row = {
                "id": workspace,
                "owner": LOCAL.key,
                "name": clean_name(name),
                "name_key": name_key(name),
                "version": version,
                "saved_at": str(saved_at),
                "saved_by": LOCAL.key,
                "files": str(files),
                **counts,
                "settings": "{}",
            }
            try:
                with self._transaction() as run:
                    run(
                        f"INSERT INTO payladder_workspaces ({', '.join(row)}) "  # noqa: S608 (names from code)
                        f"VALUES ({', '.join('?' * len(row))})",
                        list(row.values()),
                    )
                    run(
                        "INSERT INTO payladder_audit (happened_at, workspace_id, workspace_name, actor, action, "
                        "detail) VALUES (?, ?, ?, ?, ?, ?)",
                        [
                            now(),
                            workspace,
                            row["name"],
                            LOCAL.key,
                            "adopted",
                            f"from {path.name}, saved before workspaces had owners",
                        ],
                    )
            except duckdb.ConstraintException:
                _remove(target)  # adopted already (a stop between the row and the unlink)
            path.unlink()


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    present = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] if table in present else 0  # noqa: S608


def _remove(*paths: Path) -> None:
    for path in paths:
        path.unlink(missing_ok=True)
