"""Where the warehouse lives, how a build is checked, and how the app reads it.

The warehouse is a DuckDB file built from `data/` by `analytics.build`. Each build writes a new
file named after the SHA-256 of its own bytes (`payladder-<16 hex>.duckdb`) and then atomically
swaps a symlink, `data/payladder.duckdb` (or `$PAYLADDER_WAREHOUSE`), to point at it. The name
is new for every build because DuckDB hands a process the database it already has open for a
path: a running server that opens the new name gets the new build, while sessions still using
the old file (deleted, but open) keep working on it. The name doubles as a checksum, so
`check_warehouse` notices a truncated, overwritten or otherwise damaged file before any query
runs. The app only ever opens a build read-only, and runs every query on its own cursor,
because a DuckDB connection is not safe to share between Streamlit's session threads. A query's
rows come back as a frame (`query`); `records` turns a frame into plain rows for code that walks them
one by one, where pandas' cost per operation would dominate.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
WAREHOUSE_ENV = "PAYLADDER_WAREHOUSE"
DIGEST_CHARS = 16  # of the file's SHA-256 in a build's name: 64 bits, plenty against accidents
FIX = "run `make run` or `make warehouse`"
USER_MESSAGE = f"The data warehouse is missing or damaged, so there is nothing to show. To rebuild it, {FIX}."


class WarehouseError(Exception):
    """The warehouse is missing, unreadable or damaged; the message is for the server's log."""


@dataclass(frozen=True)
class WarehouseInfo:
    """A checked build: its file and what it was built from."""

    path: Path
    data_hash: str
    market_fingerprint: str | None


def warehouse_path() -> Path:
    """The warehouse pointer: $PAYLADDER_WAREHOUSE, or data/payladder.duckdb (a symlink to the current build)."""
    return Path(os.environ.get(WAREHOUSE_ENV) or DATA_DIR / "payladder.duckdb")


def build_name(pointer: Path, digest: str) -> Path:
    """Where a build whose bytes hash to `digest` lives, beside its pointer."""
    return pointer.with_name(f"{pointer.stem}-{digest[:DIGEST_CHARS]}{pointer.suffix}")


def build_files(pointer: Path) -> list[Path]:
    """Every build file beside this pointer, current or not."""
    pattern = re.compile(rf"{re.escape(pointer.stem)}-[0-9a-f]{{{DIGEST_CHARS}}}{re.escape(pointer.suffix)}")
    return sorted(p for p in pointer.parent.glob(f"{pointer.stem}-*{pointer.suffix}") if pattern.fullmatch(p.name))


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes, in hex."""
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def current_warehouse(pointer: Path | None = None) -> Path:
    """The build file the pointer names now (the pointer itself when it is a plain file)."""
    pointer = pointer or warehouse_path()
    try:
        return pointer.resolve(strict=True)
    except (OSError, RuntimeError) as e:
        raise WarehouseError(f"{pointer}: no warehouse ({e})") from e


def open_warehouse(path: Path) -> tuple[duckdb.DuckDBPyConnection, WarehouseInfo]:
    """Check a build file and open it read-only: its bytes against its name, then its build_info row."""
    expected = re.search(rf"-([0-9a-f]{{{DIGEST_CHARS}}}){re.escape(path.suffix)}$", path.name)
    try:
        if expected and file_digest(path)[:DIGEST_CHARS] != expected[1]:
            raise WarehouseError(f"{path}: damaged (its bytes no longer match the checksum in its name)")
        con = duckdb.connect(str(path), read_only=True)
    except OSError as e:
        raise WarehouseError(f"{path}: unreadable ({e})") from e
    except duckdb.Error as e:
        raise WarehouseError(f"{path}: not a readable DuckDB file ({e})") from e
    try:
        row = con.execute("SELECT data_hash, market_fingerprint FROM build_info").fetchone()
    except duckdb.Error as e:
        con.close()
        raise WarehouseError(f"{path}: incomplete ({e})") from e
    if row is None:
        con.close()
        raise WarehouseError(f"{path}: build_info is empty")
    return con, WarehouseInfo(path, row[0], row[1])


def check_warehouse(path: Path | None = None) -> WarehouseInfo:
    """Check the current (or a given) build without keeping it open; raise WarehouseError if unusable."""
    con, info = open_warehouse(path or current_warehouse())
    con.close()
    return info


def connect(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """Open the warehouse read-only (no checks: for tests, benchmarks and scripts)."""
    return duckdb.connect(str(path or warehouse_path()), read_only=True)


def query(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence | dict = ()) -> pd.DataFrame:
    """Run one parameterised query on a fresh cursor and return its rows."""
    cur = con.cursor()
    try:
        return cur.execute(sql, params).df()
    finally:
        cur.close()


def records(frame: pd.DataFrame) -> list[dict]:
    """The frame's rows as dicts holding the values itertuples gives (to_dict("records") turns pd.NA into None,
    which changes the dtype of a column built from them, and "<NA>" in a text into "None")."""
    columns = list(frame.columns)
    return [dict(zip(columns, values, strict=True)) for values in zip(*(frame[c] for c in columns), strict=True)]
