"""Analyses of a user's validated bands and people: band ladders, people in their bands, groups, market.

Every function reads the `bands` and `people` tables of an import or a workspace connection
(read-only; each query on its own cursor) and returns a DataFrame. The formulas are those of
`analytics.metrics`, vectorised in SQL (tests check them against the scalar functions):
spread (max − min) / min, midpoint progression (higher − lower) / lower, overlap with the
level below (lower max − higher min) / (higher max − higher min), compa-ratio pay / midpoint,
range penetration (pay − min) / (max − min). A band's midpoint is the one in the file when given,
else (min + max) / 2. Levels are ordered within a family, zone and currency by the number in
their label (L1, P3, IC2) when every level has one, else by midpoint. Amounts are never added
across currencies. Groups smaller than MIN_GROUP are suppressed everywhere.
"""

from __future__ import annotations

import math

import duckdb
import pandas as pd

from analytics.db import query
from analytics.market.queries import occupation_percentiles, percentile_points
from analytics.metrics import market_percentile

MIN_GROUP = 5
"""Smallest group whose median compa-ratio is shown; smaller groups read SUPPRESSED."""
SUPPRESSED = "fewer than 5: not shown"
NOT_STATED = "not stated"


def band_ladder(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Each band with midpoint, spread, progression and overlap with the level below, and its people.

    people, below_min, above_max and cost_to_min (what raising everyone below to the minimum
    costs, in the band's currency) count the band's validated people.
    """
    return query(
        con,
        """
    WITH b AS (
        SELECT *, try_cast(regexp_extract(level, '(\\d+)', 1) AS INTEGER) AS level_no FROM bands),
    f AS (SELECT family, zone, currency, bool_and(level_no IS NOT NULL) AS numbered FROM b GROUP BY ALL),
    o AS (
        SELECT b.*, row_number() OVER (PARTITION BY b.family, b.zone, b.currency
            ORDER BY CASE WHEN f.numbered THEN b.level_no END, b.midpoint, b.level) AS step
        FROM b JOIN f ON f.family = b.family AND f.zone IS NOT DISTINCT FROM b.zone
                      AND f.currency = b.currency),
    p AS (
        SELECT band_row, count(*) AS people, count(*) FILTER (base < band_min) AS below_min,
               count(*) FILTER (base > band_max) AS above_max,
               coalesce(sum(greatest(band_min - base, 0)), 0) AS cost_to_min
        FROM people GROUP BY band_row)
    SELECT o.family, o.zone, o.level, o.step, o.currency, o.min, o.max, o.midpoint, o.midpoint_given,
           (o.max - o.min) / o.min AS spread,
           (o.midpoint - lag(o.midpoint) OVER w) / lag(o.midpoint) OVER w AS progression,
           (lag(o.max) OVER w - o.min) / (o.max - o.min) AS overlap_with_previous,
           o.equity_target, coalesce(p.people, 0) AS people, coalesce(p.below_min, 0) AS below_min,
           coalesce(p.above_max, 0) AS above_max, coalesce(p.cost_to_min, 0) AS cost_to_min, o._row AS file_row
    FROM o LEFT JOIN p ON p.band_row = o._row
    WINDOW w AS (PARTITION BY o.family, o.zone, o.currency ORDER BY o.step)
    ORDER BY o.family, o.zone NULLS FIRST, o.currency, o.step""",
    )


def people_positions(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every person on their band: compa-ratio, penetration, position and the raise to the minimum."""
    return query(
        con,
        """
        SELECT person_id, family, level, zone, currency, base, bonus, equity, start_date, "group",
               band_min AS min, band_max AS max, band_midpoint AS midpoint,
               base / band_midpoint AS compa_ratio,
               (base - band_min) / (band_max - band_min) AS penetration,
               CASE WHEN abs((base - band_min) / (band_max - band_min) - 0.5) <= 1e-9 THEN 'middle'
                    WHEN base < band_min THEN 'below' WHEN base > band_max THEN 'above'
                    WHEN (base - band_min) / (band_max - band_min) < 0.5 THEN 'lower'
                    ELSE 'upper' END AS position,
               greatest(band_min - base, 0) AS raise_to_min, _row AS file_row
        FROM people ORDER BY _row""",
    )


def range_summary(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Per currency: people, below the minimum, within, above the maximum, and the cost to the minimum."""
    return query(
        con,
        """
        SELECT currency, count(*) AS people, count(*) FILTER (base < band_min) AS below_min,
               count(*) FILTER (base BETWEEN band_min AND band_max) AS within,
               count(*) FILTER (base > band_max) AS above_max,
               coalesce(sum(greatest(band_min - base, 0)), 0) AS cost_to_min,
               median(base / band_midpoint) AS median_compa_ratio
        FROM people GROUP BY currency ORDER BY currency""",
    )


def group_comparison(con: duckdb.DuckDBPyConnection, min_group: int = MIN_GROUP) -> pd.DataFrame:
    """Median compa-ratio per level and group; groups under min_group people are suppressed.

    A suppressed row keeps its level and group but has no count and no median, and its note
    says SUPPRESSED, so the table, the chart and the download hide the same figures.
    """
    return query(
        con,
        """
        WITH g AS (
            SELECT level, coalesce("group", $not_stated) AS "group", count(*) AS n,
                   median(base / band_midpoint) AS median_compa_ratio,
                   try_cast(regexp_extract(level, '(\\d+)', 1) AS INTEGER) AS level_no
            FROM people GROUP BY ALL)
        SELECT level, "group",
               CASE WHEN n >= $min THEN n END AS people,
               CASE WHEN n >= $min THEN median_compa_ratio END AS median_compa_ratio,
               n >= $min AS shown,
               CASE WHEN n >= $min THEN '' ELSE $suppressed END AS note
        FROM g ORDER BY level_no NULLS LAST, level, "group" """,
        {"min": min_group, "suppressed": SUPPRESSED, "not_stated": NOT_STATED},
    )


def market_pricing(
    con: duckdb.DuckDBPyConnection,
    warehouse: duckdb.DuckDBPyConnection,
    occupation_code: str,
    area_code: str,
    industry_code: str,
) -> pd.DataFrame:
    """Each band's midpoint placed among the BLS annual percentiles of one occupation, area and industry.

    Only US-dollar bands are placed (BLS publishes US wages in dollars); others say why not.
    No rows if BLS publishes no estimate for that cell.
    """
    cell = occupation_percentiles(warehouse, occupation_code, area_code, industry_code)
    bands = band_ladder(con)
    if cell.empty or bands.empty:
        return pd.DataFrame()
    points, capped = percentile_points(cell, "annual")
    rows = []
    for band in bands.itertuples():
        if band.currency != "USD":
            placed = {
                "percentile": None,
                "label": "not compared: BLS wages are in US dollars",
                "position": "unknown",
                "ratio_to_median": None,
            }
        else:
            placed = market_percentile(float(band.midpoint), points, capped)
        rows.append(
            {
                "family": band.family,
                "zone": band.zone,
                "level": band.level,
                "currency": band.currency,
                "midpoint": band.midpoint,
                "market_percentile": placed["percentile"],
                "market_position": placed["label"],
                "position": placed["position"],
                "ratio_to_market_median": placed["ratio_to_median"],
            }
        )
    out = pd.DataFrame(rows)
    for p, value in sorted(points.items()):
        out[f"bls_p{p}"] = math.nan if value is None else value
        out[f"bls_p{p}_top_coded"] = p in capped
    out[["occupation_code", "area_code", "industry_code"]] = occupation_code, area_code, industry_code
    out["market_percentile"] = pd.to_numeric(out["market_percentile"], errors="coerce").astype("float64")
    out["ratio_to_market_median"] = pd.to_numeric(out["ratio_to_market_median"], errors="coerce").astype("float64")
    return out
