"""The import in one call: read, map (the guess plus corrections), validate; for tests, bench and the page.

`new_connection` makes the in-memory DuckDB an import works in, with a memory cap so that a
large file spills to a temporary folder of its own (see `analytics.yourdata.scratch`) instead of
exhausting the machine. `import_file`
runs one file through read → mapping → validation and returns everything the page shows.
Bands must be imported before people, since people are matched to the valid bands.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb

from analytics.yourdata import queries, read, scratch
from analytics.yourdata.columns import apply_corrections, check_mapping, guess_kind, guess_mapping
from analytics.yourdata.read import ImportProblem, RawTable, read_file
from analytics.yourdata.validate import Checked, validate

MEMORY_LIMIT = "256MB"
"""DuckDB's memory cap for one import; past it, DuckDB spills to a temporary directory."""


@dataclass
class Imported:
    """One file through the import: what was read, the mapping used and the validation outcome."""

    raw: RawTable
    kind: str
    mapping: dict[str, int | None]
    checked: Checked


def new_connection(spill: Path | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB for one import, capped at MEMORY_LIMIT, spilling to the folder `spill`.

    DuckDB makes the folder only when it spills and removes it when the connection closes; without
    `spill`, a new one in this process's temporary folder (removed when the process exits)."""
    spill = spill or scratch.process_folder() / f"spill-{uuid.uuid4().hex}"
    con = duckdb.connect(config={"memory_limit": MEMORY_LIMIT, "temp_directory": str(spill), "threads": 2})
    con.execute("SET enable_progress_bar = false")
    return con


def import_file(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    filename: str | None = None,
    kind: str | None = None,
    corrections: dict[str, int | None] | None = None,
    decimal: str = ".",
    default_currency: str | None = None,
) -> Imported:
    """Read, map and validate one file on con; raise ImportProblem with a message if it cannot."""
    table = f"raw_{kind}" if kind else "raw_upload"
    raw = read_file(con, path, table, filename)
    kind = kind or guess_kind(raw.headers)
    mapping = apply_corrections(guess_mapping(raw.headers, kind), corrections or {}, kind, len(raw.headers))
    missing = check_mapping(mapping, kind, default_currency)
    if missing:
        raise ImportProblem(f"{raw.filename}: " + " ".join(missing))
    checked = validate(con, raw, mapping, kind, decimal, default_currency)
    ensure_tables(con)
    return Imported(raw, kind, mapping, checked)


def store_upload(data: bytes | memoryview, filename: str, size: int, folder: Path) -> Path:
    """Write an uploaded file to folder under a generated name (readable by this user only), refusing it by
    its size before writing."""
    limit = read.MAX_XLSX_BYTES if filename.lower().endswith(".xlsx") else read.MAX_BYTES
    if size > limit:
        raise ImportProblem(f"{read.visible(filename)} is {read._mib(size)}; the limit is {read._mib(limit)}.")
    suffix = ".xlsx" if filename.lower().endswith(".xlsx") else ".csv"
    path = Path(folder) / f"upload-{uuid.uuid4().hex}{suffix}"
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600), "wb") as f:
        f.write(data)
    return path


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create empty bands and people tables where an import made none, so every analysis can run."""
    present = queries.table_names(con)
    if "bands" not in present:
        queries.create_empty_bands(con)
    if "people" not in present:
        queries.create_empty_people(con)
