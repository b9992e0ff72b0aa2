"""Band midpoints priced against the BLS market: each band placed among one occupation's wage percentiles.

The bands come from `analytics.yourdata.queries.band_ladder` on an import or a workspace
connection, the percentiles from the warehouse (`analytics.market.queries`), and the placing
from `analytics.metrics.market_percentile`. Only US-dollar bands are placed: BLS publishes US
wages in dollars, and amounts are never converted between currencies here.
"""

from __future__ import annotations

import math

import duckdb
import pandas as pd

from analytics.market.queries import areas, occupation_percentiles, occupations, percentile_points
from analytics.metrics import market_percentile
from analytics.yourdata.queries import band_ladder


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


def market_names(warehouse: duckdb.DuckDBPyConnection, occupation_code: str, area_code: str) -> tuple[str, str]:
    """The occupation's title and the area's name as BLS publishes them, for the chart and its messages."""
    titles = occupations(warehouse).set_index("occupation_code")["occupation_title"]
    names = areas(warehouse).set_index("area_code")["area_name"]
    return titles[occupation_code], names[area_code]
