"""The shared workspace store: PostgreSQL (PAYLADDER_STORE=postgresql://...), for several PayLadder servers.

The catalog (workspaces, sharing, the audit trail) is the same as the file store's; a workspace's
data is one row per table in `payladder_data`, each table as Parquet bytes written from Arrow. A
save is one transaction (the data rows and the catalog row together), so a server killed in the
middle of one leaves the previous version as it was; opening a workspace reads its Parquet into an
in-memory DuckDB, where the analyses run. Deleting a workspace deletes its rows in the same
transaction (PostgreSQL reclaims their space at its next vacuum of the table).

Each operation takes its own connection (`application_name` payladder), so sessions on any thread
and any server never share one. The schema is created on first use under an advisory lock, so two
servers starting at once do not race.
"""

from __future__ import annotations

import contextlib
import io
import logging
from collections.abc import Iterator, Sequence

import duckdb
import psycopg
import pyarrow.parquet as pq

from analytics.yourdata.read import ImportProblem
from analytics.yourdata.store import CATALOG, Run, Store, data_rows

DATA = """CREATE TABLE IF NOT EXISTS payladder_data (
    workspace_id VARCHAR NOT NULL, version VARCHAR NOT NULL, table_name VARCHAR NOT NULL, parquet BYTEA NOT NULL,
    PRIMARY KEY (workspace_id, table_name))"""
log = logging.getLogger("payladder")
SCHEMA_LOCK = 7_402_019  # any fixed number: the advisory lock that makes schema creation one at a time


class PostgresStore(Store):
    """Workspaces in PostgreSQL: catalog tables and one Parquet row per data table."""

    _duplicate = psycopg.errors.UniqueViolation
    _for_update = " FOR UPDATE"

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            with self._transaction() as run:
                run("SELECT pg_advisory_xact_lock(?)", [SCHEMA_LOCK])
                for statement in [*CATALOG, DATA]:
                    run(statement, [])
        except psycopg.OperationalError as error:
            log.error("workspace store: %s", error)
            raise ImportProblem(
                "The shared workspace store (PAYLADDER_STORE, PostgreSQL) cannot be reached; the server's log says "
                "why. Saved workspaces are safe there."
            ) from None

    def _connect(self) -> psycopg.Connection:
        return psycopg.connect(self.url, application_name="payladder", connect_timeout=10)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[Run]:
        with self._connect() as con, con.transaction(), con.cursor() as cur:

            def run(sql: str, params: Sequence) -> list[tuple]:
                cur.execute(_pg(sql), list(params))
                return cur.fetchall() if cur.description else []

            yield run

    def _read(self, sql: str, params: Sequence) -> list[tuple]:
        with self._connect() as con, con.cursor() as cur:
            cur.execute(_pg(sql), list(params))
            return cur.fetchall()

    def _prepare(self, workspace: str, version: str, data: duckdb.DuckDBPyConnection) -> list[tuple]:
        payload = []
        for table, rows in data_rows(data):
            buffer = io.BytesIO()
            pq.write_table(rows.read_all(), buffer)
            payload.append((workspace, version, table, buffer.getvalue()))
        return payload

    def _put(self, run: Run, workspace: str, payload: list[tuple]) -> None:
        run("DELETE FROM payladder_data WHERE workspace_id = ?", [workspace])
        for row in payload:
            run("INSERT INTO payladder_data (workspace_id, version, table_name, parquet) VALUES (?, ?, ?, ?)", row)

    def _open(self, workspace: str, version: str) -> duckdb.DuckDBPyConnection:
        rows = self._read(
            "SELECT table_name, parquet FROM payladder_data WHERE workspace_id = ? AND version = ?",
            [workspace, version],
        )
        if not rows:
            raise ValueError("that version was replaced")  # Store.open reads the new one
        con = duckdb.connect()
        for table, parquet in rows:
            arrow = pq.read_table(io.BytesIO(parquet))  # noqa: F841 (DuckDB reads it by name)
            con.execute(f"CREATE TABLE {table} AS SELECT * FROM arrow")  # noqa: S608 (names from TABLES)
        return con

    def _erase(self, run: Run, workspace: str) -> None:
        run("DELETE FROM payladder_data WHERE workspace_id = ?", [workspace])


def _pg(sql: str) -> str:
    """The catalog's SQL, written with `?` placeholders, in psycopg's `%s` style."""
    return sql.replace("%", "%%").replace("?", "%s")
