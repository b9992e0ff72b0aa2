"""Career paths between roles as the sources name them (a connection in, a DataFrame out)."""

from __future__ import annotations

import duckdb
import pandas as pd

from analytics.db import query


def career_path_links(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The seed's career paths between roles, junior first, each with its source and note."""
    return query(
        con,
        """
        SELECT p.from_role, p.to_role, p.note, p.source_id, s.title AS source_title,
               s.publisher AS source_publisher, f.seniority AS from_seniority, t.seniority AS to_seniority
        FROM career_paths p JOIN sources s USING (source_id)
        LEFT JOIN roles f ON f.role = p.from_role LEFT JOIN roles t ON t.role = p.to_role
        ORDER BY f.seniority, p.from_role, t.seniority, p.to_role
    """,
    )
