"""Roles tables: each range's label, the range statistics, and one pay placed in a range.

Pure pandas over analytics.roles.queries.role_ranges frames, for the page's tables and downloads.
"""

from __future__ import annotations

import pandas as pd

from analytics.format import MARKET, money
from analytics.metrics import band_table, pay_position

STATISTICS_COLUMNS = ["label", "role", "company", "component", "min_usd", "max_usd", "midpoint", "spread",
                      "progression", "overlap_with_previous", "year", "source_id", "source_title",
                      "source_publisher", "note"]
RANGE_ONLY = ("level", "midpoint_usd", "max_is_lower_bound", "sample_size")
"""role_ranges columns the statistics table leaves out (the midpoint is recomputed as `midpoint`)."""
USUAL_COMPA = (0.90, 1.10)
"""The compa-ratio band that pay-band guides call usual (reference facts, section 6)."""


def labelled_ranges(ranges: pd.DataFrame) -> pd.DataFrame:
    """Ranges with a label naming role, company (unless market-wide) and pay component."""
    return ranges.assign(label=[f"{r.role}{'' if r.company == MARKET else ' · ' + r.company} ({r.component})"
                                for r in ranges.itertuples()])


def range_statistics(ranges: pd.DataFrame) -> pd.DataFrame:
    """Midpoint, spread, progression and overlap of labelled ranges, in seniority order (ValueError on nonsense).

    Columns a money view added (reported amounts, factors, converted amounts) follow the statistics.
    """
    table = band_table(ranges.assign(min=ranges["min_usd"], max=ranges["max_usd"]))
    extra = [c for c in ranges.columns if c not in STATISTICS_COLUMNS and c not in RANGE_ONLY]
    return table[STATISTICS_COLUMNS + extra]


def pay_in_range(pay: float, row: pd.Series) -> dict[str, object]:
    """Place a pay in one labelled range: compa-ratio, penetration, position and a sentence with the source."""
    pos = pay_position(pay, row["min_usd"], row["max_usd"])
    in_band = USUAL_COMPA[0] <= pos["compa_ratio"] <= USUAL_COMPA[1]
    plus = "+" if pd.notna(row["max_is_lower_bound"]) and row["max_is_lower_bound"] else ""
    sentence = (f"{money(pay)} against {row['label']}: {money(row['min_usd'])} – {money(row['max_usd'])}{plus}, "
                f"midpoint {money(row['midpoint_usd'])} (derived). Source: {row['source_title']}. The compa-ratio "
                f"is {'inside' if in_band else 'outside'} the usual {USUAL_COMPA[0]:.2f}–{USUAL_COMPA[1]:.2f} band.")
    return {**pos, "sentence": sentence}
