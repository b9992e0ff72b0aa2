"""Where the warehouse lives and how the app reads it.

The warehouse is one DuckDB file built from `data/` by `analytics.build`. The app only ever
opens it read-only, and runs every query on its own cursor, because a DuckDB connection is
not safe to share between Streamlit's session threads.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
WAREHOUSE_ENV = "PAYLADDER_WAREHOUSE"


def warehouse_path() -> Path:
    """The warehouse file: $PAYLADDER_WAREHOUSE, or data/payladder.duckdb."""
    return Path(os.environ.get(WAREHOUSE_ENV) or DATA_DIR / "payladder.duckdb")


def connect(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """Open the warehouse read-only."""
    return duckdb.connect(str(path or warehouse_path()), read_only=True)


def query(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence | dict = ()) -> pd.DataFrame:
    """Run one parameterised query on a fresh cursor and return its rows."""
    cur = con.cursor()
    try:
        return cur.execute(sql, params).df()
    finally:
        cur.close()
