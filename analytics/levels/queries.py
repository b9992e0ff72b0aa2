"""Company levels: each ladder per source, pay reported per level, head-count hints and equivalences.

The Levels page's queries: a read-only connection and plain arguments in, a DataFrame out. Sources
often disagree on a level's title or holder, so every ladder row keeps its own source and date. The
tables derived from these (disputed levels, bands, steps, low-confidence flags) are in
analytics.levels.tables, the figures in analytics.levels.charts.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

from analytics.db import query
from analytics.format import MARKET


def _params(companies: Sequence[str], levels: Sequence[str]) -> dict:
    return {"companies": list(companies), "levels": list(levels)}


def level_ladder(con: duckdb.DuckDBPyConnection, companies: Sequence[str], levels: Sequence[str]) -> pd.DataFrame:
    """Every source's title, PM titles and holders per company level, lowest level first."""
    return query(
        con,
        """
        WITH src AS (SELECT l.*, unnest(string_split(l.source_ids, ';')) AS source_id FROM levels l)
        SELECT src.company, src.level, src.rank, src.title, src.pm_titles, src.who, src.as_of, src.note,
               src.source_ids, list(s.publisher ORDER BY s.publisher) AS sources,
               list(s.title ORDER BY s.publisher) AS source_titles
        FROM src JOIN sources s USING (source_id)
        WHERE list_contains($companies, src.company) AND list_contains($levels, src.level)
        GROUP BY ALL ORDER BY src.company, src.rank, src.as_of NULLS LAST, src.source_ids
    """,
        _params(companies, levels),
    )


def level_pay(con: duckdb.DuckDBPyConnection, companies: Sequence[str], levels: Sequence[str]) -> pd.DataFrame:
    """Pay figures reported per company level, annual USD (a weekly twin of an annual figure is dropped)."""
    return query(
        con,
        """
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
    """,
        _params(companies, levels),
    )


def level_ranges(con: duckdb.DuckDBPyConnection, companies: Sequence[str], levels: Sequence[str]) -> pd.DataFrame:
    """Reported min-to-max ranges per company level, annual USD, lowest level first."""
    return query(
        con,
        """
        SELECT r.company, r.level, lv.rank, r.component, r.min_usd, r.max_usd, r.max_is_lower_bound,
               r.year, r.sample_size, r.source_id, r.source_title, r.source_publisher, r.note
        FROM ranges r
        JOIN (SELECT company, level, min(rank) AS rank FROM levels GROUP BY ALL) lv USING (company, level)
        WHERE list_contains($companies, r.company) AND list_contains($levels, r.level)
        ORDER BY r.company, r.component, lv.rank
    """,
        _params(companies, levels),
    )


def level_headcounts(con: duckdb.DuckDBPyConnection, companies: Sequence[str], levels: Sequence[str]) -> pd.DataFrame:
    """Head-count hints per group of levels touching the chosen levels, top level first."""
    return query(
        con,
        r"""
        SELECT h.company, h.levels, h.hint, h.order_of_magnitude, h.as_of, h.note, h.source_id,
               s.title AS source_title, s.publisher AS source_publisher
        FROM level_headcounts h JOIN sources s USING (source_id)
        WHERE list_contains($companies, h.company) AND len(list_intersect($levels,
              ['L' || x::VARCHAR FOR x IN range(h.lowest_rank::INT,
                                                regexp_extract(h.levels, 'L(\d+)$', 1)::INT + 1)])) > 0
        ORDER BY h.company, h.lowest_rank DESC
    """,
        _params(companies, levels),
    )


def level_equivalences(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Approximate level equivalences between companies, with their sources."""
    return query(
        con,
        """
        WITH src AS (SELECT e.*, unnest(string_split(e.source_ids, ';')) AS source_id
                     FROM level_equivalences e)
        SELECT company_a, level_a, company_b, level_b, approximate, src.note, source_ids,
               string_agg(s.publisher, '; ' ORDER BY s.publisher) AS sources
        FROM src JOIN sources s USING (source_id) GROUP BY ALL ORDER BY company_a, level_a
    """,
    )


def companies(con: duckdb.DuckDBPyConnection) -> list[str]:
    """MARKET first, then every company with a figure or a level."""
    df = query(
        con,
        "SELECT DISTINCT company FROM pay_figures WHERE company IS NOT NULL "
        "UNION SELECT company FROM levels ORDER BY 1",
    )
    return [MARKET, *df["company"]]


def level_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Level labels across companies, in ladder order (APM, L3 ... L7, L7+, L8 ... L12)."""
    return query(con, "SELECT level FROM levels GROUP BY level ORDER BY min(rank)")["level"].tolist()


def levels_by_company(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Each company's level labels (company, level), in ladder order within the company."""
    return query(con, "SELECT company, level FROM levels GROUP BY company, level ORDER BY company, min(rank)")
