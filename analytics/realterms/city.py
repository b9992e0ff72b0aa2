"""Another city: translate a pay between two areas by what employers there pay for the same work.

For one BLS occupation, an area's wage ratio is its annual median wage divided by the national
annual median (BLS OEWS May 2025, all industries, as `analytics.market.ingest.load_release` stored it).
Translating a pay from area A to area B multiplies it by median(B) / median(A). This is a
market-wage ratio, not a cost-of-living index: it says what employers pay for that occupation
in each place, not what living there costs. A median that BLS top-coded (footnote 5: the value
is a floor, at least $239,200) or did not publish cannot give a ratio, and the translation is
refused with the reason rather than guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from analytics.market.ingest import NATIONAL, TOP_CODE
from analytics.realterms.queries import area_annual_median

CAVEAT = (
    "A market-wage ratio for this occupation (BLS OEWS May 2025 annual medians), not a "
    "cost-of-living index: it compares what employers pay there, not what living there costs."
)


@dataclass(frozen=True)
class AreaMedian:
    """One area's published annual median for an occupation, or why there is none."""

    area_code: str
    area_name: str
    median: float | None
    top_coded: bool
    problem: str | None  # None when the median can be used


@dataclass(frozen=True)
class CityTranslation:
    """A pay moved between two areas; `translated` is None (and `refusal` says why) when it cannot be."""

    amount: float
    translated: float | None
    ratio: float | None  # median(to) / median(from)
    origin: AreaMedian
    destination: AreaMedian
    national: AreaMedian
    refusal: str | None
    caveat: str = CAVEAT


def area_median(con: duckdb.DuckDBPyConnection, occupation_code: str, area_code: str) -> AreaMedian:
    """The annual median of one occupation in one area (all industries), flagged when unusable."""
    rows = area_annual_median(con, occupation_code, area_code)
    if rows.empty:
        return AreaMedian(area_code, area_code, None, False, f"area {area_code!r} is not in the BLS release")
    row = rows.iloc[0]
    name = str(row["area_name"])
    if bool(row["lower_bound"]):
        return AreaMedian(
            area_code,
            name,
            float(row["value"]),
            True,
            f"BLS top-codes the median in {name} (at least ${TOP_CODE['annual']:,.0f} a year): "
            "it is a floor, so no ratio can be taken from it",
        )
    if pd.isna(row["value"]):
        return AreaMedian(area_code, name, None, False, f"BLS publishes no annual median for this occupation in {name}")
    return AreaMedian(area_code, name, float(row["value"]), False, None)


def translate_pay(
    con: duckdb.DuckDBPyConnection, amount: float, occupation_code: str, from_area: str, to_area: str
) -> CityTranslation:
    """Move a pay from one area to another by the ratio of the occupation's two published medians."""
    origin = area_median(con, occupation_code, from_area)
    destination = area_median(con, occupation_code, to_area)
    national = area_median(con, occupation_code, NATIONAL)
    problems = [side.problem for side in (origin, destination) if side.problem]
    if amount is None or pd.isna(amount) or amount < 0:
        problems.insert(0, "the pay to translate must be a number of dollars, zero or more")
    if problems:
        return CityTranslation(
            amount, None, None, origin, destination, national, "Cannot translate: " + "; ".join(problems) + "."
        )
    ratio = destination.median / origin.median
    # amount x median(to) / median(from), in that order, as the formula is written.
    return CityTranslation(
        amount, float(amount) * destination.median / origin.median, ratio, origin, destination, national, None
    )


def describe(result: CityTranslation) -> str:
    """One sentence for a page: '$185,000 in Seattle ... is like $X in Austin ...', or the refusal."""
    if result.translated is None:
        return result.refusal or "Cannot translate."
    return (
        f"${result.amount:,.0f} in {result.origin.area_name} is like ${result.translated:,.0f} in "
        f"{result.destination.area_name} for this occupation (median ${result.destination.median:,.0f} "
        f"there ÷ ${result.origin.median:,.0f} here = {result.ratio:.3f}). {result.caveat}"
    )
