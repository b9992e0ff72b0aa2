"""Career paths tables: each role's reported pay as one short line for a node label and as table rows.

Pure pandas over analytics.roles.queries.role_ranges and role_single_figures frames (money view
applied by the page): a role's pay is its reported ranges, market-wide first, or else its single
reported figures (medians, averages), each with its year and source; never a figure of our own. The
columns of the pay rows and of the paths are described once here (analytics.columns) for the screen and files.
"""

from __future__ import annotations

import pandas as pd

from analytics.columns import FLAG, MONEY, Column, Table, common, table
from analytics.format import MARKET, STATISTIC_LABELS, money, short_money
from analytics.realterms.view import MoneyView

NO_PAY = "no pay figure in the sources"
PAY_ROW_COLUMNS = ["role", "where", "figure", "pay", "year", "source_title"]


def _ranges_of(ranges: pd.DataFrame, role: str) -> pd.DataFrame:
    rows = ranges[ranges["role"] == role]
    return rows.sort_values("company", key=lambda c: c != MARKET, kind="stable")


def _where(company: object, level: object) -> str:
    return " ".join(p for p in (company, level) if isinstance(p, str))


def role_pay_label(ranges: pd.DataFrame, figures: pd.DataFrame, role: str) -> str:
    """A role's pay in two short lines for its node ("$50K–$80K base", "$556K median<br>Google L7"); "" if none."""
    rows = _ranges_of(ranges, role)
    if not rows.empty:
        r = rows.iloc[0]
        where = "" if r.company == MARKET else f"<br>{r.company}"
        return (
            f"{short_money(r.min_usd)}–{short_money(r.max_usd)}{'+' if r.max_is_lower_bound else ''} "
            f"{r.component}{where}"
        )
    singles = figures[figures["role"] == role]
    if singles.empty:
        return ""
    f = singles.iloc[0]
    return (
        f"{short_money(f.annual_usd)} {STATISTIC_LABELS.get(f.statistic, f.statistic).lower()}<br>"
        f"{_where(f.company, f.level)}"
    )


def role_pay_rows(ranges: pd.DataFrame, figures: pd.DataFrame, roles: list[str]) -> pd.DataFrame:
    """Every reported pay of the roles, one row each: ranges first (market-wide first), else single figures."""
    rows = []
    for role in roles:
        for _, r in _ranges_of(ranges, role).iterrows():
            rows.append(
                {
                    "role": role,
                    "where": r.company,
                    "figure": f"Range ({r.component})",
                    "pay": f"{money(r.min_usd)} – {money(r.max_usd)}{'+' if r.max_is_lower_bound else ''}",
                    "year": r.year,
                    "source_title": r.source_title,
                    **_amounts(r, ("min_usd", "max_usd")),
                    "max_is_lower_bound": r.max_is_lower_bound,
                    "source_id": r.source_id,
                }
            )
        if any(row["role"] == role for row in rows):
            continue
        for _, f in figures[figures["role"] == role].iterrows():
            rows.append(
                {
                    "role": role,
                    "where": _where(f.company, f.level),
                    "figure": f"{STATISTIC_LABELS.get(f.statistic, f.statistic)} {f.component}"
                    + (" (derived)" if f.derived else ""),
                    "pay": money(f.annual_usd),
                    "year": f.year,
                    "source_title": f.source_title,
                    **_amounts(f, ("annual_usd",)),
                    "source_id": f.source_id,
                }
            )
        if not any(row["role"] == role for row in rows):
            rows.append({"role": role, "where": "", "figure": "", "pay": NO_PAY, "year": "", "source_title": ""})
    out = pd.DataFrame(rows)
    out = out.reindex(columns=[*dict.fromkeys([*PAY_ROW_COLUMNS, *AMOUNTS, *out.columns])])
    return out.assign(year=out["year"].map(_year))


AMOUNTS = ("min_usd", "max_usd", "max_is_lower_bound", "annual_usd", "source_id")
VIEW_COLUMNS = ("factor", "cpi_then", "cpi_now", "adjustment", "currency", "usd_rate", "rate_date")
"""What a money view adds beside the amounts (analytics.realterms.view): carried into the pay rows' files."""


def _amounts(row: pd.Series, amounts: tuple[str, ...]) -> dict:
    """A row's amounts with what the money view put beside them (reported, converted, factor, rate)."""
    return {c: row[c] for c in row.index if c.startswith(amounts) or c in VIEW_COLUMNS}


def _year(year: object) -> str:
    """A figure's year for a table: blank where there is no figure, "not stated" where its source gives none."""
    if isinstance(year, str):
        return year
    return "not stated" if year is None or pd.isna(year) else str(int(year))


PAY_FIGURES = "data/pay_figures.csv amount_usd"


def pay_rows_table(view: MoneyView) -> Table:
    """The columns of each role's reported pay (role_pay_rows' frame): the pay as text on screen, its amounts as
    numbers in the files."""
    described = table(
        common("role", width="medium"),
        Column(
            "pay",
            "Reported pay",
            meaning="The range (minimum – maximum, + for at least) or the single figure.",
            width=170,
        ),
        Column("where", "Where", meaning="Market-wide, or the company and level the figure is for.", width=100),
        Column(
            "figure", "Figure", meaning="A range of a pay component, or which statistic a single figure is.", width=110
        ),
        Column("year", "Year", meaning="The year of the figure; not stated when the source gives none.", width=80),
        "source_title",
        Column("min_usd", "Minimum", MONEY, "USD a year", "The range's minimum.", PAY_FIGURES, screen=False),
        Column("max_usd", "Maximum", MONEY, "USD a year", "The range's maximum.", PAY_FIGURES, screen=False),
        Column(
            "max_is_lower_bound",
            "Maximum is a floor",
            FLAG,
            meaning="Yes where the range's maximum is 'or more'.",
            screen=False,
        ),
        Column("annual_usd", "Amount", MONEY, "USD a year", "A single reported figure.", PAY_FIGURES, screen=False),
        "source_id",
    )
    return view.table(described, ["min_usd", "max_usd", "annual_usd"])


def paths_table() -> Table:
    """The columns of the paths between roles (career_path_links' rows)."""
    return table(
        Column("from_role", "From", meaning="The role a path starts at.", source="data/career_paths.csv from_role"),
        Column("to_role", "To", meaning="The next role the source names.", source="data/career_paths.csv to_role"),
        common("note", header="What the source says", source="data/career_paths.csv note"),
        "source_title",
        "source_publisher",
        common("source_id", screen=True),
    )
