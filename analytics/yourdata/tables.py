"""Describe the analyses for display and download: one row per band, person or group, columns in words.

Pure pandas. The frames keep the queries' code names (min, compa_ratio); each table's columns are described
once here with analytics.columns, for the page's table (ui.table) and its CSV, Excel and data dictionary
(ui.download): money in the bands' own currency to whole units (costs and raises to cents, as the page's
metric shows them), percents to one decimal, compa-ratios to two, dates as YYYY-MM-DD, and employee ids and
BLS codes as text beside their names. A suppressed group keeps its row, and its figures read SUPPRESSED.
"""

from __future__ import annotations

import pandas as pd

from analytics.columns import CODE, COUNT, DATE, MONEY, NUMBER, PERCENT, Column, Table
from analytics.columns import table as described
from analytics.format import SUPPRESSED
from analytics.market.ingest import ALL_INDUSTRIES
from analytics.yourdata.store import WorkspaceInfo

SHOWN = 1_000
"""Rows a table shows on the page; its downloads hold every row."""
MARKET_SOURCE_ID = "bls_oews_2025"
MARKET_SOURCE = f"BLS OEWS May 2025 ({MARKET_SOURCE_ID})"
ALL_INDUSTRIES_NAME = "All industries (cross-industry total)"
MANY_CURRENCIES = "a year, in the row's currency"
RATIO = "Base pay ÷ the band's midpoint: 1.00 is paid at the midpoint."


YOUR_FILES = (
    "From your own files (bands and people's pay), imported on PayLadder's Your data page; "
    "BLS figures, where a row has them, from the source listed above."
)
"""The note on a download's Sources sheet: the rows are the user's own, not a published source's."""


def table(*columns: Column | str) -> Table:
    """A Table of these columns whose gaps read blank on screen, as in the files (a first level has no
    progression, a person no bonus)."""
    return Table(tuple(c.but(blank="") for c in described(*columns).columns), note=YOUR_FILES)


def money_unit(frame: pd.DataFrame) -> str:
    """The unit of a table's money: 'USD a year' when its rows share one currency, else the row's currency."""
    currencies = frame["currency"].dropna().unique() if "currency" in frame.columns else []
    return f"{currencies[0]} a year" if len(currencies) == 1 else MANY_CURRENCIES


def _money(name: str, header: str, unit: str, meaning: str, decimals: int = 0) -> Column:
    return Column(name, header, MONEY, unit, meaning, decimals=decimals)


WHERE = {
    c.name: c
    for c in (
        Column("family", "Job family", meaning="The job family, as the bands file names it."),
        Column("zone", "Zone", meaning="The band's location or pay zone; blank when the bands have none."),
        Column("level", "Level", meaning="The level, as the bands file names it."),
        Column("currency", "Currency", CODE, meaning="ISO 4217 code of the row's amounts."),
    )
}
"""Columns the band, people and market tables share."""


def first_rows(frame: pd.DataFrame, shown: int = SHOWN) -> pd.DataFrame:
    """The rows a page shows of a table: the first `shown`."""
    return frame.head(shown)


def rows_caption(rows: int, what: str, shown: int = SHOWN) -> str:
    """Under a long table: how many rows it has, how many are shown, and that the downloads hold them all."""
    if rows <= shown:
        return f"{rows:,} {what}."
    return f"{rows:,} {what}; the first {shown:,} shown. The downloads hold all {rows:,}."


def problems_table() -> Table:
    """The problems of the checked files: file, row, column, the cell as written and what is wrong."""
    return table(
        Column("file", "File", meaning="The file the problem is in."),
        Column("row", "Row", COUNT, meaning="The row of the file, counting the header as row 1."),
        Column("column", "Column", meaning="The file's column, as its header names it."),
        Column("value", "Value", meaning="The cell as written in the file (text, never a number)."),
        Column("problem", "Problem", meaning="What is wrong with the cell, or a note on a row that is kept."),
    )


