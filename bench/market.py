"""Benchmarks of the Market page's queries, each against a baseline measured in the same run.

`market_rows(con)` (imported by bench/run.py) times every query the Market page runs for its default
view (Marketing Managers, national, all industries): cold, as the first call on a freshly opened
read-only connection, and warm, on an open one. Baselines: the same cell read straight from the
release's gzipped SQLite file with sqlite3 (what the page would do without the warehouse); the
warm queries over an unsorted copy of market_value (a full scan, where the build's occupation sort
lets DuckDB skip row groups); and a Streamlit cache hit (`ui.load`) against the query itself.
"""

from __future__ import annotations

import gzip
import json
import logging
import sqlite3
import statistics
import time
from collections.abc import Callable
from importlib import resources

import duckdb

from analytics.db import connect, warehouse_path
from analytics.format import MARKET
from analytics.market import queries as mq
from analytics.market.ingest import ALL_INDUSTRIES, NATIONAL, PACKAGE
from analytics.roles import queries
from bench.timing import median_ms

OCCUPATION = "11-2021"
# The page's queries for its default view, in the order it runs them.
PAGE_QUERIES: list[tuple[str, Callable, tuple]] = [
    ("occupations", mq.occupations, ()),
    ("areas", mq.areas, ()),
    ("industries", mq.industries, ()),
    ("industry_spread", mq.industry_spread, (OCCUPATION,)),
    ("occupation_percentiles", mq.occupation_percentiles, (OCCUPATION, NATIONAL, ALL_INDUSTRIES)),
    ("occupation_roles", mq.occupation_roles, (OCCUPATION,)),
    ("role_ranges (mapped roles)", queries.role_ranges, (["Product Manager"], [MARKET, "Amazon"])),
    ("cell_reliability", mq.cell_reliability, (OCCUPATION, NATIONAL, ALL_INDUSTRIES)),
    ("state_percentile_map", mq.state_percentile_map, (OCCUPATION, "annual_p50")),
    ("metro_extremes", mq.metro_extremes, (OCCUPATION, "annual_p50", 10, False)),
]
# Tables the market queries read, copied as they are next to the shuffled market_value.
SMALL_TABLES = ("market_area", "market_industry", "market_occupation", "occupation_map", "roles")
CELL_KEY = "OEUN" + NATIONAL + ALL_INDUSTRIES + OCCUPATION.replace("-", "")


def _cold_ms(fn: Callable, args: tuple, repeat: int = 3) -> float:
    """Median time of the first call on a freshly opened read-only connection (opening not counted)."""
    runs = []
    for _ in range(repeat):
        with connect(warehouse_path()) as fresh:
            start = time.perf_counter()
            fn(fresh, *args)
            runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def _sqlite_release() -> bytes:
    manifest = json.loads((resources.files(PACKAGE) / "data" / "manifest.json").read_text())
    return (resources.files(PACKAGE) / "data" / manifest["file"]).read_bytes()


def _sqlite_cell(db: sqlite3.Connection) -> list[tuple]:
    """The cell's employment and annual 10th-90th percentiles, by primary key (as text, as stored)."""
    return db.execute("SELECT v01, v11, v12, v13, v14, v15 FROM cell WHERE key = ?", [CELL_KEY]).fetchall()


def _sqlite_cold(packed: bytes) -> list[tuple]:
    db = sqlite3.connect(":memory:")
    db.deserialize(gzip.decompress(packed))
    try:
        return _sqlite_cell(db)
    finally:
        db.close()


def _shuffled_copy() -> duckdb.DuckDBPyConnection:
    """An in-memory warehouse whose market_value holds the same rows in hashed (unclustered) order."""
    mem = duckdb.connect()
    mem.execute("ATTACH ? AS wh (READ_ONLY)", [str(warehouse_path())])
    for table in SMALL_TABLES:
        mem.execute(f"CREATE TABLE {table} AS SELECT * FROM wh.{table}")  # noqa: S608 (constant names)
    mem.execute(
        "CREATE TABLE market_value AS SELECT * FROM wh.market_value "
        "ORDER BY hash(area_code, industry_code, occupation_code, measure)"
    )
    mem.execute("DETACH wh")
    return mem


def _cache_hit_ms(fn: Callable, args: tuple) -> float:
    """Time of `ui.load` once its Streamlit cache holds the result (bare mode, no server)."""
    logging.disable(logging.WARNING)  # Streamlit warns that it has no server: that is the point here
    try:
        from analytics import ui

        ui.load(fn, *args)
        return median_ms(lambda: ui.load(fn, *args), 50)
    finally:
        logging.disable(logging.NOTSET)


def market_rows(con: duckdb.DuckDBPyConnection, repeat: int = 7) -> list[tuple[str, str, float, str, float]]:
    """Rows (case, measured, ms, baseline, baseline ms) for bench/run.py's table."""
    rows: list[tuple[str, str, float, str, float]] = []
    warm, cold = {}, {}
    for name, fn, args in PAGE_QUERIES:
        warm[name] = median_ms(lambda fn=fn, args=args: fn(con, *args), repeat)
        cold[name] = _cold_ms(fn, args)
        rows.append((f"market {name}", "cold: fresh connection", cold[name], "warm: open connection", warm[name]))
    rows.append(
        (
            f"market page, all {len(PAGE_QUERIES)} queries",
            "cold, summed",
            sum(cold.values()),
            "warm, summed",
            sum(warm.values()),
        )
    )

    packed = _sqlite_release()
    percentiles = mq.occupation_percentiles
    cell_args = (OCCUPATION, NATIONAL, ALL_INDUSTRIES)
    rows.append(
        (
            "one cell, cold",
            "DuckDB fresh connection",
            _cold_ms(percentiles, cell_args),
            "sqlite3 from the .gz file",
            median_ms(lambda: _sqlite_cold(packed), 3),
        )
    )
    sqlite_db = sqlite3.connect(":memory:")
    sqlite_db.deserialize(gzip.decompress(packed))
    rows.append(
        (
            "one cell, warm",
            "occupation_percentiles",
            warm["occupation_percentiles"],
            "sqlite3 in memory, by key",
            median_ms(lambda: _sqlite_cell(sqlite_db), 50),
        )
    )
    sqlite_db.close()

    shuffled = _shuffled_copy()
    for name, fn, args in PAGE_QUERIES:
        if fn in (mq.occupations, mq.areas, mq.industries, mq.occupation_roles, queries.role_ranges):
            continue  # these do not read market_value
        full_scan = median_ms(lambda fn=fn, args=args: fn(shuffled, *args), repeat)
        rows.append(
            (f"market {name}, warm", "occupation-sorted table", warm[name], "unsorted copy (full scan)", full_scan)
        )
    shuffled.close()

    rows.append(
        (
            "occupation_percentiles via ui.load",
            "st.cache_data hit",
            _cache_hit_ms(percentiles, cell_args),
            "the query, warm",
            warm["occupation_percentiles"],
        )
    )
    return rows


if __name__ == "__main__":
    for row in market_rows(connect(warehouse_path())):
        print(f"{row[0]:38} {row[1]:28} {row[2]:9.2f}   {row[3]:28} {row[4]:9.2f}")
