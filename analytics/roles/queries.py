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
from analytics.format import MARKET


def role_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every role, most junior first."""
    return query(con, "SELECT role FROM roles ORDER BY seniority, role")["role"].tolist()


def roles_with_pay(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Roles that have at least one pay figure, most junior first."""
    return query(con, "SELECT role FROM roles WHERE role IN (SELECT role FROM pay_figures) ORDER BY seniority, role")[
        "role"
    ].tolist()


def role_ranges(con: duckdb.DuckDBPyConnection, roles: Sequence[str], companies: Sequence[str]) -> pd.DataFrame:
    """Reported min-to-max pay ranges per role (annual USD), with their source."""
    return query(
        con,
        """
        SELECT r.role, coalesce(r.company, $market) AS company, r.level, r.component,
               r.min_usd, r.max_usd, r.midpoint_usd, r.max_is_lower_bound,
               r.year, r.sample_size, r.source_id, r.source_title, r.source_publisher, r.note
        FROM ranges r JOIN roles USING (role)
        WHERE list_contains($roles, r.role) AND list_contains($companies, coalesce(company, $market))
        ORDER BY roles.seniority, r.role, r.company NULLS FIRST
    """,
        {"roles": list(roles), "companies": list(companies), "market": MARKET},
    )


def role_marks(con: duckdb.DuckDBPyConnection, roles: Sequence[str], companies: Sequence[str]) -> pd.DataFrame:
    """Single reported base or total figures (mean, median, percentiles) per role without a level, annual USD."""
    return query(
        con,
        """
        SELECT f.role, coalesce(f.company, $market) AS company, f.component, f.statistic,
               f.annual_usd, f.derived, f.year, f.sample_size, f.source_id, f.source_title, f.note
        FROM figures f JOIN roles USING (role)
        WHERE f.level IS NULL AND f.statistic NOT IN ('min', 'max', 'gap_to_us_mean')
          AND f.component IN ('base', 'total')  -- a bonus alone is not comparable with a pay range
          AND f.annual_usd IS NOT NULL
          AND list_contains($roles, f.role) AND list_contains($companies, coalesce(company, $market))
        ORDER BY roles.seniority, f.role, f.company NULLS FIRST, f.component
    """,
        {"roles": list(roles), "companies": list(companies), "market": MARKET},
    )


def headline_figures(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The seed articles' headline figures: Amazon PM average pay and the two role ranges."""
    return query(
        con,
        """
        SELECT coalesce(company, $market) AS company, role, component, statistic, amount_usd,
               derived, year, as_of, sample_size, source_id, source_title, source_publisher, source_published,
               note
        FROM figures
        WHERE source_id IN ('seed_000', 'seed_001') AND level IS NULL AND period = 'annual'
        ORDER BY company NULLS FIRST, role, component, statistic
    """,
        {"market": MARKET},
    )


def role_profiles(con: duckdb.DuckDBPyConnection, roles: Sequence[str]) -> pd.DataFrame:
    """Seed 000's role-profile comparisons for the given roles, in the article's order."""
    return query(
        con,
        """
        SELECT p.comparison, p.aspect, p.role, p.description, p.source_id, s.title AS source_title
        FROM role_profiles p JOIN sources s USING (source_id)
        WHERE list_contains($roles, p.role)
        ORDER BY min(p.rowid) OVER (PARTITION BY p.comparison),
                 min(p.rowid) OVER (PARTITION BY p.comparison, p.aspect), p.rowid
    """,
        {"roles": list(roles)},
    )


def role_details(con: duckdb.DuckDBPyConnection, roles: Sequence[str]) -> pd.DataFrame:
    """Each role's track, description and career next steps, with their sources, most junior first."""
    return query(
        con,
        """
        SELECT r.role, r.track, r.seniority, r.description, r.source_id, s.title AS source_title,
               coalesce(list(c.to_role ORDER BY n.seniority, c.to_role) FILTER (c.to_role IS NOT NULL), [])
                   AS next_steps,
               coalesce(list(DISTINCT cs.title ORDER BY cs.title) FILTER (cs.title IS NOT NULL), [])
                   AS next_steps_source_titles
        FROM roles r JOIN sources s USING (source_id)
        LEFT JOIN career_paths c ON c.from_role = r.role
        LEFT JOIN sources cs ON cs.source_id = c.source_id
        LEFT JOIN roles n ON n.role = c.to_role
        WHERE list_contains($roles, r.role)
        GROUP BY ALL ORDER BY r.seniority, r.role
    """,
        {"roles": list(roles)},
    )


def role_single_figures(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Single reported figures per role (medians, averages, percentiles; any level), annual USD, with source."""
    return query(
        con,
        """
        SELECT f.role, coalesce(f.company, $market) AS company, f.level, f.component, f.statistic,
               f.annual_usd, f.derived, f.year, f.sample_size, f.source_id, f.source_title
        FROM figures f
        WHERE f.role IS NOT NULL AND f.annual_usd IS NOT NULL
          AND f.statistic NOT IN ('min', 'max', 'gap_to_us_mean')
        ORDER BY f.role, f.company NULLS FIRST, f.level, f.component, f.statistic
    """,
        {"market": MARKET},
    )


def titled_level_figures(con: duckdb.DuckDBPyConnection, roles: Sequence[str]) -> pd.DataFrame:
    """Company figures for the levels whose title or PM titles name a role ("Senior PM" = Senior Product Manager).

    For roles without a market-wide range: the levels table says which company level carries the
    title, and the figures are that level's reported base and total pay (never a derived range).
    """
    return query(
        con,
        """
        WITH titled AS (
            SELECT DISTINCT l.company, l.level, trim(t.title) AS title, l.source_ids AS title_source_ids
            FROM levels l, unnest(string_split(coalesce(l.pm_titles, '') || ';' || coalesce(l.title, ''), ';'))
                 AS t(title)
        ), matched AS (
            SELECT r.role, t.company, t.level, t.title, t.title_source_ids
            FROM roles r JOIN titled t
              ON lower(replace(t.title, ' PM', ' Product Manager')) = lower(r.role)
            WHERE list_contains($roles, r.role)
              AND r.role NOT IN (SELECT role FROM ranges WHERE company IS NULL AND role IS NOT NULL)
        )
        SELECT m.role, m.company, m.level, m.title AS level_title, m.title_source_ids, f.component, f.statistic,
               f.annual_usd, f.derived, f.year, f.sample_size, f.source_id, f.source_title, f.source_publisher
        FROM matched m JOIN figures f ON f.company = m.company AND f.level = m.level
        WHERE f.component IN ('base', 'total') AND f.annual_usd IS NOT NULL
          AND f.statistic NOT IN ('gap_to_us_mean')
        ORDER BY m.role, m.company, m.level, f.component, f.statistic, f.source_id
    """,
        {"roles": list(roles)},
    )
