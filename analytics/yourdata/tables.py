"""Shape the analyses for display and download: plain column names, one row per band, person or group.

Pure pandas; the page shows these frames and offers them as spreadsheet-safe CSV and as Parquet
(`analytics.export`). Ratios stay fractions (0.95), so a download keeps full precision; the page
formats them. A suppressed group keeps its row with blank figures and the note, in every frame.
"""

from __future__ import annotations

import pandas as pd

LADDER = {
    "family": "Job family",
    "zone": "Zone",
    "level": "Level",
    "currency": "Currency",
    "min": "Minimum",
    "midpoint": "Midpoint",
    "max": "Maximum",
    "midpoint_given": "Midpoint from the file",
    "spread": "Spread",
    "progression": "Midpoint progression",
    "overlap_with_previous": "Overlap with the level below",
    "people": "People",
    "below_min": "Below minimum",
    "above_max": "Above maximum",
    "cost_to_min": "Cost to bring everyone to the minimum",
    "file_row": "Row in the bands file",
}
PEOPLE = {
    "person_id": "Employee ID",
    "family": "Job family",
    "level": "Level",
    "zone": "Zone",
    "currency": "Currency",
    "base": "Base pay",
    "min": "Band minimum",
    "midpoint": "Band midpoint",
    "max": "Band maximum",
    "compa_ratio": "Compa-ratio",
    "penetration": "Range penetration",
    "position": "Position",
    "raise_to_min": "Raise to the minimum",
    "bonus": "Bonus target",
    "equity": "Equity",
    "start_date": "Start date",
    "group": "Group",
    "file_row": "Row in the people file",
}
GROUPS = {
    "level": "Level",
    "group": "Group",
    "people": "People",
    "median_compa_ratio": "Median compa-ratio",
    "note": "Note",
}
SUMMARY = {
    "currency": "Currency",
    "people": "People",
    "below_min": "Below minimum",
    "within": "Inside the range",
    "above_max": "Above maximum",
    "cost_to_min": "Cost to bring everyone to the minimum",
    "median_compa_ratio": "Median compa-ratio",
}
MARKET = {
    "family": "Job family",
    "zone": "Zone",
    "level": "Level",
    "currency": "Currency",
    "midpoint": "Band midpoint",
    "market_position": "Where the midpoint sits",
    "market_percentile": "Market percentile (interpolated)",
    "ratio_to_market_median": "Midpoint ÷ BLS median",
    "bls_p10": "BLS 10th",
    "bls_p25": "BLS 25th",
    "bls_p50": "BLS median",
    "bls_p75": "BLS 75th",
    "bls_p90": "BLS 90th",
    "occupation_code": "Occupation",
    "area_code": "Area",
    "industry_code": "Industry",
}


def _shape(df: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    return df[[c for c in columns if c in df.columns]].rename(columns=columns).reset_index(drop=True)


def ladder_table(ladder: pd.DataFrame) -> pd.DataFrame:
    """The band ladder with plain column names."""
    return _shape(ladder, LADDER)


def people_table(positions: pd.DataFrame) -> pd.DataFrame:
    """Every person on their band with plain column names."""
    return _shape(positions, PEOPLE)


def group_table(groups: pd.DataFrame) -> pd.DataFrame:
    """The group comparison; suppressed rows keep level, group and the note, with blank figures."""
    out = _shape(groups, GROUPS)
    out["People"] = out["People"].astype("Int64")
    return out


def summary_table(summary: pd.DataFrame) -> pd.DataFrame:
    """People below, inside and above their ranges, and the cost to the minimum, per currency."""
    return _shape(summary, SUMMARY)


def market_table(pricing: pd.DataFrame, source: str) -> pd.DataFrame:
    """Band midpoints among BLS percentiles, with the source named on every row."""
    out = _shape(pricing, MARKET)
    out["Source"] = source
    return out
