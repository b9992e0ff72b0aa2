"""Tables derived from the Levels queries: disputed levels and figures, bands, steps between levels.

Pure pandas: DataFrames from analytics.levels.queries in, DataFrames (or Markdown lines) out.
A figure backed by fewer than LOW_N reports is flagged as low confidence; one with no reported
sample is "unknown", never safe. A figure whose source states no role and whose highest figure at
a level is below another source's central figure (the quality check level_pay_inconsistent) is
disputed.
"""

from __future__ import annotations

import re

import pandas as pd

from analytics.format import LOW_N, STATISTIC_LABELS, md, money
from analytics.metrics import band_table, midpoint_progression
from analytics.quality import CENTRAL, UPPER_TAIL

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


def disputed_figures(pay: pd.DataFrame) -> pd.Series:
    """True for figures of a source that states no role and whose highest upper-tail figure at a level
    is below another source's median, average or reported figure there (as quality.level_pay_inconsistent)."""
    out = pd.Series(False, index=pay.index)
    for _, group in pay.groupby(["company", "level", "component"]):
        for source, own in group.groupby("source_id"):
            tail = own.loc[own["statistic"].isin(UPPER_TAIL), "annual_usd"]
            others = group.loc[(group["source_id"] != source) & group["statistic"].isin(CENTRAL), "annual_usd"]
            if own["role"].isna().all() and not tail.empty and (others > tail.max()).any():
                out[own.index] = True
    return out


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
    rows = []
    figures = pay[pay["statistic"].isin(STEP_STATISTICS) & ~pay["source_id"].isin(skip)].sort_values(
        ["company", "source_id", "rank"]
    )
    for _, group in figures.groupby(["company", "source_id", "statistic", "component"], sort=False):
        for low, high in zip(group.iloc[:-1].itertuples(), group.iloc[1:].itertuples(), strict=True):
            if low.annual_usd <= 0:
                continue  # a zero median (e.g. no bonus) has no percentage step
            rows.append(
                {
                    "company": low.company,
                    "component": low.component,
                    "statistic": low.statistic,
                    "from_level": low.level,
                    "to_level": high.level,
                    "from_usd": low.annual_usd,
                    "to_usd": high.annual_usd,
                    "progression": midpoint_progression(low.annual_usd, high.annual_usd),
                    "from_n": sample_text(low.sample_size),
                    "to_n": sample_text(high.sample_size),
                    "low_confidence": confidence_text(low.sample_size, high.sample_size),
                    "year": low.year if pd.notna(low.year) and low.year == high.year else None,
                    "source_id": low.source_id,
                    "source_title": low.source_title,
                    "source_publisher": low.source_publisher,
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


def level_figures(pay: pd.DataFrame) -> pd.DataFrame:
    """One row per company level, pay component and data set (a source, with DATA_SETS folded into theirs):
    its one central figure (median, else reported figure, else average: CENTRAL_ORDER) with its source, n and
    confidence; the 25th–75th and 10th–90th percentiles as numbers and as text; any other statistic (another
    median of the same data set, an average beside a median, top earners, a min–max) in `other`. pay holds
    level_pay rows (after component_pay and the money view; annual_usd_* columns follow the central figure)."""
    pay = pay.assign(data_set=pay["source_id"].map(lambda s: DATA_SETS.get(s, s)))
    flags = pay["disputed"] if "disputed" in pay.columns else disputed_figures(pay)
    money_columns = [c for c in pay.columns if c.startswith("annual_usd") or c in VIEW_COLUMNS]
    rows = []
    for (company, level, component, data_set), group in pay.groupby(
        ["company", "level", "component", "data_set"], sort=False
    ):
        own = group[group["source_id"] == data_set]
        rank = group["statistic"].map(lambda s: CENTRAL_ORDER.index(s) if s in CENTRAL_ORDER else len(CENTRAL_ORDER))
        ordered = group.assign(_own=group["source_id"] != data_set, _rank=rank).sort_values(["_rank", "_own"])
        central = ordered.iloc[0] if ordered["_rank"].iloc[0] < len(CENTRAL_ORDER) else None
        by_stat = {r.statistic: r for r in group.itertuples()}
        spread = {s: by_stat[s].annual_usd if s in by_stat else None for s in ("p10", "p25", "p75", "p90")}
        others = sorted(
            (
                r
                for r in group.itertuples()
                if r.statistic not in spread and (central is None or r.Index != central.name)
            ),
            key=lambda r: list(LABELS).index(r.statistic) if r.statistic in LABELS else len(LABELS),
        )
        first = central if central is not None else (own.iloc[0] if not own.empty else group.iloc[0])
        other_text = "; ".join(
            f"{LABELS.get(r.statistic, r.statistic)} {money(r.annual_usd)}"
            + (f" (n = {sample_text(r.sample_size)}, with the percentiles)" if r.source_id != first.source_id else "")
            for r in others
        )
        percentiles = group[group["statistic"].isin(list(spread))]
        notes = [first.note] if isinstance(first.note, str) else []
        if not percentiles.empty and percentiles["source_id"].iloc[0] != first.source_id:
            p = percentiles.iloc[0]
            notes.append(f"Percentiles: {p.note} ({sample_text(p.sample_size)} reports).")
        rows.append(
            {
                "company": company,
                "level": level,
                "component": component,
                "statistic": LABELS.get(first.statistic, first.statistic) if central is not None else "none reported",
                **{c: (first[c] if central is not None else None) for c in money_columns},
                "p25_p75": _span(spread["p25"], spread["p75"]),
                "p10_p90": _span(spread["p10"], spread["p90"]),
                "other": other_text,
                "n": sample_text(first.sample_size),
                "low_confidence": confidence_text(first.sample_size),
                "flag": DISPUTED if flags[group.index].any() else "",
                "source_title": first.source_title,
                "source_publisher": first.source_publisher,
                "year": first.year,
                "as_of": first.as_of,
                "role": first.role,
                "note": " ".join(notes),
                "source_id": data_set,
                "sample_size": first.sample_size,
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
