"""Tables derived from the Levels queries: disputed levels and figures, bands, steps between levels.

Pure pandas: DataFrames from analytics.levels.queries in, DataFrames (or Markdown lines) out.
A figure backed by fewer than LOW_N reports is flagged as low confidence; one with no reported
sample is "unknown", never safe. A figure whose source states no role and whose highest figure at
a level is below another source's central figure (the quality check level_pay_inconsistent) is
disputed. Each table's columns are described once here (analytics.columns) for the screen and the files.
"""

from __future__ import annotations

import itertools
import re

import pandas as pd

from analytics.columns import COUNT, MONEY, PERCENT, Column, Table, common, table
from analytics.db import records
from analytics.format import LOW_N, STATISTIC_LABELS, md, money
from analytics.metrics import OVERLAP_VARIANT, band_table, midpoint_progression
from analytics.quality import CENTRAL, UPPER_TAIL
from analytics.realterms.view import MoneyView

STEP_STATISTICS = ("median", "typical")
# The per-level spread (external-facts 2c) adds the 10th and 90th percentiles.
LABELS = {**STATISTIC_LABELS, "p10": "10th percentile", "p90": "90th percentile"}
SPREAD = ("p10", "p25", "median", "p75", "p90")
SPREAD_SOURCE = "levelsfyi_kaggle_spread"  # drawn as boxes; its medians repeat levelsfyi_kaggle's within 1%
DATA_SETS = {SPREAD_SOURCE: "levelsfyi_kaggle"}
"""Sources that are another source's data set under a different filter: one figure per level is shown for both."""
CENTRAL_ORDER = ("median", "typical", "mean")
"""The figure that stands for a level and source, in order of preference; the others go to the row's notes."""
NOT_REPORTED = "not reported"
DISPUTED = "disputed: role not stated, contradicts other sources"


def clean_title(title: object) -> object:
    """A level title without the source's literal quotes: '"Senior ..."' reads Senior …, inner quotes curl."""
    if not isinstance(title, str):
        return title
    text = title.strip()
    if len(text) > 1 and text[0] == text[-1] == '"':
        text = text[1:-1]
    return re.sub(r'"([^"]*)"', "“\\1”", text).replace("...", "…")


def sample_text(n: object) -> str:
    """A sample size as shown: '1,234', or 'not reported' (never blank, never None)."""
    return NOT_REPORTED if pd.isna(n) else f"{int(n):,}"


def confidence_text(*sizes: object) -> str:
    """'low' when any sample is below LOW_N, 'unknown' when a size is not reported, else 'ok'."""
    if any(pd.notna(n) and n < LOW_N for n in sizes):
        return "low"
    return "unknown" if any(pd.isna(n) for n in sizes) else "ok"


def _grouped(rows: list[dict], keys: tuple[str, ...]) -> dict[tuple, list[dict]]:
    """Records grouped by their values of keys, groups and rows in order of first appearance; as in
    DataFrame.groupby(keys, sort=False), a row missing a key is in no group."""
    groups: dict[tuple, list[dict]] = {}
    for row in rows:
        key = tuple(row[k] for k in keys)
        if not any(pd.isna(k) for k in key):
            groups.setdefault(key, []).append(row)
    return groups


def disputed_figures(pay: pd.DataFrame) -> pd.Series:
    """True for figures of a source that states no role and whose highest upper-tail figure at a level
    is below another source's median, average or reported figure there (as quality.level_pay_inconsistent)."""
    # Plain records: a pandas filter per level and source took about 80 ms of a Levels rerun.
    rows = records(pay[["company", "level", "component", "source_id", "statistic", "role", "annual_usd"]])
    for at, row in enumerate(rows):
        row["at"] = at
    flags = [False] * len(rows)
    for group in _grouped(rows, ("company", "level", "component")).values():
        for (source,), own in _grouped(group, ("source_id",)).items():
            tail = [r["annual_usd"] for r in own if r["statistic"] in UPPER_TAIL and pd.notna(r["annual_usd"])]
            others = [r["annual_usd"] for r in group if r["source_id"] != source and r["statistic"] in CENTRAL]
            if all(pd.isna(r["role"]) for r in own) and tail and any(o > max(tail) for o in others):
                for r in own:
                    flags[r["at"]] = True
    return pd.Series(flags, index=pay.index, dtype=bool)


