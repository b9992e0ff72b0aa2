"""Market rules and tables: labels, the industry-detail rule, pay per year or hour, download frames.

A top-coded wage (`lower_bound`) reads "≥ $239,200", never as an exact figure; a value BLS
did not release reads "not released", never 0.
"""

from __future__ import annotations

import pandas as pd

from analytics.format import HOURS_PER_YEAR, PER, wage_text
from analytics.market.ingest import ALL_INDUSTRIES, NATIONAL

STATS = ("p10", "p25", "p50", "p75", "p90", "mean")
STAT_LABELS = {"p10": "10th percentile", "p25": "25th percentile", "p50": "Median", "p75": "75th percentile",
               "p90": "90th percentile", "mean": "Mean"}
SHORT_LABELS = {"p10": "10th", "p25": "25th", "p50": "Median", "p75": "75th", "p90": "90th", "mean": "Mean"}

AREA_TYPES = {"national": "nation", "state": "state", "metro": "metro area"}
INDUSTRY_NATIONAL_ONLY = ("BLS publishes industry detail only for the nation as a whole: "
                          "showing the cross-industry total for this area.")


def occupation_labels(occupations: pd.DataFrame) -> dict[str, str]:
    """Selectbox labels: title and code, and the PayLadder roles an occupation stands in for."""
    return {r.occupation_code: f"{r.occupation_title} ({r.occupation_code})"
            + (f" — PayLadder: {r.roles}" if r.mapped else "" if r.level == "detailed" else f", {r.level}")
            for r in occupations.itertuples()}


def occupation_order(occupations: pd.DataFrame) -> list[str]:
    """Occupation codes with the ones PayLadder maps its roles to first."""
    return [*occupations.loc[occupations["mapped"], "occupation_code"],
            *occupations.loc[~occupations["mapped"], "occupation_code"]]


def area_labels(areas: pd.DataFrame) -> dict[str, str]:
    """Selectbox labels: the area's name and what kind of area it is."""
    return {r.area_code: r.area_name if r.area_type == "national" else
            f"{r.area_name} ({'nonmetro area' if r.nonmetropolitan else AREA_TYPES[r.area_type]})"
            for r in areas.itertuples()}


def industry_for(area: str, industry: str, published: set[str]) -> tuple[str, bool]:
    """The industry to show, and whether the chosen one was replaced by the cross-industry total.

    BLS publishes industry detail for the nation only, and not for every occupation and industry.
    """
    if area != NATIONAL:
        return ALL_INDUSTRIES, industry != ALL_INDUSTRIES
    if industry not in published:
        return ALL_INDUSTRIES, True
    return industry, False


def convert_pay(pay: float | None, basis: str, to: str) -> float | None:
    """The same pay per year or per hour (BLS's 2,080 hours a year); hourly to cents, annual to dollars."""
    if pay is None or basis == to:
        return pay
    return round(pay / HOURS_PER_YEAR, 2) if to == "hourly" else round(pay * HOURS_PER_YEAR)


def with_source(df: pd.DataFrame, source: pd.Series, **context: object) -> pd.DataFrame:
    """The rows shown, with the selection and the BLS source as columns (for downloads)."""
    return df.assign(**context, source_id=source.name, source_title=source["title"],
                     source_publisher=source["publisher"], source_published=source["published"],
                     source_link=source["link"])


def chart_basis(frame: pd.DataFrame) -> str:
    """'annual' unless the cell has hourly wages only (BLS's footnote 4 occupations)."""
    return "hourly" if not frame.empty and frame["annual"].isna().all() and frame["hourly"].notna().any() \
        else "annual"


def percentile_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The percentiles and mean of one cell as display text, annual and hourly."""
    return pd.DataFrame({
        "Statistic": [STAT_LABELS[s] for s in frame["stat"]],
        **{f"{basis.capitalize()} wage": [wage_text(v, b, basis) for v, b in
                                           zip(frame[basis], frame[f"{basis}_lower_bound"], strict=True)]
           for basis in PER},
    })


def largest_sectors(spread: pd.DataFrame, n: int = 12) -> pd.DataFrame:
    """The n industry sectors (BLS display level 2) employing the most, sorted by median."""
    sectors = spread[(spread["display_level"] == 2) & spread["employment"].notna()]
    return sectors.nlargest(n, "employment").sort_values("p50", na_position="first")


def sector_name(name: str) -> str:
    """'Sector 54 - Professional, ...' -> 'Professional, ...' (BLS's sector numbers stay in the CSV)."""
    return name.split(" - ", 1)[1] if name.startswith("Sector") and " - " in name else name
