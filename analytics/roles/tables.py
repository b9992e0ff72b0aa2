"""Roles tables: each range's label, the range statistics, one pay placed in a range, and the page's text.

Pure pandas over analytics.roles.queries frames, for the page's tables, sentences and downloads; each
table's columns are described once here (analytics.columns) for the screen and the files.
Progression and overlap compare a range only with the next one down in the same group: one company
(or market-wide), one source and one pay component, in seniority order. A company's figure for a
role is never compared with the market-wide figure for that role, nor one source with another.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from analytics.columns import FLAG, MONEY, PERCENT, Column, Table, common, table
from analytics.format import MARKET, STATISTIC_LABELS, md, money
from analytics.metrics import OVERLAP_VARIANT, YEARLY_PAY, band_table, pay_position
from analytics.realterms.view import MoneyView

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
PAY_PROMPT = (
    "Enter an annual pay to see its compa-ratio (the pay ÷ the range's midpoint) and range penetration (where it "
    "sits between the range's minimum and maximum)."
)
"""What the pay box asks for while it is blank (blank is missing, never zero)."""
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


def pay_refusal(pay: float | None) -> str | None:
    """Why a typed or linked annual pay was refused, naming YEARLY_PAY's range; None when blank or in range."""
    if pay is None or (isinstance(pay, float) and math.isnan(pay)) or YEARLY_PAY.contains(pay):
        return None
    side = "below" if pay < YEARLY_PAY.low else "above"
    return f"Annual pay must be from {money(YEARLY_PAY.low)} to {money(YEARLY_PAY.high)}; it is {side} that."


def chosen_range(label: str, labels: Sequence[str]) -> str:
    """The range to place a pay in: the chosen one while it is shown, else the first shown."""
    return label if label in labels else labels[0]


def penetration_text(position: dict[str, object]) -> str:
    """Range penetration for people: a percentage inside the range, words at the tails."""
    if position["zone"] == "below":
        return "below the minimum"
    if position["zone"] == "above":
        return "above the maximum"
    return f"{position['penetration']:.0%}"


def place_in_range(pay: float, row: pd.Series) -> dict[str, object]:
    """Place a pay in one labelled range: compa-ratio, penetration, position and a sentence with the source."""
    pos = pay_position(pay, row["min_usd"], row["max_usd"])
    in_band = USUAL_COMPA[0] <= pos["compa_ratio"] <= USUAL_COMPA[1]
    plus = "+" if pd.notna(row["max_is_lower_bound"]) and row["max_is_lower_bound"] else ""
    sentence = (
        f"{money(pay)} against {row['label']}: {money(row['min_usd'])} – {money(row['max_usd'])}{plus}, "
        f"midpoint {money(row['midpoint_usd'])} (derived). Source: {row['source_title']}. The compa-ratio, the "
        "pay ÷ the range's midpoint (1.00 is at the midpoint, below 1.00 under it), "
        f"is {'inside' if in_band else 'outside'} the usual {USUAL_COMPA[0]:.2f}–{USUAL_COMPA[1]:.2f} band "
        "that pay-band guides use."
    )
    return {**pos, "penetration_text": penetration_text(pos), "sentence": sentence}


def roles_without_range(roles: Sequence[str], ranges: pd.DataFrame) -> list[str]:
    """The chosen roles with no reported min–max range in the selection (role_ranges' frame)."""
    with_range = set(ranges["role"])
    return [r for r in roles if r not in with_range]


def charted_note(roles: Sequence[str], ranges: pd.DataFrame) -> str | None:
    """Under the range chart: which of the chosen roles it draws and why the others are missing (None when it
    draws them all)."""
    without = roles_without_range(roles, ranges)
    if not without or len(without) == len(roles):
        return None
    verb = "has" if len(without) == 1 else "have"
    names = " and ".join([", ".join(without[:-1]), without[-1]] if len(without) > 1 else without)
    return (
        f"The chart draws {len(roles) - len(without)} of the {len(roles)} chosen roles: those with a reported "
        f"min–max range. {names} {verb} no range for this selection, only single figures (medians, "
        "averages) per company level: see Roles and Levels."
    )


def no_range_note(roles: Sequence[str]) -> str:
    """The caption naming the roles without a range, and where their pay per company level is."""
    return (
        f"No reported min–max range for this selection: {', '.join(roles)}. "
        "Pay reported per company level is on the **Levels** page."
    )


