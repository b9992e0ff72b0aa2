"""Loading US consumer prices (CPI-U) into the warehouse at build time.

The data is the BLS Consumer Price Index for All Urban Consumers, all items, US city average,
not seasonally adjusted (series CUUR0000SA0), as shipped in the `cpi.db` SQLite file inside
the PyPI package `cpi` (2.1.0). The package's own code is never imported: importing it checks
the data's age, warns, and downloads a new file when the database is missing. `load_cpi`
copies the monthly values and BLS's annual averages into table `cpi_u` (with a one-row
`cpi_release`); `cpi_fingerprint` tells the build when the package's data changed.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import sqlite3
from pathlib import Path

import duckdb
import pandas as pd

PACKAGE = "cpi"
SERIES_ID = "CUUR0000SA0"
SERIES_TITLE = "All items in U.S. city average, all urban consumers, not seasonally adjusted"
SOURCE_ID = "bls_cpi_u"
ANNUAL_PERIOD = "M13"  # BLS period code of the annual average


def cpi_db_path() -> Path | None:
    """The installed package's cpi.db, found without running the package's code; None if absent."""
    spec = importlib.util.find_spec(PACKAGE)  # a top-level name: finds, does not import
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "cpi.db"
    return path if path.is_file() else None


def cpi_fingerprint() -> str | None:
    """The package version and the sha256 of its cpi.db, or None when it is not installed."""
    path = cpi_db_path()
    if path is None:
        return None
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return f"{PACKAGE} {importlib.metadata.version(PACKAGE)}:{digest}"


def read_series(path: Path, series_id: str = SERIES_ID) -> tuple[str, list[tuple[int, str, float]]]:
    """The series title and its (year, period, value) rows, read straight from cpi.db."""
    # immutable=1: the file sits in site-packages and is only ever read; no lock files.
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        title = con.execute("SELECT title FROM series WHERE id = ?", [series_id]).fetchone()
        rows = con.execute(
            "SELECT year, period, value FROM indexes WHERE series = ? ORDER BY year, period", [series_id]
        ).fetchall()
    finally:
        con.close()
    if title is None or not rows:
        raise ValueError(f"{path.name} has no series {series_id}")
    return title[0], rows


def load_cpi(con: duckdb.DuckDBPyConnection) -> int:
    """Create tables cpi_u (monthly and annual-average index values) and cpi_release; return cpi_u's rows."""
    path = cpi_db_path()
    if path is None:
        raise FileNotFoundError("the PyPI package cpi (2.1.0) is not installed")
    title, rows = read_series(path)
    if title != SERIES_TITLE:
        raise ValueError(f"series {SERIES_ID} is titled {title!r}, expected {SERIES_TITLE!r}")
    frame = pd.DataFrame(rows, columns=["year", "period", "value"])
    unknown = sorted(set(frame["period"]) - {f"M{m:02d}" for m in range(1, 14)})
    if unknown:
        raise ValueError(f"unexpected CPI periods {unknown}")
    con.register("cpi_src", frame)
    try:
        con.execute(
            """
            CREATE OR REPLACE TABLE cpi_u AS
            SELECT CAST(year AS INTEGER) AS year, period,
                   CASE WHEN period = $annual THEN 'annual average' ELSE 'monthly' END AS kind,
                   CASE WHEN period <> $annual
                        THEN make_date(CAST(year AS INTEGER), CAST(period[2:] AS INTEGER), 1) END AS month,
                   CAST(value AS DOUBLE) AS value
            FROM cpi_src ORDER BY year, period""",
            {"annual": ANNUAL_PERIOD},
        )
    finally:
        con.unregister("cpi_src")
    con.execute(
        """
        CREATE OR REPLACE TABLE cpi_release AS
        SELECT ? AS series_id, ? AS title, ? AS source_id, ? AS fingerprint,
               max(month) AS latest_month, arg_max(value, month) AS latest_value,
               min(year) AS first_year, max(year) FILTER (kind = 'annual average') AS last_annual_year
        FROM cpi_u""",
        [SERIES_ID, title, SOURCE_ID, cpi_fingerprint()],
    )
    return len(frame)
