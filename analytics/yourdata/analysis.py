"""Band midpoints priced against the BLS market: each band placed among the wage percentiles of its own cell,
the occupation of its job family and the area of its location.

The bands come from `analytics.yourdata.queries.band_ladder` on an import or a workspace connection (in
ladder order: family, zone, level), the percentiles from the warehouse (`analytics.market.queries`), which
occupation and area price each band from the user's mapping (`analytics.yourdata.settings`, suggested by
`analytics.yourdata.marketmap`), and the placing from `analytics.metrics.market_percentile`. A band is not
priced, and says why, when its family has no occupation, its location no area, BLS publishes no estimate for
the cell, or it is not in US dollars (BLS publishes US wages in dollars; amounts are never converted here).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

import duckdb
import pandas as pd

from analytics.market.ingest import ALL_INDUSTRIES
from analytics.market.queries import areas, occupation_percentiles, occupations, percentile_points
from analytics.metrics import market_percentile
from analytics.yourdata.queries import band_ladder
from analytics.yourdata.settings import zone_key

PERCENTILES = (10, 25, 50, 75, 90)
NO_ZONE = "bands without a zone"
PRICING_COLUMNS = [
    "family",
    "zone",
    "level",
    "currency",
    "midpoint",
    "occupation_code",
    "occupation_title",
    "area_code",
    "area_name",
    "industry_code",
    "priced",
    "market_percentile",
    "market_position",
    "position",
    "ratio_to_market_median",
    *(f"bls_p{p}" for p in PERCENTILES),
    *(f"bls_p{p}_top_coded" for p in PERCENTILES),
]


def _not_priced(why: str) -> dict:
    return {"percentile": None, "label": f"not priced: {why}", "position": "unknown", "ratio_to_median": None}


def market_pricing(
    con: duckdb.DuckDBPyConnection,
    warehouse: duckdb.DuckDBPyConnection,
    occupation_of: Mapping[str, str],
    area_of: Mapping[str, str],
    industry_code: str = ALL_INDUSTRIES,
    load: Callable | None = None,
) -> pd.DataFrame:
    """Each band's midpoint placed among the BLS annual percentiles of its family's occupation and its zone's
    area (`occupation_of`: family → code, `area_of`: zone, "" for none → code; blank or missing: not priced).

    One row per band in ladder order; `priced` says whether it was placed, `market_position` how or why not.
    `load(query, *args)` runs a warehouse query (the page passes ui.load, which caches BLS figures per build;
    they are public, unlike the bands); by default each runs on `warehouse`.
    """
    load = load or (lambda fn, *args: fn(warehouse, *args))
    bands = band_ladder(con)
    titles = dict(zip(*(load(occupations)[c] for c in ("occupation_code", "occupation_title")), strict=True))
    names = dict(zip(*(load(areas)[c] for c in ("area_code", "area_name")), strict=True))
    cells: dict[tuple[str, str], tuple[dict[int, float | None], set[int]]] = {}
    rows = []
    for band in bands.itertuples():
        occupation, area = occupation_of.get(band.family) or "", area_of.get(zone_key(band.zone)) or ""
        points, capped = {}, set()
        if occupation and area:
            if (occupation, area) not in cells:
                cell = load(occupation_percentiles, occupation, area, industry_code)
                cells[occupation, area] = percentile_points(cell, "annual") if not cell.empty else ({}, set())
            points, capped = cells[occupation, area]
        if not occupation:
            placed = _not_priced(f"choose an occupation for {band.family}")
        elif not area:
            placed = _not_priced(f"choose an area for {zone_key(band.zone) or NO_ZONE}")
        elif not any(v is not None for v in points.values()):
            placed = _not_priced(f"BLS publishes no estimate for {titles[occupation]} in {names[area]}")
        elif band.currency != "USD":
            placed = _not_priced("BLS wages are in US dollars")
        else:
            placed = market_percentile(float(band.midpoint), points, capped)
        rows.append(
            {
                "family": band.family,
                "zone": band.zone,
                "level": band.level,
                "currency": band.currency,
                "midpoint": band.midpoint,
                "occupation_code": occupation or None,
                "occupation_title": titles.get(occupation),
                "area_code": area or None,
                "area_name": names.get(area),
                "industry_code": industry_code,
                "priced": placed["position"] != "unknown",
                "market_percentile": placed["percentile"],
                "market_position": placed["label"],
                "position": placed["position"],
                "ratio_to_market_median": placed["ratio_to_median"],
                **{f"bls_p{p}": math.nan if points.get(p) is None else points[p] for p in PERCENTILES},
                **{f"bls_p{p}_top_coded": p in capped for p in PERCENTILES},
            }
        )
    out = pd.DataFrame(rows, columns=PRICING_COLUMNS)
    for column in ("market_percentile", "ratio_to_market_median", *(f"bls_p{p}" for p in PERCENTILES)):
        out[column] = pd.to_numeric(out[column], errors="coerce").astype("float64")
    out["priced"] = out["priced"].astype(bool)
    return out


def cells_priced(pricing: pd.DataFrame) -> tuple[int, int]:
    """How many occupations and areas priced at least one band."""
    priced = pricing[pricing["priced"]]
    return priced["occupation_code"].nunique(), priced["area_code"].nunique()