def disputed_levels(ladder: pd.DataFrame) -> pd.DataFrame:
    """Ladder rows of the levels that two or more sources describe and that carry a note."""
    grouped = ladder.groupby(["company", "level"])
    noted = grouped["note"].transform(lambda notes: notes.notna().any())
    return ladder[(grouped["source_ids"].transform("size") > 1) & noted]


def ladder_bands(ladder: pd.DataFrame) -> pd.DataFrame:
    """Titles one source gives to several levels of a company, e.g. Google's 'PM band' for L3 to L5."""
    bands = (
        ladder.groupby(["company", "source_ids", "title"], sort=False)
        .agg(
            low=("rank", "min"),
            high=("rank", "max"),
            first=("level", "first"),
            last=("level", "last"),
            count=("level", "size"),
            as_of=("as_of", "first"),
            sources=("sources", "first"),
        )
        .reset_index()
    )
    return bands[bands["count"] > 1].reset_index(drop=True)


def level_steps(pay: pd.DataFrame, skip: tuple[str, ...] = (SPREAD_SOURCE,)) -> pd.DataFrame:
    """Midpoint progression between consecutive reported levels' medians, within one source and statistic
    (the spread source is skipped: its medians repeat the same data set's, so its steps would too)."""
    # Plain records grouped once, only the columns used: pandas per group took about 25 ms of a Levels rerun.
    used = ["company", "component", "statistic", "level", "rank", "annual_usd", "sample_size", "year"]
    used += ["source_id", "source_title", "source_publisher"]
    figures = pay.loc[pay["statistic"].isin(STEP_STATISTICS) & ~pay["source_id"].isin(skip), used]
    ordered = records(figures.sort_values(["company", "source_id", "rank"]))
    rows = []
    for group in _grouped(ordered, ("company", "source_id", "statistic", "component")).values():
        for low, high in itertools.pairwise(group):
            if low["annual_usd"] <= 0:
                continue  # a zero median (e.g. no bonus) has no percentage step
            same_year = pd.notna(low["year"]) and low["year"] == high["year"]
            rows.append(
                {
                    "company": low["company"],
                    "component": low["component"],
                    "statistic": low["statistic"],
                    "from_level": low["level"],
                    "to_level": high["level"],
                    "from_usd": low["annual_usd"],
                    "to_usd": high["annual_usd"],
                    "progression": midpoint_progression(low["annual_usd"], high["annual_usd"]),
                    "from_n": sample_text(low["sample_size"]),
                    "to_n": sample_text(high["sample_size"]),
                    "from_sample_size": low["sample_size"],
                    "to_sample_size": high["sample_size"],
                    "low_confidence": confidence_text(low["sample_size"], high["sample_size"]),
                    "year": low["year"] if same_year else None,
                    "source_id": low["source_id"],
                    "source_title": low["source_title"],
                    "source_publisher": low["source_publisher"],
                }
            )
    return pd.DataFrame(
        rows,
        columns=[
            "company",
            "component",
            "statistic",
            "from_level",
            "to_level",
            "from_usd",
            "to_usd",
            "progression",
            "from_n",
            "to_n",
            "from_sample_size",
            "to_sample_size",
            "low_confidence",
            "year",
            "source_id",
            "source_title",
            "source_publisher",
        ],
    )


def component_pay(pay: pd.DataFrame, component: str) -> pd.DataFrame:
    """One pay component's figures per level, with the disputed ones marked."""
    pay = pay[pay["component"] == component]
    return pay.assign(disputed=disputed_figures(pay))


