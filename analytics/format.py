"""Text for people: money, wages, statistic labels, Markdown escaping, label wrapping, shared constants.

Every page and chart formats numbers through these functions, so "$148,688", "≥ $239,200"
and "not released" read the same everywhere. The constants here are the ones several
features share: the market-wide label, the low-sample threshold and BLS's hours in a year.
"""

from __future__ import annotations

import re
import textwrap

import pandas as pd

MARKET = "Market-wide"
"""The label of figures that name no company (pay_figures.company is empty)."""
LOW_N = 20
"""Fewer reports than this behind a figure: low confidence, flagged wherever the figure shows."""
HOURS_PER_YEAR = 2_080
"""BLS annualises hourly wages as hourly × 2,080 hours (40 a week × 52 weeks)."""
NOT_RELEASED = "not released"
"""What a value BLS did not publish reads as: never 0."""
PER = {"annual": "a year", "hourly": "an hour"}
SUPPRESSED = "fewer than 5: not shown"
"""What a figure about people's pay computed from fewer than 5 people reads, wherever it would show."""


STATISTIC_LABELS = {
    "min": "Minimum",
    "p10": "10th percentile",
    "p25": "25th percentile",
    "median": "Median",
    "mean": "Average",
    "p75": "75th percentile",
    "p90": "90th percentile",
    "max": "Maximum",
    "top": "Top earners",
    "typical": "Reported figure",
    "gap_to_us_mean": "Gap to US average",
}


def money(x: float | None) -> str:
    """Full dollars for labels and hovers: $148,688."""
    return "–" if x is None or pd.isna(x) else f"${x:,.0f}"


def short_money(x: float) -> str:
    """Compact dollars for axes: $57.5K, $1.3M."""
    for div, suffix in ((1e6, "M"), (1e3, "K")):
        if abs(x) >= div:
            return f"${x / div:,.1f}".rstrip("0").rstrip(".") + suffix
    return f"${x:,.0f}"


def wrap(text: object, width: int = 22) -> str:
    """Break a label into lines of at most about width characters for Plotly (<br>); a slash may break too."""
    lines = textwrap.wrap(str(text).replace("/", "/ "), width, break_long_words=False, break_on_hyphens=False)
    return "<br>".join(line.replace("/ ", "/") for line in lines) or str(text)


def wage_text(value: float | None, lower_bound: bool = False, basis: str = "annual") -> str:
    """A wage for labels and tables: $166,790, $80.19, ≥ $239,200 when top-coded, or 'not released'."""
    if value is None or pd.isna(value):
        return NOT_RELEASED
    text = f"${value:,.2f}" if basis == "hourly" else money(value)
    return f"≥ {text}" if lower_bound else text


def short_wage(value: float, lower_bound: bool, basis: str) -> str:
    """A compact wage for chart labels: $90.3K, $80.19, ≥ $239.2K."""
    text = f"${value:,.2f}" if basis == "hourly" else short_money(value)
    return f"≥ {text}" if lower_bound else text


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|$~:])")


def md(text: object) -> str:
    """Text shown literally in Markdown: no formatting, links, maths ($) or icons (:name:) taken from it."""
    return _MARKDOWN.sub(r"\\\1", str(text))


def money_md(amount: float | None) -> str:
    """Money for Markdown: $148,688 with the dollar escaped, so two amounts never read as maths."""
    return money(amount).replace("$", "\\$")