def titled_heading(figures: pd.DataFrame) -> str:
    """The heading (Markdown) over the company figures of the levels titled as roles without a market-wide range."""
    roles = ", ".join(dict.fromkeys(figures["role"]))
    return f"**No market-wide figure for {md(roles)}: company figures for the levels that carry that title**"


def next_steps_text(next_steps: Sequence[str]) -> str:
    """A role's next steps on its card: 'A · B', or 'none named'."""
    return " · ".join(next_steps) or "none named"


def sources_text(source_title: str, next_steps_source_titles: Sequence[str]) -> str:
    """The sources of a role's card, each once: 'Source: …' or 'Sources: …; …'."""
    titles = list(dict.fromkeys([source_title, *next_steps_source_titles]))
    return ("Sources: " if len(titles) > 1 else "Source: ") + "; ".join(titles)


def profiled_roles(roles: Sequence[str], profiles: pd.DataFrame) -> tuple[list[str], list[str]]:
    """The chosen roles with a profile in the sources (role_profiles' frame), and those without, in chosen order."""
    with_profile = set(profiles["role"])
    return [r for r in roles if r in with_profile], [r for r in roles if r not in with_profile]


def no_profile_note(roles: Sequence[str]) -> str:
    """The notice naming the roles that no source profiles."""
    return (
        f"No role profile in the sources for {', '.join(roles)}: the seed article compares only "
        "Product Coordinator and Assistant/Associate Product Manager."
    )


def profile_tables(profiles: pd.DataFrame, roles: Sequence[str]) -> dict[str, tuple[pd.DataFrame, str]]:
    """Each comparison of the role profiles (one tab each, in the article's order): a table with an aspect per
    row and a column per role (in chosen order), and its source's title."""
    tables = {}
    for comparison, rows in profiles.groupby("comparison", sort=False):
        wide = rows.pivot_table(index="aspect", columns="role", values="description", aggfunc="first", sort=False)
        tables[comparison] = (wide[list(roles)].reset_index(), rows["source_title"].iloc[0])
    return tables


def titled_figures_shown(figures: pd.DataFrame) -> pd.DataFrame:
    """Company figures for a title's levels, labelled for a table: where and which statistic."""
    return figures.assign(
        where=figures["company"] + " " + figures["level"],
        figure=[
            f"{STATISTIC_LABELS.get(s, s)} {c}" for s, c in zip(figures["statistic"], figures["component"], strict=True)
        ],
    )


def ranges_shown(ranges: pd.DataFrame) -> pd.DataFrame:
    """Role ranges for a table that reads on a phone: the label and the range as text (ranges_table puts them
    first, then the year)."""
    plus = ranges["max_is_lower_bound"].fillna(False).map({True: "+", False: ""})
    return labelled_ranges(ranges).assign(
        range_text=[
            f"{money(lo)} – {money(hi)}{p}"
            for lo, hi, p in zip(ranges["min_usd"], ranges["max_usd"], plus, strict=True)
        ],
    )


def dated(published: object, sample_size: object) -> str:
    """When a headline figure's source was published and how many reports are behind it, for a card."""
    undated = published is None or pd.isna(published) or published == "undated"
    when = "undated article" if undated else f"article published {published}"
    n = "sample size not reported" if sample_size is None or pd.isna(sample_size) else f"n = {int(sample_size):,}"
    return f"{when}, {n}"


PAY_FIGURES = "data/pay_figures.csv amount_usd"
MINIMUM = Column(
    "min_usd", "Minimum", MONEY, "USD a year", "The lowest annual pay of the reported range.", PAY_FIGURES + " (min)"
)
MAXIMUM = Column(
    "max_usd",
    "Maximum",
    MONEY,
    "USD a year",
    "The highest annual pay of the reported range (at least this much where the maximum is a floor).",
    PAY_FIGURES + " (max)",
)
FLOOR = Column(
    "max_is_lower_bound",
    "Maximum is a floor",
    FLAG,
    meaning="Yes where the source gives the maximum as 'or more': the range's top is at least that.",
    source="data/pay_figures.csv lower_bound",
    screen=False,
)
YEAR_STATED = common("year", source="data/pay_figures.csv year", blank="not stated")
REPORTS = common("sample_size", source="data/pay_figures.csv sample_size", blank="not reported")
FILE_ONLY = tuple(common(name, screen=False) for name in ("role", "company", "component"))
LABEL = Column("label", "Range", meaning="The role, its company (unless market-wide) and the pay component.")


