"""A frame of money as reported, or in today's dollars: the step `MoneyView.apply` takes for every page.

`adjust_frame` keeps each reported amount and puts its adjusted amount right beside it, with
the factor and the two CPI-U values used, so a table, a hover or a CSV download carries both.
A row without a year (or whose year has no CPI-U annual average yet) keeps a blank adjusted
amount and a note that says why: nothing is adjusted silently or guessed.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from analytics.realterms.cpi import factor_for_year, latest_cpi_month, latest_label
from analytics.realterms.queries import cpi_annual_averages

REPORTED = "reported"
TODAY = "today"
MODES = (REPORTED, TODAY)
ADDED = ("factor", "cpi_then", "cpi_now", "adjustment")


def mode_labels(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """The switch's two options in words: 'As reported' and 'In dollars of <latest CPI month>'."""
    month, _ = latest_cpi_month(con)
    return {REPORTED: "As reported", TODAY: f"In dollars of {latest_label(month)}"}


def adjust_frame(
    con: duckdb.DuckDBPyConnection,
    frame: pd.DataFrame,
    mode: str = TODAY,
    amounts: str | list[str] = "amount_usd",
    year: str = "year",
) -> pd.DataFrame:
    """Add `<amount>_adjusted` beside each amount column, then factor, cpi_then, cpi_now and a note.

    mode "reported" returns an unchanged copy. Adjusted = amount x cpi_now / cpi_then, where
    cpi_then is the CPI-U annual average of the row's year and cpi_now the latest month.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    out = frame.copy()
    if mode == REPORTED:
        return out
    columns = [amounts] if isinstance(amounts, str) else list(amounts)
    missing = [c for c in (*columns, year) if c not in out.columns]
    if missing:
        raise ValueError(f"frame has no column(s) {', '.join(missing)}")
    annual = dict(cpi_annual_averages(con).itertuples(index=False, name=None))
    latest = latest_cpi_month(con)
    keys = [None if pd.isna(y) else int(y) for y in out[year]]
    found = {key: factor_for_year(key, annual, latest) for key in set(keys)}
    per_row = [found[key] for key in keys]
    for column in reversed(columns):
        adjusted = [
            None if a.factor is None or pd.isna(v) else float(v) * a.cpi_now / a.cpi_then
            for v, a in zip(out[column], per_row, strict=True)
        ]
        out.insert(out.columns.get_loc(column) + 1, f"{column}_adjusted", pd.array(adjusted, dtype="Float64"))
    for name, pick in (
        ("factor", lambda a: a.factor),
        ("cpi_then", lambda a: a.cpi_then),
        ("cpi_now", lambda a: a.cpi_now),
    ):
        out[name] = pd.array([pick(a) for a in per_row], dtype="Float64")
    out["adjustment"] = [a.note for a in per_row]
    return out


def hover_text(row: pd.Series, amount: str = "amount_usd") -> str:
    """'$204,989 in dollars of August 2026 (reported $150,000 in 2017, x1.3666)' or the reason it is not adjusted."""
    adjusted = row.get(f"{amount}_adjusted")
    if adjusted is None or pd.isna(adjusted):
        return f"${row[amount]:,.0f} as reported. {row['adjustment']}"
    return f"${adjusted:,.0f} ({row['adjustment']} Reported: ${row[amount]:,.0f}.)"
