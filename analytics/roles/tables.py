"""Roles tables: each range's label, the range statistics, and one pay placed in a range.

Pure pandas over analytics.roles.queries.role_ranges frames, for the page's tables and downloads.
Progression and overlap compare a range only with the next one down in the same group: one company
(or market-wide), one source and one pay component, in seniority order. A company's figure for a
role is never compared with the market-wide figure for that role, nor one source with another.
"""

from __future__ import annotations

import math

import pandas as pd

from analytics.format import MARKET, STATISTIC_LABELS, money
from analytics.metrics import band_table, pay_position

STATISTICS_COLUMNS = [
    "label",
    "role",
    "company",
    "component",
    "min_usd",
    "max_usd",
    "midpoint",
    "spread",
    "progression",
    "overlap_with_previous",
    "compared_with",
    "year",
    "source_id",
    "source_title",
    "source_publisher",
    "note",
]
RANGE_ONLY = ("level", "midpoint_usd", "max_is_lower_bound", "sample_size")
"""role_ranges columns the statistics table leaves out (the midpoint is recomputed as `midpoint`)."""
GROUP = ["company", "source_id", "component"]
"""Ranges are compared only within one company (or market-wide), one source and one pay component."""
USUAL_COMPA = (0.90, 1.10)
"""The compa-ratio band that pay-band guides call usual (reference facts, section 6)."""
PAY_RANGE = (1.0, 10_000_000.0)
"""Annual pay in USD a user may type or link: above $0 (a pay) and at most $10M (no job's yearly pay is higher)."""
NO_PAIR = (
    "blank: no lower role in the same company (or market-wide), source and pay component to compare with; "
    "a role is never compared with itself nor one source with another"
)


RANGE_AMOUNTS = ["min_usd", "max_usd", "midpoint_usd"]
"""The money columns of a role_ranges frame, restated together by the money view."""
RANGE_CHART_NOTE = (
    "Bars run from the reported minimum to maximum, annual USD; the line marks the midpoint (derived), "
    "diamonds mark single reported figures such as averages and medians. Hover for the source. "
)


def labelled_ranges(ranges: pd.DataFrame) -> pd.DataFrame:
    """Ranges with a label naming role, company (unless market-wide) and pay component."""
    return ranges.assign(
        label=[
            f"{r.role}{'' if r.company == MARKET else ' · ' + r.company} ({r.component})" for r in ranges.itertuples()
        ]
    )


def range_statistics(ranges: pd.DataFrame) -> pd.DataFrame:
    """Midpoint, spread, and progression and overlap within each group (see GROUP), in seniority order.

    Rows keep the input (seniority) order; `compared_with` names the range each row's progression and
    overlap compare with (blank when none). ValueError names a row whose range is nonsense. Columns a
    money view added (reported amounts, factors, converted amounts) follow the statistics.
    """
    frame = ranges.assign(min=ranges["min_usd"], max=ranges["max_usd"])
    parts = []
    for _, group in frame.groupby([frame[c].fillna("") for c in GROUP], sort=False):
        table = band_table(group).assign(compared_with=[None, *group["label"].iloc[:-1]])
        # Two ranges of one role in one group (e.g. two components would be split already) never pair.
        same = table["role"].eq(table["role"].shift())
        table.loc[same, ["progression", "overlap_with_previous", "compared_with"]] = (math.nan, math.nan, None)
        parts.append(table)
    table = pd.concat(parts).loc[frame.index] if parts else band_table(frame).assign(compared_with=None)
    extra = [c for c in ranges.columns if c not in STATISTICS_COLUMNS and c not in RANGE_ONLY]
    return table[STATISTICS_COLUMNS + extra]


def pay_problem(pay: float | None) -> str | None:
    """Why a typed annual pay cannot be placed (None when it can): missing, or outside PAY_RANGE."""
    low, high = PAY_RANGE
    if pay is None or (isinstance(pay, float) and math.isnan(pay)):
        return "Enter an annual pay to see its compa-ratio and range penetration."
    if not low <= pay <= high:
        side = "below" if pay < low else "above"
        return f"Annual pay must be from {money(low)} to {money(high)}; it is {side} that."
    return None


def penetration_text(position: dict[str, object]) -> str:
    """Range penetration for people: a percentage inside the range, words at the tails."""
    if position["zone"] == "below":
        return "below the minimum"
    if position["zone"] == "above":
        return "above the maximum"
    return f"{position['penetration']:.0%}"


def pay_in_range(pay: float, row: pd.Series) -> dict[str, object]:
    """Place a pay in one labelled range: compa-ratio, penetration, position and a sentence with the source."""
    pos = pay_position(pay, row["min_usd"], row["max_usd"])
    in_band = USUAL_COMPA[0] <= pos["compa_ratio"] <= USUAL_COMPA[1]
    plus = "+" if pd.notna(row["max_is_lower_bound"]) and row["max_is_lower_bound"] else ""
    sentence = (
        f"{money(pay)} against {row['label']}: {money(row['min_usd'])} – {money(row['max_usd'])}{plus}, "
        f"midpoint {money(row['midpoint_usd'])} (derived). Source: {row['source_title']}. The compa-ratio "
        f"is {'inside' if in_band else 'outside'} the usual {USUAL_COMPA[0]:.2f}–{USUAL_COMPA[1]:.2f} band."
    )
    return {**pos, "penetration_text": penetration_text(pos), "sentence": sentence}


def percent_text(value: float) -> str:
    """A fraction as a percentage for a table cell (38.5%), blank when missing."""
    return "" if pd.isna(value) else f"{value:.1%}"


def year_text(value: object) -> str:
    """A figure's year for a table cell, or 'not stated'."""
    return "not stated" if value is None or pd.isna(value) else str(int(value))


def statistics_shown(table: pd.DataFrame) -> pd.DataFrame:
    """The statistics as the screen shows them: percentages and years as text, blanks instead of None."""
    return table.assign(
        **{c: table[c].map(percent_text) for c in ("spread", "progression", "overlap_with_previous")},
        year=table["year"].map(year_text),
        compared_with=table["compared_with"].fillna(""),
    )


def titled_figures_shown(figures: pd.DataFrame) -> pd.DataFrame:
    """Company figures for a title's levels, labelled for a table: where, which statistic, n and source."""
    return figures.assign(
        where=figures["company"] + " " + figures["level"],
        figure=[
            f"{STATISTIC_LABELS.get(s, s)} {c}" for s, c in zip(figures["statistic"], figures["component"], strict=True)
        ],
        year=figures["year"].map(year_text),
        sample_size=figures["sample_size"].map(lambda n: "not reported" if pd.isna(n) else f"{int(n):,}"),
    )


def ranges_shown(ranges: pd.DataFrame) -> pd.DataFrame:
    """Role ranges for a table that reads on a phone: the label and the range as text first, then the year."""
    plus = ranges["max_is_lower_bound"].fillna(False).map({True: "+", False: ""})
    return labelled_ranges(ranges).assign(
        range_text=[
            f"{money(lo)} – {money(hi)}{p}"
            for lo, hi, p in zip(ranges["min_usd"], ranges["max_usd"], plus, strict=True)
        ],
        year=ranges["year"].map(year_text),
    )


def dated(published: object, sample_size: object) -> str:
    """When a headline figure's source was published and how many reports are behind it, for a card."""
    undated = published is None or pd.isna(published) or published == "undated"
    when = "undated article" if undated else f"article published {published}"
    n = "sample size not reported" if sample_size is None or pd.isna(sample_size) else f"n = {int(sample_size):,}"
    return f"{when}, {n}"
