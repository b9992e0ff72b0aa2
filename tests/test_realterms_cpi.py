"""CPI-U ingest and today's dollars, checked against cpi.db read directly in the test.

Expected values were read from `cpi.db` in the PyPI package cpi 2.1.0 (table `indexes`, series
CUUR0000SA0): 2017 annual average 245.120, August 2026 334.980, no October 2025 value.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from analytics import build as build_module
from analytics.build import build, stored_hash
from analytics.db import DATA_DIR
from analytics.realterms import adjust_frame, mode_labels
from analytics.realterms.cpi import latest_cpi_month, to_todays_dollars


def cpi_db() -> sqlite3.Connection:
    """cpi.db opened from the installed package's folder, independently of analytics.realterms."""
    folder = Path(next(iter(importlib.util.find_spec("cpi").submodule_search_locations)))
    return sqlite3.connect(f"{(folder / 'cpi.db').as_uri()}?mode=ro&immutable=1", uri=True)


def raw_value(year: int, period: str) -> float:
    with cpi_db() as con:
        return con.execute(
            "SELECT value FROM indexes WHERE series = 'CUUR0000SA0' AND year = ? AND period = ?", [year, period]
        ).fetchone()[0]


def raw_latest() -> tuple[int, str, float]:
    with cpi_db() as con:
        return con.execute(
            "SELECT year, period, value FROM indexes WHERE series = 'CUUR0000SA0' "
            "AND period <> 'M13' ORDER BY year DESC, period DESC LIMIT 1"
        ).fetchone()


@pytest.fixture(scope="module")
def warehouse(reference_con):
    return reference_con


def test_ingested_values_match_cpi_db(warehouse):
    rows = warehouse.execute("SELECT year, period, value FROM cpi_u ORDER BY year, period").fetchall()
    with cpi_db() as con:
        raw = con.execute(
            "SELECT year, period, value FROM indexes WHERE series = 'CUUR0000SA0' ORDER BY year, period"
        ).fetchall()
    assert rows == raw
    assert len(rows) == 1476
    assert raw_value(2017, "M13") == 245.12
    assert warehouse.execute("SELECT count(*) FROM cpi_u WHERE year = 2025 AND period = 'M10'").fetchone() == (0,)


def test_latest_month_is_august_2026(warehouse):
    assert raw_latest() == (2026, "M08", 334.98)
    assert latest_cpi_month(warehouse) == (dt.date(2026, 8, 1), 334.98)
    assert mode_labels(warehouse) == {"reported": "As reported", "today": "In dollars of August 2026"}


def test_2017_figure_in_todays_dollars(warehouse):
    then = warehouse.execute("SELECT value FROM cpi_u WHERE year = 2017 AND kind = 'annual average'").fetchone()[0]
    now = warehouse.execute("SELECT value FROM cpi_u WHERE month = DATE '2026-08-01'").fetchone()[0]
    assert (then, now) == (raw_value(2017, "M13"), raw_latest()[2]) == (245.12, 334.98)
    result = to_todays_dollars(warehouse, 150_000, 2017)
    assert result.adjusted == 150_000 * now / then == 150_000 * 334.98 / 245.12
    assert result.factor == 334.98 / 245.12
    assert (result.cpi_then, result.cpi_now) == (245.12, 334.98)
    assert round(result.adjusted, 2) == 204_989.39


@pytest.mark.parametrize(
    ("year", "reason"),
    [
        (None, "No year given: shown as reported, not in dollars of August 2026."),
        (2026, "Not adjusted: the CPI-U annual average for 2026 is not published yet (data to August 2026)."),
        (1900, "Not adjusted: the CPI-U has no annual average for 1900."),
    ],
)
def test_figures_without_an_annual_average_are_not_adjusted(warehouse, year, reason):
    result = to_todays_dollars(warehouse, 100_000, year)
    assert (result.adjusted, result.factor, result.cpi_then, result.note) == (None, None, None, reason)


def test_adjust_frame_keeps_the_reported_amount_beside_the_adjusted_one(warehouse):
    frame = pd.DataFrame(
        {
            "role": ["a", "b", "c"],
            "min_usd": [100_000.0, 50_000.0, None],
            "max_usd": [200_000.0, 80_000.0, 90_000.0],
            "year": pd.array([2017, None, 2022], dtype="Int64"),
        }
    )
    out = adjust_frame(warehouse, frame, "today", ["min_usd", "max_usd"])
    assert list(out.columns) == [
        "role",
        "min_usd",
        "min_usd_adjusted",
        "max_usd",
        "max_usd_adjusted",
        "year",
        "factor",
        "cpi_then",
        "cpi_now",
        "adjustment",
    ]
    cpi_2022 = raw_value(2022, "M13")
    assert cpi_2022 == 292.655
    assert out["min_usd_adjusted"].tolist() == [100_000.0 * 334.98 / 245.12, pd.NA, pd.NA]
    assert out["max_usd_adjusted"].tolist() == [200_000.0 * 334.98 / 245.12, pd.NA, 90_000.0 * 334.98 / cpi_2022]
    assert out["cpi_then"].tolist() == [245.12, pd.NA, 292.655]
    assert out["cpi_now"].tolist() == [334.98] * 3
    assert out["adjustment"][1] == "No year given: shown as reported, not in dollars of August 2026."
    assert out[["min_usd", "max_usd"]].equals(frame[["min_usd", "max_usd"]])
    assert adjust_frame(warehouse, frame, "reported", ["min_usd"]).equals(frame)
    with pytest.raises(ValueError, match="mode must be one of"):
        adjust_frame(warehouse, frame, "tomorrow")


def test_build_is_incremental_and_follows_the_cpi_release(tmp_path, monkeypatch):
    target = tmp_path / "w.duckdb"
    assert build(DATA_DIR, target, market=False) is True
    first = stored_hash(target)
    assert build(DATA_DIR, target, market=False) is False  # nothing changed
    monkeypatch.setattr(build_module, "cpi_fingerprint", lambda: "cpi 9.9.9:another-release")
    monkeypatch.setattr(build_module, "load_cpi", lambda con: 0)
    assert build(DATA_DIR, target, market=False) is True  # a new CPI file rebuilds
    assert stored_hash(target) != first
    builds = [p.name for p in tmp_path.iterdir() if p.name.startswith("w-")]
    assert builds == [target.resolve().name]  # the old build and every temporary file are gone
    assert not list(tmp_path.glob("*.tmp-*"))


def test_payroll_constants_are_loaded(warehouse):
    rows = warehouse.execute(
        "SELECT tax_year, wage_base FROM payroll_taxes WHERE tax = 'social_security' ORDER BY tax_year"
    ).fetchall()
    assert rows == [(2024, 168_600.0), (2025, 176_100.0), (2026, 184_500.0)]