def steps_shown(pay: pd.DataFrame) -> pd.DataFrame:
    """The steps between levels (level_steps) with their statistic in words."""
    steps = level_steps(pay)
    return steps.assign(statistic=steps["statistic"].map(LABELS)) if not steps.empty else steps


def pay_caption(component: str, disputed: str) -> str:
    """What the pay-per-level chart shows: its axis, boxes, open marks and disputed marks."""
    parts = [
        "Both companies on one pay axis, log scale (equal distances are equal percentage steps): "
        "compare across, e.g. Amazon L6 with Google L5.",
        "Boxes show levels.fyi's spread of total pay per level (25th to 75th percentile, whiskers 10th to "
        "90th, the line at the level's median; US submissions titled Product Manager, 2017–2021); the table "
        "gives each as numbers, one figure per level and source."
        if component == "total"
        else "",
        f"Open boxes and marks flag fewer than {LOW_N} reports: low confidence.",
        f"Red marks are disputed: {disputed} state no role and sit below what other sources report for "
        "that level (see the quality checks on Sources & data)."
        if disputed
        else "",
    ]
    return " ".join(p for p in parts if p)


def low_confidence(n: float) -> bool:
    """A reported sample below LOW_N (an unreported one is 'unknown': see confidence_text)."""
    return bool(pd.notna(n) and n < LOW_N)


def _span(low: object, high: object) -> str:
    """'$209,000 – $275,000', or '' when either end is missing."""
    return "" if pd.isna(low) or pd.isna(high) else f"{money(low)} – {money(high)}"


def _central_rank(row: dict) -> tuple[int, bool]:
    """Where a figure stands among its data set's candidates for the one figure of a level (lowest first):
    by CENTRAL_ORDER, then the data set's own source before a source folded into it."""
    statistic = row["statistic"]
    rank = CENTRAL_ORDER.index(statistic) if statistic in CENTRAL_ORDER else len(CENTRAL_ORDER)
    return rank, row["source_id"] != row["data_set"]


def _statistic_order(row: dict) -> int:
    """A statistic's place in LABELS, for listing the other figures; unlabelled ones last."""
    return list(LABELS).index(row["statistic"]) if row["statistic"] in LABELS else len(LABELS)


def _label(statistic: object) -> object:
    """A statistic in words ('Median'), or as the source names it when LABELS has no words for it."""
    return LABELS.get(statistic, statistic)


def _other_text(row: dict, first: dict) -> str:
    """'Average $19,809' for a level's other figure, with its n when its source is not the shown figure's."""
    text = f"{_label(row['statistic'])} {money(row['annual_usd'])}"
    if row["source_id"] != first["source_id"]:
        text += f" (n = {sample_text(row['sample_size'])}, with the percentiles)"
    return text


