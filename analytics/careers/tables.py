"""Career paths tables: each role's reported pay as one short line for a node label and as table rows.

Pure pandas over analytics.roles.queries.role_ranges and role_single_figures frames (money view
applied by the page): a role's pay is its reported ranges, market-wide first, or else its single
reported figures (medians, averages), each with its year and source; never a figure of our own.
"""

from __future__ import annotations

import pandas as pd

from analytics.format import MARKET, STATISTIC_LABELS, money, short_money

NO_PAY = "no pay figure in the sources"


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
        for r in _ranges_of(ranges, role).itertuples():
            rows.append(
                {
                    "role": role,
                    "where": r.company,
                    "figure": f"Range ({r.component})",
                    "pay": f"{money(r.min_usd)} – {money(r.max_usd)}{'+' if r.max_is_lower_bound else ''}",
                    "year": r.year,
                    "source_title": r.source_title,
                }
            )
        if any(row["role"] == role for row in rows):
            continue
        for f in figures[figures["role"] == role].itertuples():
            rows.append(
                {
                    "role": role,
                    "where": _where(f.company, f.level),
                    "figure": f"{STATISTIC_LABELS.get(f.statistic, f.statistic)} {f.component}"
                    + (" (derived)" if f.derived else ""),
                    "pay": money(f.annual_usd),
                    "year": f.year,
                    "source_title": f.source_title,
                }
            )
        if not any(row["role"] == role for row in rows):
            rows.append({"role": role, "where": "", "figure": "", "pay": NO_PAY, "year": "", "source_title": ""})
    out = pd.DataFrame(rows, columns=["role", "where", "figure", "pay", "year", "source_title"])
    return out.assign(year=out["year"].map(_year))


def _year(year: object) -> str:
    """A figure's year for a table: blank where there is no figure, "not stated" where its source gives none."""
    if isinstance(year, str):
        return year
    return "not stated" if year is None or pd.isna(year) else str(int(year))