def ladder_table(ladder: pd.DataFrame) -> Table:
    """The band ladder's columns: each band's range, spread, progression, overlap and its people."""
    unit = money_unit(ladder)
    return table(
        *(WHERE[c] for c in ("family", "zone", "level", "currency")),
        _money("min", "Minimum", unit, "The band's minimum base pay."),
        _money("midpoint", "Midpoint", unit, "The band's midpoint: from the file, or halfway between min and max."),
        _money("max", "Maximum", unit, "The band's maximum base pay."),
        Column(
            "midpoint_given", "Midpoint from the file", "flag", meaning="Whether the bands file gives the midpoint."
        ),
        Column("spread", "Spread", PERCENT, "%", "(maximum − minimum) ÷ minimum.", fraction=True),
        Column(
            "progression",
            "Midpoint progression",
            PERCENT,
            "%",
            "How much higher the midpoint is than the level below's; blank for the first level.",
            fraction=True,
        ),
        Column(
            "overlap_with_previous",
            "Overlap with the level below",
            PERCENT,
            "%",
            "The share of the band's range that the level below's range also covers; blank for the first level.",
            fraction=True,
        ),
        Column("people", "People", COUNT, meaning="People on the band."),
        Column("below_min", "Below minimum", COUNT, meaning="People paid below the band's minimum."),
        Column("above_max", "Above maximum", COUNT, meaning="People paid above the band's maximum."),
        _money(
            "cost_to_min",
            "Cost to bring everyone to the minimum",
            unit,
            "What raising everyone paid below the minimum to it costs.",
            2,
        ),
        Column("file_row", "Row in the bands file", COUNT, meaning="The band's row in the bands file."),
    )


def people_table(positions: pd.DataFrame) -> Table:
    """The columns of every person on their band: pay, band, compa-ratio, penetration and the raise to the minimum."""
    unit = money_unit(positions)
    return table(
        Column("person_id", "Employee ID", CODE, meaning="The person's id in the people file, kept as text."),
        *(WHERE[c] for c in ("family", "level", "zone", "currency")),
        _money("base", "Base pay", unit, "The person's base pay."),
        _money("min", "Band minimum", unit, "The minimum of the person's band."),
        _money("midpoint", "Band midpoint", unit, "The midpoint of the person's band."),
        _money("max", "Band maximum", unit, "The maximum of the person's band."),
        Column("compa_ratio", "Compa-ratio", NUMBER, meaning=RATIO),
        Column(
            "penetration",
            "Range penetration",
            PERCENT,
            "%",
            "(base − minimum) ÷ (maximum − minimum): 0% at the minimum, 100% at the maximum.",
            fraction=True,
        ),
        Column("position", "Position", meaning="Where base pay sits: below, lower half, middle, upper half, above."),
        _money("raise_to_min", "Raise to the minimum", unit, "What bringing base pay to the minimum costs.", 2),
        _money("bonus", "Bonus target", unit, "The bonus target as money (a percent given is of base pay)."),
        _money("equity", "Equity", unit, "Equity a year, as the people file gives it."),
        Column("start_date", "Start date", DATE, meaning="When the person started."),
        Column("group", "Group", meaning="The group the people file gives, for the group comparison."),
        Column("file_row", "Row in the people file", COUNT, meaning="The person's row in the people file."),
    )


def groups_shown(groups: pd.DataFrame) -> pd.DataFrame:
    """The group comparison as shown: a suppressed group's people and median read SUPPRESSED."""
    hidden = ~groups["shown"].astype(bool).to_numpy()
    out = groups.copy()
    for name in ("people", "median_compa_ratio"):
        values = out[name].astype(object).where(out[name].notna(), None)
        values[hidden] = SUPPRESSED
        out[name] = values
    return out


def group_table() -> Table:
    """The columns of the group comparison: median compa-ratio per level and group."""
    return table(
        Column("level", "Level", meaning="The level, as the bands file names it."),
        Column("group", "Group", meaning="The group the people file gives."),
        Column("people", "People", COUNT, meaning=f"People in the group at the level; {SUPPRESSED} under 5."),
        Column("median_compa_ratio", "Median compa-ratio", NUMBER, meaning=RATIO),
        Column("note", "Note", meaning="Why a group's figures are not shown."),
    )


