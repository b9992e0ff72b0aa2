"""Queries over the reference warehouse, each named after the result it returns.

Every function takes a read-only DuckDB connection and plain arguments, passes values as
parameters, and returns a DataFrame. Caching happens at the page edge (analytics/ui.py).
A figure with no company is market-wide; the label `MARKET` stands for it in filters.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

from analytics.db import query

MARKET = "Market-wide"
REFERENCE_TABLES = ("sources", "roles", "role_profiles", "pay_figures", "levels", "level_headcounts",
                    "level_equivalences", "career_paths", "vesting_schedules", "pay_practices")



def role_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every role, most junior first."""
    return query(con, "SELECT role FROM roles ORDER BY seniority, role")["role"].tolist()


def roles_with_pay(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Roles that have at least one pay figure, most junior first."""
    return query(con, "SELECT role FROM roles WHERE role IN (SELECT role FROM pay_figures) "
                      "ORDER BY seniority, role")["role"].tolist()


def companies(con: duckdb.DuckDBPyConnection) -> list[str]:
    """MARKET first, then every company with a figure or a level."""
    df = query(con, "SELECT DISTINCT company FROM pay_figures WHERE company IS NOT NULL "
                    "UNION SELECT company FROM levels ORDER BY 1")
    return [MARKET, *df["company"]]


def level_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Level labels across companies, in ladder order (APM, L3 ... L7, L7+, L8 ... L12)."""
    return query(con, "SELECT level FROM levels GROUP BY level ORDER BY min(rank)")["level"].tolist()


def role_ranges(con: duckdb.DuckDBPyConnection, roles: Sequence[str], companies: Sequence[str]) -> pd.DataFrame:
    """Reported min-to-max pay ranges per role (annual USD), with their source."""
    return query(con, """
        SELECT r.role, coalesce(r.company, $market) AS company, r.level, r.component,
               r.min_usd, r.max_usd, r.midpoint_usd, r.max_is_lower_bound,
               r.year, r.sample_size, r.source_id, r.source_title, r.source_publisher, r.note
        FROM ranges r JOIN roles USING (role)
        WHERE list_contains($roles, r.role) AND list_contains($companies, coalesce(company, $market))
        ORDER BY roles.seniority, r.role, r.company NULLS FIRST
    """, {"roles": list(roles), "companies": list(companies), "market": MARKET})


def role_marks(con: duckdb.DuckDBPyConnection, roles: Sequence[str], companies: Sequence[str]) -> pd.DataFrame:
    """Single reported figures (mean, median, percentiles) per role without a level, annual USD."""
    return query(con, """
        SELECT f.role, coalesce(f.company, $market) AS company, f.component, f.statistic,
               f.annual_usd, f.derived, f.year, f.sample_size, f.source_id, f.source_title, f.note
        FROM figures f JOIN roles USING (role)
        WHERE f.level IS NULL AND f.statistic NOT IN ('min', 'max', 'gap_to_us_mean')
          AND f.annual_usd IS NOT NULL
          AND list_contains($roles, f.role) AND list_contains($companies, coalesce(company, $market))
        ORDER BY roles.seniority, f.role, f.company NULLS FIRST, f.component
    """, {"roles": list(roles), "companies": list(companies), "market": MARKET})


def headline_figures(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The seed articles' headline figures: Amazon PM average pay and the two role ranges."""
    return query(con, """
        SELECT coalesce(company, $market) AS company, role, component, statistic, amount_usd,
               derived, year, source_id, source_title, source_publisher, note
        FROM figures
        WHERE source_id IN ('seed_000', 'seed_001') AND level IS NULL AND period = 'annual'
        ORDER BY company NULLS FIRST, role, component, statistic
    """, {"market": MARKET})


def sources(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The sources table with how many figures each one backs."""
    return query(con, """
        SELECT s.*, count(f.source_id) AS figures
        FROM sources s LEFT JOIN pay_figures f USING (source_id)
        GROUP BY ALL ORDER BY s.kind, s.source_id
    """)


def reference_table(con: duckdb.DuckDBPyConnection, name: str) -> pd.DataFrame:
    """One reference table as stored (only the names in REFERENCE_TABLES)."""
    if name not in REFERENCE_TABLES:
        raise ValueError(f"unknown table {name!r}")
    return query(con, f'SELECT * FROM "{name}"')  # name checked against REFERENCE_TABLES above