def level_figures(pay: pd.DataFrame) -> pd.DataFrame:
    """One row per company level, pay component and data set (a source, with DATA_SETS folded into theirs):
    its one central figure (median, else reported figure, else average: CENTRAL_ORDER) with its source, n and
    confidence; the 25th–75th and 10th–90th percentiles as numbers and as text; any other statistic (another
    median of the same data set, an average beside a median, top earners, a min–max) in `other`. pay holds
    level_pay rows (after component_pay and the money view; annual_usd_* columns follow the central figure)."""
    # Plain records, grouped once: pandas indexing per group took about 200 ms of a Levels rerun.
    flags = (pay["disputed"] if "disputed" in pay.columns else disputed_figures(pay)).tolist()
    money_columns = [c for c in pay.columns if c.startswith("annual_usd") or c in VIEW_COLUMNS]
    figures = records(pay)
    for row, flag in zip(figures, flags, strict=True):
        row["data_set"] = DATA_SETS.get(row["source_id"], row["source_id"])
        row["flagged"] = bool(pd.notna(flag) and flag)
    rows = []
    for (company, level, component, data_set), group in _grouped(
        figures, ("company", "level", "component", "data_set")
    ).items():
        best = min(group, key=_central_rank)
        central = best if _central_rank(best)[0] < len(CENTRAL_ORDER) else None
        by_stat = {r["statistic"]: r for r in group}
        spread = {s: by_stat[s]["annual_usd"] if s in by_stat else None for s in ("p10", "p25", "p75", "p90")}
        others = sorted((r for r in group if r["statistic"] not in spread and r is not central), key=_statistic_order)
        own = [r for r in group if r["source_id"] == data_set]
        first = central if central is not None else (own or group)[0]
        other_text = "; ".join(_other_text(r, first) for r in others)
        percentiles = [r for r in group if r["statistic"] in spread]
        notes = [first["note"]] if isinstance(first["note"], str) else []
        if percentiles and percentiles[0]["source_id"] != first["source_id"]:
            p = percentiles[0]
            notes.append(f"Percentiles: {p['note']} ({sample_text(p['sample_size'])} reports).")
        rows.append(
            {
                "company": company,
                "level": level,
                "component": component,
                "statistic": _label(first["statistic"]) if central is not None else "none reported",
                **{c: (first[c] if central is not None else None) for c in money_columns},
                "p25_p75": _span(spread["p25"], spread["p75"]),
                "p10_p90": _span(spread["p10"], spread["p90"]),
                "other": other_text,
                "n": sample_text(first["sample_size"]),
                "low_confidence": confidence_text(first["sample_size"]),
                "flag": DISPUTED if any(r["flagged"] for r in group) else "",
                "source_title": first["source_title"],
                "source_publisher": first["source_publisher"],
                "year": first["year"],
                "as_of": first["as_of"],
                "role": first["role"],
                "note": " ".join(notes),
                "source_id": data_set,
                "sample_size": first["sample_size"],
                **spread,
            }
        )
    return pd.DataFrame(rows)


VIEW_COLUMNS = ("factor", "cpi_then", "cpi_now", "adjustment", "currency", "usd_rate", "rate_date")
"""Columns the money view adds beside a restated amount."""


def disagreements(ladder: pd.DataFrame) -> list[str]:
    """One Markdown line per disputed level: each source's title (and holder), publisher and date."""

    def side(r) -> str:
        who = f" (“{r.who}”)" if isinstance(r.who, str) else ""
        publishers = "; ".join(p.split(" (")[0] for p in r.sources)
        return f"{r.title}{who}: {publishers}, {r.as_of if isinstance(r.as_of, str) else 'undated'}"

    return [
        f"- **{company} {level}**: " + " · vs · ".join(side(r) for r in rows.itertuples())
        for (company, level), rows in disputed_levels(ladder).groupby(["company", "level"], sort=False)
    ]


def level_bands(ranges: pd.DataFrame) -> pd.DataFrame:
    """metrics.band_table over each company's level ranges (per component and source), lowest level first;
    only ladders of two or more ranges, since a lone range has no step or overlap."""
    parts = [
        band_table(
            group.assign(label=group["company"] + " " + group["level"], min=group["min_usd"], max=group["max_usd"])
        )
        for _, group in ranges.groupby(["company", "component", "source_id"], sort=False)
        if len(group) > 1
    ]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def lone_ranges(ranges: pd.DataFrame) -> pd.DataFrame:
    """The level ranges that are the only one of their company, component and source (no step to derive)."""
    size = ranges.groupby(["company", "component", "source_id"], sort=False)["level"].transform("size")
    return ranges[size == 1]


def range_lines(ranges: pd.DataFrame) -> list[str]:
    """'Amazon L10 total $1,300,000 – $1,600,000 (Kalena Advisors, undated)' per range, Markdown-escaped."""
    return [
        md(
            f"{r.company} {r.level} {r.component} {money(r.min_usd)} – {money(r.max_usd)} "
            f"({r.source_publisher}, {int(r.year) if pd.notna(r.year) else 'undated'})"
        )
        for r in ranges.itertuples()
    ]