def ranges_table(view: MoneyView) -> Table:
    """The role ranges table's columns (ranges_shown's frame) under the money view: role, range and year first,
    so a phone shows them."""
    described = table(
        LABEL.but(width="medium"),
        Column(
            "range_text",
            "Reported range",
            meaning="Minimum – maximum a year, as the amounts beside it; + after the maximum: at least that much.",
        ),
        YEAR_STATED.but(width="small"),
        "source_title",
        MINIMUM,
        MAXIMUM,
        Column("midpoint_usd", "Midpoint", MONEY, "USD a year", "Derived: (minimum + maximum) ÷ 2.", "derived"),
        "note",
        *FILE_ONLY,
        FLOOR,
        REPORTS.but(screen=False),
        "source_publisher",
        "source_id",
    )
    return view.table(described, RANGE_AMOUNTS)


def statistics_table(view: MoneyView) -> Table:
    """The range statistics table's columns (range_statistics' frame) under the money view."""
    pair = f"{NO_PAIR}."
    described = table(
        LABEL.but(width="medium", pinned=True),
        MINIMUM.but(width="small"),
        MAXIMUM.but(width="small"),
        Column(
            "midpoint", "Midpoint", MONEY, "USD a year", "Derived: (minimum + maximum) ÷ 2.", "derived", width="small"
        ),
        Column(
            "spread",
            "Spread",
            PERCENT,
            "%",
            "Derived: (maximum − minimum) ÷ minimum.",
            "derived",
            fraction=True,
            blank="",
            width="small",
        ),
        Column(
            "progression",
            "Progression",
            PERCENT,
            "%",
            "Derived midpoint progression from the range named in Below: (midpoint − its midpoint) ÷ its midpoint; "
            + pair,
            "derived",
            fraction=True,
            blank="",
            width="small",
        ),
        Column(
            "overlap_with_previous",
            "Overlap",
            PERCENT,
            "%",
            f"Derived overlap with the range named in Below: {OVERLAP_VARIANT}; {pair}",
            "derived",
            fraction=True,
            blank="",
            width="small",
        ),
        YEAR_STATED.but(width="small"),
        common("source_title", width="medium"),
        Column(
            "compared_with",
            "Below",
            meaning="The next lower range in the same company (or market-wide), source and pay component, which "
            "progression and overlap compare with.",
        ),
        *FILE_ONLY,
        "source_publisher",
        "note",
        "source_id",
    )
    return view.table(described, ["min_usd", "max_usd"])


def titled_table(view: MoneyView) -> Table:
    """The columns of the company figures for the levels titled as roles without a range (titled_figures_shown)."""
    described = table(
        common("role", width=130),
        Column("where", "Level", meaning="The company and its level that carries the role's title.", width=90),
        Column("annual_usd", "Amount", MONEY, "USD a year", "The figure as the source reports it.", PAY_FIGURES),
        Column("figure", "Figure", meaning="Which statistic of which pay component the amount is."),
        common("source_publisher", header="Source"),
        YEAR_STATED,
        REPORTS,
        Column(
            "level_title",
            "Title there",
            meaning="The level's title or PM title that names the role, per the levels table (data/levels.csv, "
            "columns pm_titles and title).",
        ),
        common("company", screen=False),
        common("component", screen=False),
        Column("statistic", "Statistic", meaning="The statistic's code in data/pay_figures.csv.", screen=False),
        common("source_title", header="Source title", screen=False),
        "source_id",
    )
    return view.table(described, ["annual_usd"])


def profile_table(profiles: pd.DataFrame, roles: Sequence[str]) -> Table:
    """The columns of each comparison of the role profiles (profile_tables): the aspect, then each role."""
    return table(
        Column("aspect", "Aspect", meaning="What is compared.", source="data/role_profiles.csv aspect"),
        *(
            Column(role, role, meaning=f"The source's words for {role}.", source="data/role_profiles.csv description")
            for role in roles
        ),
        sources=profiles["source_id"].unique().tolist(),
    )
