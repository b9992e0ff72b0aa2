"""Amounts restated in today's dollars with the US consumer price index (CPI-U).

`to_todays_dollars` restates an amount of a given year in dollars of the latest CPI month as
amount x CPI(latest month) / CPI(annual average of its year); `factor_for_year` is the same
rule as a pure function over the two CPI values. The index is BLS's CPI-U, all items, US city
average, as `analytics.realterms.ingest.load_cpi` stored it in the warehouse.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import duckdb
import pandas as pd

from analytics.realterms.queries import cpi_annual_averages, latest_cpi


class Adjustment(NamedTuple):
    """An amount restated in dollars of the latest CPI month; None fields when not adjusted."""

    adjusted: float | None
    factor: float | None
    cpi_then: float | None
    cpi_now: float | None
    note: str


def latest_cpi_month(con: duckdb.DuckDBPyConnection) -> tuple[dt.date, float]:
    """The latest month in the ingested CPI-U and its index value."""
    row = latest_cpi(con)
    return row["latest_month"].iloc[0].date(), float(row["latest_value"].iloc[0])


def latest_label(month: dt.date) -> str:
    """'August 2026': how the adjusted dollars are named on a page."""
    return month.strftime("%B %Y")


def factor_for_year(year: int | None, annual: dict[int, float], latest: tuple[dt.date, float]) -> Adjustment:
    """The adjustment of a 1-dollar amount of `year`: a pure function over the two CPI values."""
    month, now = latest
    dollars = f"dollars of {latest_label(month)}"
    if year is None or pd.isna(year):
        return Adjustment(None, None, None, now, f"No year given: shown as reported, not in {dollars}.")
    year = int(year)
    then = annual.get(year)
    if then is None:
        why = (
            f"the CPI-U annual average for {year} is not published yet (data to {latest_label(month)})"
            if year >= month.year
            else f"the CPI-U has no annual average for {year}"
        )
        return Adjustment(None, None, None, now, f"Not adjusted: {why}.")
    factor = now / then
    return Adjustment(
        factor,
        factor,
        then,
        now,
        f"{year} dollars x CPI-U {latest_label(month)} ({now:g}) / CPI-U {year} "
        f"annual average ({then:g}) = x{factor:.4f}, in {dollars}.",
    )


def to_todays_dollars(con: duckdb.DuckDBPyConnection, amount: float | None, year: int | None) -> Adjustment:
    """Restate an amount of `year` in dollars of the latest CPI month; figures without a year stay as reported."""
    annual = dict(cpi_annual_averages(con).itertuples(index=False, name=None))
    base = factor_for_year(year, annual, latest_cpi_month(con))
    if base.factor is None or amount is None or pd.isna(amount):
        return base._replace(adjusted=None)
    # amount x CPI now / CPI then, in that order, so the figure matches the formula as written.
    return base._replace(adjusted=float(amount) * base.cpi_now / base.cpi_then)
