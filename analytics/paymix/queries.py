"""Pay mix: base, stock and bonus medians per company and level, first-year or four-year basis.

The figures are medians of levels.fyi submissions (source `levelsfyi_kaggle`). Each part is a
median over submissions, so base + stock + bonus does not add up to the reported total median;
the chart shows that total as its own marker.

The first-year view rests on one assumption, which the page states: the reported stock per
year is a four-year average of the grant (grant / 4). The grant is then stock/yr × 4, and the
stock that vests in year 1 is grant × year-1 percent = stock/yr × 4 × pct1 / 100, on the
company's schedule from the warehouse table `vesting_schedules`.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

from analytics.db import query

SOURCE_ID = "levelsfyi_kaggle"
"""The levels.fyi submissions (Kaggle) that give base, stock and bonus per level."""


def level_pay_mix(
    con: duckdb.DuckDBPyConnection, companies: Sequence[str], levels: Sequence[str], source_id: str = SOURCE_ID
) -> pd.DataFrame:
    """One row per company and level: total, base, stock/yr and bonus medians, bonus mean and n."""
    return query(
        con,
        """
        SELECT f.company, f.level,
               max(f.annual_usd) FILTER (component = 'total' AND statistic = 'median') AS total_median,
               max(f.annual_usd) FILTER (component = 'base' AND statistic = 'median') AS base_median,
               max(f.annual_usd) FILTER (component = 'stock' AND statistic = 'median') AS stock_median,
               max(f.annual_usd) FILTER (component = 'bonus' AND statistic = 'median') AS bonus_median,
               max(f.annual_usd) FILTER (component = 'bonus' AND statistic = 'mean') AS bonus_mean,
               max(f.sample_size) AS sample_size, any_value(f.year) AS year, any_value(f.as_of) AS as_of,
               f.source_id, any_value(f.source_title) AS source_title,
               any_value(f.source_publisher) AS source_publisher
        FROM figures f
        LEFT JOIN (SELECT company, level, min(rank) AS rank FROM levels GROUP BY ALL) l USING (company, level)
        WHERE f.source_id = $source AND f.level IS NOT NULL AND f.annual_usd IS NOT NULL
          AND list_contains($companies, f.company) AND list_contains($levels, f.level)
        GROUP BY f.company, f.level, f.source_id
        ORDER BY f.company, min(l.rank), f.level
    """,
        {"source": source_id, "companies": list(companies), "levels": list(levels)},
    )


def vesting_schedule_table(con: duckdb.DuckDBPyConnection, companies: Sequence[str]) -> pd.DataFrame:
    """One row per company vesting schedule: percent vesting in years 1-4, with its sources."""
    return query(
        con,
        """
        SELECT v.company, v.schedule,
               max(v.percent) FILTER (year = 1) AS year_1, max(v.percent) FILTER (year = 2) AS year_2,
               max(v.percent) FILTER (year = 3) AS year_3, max(v.percent) FILTER (year = 4) AS year_4,
               any_value(v.as_of) AS as_of, any_value(v.note) AS note, any_value(v.source_ids) AS source_ids,
               (SELECT string_agg(s.title || ' (' || s.publisher || ')', '; ' ORDER BY s.source_id)
                FROM sources s WHERE list_contains(string_split(any_value(v.source_ids), ';'), s.source_id)
               ) AS sources
        FROM vesting_schedules v
        WHERE list_contains($companies, v.company)
        GROUP BY v.company, v.schedule
        ORDER BY v.company, v.schedule
    """,
        {"companies": list(companies)},
    )


def sign_on_practices(con: duckdb.DuckDBPyConnection, companies: Sequence[str]) -> pd.DataFrame:
    """Sign-on bonus practices per company, with the amount only where a source gives one."""
    return query(
        con,
        """
        SELECT p.company, p.practice, p.description, p.amount_usd, p.effective_from, p.source_ids,
               (SELECT string_agg(s.title || ' (' || s.publisher || ')', '; ' ORDER BY s.source_id)
                FROM sources s WHERE list_contains(string_split(p.source_ids, ';'), s.source_id)) AS sources
        FROM pay_practices p
        WHERE p.practice LIKE 'sign-on%' AND list_contains($companies, p.company)
        ORDER BY p.company
    """,
        {"companies": list(companies)},
    )
