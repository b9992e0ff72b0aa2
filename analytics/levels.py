"""Company levels: each ladder per source, pay reported per level, head-count hints and equivalences.

The Levels page's queries (a read-only connection and plain arguments in, a DataFrame out) and the
tables derived from them: disputed levels, bands, steps between consecutive levels. Sources often
disagree on a level's title or holder, so every ladder row keeps its own source and date. A figure
backed by fewer than LOW_N reports is flagged as low confidence. The figures are in level_charts.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

from analytics.charts import STATISTIC_LABELS
from analytics.db import query
from analytics.metrics import band_table, midpoint_progression

LOW_N = 20
STEP_STATISTICS = ("median", "typical")


def _params(companies: Sequence[str], levels: Sequence[str]) -> dict:
    return {"companies": list(companies), "levels": list(levels)}


def level_ladder(con: duckdb.DuckDBPyConnection, companies: Sequence[str],
                 levels: Sequence[str]) -> pd.DataFrame:
    """Every source's title, PM titles and holders per company level, lowest level first."""
    return query(con, """
        WITH src AS (SELECT l.*, unnest(string_split(l.source_ids, ';')) AS source_id FROM levels l)
        SELECT src.company, src.level, src.rank, src.title, src.pm_titles, src.who, src.as_of, src.note,
               src.source_ids, string_agg(s.publisher, '; ' ORDER BY s.publisher) AS sources,
               string_agg(s.title, '; ' ORDER BY s.publisher) AS source_titles
        FROM src JOIN sources s USING (source_id)
        WHERE list_contains($companies, src.company) AND list_contains($levels, src.level)
        GROUP BY ALL ORDER BY src.company, src.rank, src.as_of NULLS LAST, src.source_ids
    """, _params(companies, levels))


def level_pay(con: duckdb.DuckDBPyConnection, companies: Sequence[str],
              levels: Sequence[str]) -> pd.DataFrame:
    """Pay figures reported per company level, annual USD (a weekly twin of an annual figure is dropped)."""
    return query(con, """
        SELECT f.company, f.level, lv.rank, f.role, f.component, f.statistic, f.annual_usd, f.derived,
               f.year, f.as_of, f.sample_size, f.source_id, f.source_title, f.source_publisher, f.note
        FROM figures f
        JOIN (SELECT company, level, min(rank) AS rank FROM levels GROUP BY ALL) lv USING (company, level)
        WHERE f.annual_usd IS NOT NULL AND f.statistic <> 'gap_to_us_mean'
          AND list_contains($companies, f.company) AND list_contains($levels, f.level)
          AND (f.period = 'annual' OR NOT EXISTS (
              SELECT 1 FROM figures a WHERE a.period = 'annual' AND a.company = f.company
                AND a.level = f.level AND a.component = f.component AND a.statistic = f.statistic
                AND a.source_id = f.source_id))
        ORDER BY f.company, lv.rank, f.source_id, f.component, f.statistic
    """, _params(companies, levels))


def level_ranges(con: duckdb.DuckDBPyConnection, companies: Sequence[str],
                 levels: Sequence[str]) -> pd.DataFrame:
    """Reported min-to-max ranges per company level, annual USD, lowest level first."""
    return query(con, """
        SELECT r.company, r.level, lv.rank, r.component, r.min_usd, r.max_usd, r.max_is_lower_bound,
               r.year, r.sample_size, r.source_id, r.source_title, r.source_publisher, r.note
        FROM ranges r
        JOIN (SELECT company, level, min(rank) AS rank FROM levels GROUP BY ALL) lv USING (company, level)
        WHERE list_contains($companies, r.company) AND list_contains($levels, r.level)
        ORDER BY r.company, r.component, lv.rank
    """, _params(companies, levels))


def level_headcounts(con: duckdb.DuckDBPyConnection, companies: Sequence[str],
                     levels: Sequence[str]) -> pd.DataFrame:
    """Head-count hints per group of levels touching the chosen levels, top level first."""
    return query(con, r"""
        SELECT h.company, h.levels, h.hint, h.order_of_magnitude, h.as_of, h.note, h.source_id,
               s.title AS source_title, s.publisher AS source_publisher
        FROM level_headcounts h JOIN sources s USING (source_id)
        WHERE list_contains($companies, h.company) AND len(list_intersect($levels,
              ['L' || x::VARCHAR FOR x IN range(h.lowest_rank::INT,
                                                regexp_extract(h.levels, 'L(\d+)$', 1)::INT + 1)])) > 0
        ORDER BY h.company, h.lowest_rank DESC
    """, _params(companies, levels))


def level_equivalences(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Approximate level equivalences between companies, with their sources."""
    return query(con, """
        WITH src AS (SELECT e.*, unnest(string_split(e.source_ids, ';')) AS source_id
                     FROM level_equivalences e)
        SELECT company_a, level_a, company_b, level_b, approximate, src.note, source_ids,
               string_agg(s.publisher, '; ' ORDER BY s.publisher) AS sources
        FROM src JOIN sources s USING (source_id) GROUP BY ALL ORDER BY company_a, level_a
    """)


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
        publishers = "; ".join(p.split(" (")[0] for p in r.sources.split("; "))
        return f"{r.title}{who}: {publishers}, {r.as_of if isinstance(r.as_of, str) else 'undated'}"

    return [f"- **{company} {level}**: " + " · vs · ".join(side(r) for r in rows.itertuples())
            for (company, level), rows in disputed_levels(ladder).groupby(["company", "level"], sort=False)]


def level_bands(ranges: pd.DataFrame) -> pd.DataFrame:
    """metrics.band_table over each company's level ranges (per component and source), lowest level first."""
    parts = [band_table(group.assign(label=group["company"] + " " + group["level"],
                                     min=group["min_usd"], max=group["max_usd"]))
             for _, group in ranges.groupby(["company", "component", "source_id"], sort=False)]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