def disputed_sources(shown: pd.DataFrame) -> str:
    """'the Amazon L7 figures of Product Manager HQ (Josh Fechter)' for the flagged rows of level_figures, or ''."""
    flagged = shown[shown["flag"] != ""]
    return " and ".join(
        f"the {c} {lv} figures of {p}"
        for (c, lv, p), _ in flagged.groupby(["company", "level", "source_publisher"], sort=False)
    )


PAY_FIGURES = "data/pay_figures.csv"
CONFIDENCE = Column(
    "low_confidence",
    "Low confidence",
    meaning=f"low: fewer than {LOW_N} reports; unknown: the source reports no sample size; ok: a reported sample "
    f"of at least {LOW_N}.",
    source="derived from sample_size",
)
REPORTS = common(
    "sample_size",
    meaning="Reports behind the figure; not reported when the source gives no sample size.",
    source=f"{PAY_FIGURES} sample_size",
    blank="not reported",
    width=100,
)
YEAR = common("year", source=f"{PAY_FIGURES} year", blank="not stated")


def ladder_table() -> Table:
    """The columns of the ladders table (level_ladder's rows): each level as each source names it."""
    return table(
        "company",
        "level",
        Column("title", "Title", meaning="The level's title as the sources name it.", source="data/levels.csv title"),
        Column("sources", "Sources", meaning="The publishers that give this title to the level."),
        common("as_of", source="data/levels.csv as_of"),
        Column("pm_titles", "PM titles", meaning="Product-management titles at this level, per the source."),
        Column("who", "Who", meaning="Who holds the level, in the source's words."),
        common("note", source="data/levels.csv note"),
        Column(
            "source_titles",
            "Source titles",
            meaning="The titles of the sources, in the order of Sources.",
            screen=False,
        ),
        "source_ids",
    )


SPREAD_MEANING = "Where the source reports them, as the figure is shown (restated by the same factor)."


def pay_columns(view: MoneyView, component: str, disputed: bool) -> Table:
    """The columns of the pay-per-level table (level_figures' frame) under the money view; the dispute flag is
    on screen only when a figure is disputed."""
    described = table(
        "company",
        "level",
        Column(
            "statistic",
            "Figure",
            meaning="One figure per level and source: its median, else its reported figure, else its average.",
        ),
        Column(
            "annual_usd",
            component.capitalize(),
            MONEY,
            "USD a year",
            f"The {component} pay figure as the source reports it.",
            f"{PAY_FIGURES} amount_usd",
        ),
        Column(
            "p25_p75",
            "25th–75th percentile",
            meaning=f"{SPREAD_MEANING} A quarter of reports lie below the 25th.",
            width=170,
        ),
        Column(
            "p10_p90",
            "10th–90th percentile",
            meaning=f"{SPREAD_MEANING} A tenth of reports lie below the 10th.",
            width=170,
        ),
        *(
            Column(
                p,
                f"{p[1:]}th percentile",
                MONEY,
                "USD a year",
                "The percentile as a number.",
                f"{PAY_FIGURES} amount_usd",
                screen=False,
            )
            for p in ("p10", "p25", "p75", "p90")
        ),
        REPORTS,
        CONFIDENCE,
        Column(
            "other",
            "Also reported",
            meaning="The source's other figures for this level, such as an average beside the median, or the median "
            "of the same data set under the percentiles' filter (its n is in the note).",
        ),
        Column(
            "flag",
            "Flag",
            meaning="Disputed: the source states no role and its figures sit below what other sources report for "
            "the level (the quality check level_pay_inconsistent).",
            screen=disputed,
        ),
        "source_title",
        "source_publisher",
        YEAR,
        "as_of",
        Column("role", "Role", meaning="The role the source reports the figure for; blank when it states none."),
        "note",
        common("component", screen=False),
        "source_id",
    )
    return view.table(described, ["annual_usd"])


