"""Career paths tables: each role's reported pay of one component, as a short line for a node label and as rows.

Pure pandas over analytics.roles.queries.role_ranges and role_single_figures frames (money view
applied by the page). Every role along the paths is shown with the same pay component (base salary or
total pay, `COMPONENTS`), so one step never compares a base range with a total: a role's pay is its
reported ranges of that component, market-wide first, or else its single reported figures of it
(medians, averages), each with its year and source; where it has none of that component, it says so
rather than switching to another. Never a figure of our own.
"""

from __future__ import annotations

import pandas as pd

from analytics.format import MARKET, STATISTIC_LABELS, money, short_money

COMPONENTS = {"base": "Base salary", "total": "Total pay"}
"""The pay components the paths can be compared by, with their names; base first (the seed articles' ranges)."""
DEFAULT_COMPONENT = "base"
NO_PAY = "no pay figure in the sources"


def no_figure(component: str) -> str:
    """What a role without a figure of this component says: 'no base salary figure in the sources'."""
    return f"no {COMPONENTS[component].lower()} figure in the sources"


def _ranges_of(ranges: pd.DataFrame, role: str, component: str) -> pd.DataFrame:
    rows = ranges[(ranges["role"] == role) & (ranges["component"] == component)]
    return rows.sort_values("company", key=lambda c: c != MARKET, kind="stable")


def singles_of(figures: pd.DataFrame, role: str, component: str) -> tuple[pd.DataFrame, int]:
    """A role's single figures of a component to show (those naming no level when there are any: the
    per-level ones are the Levels page's), and how many per-level figures that leaves out."""
    rows = figures[(figures["role"] == role) & (figures["component"] == component)]
    unlevelled = rows[rows["level"].isna()]
    if unlevelled.empty:
        return rows, 0
    return unlevelled, len(rows) - len(unlevelled)


def _where(company: object, level: object) -> str:
    return " ".join(p for p in (company, level) if isinstance(p, str))


def role_pay_label(ranges: pd.DataFrame, figures: pd.DataFrame, role: str, component: str = DEFAULT_COMPONENT) -> str:
    """A role's pay of one component in two short lines for its node ("$50K–$80K base",
    "$556K median total<br>Google L7"), or that it has none ("no base figure")."""
    rows = _ranges_of(ranges, role, component)
    if not rows.empty:
        r = rows.iloc[0]
        where = "" if r.company == MARKET else f"<br>{r.company}"
        return (
            f"{short_money(r.min_usd)}–{short_money(r.max_usd)}{'+' if r.max_is_lower_bound else ''} {component}{where}"
        )
    singles, _ = singles_of(figures, role, component)
    if singles.empty:
        return f"no {component} figure"
    f = singles.iloc[0]
    statistic = STATISTIC_LABELS.get(f.statistic, f.statistic).lower()
    return f"{short_money(f.annual_usd)} {statistic} {component}<br>{_where(f.company, f.level)}"


def role_pay_rows(
    ranges: pd.DataFrame, figures: pd.DataFrame, roles: list[str], component: str = DEFAULT_COMPONENT
) -> pd.DataFrame:
    """Every reported pay of the roles in one component, one row each: ranges first (market-wide first), else
    single figures; a role with none of that component gets one row saying so."""
    rows = []
    for role in roles:
        for r in _ranges_of(ranges, role, component).itertuples():
            rows.append(
                {
                    "role": role,
                    "component": component,
                    "where": r.company,
                    "figure": f"Range ({r.component})",
                    "pay": f"{money(r.min_usd)} – {money(r.max_usd)}{'+' if r.max_is_lower_bound else ''}",
                    "year": r.year,
                    "source_title": r.source_title,
                }
            )
        if any(row["role"] == role for row in rows):
            continue
        singles, more = singles_of(figures, role, component)
        for f in singles.itertuples():
            rows.append(
                {
                    "role": role,
                    "component": component,
                    "where": _where(f.company, f.level),
                    "figure": f"{STATISTIC_LABELS.get(f.statistic, f.statistic)} {f.component}"
                    + (" (derived)" if f.derived else ""),
                    "pay": money(f.annual_usd),
                    "year": f.year,
                    "source_title": f.source_title,
                }
            )
        if more:
            rows.append(
                {
                    "role": role,
                    "component": component,
                    "where": "per company level",
                    "figure": f"{more} more {component} figures",
                    "pay": "see the Levels page",
                    "year": "",
                    "source_title": "",
                }
            )
        if not any(row["role"] == role for row in rows):
            rows.append(
                {
                    "role": role,
                    "component": component,
                    "where": "",
                    "figure": "",
                    "pay": no_figure(component),
                    "year": "",
                    "source_title": "",
                }
            )
    out = pd.DataFrame(rows, columns=["role", "component", "where", "figure", "pay", "year", "source_title"])
    return out.assign(year=out["year"].map(_year))


def _year(year: object) -> str:
    """A figure's year for a table: blank where there is no figure, "not stated" where its source gives none."""
    if isinstance(year, str):
        return year
    return "not stated" if year is None or pd.isna(year) else str(int(year))
