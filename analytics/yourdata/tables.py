"""Shape the analyses for display and download: plain column names, one row per band, person or group.

Pure pandas; the page shows these frames and offers them as spreadsheet-safe CSV and as Parquet
(`analytics.export`). Ratios stay fractions (0.95), so a download keeps full precision; each
`Table` says how its number columns read on screen (FORMATS, by what a column holds). A
suppressed group keeps its row with blank figures and the note, in every frame.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics.yourdata.store import WorkspaceInfo

# How a number reads on screen, in the notation of Streamlit's NumberColumn (printf-style or a preset).
MONEY = "localized"  # in the row's currency, with thousands separators
COUNT = "localized"
PERCENT = "percent"  # a fraction: 0.25 reads 25.00%
RATIO = "%.2f"
PERCENTILE = "%.1f"
FORMATS = {
    **dict.fromkeys(("min", "midpoint", "max", "cost_to_min", "base", "bonus", "equity", "raise_to_min"), MONEY),
    **dict.fromkeys(("bls_p10", "bls_p25", "bls_p50", "bls_p75", "bls_p90"), MONEY),
    **dict.fromkeys(("spread", "progression", "overlap_with_previous", "penetration"), PERCENT),
    **dict.fromkeys(("compa_ratio", "median_compa_ratio", "ratio_to_market_median"), RATIO),
    "market_percentile": PERCENTILE,
    **dict.fromkeys(("people", "below_min", "within", "above_max"), COUNT),
}
"""The number format of each analysis column, by its name in the query; other columns show as they are."""


@dataclass(frozen=True)
class Table:
    """A frame to show and download, and the number format of its columns (column label → format)."""

    frame: pd.DataFrame
    formats: dict[str, str]


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
    "occupation_title": "BLS occupation",
    "occupation_code": "Occupation code",
    "area_name": "BLS area",
    "area_code": "Area code",
    "industry_code": "Industry",
}


def _shape(df: pd.DataFrame, columns: dict[str, str]) -> Table:
    shown = [c for c in columns if c in df.columns]
    frame = df[shown].rename(columns=columns).reset_index(drop=True)
    return Table(frame, {columns[c]: FORMATS[c] for c in shown if c in FORMATS})


def families(ladder: pd.DataFrame) -> list[str]:
    """The job families of a band ladder, in alphabetical order: the band chart's choices."""
    return sorted(ladder["family"].unique())


def zones(ladder: pd.DataFrame, family: str) -> list[str]:
    """A family's zones in alphabetical order, "" for bands without a zone: the band chart's choices."""
    return sorted(ladder.loc[ladder["family"] == family, "zone"].fillna("").unique())


def ladder_table(ladder: pd.DataFrame) -> Table:
    """The band ladder with plain column names."""
    return _shape(ladder, LADDER)


def people_table(positions: pd.DataFrame) -> Table:
    """Every person on their band with plain column names."""
    return _shape(positions, PEOPLE)


def group_table(groups: pd.DataFrame) -> Table:
    """The group comparison; suppressed rows keep level, group and the note, with blank figures."""
    out = _shape(groups, GROUPS)
    out.frame["People"] = out.frame["People"].astype("Int64")
    return out


def summary_table(summary: pd.DataFrame) -> Table:
    """People below, inside and above their ranges, and the cost to the minimum, per currency."""
    return _shape(summary, SUMMARY)


def market_table(pricing: pd.DataFrame, source: str) -> Table:
    """Band midpoints among the BLS percentiles of each band's own occupation and area, with the source named on
    every priced row (a band not priced says why, and names no source)."""
    out = _shape(pricing, MARKET)
    out.frame["Source"] = [source if priced else "" for priced in pricing["priced"]]
    return out


def any_priced(pricing: pd.DataFrame) -> bool:
    """Whether any band was priced against the market (else there is nothing to draw)."""
    return bool(pricing["priced"].any())


def market_note(pricing: pd.DataFrame) -> str:
    """Under the market chart: how many bands are priced against how many occupations and areas, and which
    bands are not priced and why (each reason once)."""
    priced = pricing[pricing["priced"]]
    occupations, areas = priced["occupation_code"].nunique(), priced["area_code"].nunique()
    text = (
        f"{len(priced):,} of {len(pricing):,} bands priced, against {occupations:,} "
        f"occupation{'' if occupations == 1 else 's'} in {areas:,} area{'' if areas == 1 else 's'}."
        if len(priced)
        else "No band is priced yet."
    )
    reasons = pricing.loc[~pricing["priced"], "market_position"].value_counts(sort=False)
    for reason, count in reasons.items():
        text += f" {count:,} band{'' if count == 1 else 's'} {reason}."
    return text


def group_note(groups: pd.DataFrame) -> str:
    """Under the group chart: which groups are not shown at which level (fewer than 5 people), or '' if none."""
    hidden = groups[~groups["shown"]]
    if hidden.empty:
        return ""
    parts = [f"{level}: {', '.join(map(str, part['group']))}" for level, part in hidden.groupby("level", sort=False)]
    return "Not shown, fewer than 5 people: " + "; ".join(parts) + "."


class Steps:
    """Numbers the page's steps in the order they are shown, so a step not shown leaves no gap."""

    def __init__(self) -> None:
        self.shown = 0

    def __call__(self, title: str) -> str:
        """The next step's heading: '2. Every row checked'."""
        self.shown += 1
        return f"{self.shown}. {title}"


NO_WORKSPACES = "No workspaces yet: save an import above. Workspaces shared with you are listed here too."
HISTORY = {"at": "When (UTC)", "actor": "Who", "action": "What", "detail": "Detail"}


def workspace_label(info: WorkspaceInfo) -> str:
    """A workspace in the picker: its name, whose it is unless yours, when saved and what it holds."""
    whose = "" if info.role == "owner" else f" · {info.owner}'s, you can {'edit' if info.can_edit else 'view'}"
    return f"{info.name}{whose} · saved {saved_time(info.saved_at)} · {info.bands:,} bands, {info.people:,} people"


def workspace_caption(info: WorkspaceInfo) -> str:
    """Whose the workspace is and what the person using the page may do with it."""
    if info.role == "owner":
        return f"Yours. Saved {saved_time(info.saved_at)} by {info.saved_by}, from {info.files or 'no file'}."
    can = "open, download, and save data and settings into it" if info.can_edit else "open and download it"
    return f"Shared with you by {info.owner} as {info.role}: you can {can}. Only the owner can share it."


def saved_time(at: str) -> str:
    """An ISO time in UTC as people read it: 2026-12-06 14:05 UTC (older workspaces keep their own text)."""
    return f"{at[:10]} {at[11:16]} UTC" if len(at) >= 16 and at[10] == "T" else at


def audit_table(trail: pd.DataFrame) -> pd.DataFrame:
    """The audit trail as shown and downloaded: time to the second, columns in words."""
    return trail.assign(at=[t[:19].replace("T", " ") for t in trail["at"]]).rename(columns=HISTORY)
