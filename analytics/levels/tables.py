"""Tables derived from the Levels queries: disputed levels, bands, steps between consecutive levels.

Pure pandas: DataFrames from analytics.levels.queries in, DataFrames (or Markdown lines) out.
A figure backed by fewer than LOW_N reports is flagged as low confidence.
"""

from __future__ import annotations

import pandas as pd

from analytics.format import LOW_N, STATISTIC_LABELS
from analytics.metrics import band_table, midpoint_progression

STEP_STATISTICS = ("median", "typical")


def disputed_levels(ladder: pd.DataFrame) -> pd.DataFrame:
    """Ladder rows of the levels that two or more sources describe and that carry a note."""
    grouped = ladder.groupby(["company", "level"])
    noted = grouped["note"].transform(lambda notes: notes.notna().any())
    return ladder[(grouped["source_ids"].transform("size") > 1) & noted]


def ladder_bands(ladder: pd.DataFrame) -> pd.DataFrame:
    """Titles one source gives to several levels of a company, e.g. Google's 'PM band' for L3 to L5."""
    bands = ladder.groupby(["company", "source_ids", "title"], sort=False).agg(
        low=("rank", "min"), high=("rank", "max"), first=("level", "first"), last=("level", "last"),
        count=("level", "size"), as_of=("as_of", "first"), sources=("sources", "first")).reset_index()
    return bands[bands["count"] > 1].reset_index(drop=True)


def level_steps(pay: pd.DataFrame) -> pd.DataFrame:
    """Midpoint progression between consecutive reported levels' medians, within one source and statistic."""
    rows = []
    figures = pay[pay["statistic"].isin(STEP_STATISTICS)].sort_values(["company", "source_id", "rank"])
    for _, group in figures.groupby(["company", "source_id", "statistic", "component"], sort=False):
        for low, high in zip(group.iloc[:-1].itertuples(), group.iloc[1:].itertuples(), strict=True):
            if low.annual_usd <= 0:
                continue  # a zero median (e.g. no bonus) has no percentage step
            rows.append({"company": low.company, "component": low.component, "statistic": low.statistic,
                         "from_level": low.level, "to_level": high.level, "from_usd": low.annual_usd,
                         "to_usd": high.annual_usd,
                         "progression": midpoint_progression(low.annual_usd, high.annual_usd),
                         "from_n": low.sample_size, "to_n": high.sample_size,
                         "low_confidence": low_confidence(low.sample_size)
                         or low_confidence(high.sample_size),
                         "source_id": low.source_id, "source_title": low.source_title,
                         "source_publisher": low.source_publisher})
    return pd.DataFrame(rows, columns=[
        "company", "component", "statistic", "from_level", "to_level", "from_usd", "to_usd", "progression",
        "from_n", "to_n", "low_confidence", "source_id", "source_title", "source_publisher"])


def low_confidence(n: float) -> bool:
    """A reported sample below LOW_N; an unreported one is not flagged."""
    return bool(pd.notna(n) and n < LOW_N)


def pay_table(pay: pd.DataFrame) -> pd.DataFrame:
    """The pay figures as shown: readable statistic, a low-confidence flag, then the source columns."""
    return pay.assign(statistic=pay["statistic"].map(lambda v: STATISTIC_LABELS.get(v, v)),
                      low_confidence=pay["sample_size"].map(low_confidence).astype(bool))[
        ["company", "level", "statistic", "component", "annual_usd", "sample_size", "low_confidence",
         "source_title", "source_publisher", "year", "as_of", "role", "note", "source_id"]]


def disagreements(ladder: pd.DataFrame) -> list[str]:
    """One Markdown line per disputed level: each source's title (and holder), publisher and date."""
    def side(r) -> str:
        who = f" (“{r.who}”)" if isinstance(r.who, str) else ""
        publishers = "; ".join(p.split(" (")[0] for p in r.sources)
        return f"{r.title}{who}: {publishers}, {r.as_of if isinstance(r.as_of, str) else 'undated'}"

    return [f"- **{company} {level}**: " + " · vs · ".join(side(r) for r in rows.itertuples())
            for (company, level), rows in disputed_levels(ladder).groupby(["company", "level"], sort=False)]


def level_bands(ranges: pd.DataFrame) -> pd.DataFrame:
    """metrics.band_table over each company's level ranges (per component and source), lowest level first."""
    parts = [band_table(group.assign(label=group["company"] + " " + group["level"],
                                     min=group["min_usd"], max=group["max_usd"]))
             for _, group in ranges.groupby(["company", "component", "source_id"], sort=False)]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