def summary_table(summary: pd.DataFrame) -> Table:
    """The columns of people below, inside and above their ranges, and the cost to the minimum, per currency."""
    return table(
        WHERE["currency"],
        Column("people", "People", COUNT, meaning="People paid in the currency."),
        Column("below_min", "Below minimum", COUNT, meaning="People paid below their band's minimum."),
        Column("within", "Inside the range", COUNT, meaning="People paid within their band."),
        Column("above_max", "Above maximum", COUNT, meaning="People paid above their band's maximum."),
        _money(
            "cost_to_min",
            "Cost to bring everyone to the minimum",
            money_unit(summary),
            "What raising everyone paid below the minimum to it costs.",
            2,
        ),
        Column("median_compa_ratio", "Median compa-ratio", NUMBER, meaning=RATIO),
    )


def market_rows(pricing: pd.DataFrame, source: str = MARKET_SOURCE) -> pd.DataFrame:
    """The market pricing as shown: the industry's name beside its code, and the source named on every priced row
    (a band not priced says why, and names no source)."""
    priced = pricing["priced"].astype(bool)
    return pricing.assign(
        industry_name=[ALL_INDUSTRIES_NAME if c == ALL_INDUSTRIES else None for c in pricing["industry_code"]],
        source=[source if p else "" for p in priced],
        source_id=[MARKET_SOURCE_ID if p else None for p in priced],
    )


def market_table(pricing: pd.DataFrame) -> Table:
    """The columns of the band midpoints among the BLS percentiles of each band's own occupation and area."""
    bls = "USD a year"
    return table(
        *(WHERE[c] for c in ("family", "zone", "level", "currency")),
        _money("midpoint", "Band midpoint", money_unit(pricing), "The band's midpoint."),
        Column("market_position", "Where the midpoint sits", meaning="Among the BLS percentiles, or why not priced."),
        Column(
            "market_percentile",
            "Market percentile (interpolated)",
            NUMBER,
            meaning="The percentile of the BLS wages the midpoint reaches, interpolated between published ones.",
            decimals=1,
        ),
        Column("ratio_to_market_median", "Midpoint ÷ BLS median", NUMBER, meaning="1.00 is the BLS median."),
        *(
            _money(f"bls_p{p}", f"BLS {word}", bls, f"The BLS {word} annual wage of the occupation in the area.")
            for p, word in ((10, "10th"), (25, "25th"), (50, "median"), (75, "75th"), (90, "90th"))
        ),
        Column("occupation_title", "BLS occupation", meaning="The BLS occupation the family is priced against."),
        Column("occupation_code", "Occupation code", CODE, meaning="The BLS SOC code of the occupation, as text."),
        Column("area_name", "BLS area", meaning="The BLS area the zone is priced against."),
        Column("area_code", "Area code", CODE, meaning="The BLS area code, as text (keep its leading zeros)."),
        Column("industry_name", "Industry", meaning="The BLS industry the wages are for."),
        Column("industry_code", "Industry code", CODE, meaning="The BLS NAICS-based industry code, as text."),
        Column("source", "Source", meaning="The source of the row's BLS wages; blank when the band is not priced."),
        "source_id",
    )


def families(ladder: pd.DataFrame) -> list[str]:
    """The job families of a band ladder, in alphabetical order: the band chart's choices."""
    return sorted(ladder["family"].unique())


def zones(ladder: pd.DataFrame, family: str) -> list[str]:
    """A family's zones in alphabetical order, "" for bands without a zone: the band chart's choices."""
    return sorted(ladder.loc[ladder["family"] == family, "zone"].fillna("").unique())


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


def audit_rows(trail: pd.DataFrame) -> pd.DataFrame:
    """The audit trail as shown and downloaded: time to the second."""
    return trail.assign(at=[t[:19].replace("T", " ") for t in trail["at"]])


def audit_table() -> Table:
    """The columns of a workspace's audit trail."""
    return table(
        Column("at", "When", unit="UTC", meaning="When it happened, YYYY-MM-DD hh:mm:ss in UTC."),
        Column("actor", "Who", meaning="Who did it: their e-mail address in team mode."),
        Column("action", "What", meaning="What was done: saved, opened, downloaded, shared, ..."),
        Column("detail", "Detail", meaning="What it was done to: a file name, a person, a new name."),
    )
