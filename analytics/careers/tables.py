"""Career paths tables: each role's reported pay of one component, as a short line for a node label and as rows.

Over analytics.roles.queries.role_ranges and role_single_figures frames (money view applied by the page),
read once as plain records. Every role along the paths is shown with the same pay component (base salary or
total pay, `COMPONENTS`), so one step never compares a base range with a total: a role's pay is its
reported ranges of that component, market-wide first, or else its single reported figures of it
(medians, averages), each with its year and source; where it has none of that component, it says so
rather than switching to another. Never a figure of our own. That rule is written once (ranges_of, singles_of)
for the node labels, the hovers (analytics.careers.charts) and the pay rows.
The columns of the pay rows and of the paths are described once here (analytics.columns) for the screen and files.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from analytics.columns import FLAG, MONEY, Column, Table, common, table
from analytics.format import MARKET, STATISTIC_LABELS, money, short_money
from analytics.realterms.view import MoneyView

COMPONENTS = {"base": "Base salary", "total": "Total pay"}
"""The pay components the paths can be compared by, with their names; base first (the seed articles' ranges)."""
DEFAULT_COMPONENT = "base"
NO_PAY = "no pay figure in the sources"
PAY_ROW_COLUMNS = ["role", "component", "where", "figure", "pay", "year", "source_title"]


def no_figure(component: str) -> str:
    """What a role without a figure of this component says: 'no base salary figure in the sources'."""
    return f"no {COMPONENTS[component].lower()} figure in the sources"


def ranges_of(ranges: Iterable[dict], role: str, component: str | None) -> list[dict]:
    """A role's ranges of a component (of any when None), market-wide first; ranges are role_ranges' records."""
    mine = (r for r in ranges if r["role"] == role and (component is None or r["component"] == component))
    return sorted(mine, key=lambda r: r["company"] != MARKET)


def singles_of(figures: Iterable[dict], role: str, component: str) -> tuple[list[dict], int]:
    """A role's single figures of a component to show (those naming no level when there are any: the
    per-level ones are the Levels page's), and how many per-level figures that leaves out; figures are
    role_single_figures' records."""
    mine = [f for f in figures if f["role"] == role and f["component"] == component]
    unlevelled = [f for f in mine if pd.isna(f["level"])]
    return (unlevelled, len(mine) - len(unlevelled)) if unlevelled else (mine, 0)


def _where(company: object, level: object) -> str:
    return " ".join(p for p in (company, level) if isinstance(p, str))


def role_pay_label(
    ranges: Sequence[dict], figures: Sequence[dict], role: str, component: str = DEFAULT_COMPONENT
) -> str:
    """A role's pay of one component in two short lines for its node ("$50K–$80K base",
    "$556K median total<br>Google L7"), or that it has none ("no base figure"); ranges and figures as records."""
    mine = ranges_of(ranges, role, component)
    if mine:
        r = mine[0]
        where = "" if r["company"] == MARKET else f"<br>{r['company']}"
        bound = "+" if r["max_is_lower_bound"] else ""
        return f"{short_money(r['min_usd'])}–{short_money(r['max_usd'])}{bound} {component}{where}"
    singles, _ = singles_of(figures, role, component)
    if not singles:
        return f"no {component} figure"
    f = singles[0]
    statistic = STATISTIC_LABELS.get(f["statistic"], f["statistic"]).lower()
    return f"{short_money(f['annual_usd'])} {statistic} {component}<br>{_where(f['company'], f['level'])}"


def role_pay_rows(
    ranges: pd.DataFrame, figures: pd.DataFrame, roles: list[str], component: str = DEFAULT_COMPONENT
) -> pd.DataFrame:
    """Every reported pay of the roles in one component, one row each: ranges first (market-wide first), else
    single figures; a role with none of that component gets one row saying so."""
    # Plain records, read once: pandas' cost is per operation, and a filter per role was most of the page's rerun.
    # to_dict, not records: its None for a missing amount keeps the pay rows' amount columns numeric.
    range_records = ranges[ranges["component"] == component].to_dict("records")
    figure_records = figures[figures["component"] == component].to_dict("records")
    rows = []
    for role in roles:
        for r in ranges_of(range_records, role, component):
            rows.append(
                {
                    "role": role,
                    "component": component,
                    "where": r["company"],
                    "figure": f"Range ({r['component']})",
                    "pay": f"{money(r['min_usd'])} – {money(r['max_usd'])}{'+' if r['max_is_lower_bound'] else ''}",
                    "year": r["year"],
                    "source_title": r["source_title"],
                    **_amounts(r, ("min_usd", "max_usd")),
                    "max_is_lower_bound": r["max_is_lower_bound"],
                    "source_id": r["source_id"],
                }
            )
        if any(row["role"] == role for row in rows):
            continue
        singles, more = singles_of(figure_records, role, component)
        for f in singles:
            rows.append(
                {
                    "role": role,
                    "component": component,
                    "where": _where(f["company"], f["level"]),
                    "figure": f"{STATISTIC_LABELS.get(f['statistic'], f['statistic'])} {f['component']}"
                    + (" (derived)" if f["derived"] else ""),
                    "pay": money(f["annual_usd"]),
                    "year": f["year"],
                    "source_title": f["source_title"],
                    **_amounts(f, ("annual_usd",)),
                    "source_id": f["source_id"],
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
    out = pd.DataFrame(rows)
    # every amount column of the inputs, also when no row of this component has it (a role with no single figure)
    amounts = [c for frame in (ranges, figures) for c in frame.columns if c.startswith(AMOUNTS) or c in VIEW_COLUMNS]
    out = out.reindex(columns=[*dict.fromkeys([*PAY_ROW_COLUMNS, *AMOUNTS, *amounts, *out.columns])])
    return out.assign(year=out["year"].map(_year))


AMOUNTS = ("min_usd", "max_usd", "max_is_lower_bound", "annual_usd", "source_id")
VIEW_COLUMNS = ("factor", "cpi_then", "cpi_now", "adjustment", "currency", "usd_rate", "rate_date")
"""What a money view adds beside the amounts (analytics.realterms.view): carried into the pay rows' files."""


def _amounts(row: dict, amounts: tuple[str, ...]) -> dict:
    """A row's amounts with what the money view put beside them (reported, converted, factor, rate)."""
    return {c: v for c, v in row.items() if c.startswith(amounts) or c in VIEW_COLUMNS}


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
            "component",
            "Pay component",
            meaning="Base salary or total pay: one component along every path.",
            screen=False,
        ),
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