def bands_table(view: MoneyView) -> Table:
    """The columns of the level bands (level_bands' frame) under the money view: derived midpoint, spread,
    progression and overlap between a company's consecutive level ranges."""
    derived = "derived from the minimum and maximum"
    described = table(
        Column("label", "Level", meaning="The company and level of the range."),
        common("component", header="Pay"),
        Column("min_usd", "Minimum", MONEY, "USD a year", "The reported minimum.", f"{PAY_FIGURES} amount_usd (min)"),
        Column("max_usd", "Maximum", MONEY, "USD a year", "The reported maximum.", f"{PAY_FIGURES} amount_usd (max)"),
        Column("midpoint", "Derived midpoint", MONEY, "USD a year", "(minimum + maximum) ÷ 2.", derived),
        Column("spread", "Spread", PERCENT, "%", "(maximum − minimum) ÷ minimum.", derived, fraction=True),
        Column(
            "progression",
            "Progression",
            PERCENT,
            "%",
            "Midpoint progression from the level below: (midpoint − its midpoint) ÷ its midpoint.",
            derived,
            fraction=True,
            blank="",
        ),
        Column(
            "overlap_with_previous",
            "Overlap",
            PERCENT,
            "%",
            f"Overlap with the level below: {OVERLAP_VARIANT}.",
            derived,
            fraction=True,
            blank="",
        ),
        "source_title",
        common("company", screen=False),
        common("level", header="Level code", screen=False),
        YEAR.but(screen=False),
        REPORTS.but(screen=False),
        "source_publisher",
        common("note", screen=False),
        "source_id",
    )
    return view.table(described, ["min_usd", "max_usd"])


def steps_table(view: MoneyView) -> Table:
    """The columns of the steps between levels (steps_shown's frame) under the money view."""
    described = table(
        "company",
        Column("statistic", "Statistic", meaning="The statistic compared at both levels: median or reported figure."),
        Column("from_level", "From", meaning="The lower level."),
        Column("to_level", "To", meaning="The next reported level up."),
        Column(
            "progression",
            "Step",
            PERCENT,
            "%",
            "Derived: (higher − lower) ÷ lower, between the two levels' figures from the same source and statistic.",
            "derived",
            fraction=True,
        ),
        Column(
            "from_usd",
            "At the lower level",
            MONEY,
            "USD a year",
            "The lower level's figure.",
            f"{PAY_FIGURES} amount_usd",
        ),
        Column(
            "to_usd",
            "At the higher level",
            MONEY,
            "USD a year",
            "The higher level's figure.",
            f"{PAY_FIGURES} amount_usd",
        ),
        REPORTS.but(name="from_sample_size", header="Reports at the lower level"),
        REPORTS.but(name="to_sample_size", header="Reports at the higher level"),
        CONFIDENCE,
        common("source_publisher", header="Source"),
        common("component", screen=False),
        YEAR.but(screen=False, meaning="The year of both figures, when they share one."),
        common("source_title", header="Source title", screen=False),
        "source_id",
    )
    return view.table(described, ["from_usd", "to_usd"])


def headcounts_table() -> Table:
    """The columns of the head-count hints (level_headcounts' rows)."""
    return table(
        Column(
            "levels",
            "Levels",
            meaning="The Amazon levels the hint is about.",
            source="data/level_headcounts.csv levels",
        ),
        Column("hint", "Hint in the source", meaning="What the source says about how many people are at the levels."),
        Column(
            "order_of_magnitude",
            "Order of magnitude",
            COUNT,
            "people, approximately",
            "The order of magnitude the hint implies; not a count.",
            "data/level_headcounts.csv order_of_magnitude",
        ),
        common("company", screen=False),
        common("as_of", screen=False),
        common("note", screen=False),
        common("source_title", screen=False),
        common("source_publisher", screen=False),
        "source_id",
    )
