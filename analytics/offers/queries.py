"""The offer calculator's reference look-ups: vesting schedules and reported pay per company level."""

from __future__ import annotations

import duckdb
import pandas as pd

from analytics.db import query


def vesting_schedule_sources(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Each reported vesting schedule: company, yearly percents (year 1 first), as_of and its sources."""
    return query(
        con,
        """
        WITH schedules AS (
            SELECT schedule, any_value(company) AS company, list(percent ORDER BY year) AS percents,
                   any_value(as_of) AS as_of, any_value(source_ids) AS source_ids, any_value(note) AS note
            FROM vesting_schedules GROUP BY schedule),
        cited AS (SELECT schedule, unnest(string_split(source_ids, ';')) AS source_id FROM schedules)
        SELECT s.schedule, s.company, s.percents, s.as_of, s.source_ids, s.note,
               string_agg(src.publisher, '; ' ORDER BY src.source_id) AS publishers
        FROM schedules s JOIN cited c USING (schedule) LEFT JOIN sources src USING (source_id)
        GROUP BY ALL ORDER BY s.company, s.schedule
    """,
    )


def reported_level_totals(con: duckdb.DuckDBPyConnection, company: str, level: str) -> pd.DataFrame:
    """Reported yearly total pay for one company and level (annual USD), with source, year and n."""
    return query(
        con,
        """
        SELECT company, level, role, statistic, annual_usd, year, as_of, sample_size, derived,
               source_id, source_title, source_publisher, source_link, note
        FROM figures
        WHERE company = $company AND level = $level AND component = 'total'
          AND annual_usd IS NOT NULL AND statistic <> 'gap_to_us_mean'
        ORDER BY sample_size DESC NULLS LAST, year DESC NULLS LAST, source_id, annual_usd
    """,
        {"company": company, "level": level},
    )
