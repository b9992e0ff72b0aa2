"""Queries over the BLS OEWS market tables, each named after the result it returns.

Every function takes a DuckDB connection and plain arguments, passes values as parameters,
runs on its own cursor (through `analytics.db.query`) and returns a DataFrame. Values are
as `analytics.market.ingest.load_release` stored them: NULL where BLS did not release a figure, and
`lower_bound` true where BLS top-coded it, the value then being a floor (the top code, or the highest
percentile BLS published below it in the same cell).
Occupation codes read like '11-2021'; `analytics.market.ingest` holds the area and industry codes
of the national total and the cross-industry total (NATIONAL, ALL_INDUSTRIES).
"""

from __future__ import annotations

import duckdb
import pandas as pd

from analytics.db import query
from analytics.market.ingest import ALL_INDUSTRIES, MEASURE_NAMES, NATIONAL

BASES = ("annual", "hourly")


def _check(measure: str | None = None, basis: str | None = None) -> None:
    if measure is not None and measure not in MEASURE_NAMES:
        raise ValueError(f"unknown measure {measure!r}")
    if basis is not None and basis not in BASES:
        raise ValueError(f"basis must be one of {BASES}, not {basis!r}")


def occupations(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every BLS occupation, with the PayLadder roles it stands in for (`mapped`, `roles`).

    Needs the occupation_map table (`analytics.market.ingest.load_occupation_map`).
    """
    return query(
        con,
        """
        SELECT o.occupation_code, o.occupation_title, o.level, o.major_group_code,
               m.roles IS NOT NULL AS mapped, m.roles
        FROM market_occupation o
        LEFT JOIN (SELECT occupation_code, string_agg(role, '; ' ORDER BY role) AS roles
                   FROM occupation_map GROUP BY occupation_code) m USING (occupation_code)
        ORDER BY o.occupation_code""",
    )


def areas(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The nation, then states and territories, then metro and nonmetro areas, by name."""
    return query(
        con,
        """
        SELECT area_code, area_name, area_type, state_postal, nonmetropolitan
        FROM market_area
        ORDER BY CASE area_type WHEN 'national' THEN 0 WHEN 'state' THEN 1 ELSE 2 END, area_name""",
    )


def industries(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every industry in BLS's hierarchy order; display_level 0 is the cross-industry total."""
    return query(
        con,
        """
        SELECT industry_code, industry_name, display_level
        FROM market_industry ORDER BY industry_code""",
    )


def occupation_percentiles(
    con: duckdb.DuckDBPyConnection, occupation_code: str, area_code: str = NATIONAL, industry_code: str = ALL_INDUSTRIES
) -> pd.DataFrame:
    """Annual and hourly 10th-90th percentiles and mean of one cell, with top-code flags.

    One row per statistic (p10, p25, p50, p75, p90, mean) and the cell's employment on each;
    no rows when BLS publishes no estimate for that occupation, area and industry.
    """
    return query(
        con,
        """
        WITH cell AS (
            SELECT measure, value, lower_bound, footnote FROM market_value
            WHERE occupation_code = $occupation AND area_code = $area AND industry_code = $industry),
        stat(stat, percentile, sort) AS (
            VALUES ('p10', 10, 1), ('p25', 25, 2), ('p50', 50, 3), ('p75', 75, 4), ('p90', 90, 5),
                   ('mean', NULL, 6))
        SELECT s.stat, s.percentile,
               a.value AS annual, coalesce(a.lower_bound, false) AS annual_lower_bound,
               a.footnote AS annual_footnote,
               h.value AS hourly, coalesce(h.lower_bound, false) AS hourly_lower_bound,
               h.footnote AS hourly_footnote,
               (SELECT value FROM cell WHERE measure = 'employment') AS employment
        FROM stat s
        LEFT JOIN cell a ON a.measure = 'annual_' || s.stat
        LEFT JOIN cell h ON h.measure = 'hourly_' || s.stat
        WHERE EXISTS (SELECT 1 FROM cell)
        ORDER BY s.sort""",
        {"occupation": occupation_code, "area": area_code, "industry": industry_code},
    )


def percentile_points(frame: pd.DataFrame, basis: str = "annual") -> tuple[dict[int, float | None], set[int]]:
    """Turn an occupation_percentiles frame into market_percentile's percentiles and lower_bound_at."""
    _check(basis=basis)
    rows = frame[frame["percentile"].notna()]
    values = {int(p): (None if pd.isna(v) else float(v)) for p, v in zip(rows["percentile"], rows[basis], strict=True)}
    capped = {int(p) for p, flag in zip(rows["percentile"], rows[f"{basis}_lower_bound"], strict=True) if flag}
    return values, capped


def state_percentile_map(
    con: duckdb.DuckDBPyConnection,
    occupation_code: str,
    measure: str = "annual_p50",
    industry_code: str = ALL_INDUSTRIES,
) -> pd.DataFrame:
    """One row per state and territory with its postal code and the measure (NULL if absent)."""
    _check(measure)
    return query(
        con,
        """
        SELECT a.area_code, a.area_name, a.state_postal, v.value,
               coalesce(v.lower_bound, false) AS lower_bound, v.footnote
        FROM market_area a
        LEFT JOIN market_value v
               ON v.area_code = a.area_code AND v.occupation_code = $occupation
              AND v.measure = $measure AND v.industry_code = $industry
        WHERE a.area_type = 'state'
        ORDER BY a.state_postal""",
        {"occupation": occupation_code, "measure": measure, "industry": industry_code},
    )


def metro_extremes(
    con: duckdb.DuckDBPyConnection,
    occupation_code: str,
    measure: str = "annual_p50",
    n: int = 10,
    include_nonmetro: bool = False,
) -> pd.DataFrame:
    """The n highest and n lowest metro areas on a measure (each listed once), with employment and RSEs.

    A top-coded value (lower_bound) is only a floor, so its rank among the highest is itself
    a floor; among equal values it sorts first. Nonmetropolitan areas are left out by default.
    `employment_rse` and `wage_rse` are BLS's relative standard errors (percent) of the area's
    employment and mean wage.
    """
    _check(measure)
    return query(
        con,
        """
        WITH ranked AS (
            SELECT a.area_code, a.area_name, v.value, v.lower_bound,
                   row_number() OVER (ORDER BY v.value DESC, v.lower_bound DESC, a.area_name) AS from_top,
                   row_number() OVER (ORDER BY v.value, v.lower_bound, a.area_name) AS from_bottom
            FROM market_value v JOIN market_area a USING (area_code)
            WHERE a.area_type = 'metro' AND (NOT a.nonmetropolitan OR $nonmetro)
              AND v.occupation_code = $occupation AND v.measure = $measure
              AND v.industry_code = $industry AND v.value IS NOT NULL),
        quality AS (
            SELECT area_code, max(value) FILTER (measure = 'employment') AS employment,
                   max(value) FILTER (measure = 'employment_rse') AS employment_rse,
                   max(value) FILTER (measure = 'wage_rse') AS wage_rse
            FROM market_value
            WHERE occupation_code = $occupation AND industry_code = $industry
              AND measure IN ('employment', 'employment_rse', 'wage_rse')
              AND area_code IN (SELECT area_code FROM ranked WHERE from_top <= $n OR from_bottom <= $n)
            GROUP BY area_code)
        SELECT CASE WHEN from_top <= $n THEN 'top' ELSE 'bottom' END AS extreme,
               CASE WHEN from_top <= $n THEN from_top ELSE from_bottom END AS rank,
               area_code, area_name, value, lower_bound, q.employment, q.employment_rse, q.wage_rse
        FROM ranked LEFT JOIN quality q USING (area_code)
        WHERE from_top <= $n OR from_bottom <= $n
        ORDER BY value DESC, lower_bound DESC, area_name""",
        {
            "occupation": occupation_code,
            "measure": measure,
            "n": n,
            "nonmetro": include_nonmetro,
            "industry": ALL_INDUSTRIES,
        },
    )


def industry_spread(
    con: duckdb.DuckDBPyConnection, occupation_code: str, area_code: str = NATIONAL, basis: str = "annual"
) -> pd.DataFrame:
    """Per industry: employment, mean and 10th-90th percentiles, each with a top-code flag.

    BLS publishes industry detail for the nation only; elsewhere the one row is the total.
    """
    _check(basis=basis)
    return query(
        con,
        """
        WITH v AS (
            SELECT industry_code, value, lower_bound,
                   CASE WHEN measure = 'employment' THEN 'employment'
                        ELSE substr(measure, length($basis) + 2) END AS stat
            FROM market_value
            WHERE occupation_code = $occupation AND area_code = $area
              AND (measure = 'employment' OR starts_with(measure, $basis || '_')))
        SELECT i.industry_code, i.industry_name, i.display_level,
               max(value) FILTER (stat = 'employment') AS employment,
               max(value) FILTER (stat = 'mean') AS mean,
               max(value) FILTER (stat = 'p10') AS p10,
               max(value) FILTER (stat = 'p25') AS p25,
               max(value) FILTER (stat = 'p50') AS p50,
               max(value) FILTER (stat = 'p75') AS p75,
               max(value) FILTER (stat = 'p90') AS p90,
               coalesce(bool_or(lower_bound) FILTER (stat = 'mean'), false) AS mean_lower_bound,
               coalesce(bool_or(lower_bound) FILTER (stat = 'p10'), false) AS p10_lower_bound,
               coalesce(bool_or(lower_bound) FILTER (stat = 'p25'), false) AS p25_lower_bound,
               coalesce(bool_or(lower_bound) FILTER (stat = 'p50'), false) AS p50_lower_bound,
               coalesce(bool_or(lower_bound) FILTER (stat = 'p75'), false) AS p75_lower_bound,
               coalesce(bool_or(lower_bound) FILTER (stat = 'p90'), false) AS p90_lower_bound
        FROM v JOIN market_industry i USING (industry_code)
        GROUP BY ALL
        ORDER BY i.industry_code""",
        {"occupation": occupation_code, "area": area_code, "basis": basis},
    )


def occupation_roles(con: duckdb.DuckDBPyConnection, occupation_code: str) -> pd.DataFrame:
    """PayLadder roles mapped to one occupation (PayLadder's own choice): primary fits first, then by seniority."""
    return query(
        con,
        """
        SELECT m.role, m.occupation_code, m.occupation_title, m.fit, m.rationale, m.chosen_by, m.source_id
        FROM occupation_map m LEFT JOIN roles r USING (role)
        WHERE m.occupation_code = $occupation
        ORDER BY m.fit <> 'primary', r.seniority, m.role""",
        {"occupation": occupation_code},
    )


def cell_reliability(
    con: duckdb.DuckDBPyConnection, occupation_code: str, area_code: str = NATIONAL, industry_code: str = ALL_INDUSTRIES
) -> pd.DataFrame:
    """BLS's relative standard errors (percent) of one cell's employment and mean wage; no row if no cell."""
    return query(
        con,
        """
        SELECT max(value) FILTER (measure = 'employment_rse') AS employment_rse,
               max(value) FILTER (measure = 'wage_rse') AS wage_rse
        FROM market_value
        WHERE occupation_code = $occupation AND area_code = $area AND industry_code = $industry
          AND measure IN ('employment_rse', 'wage_rse')
        HAVING count(*) > 0""",
        {"occupation": occupation_code, "area": area_code, "industry": industry_code},
    )


def family_occupations(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The occupation PayLadder suggests for common job family names (data/family_occupations.csv), with the
    other names each family goes by (`aliases`, separated by ';') and why."""
    return query(
        con,
        """
        SELECT family, coalesce(aliases, '') AS aliases, occupation_code, occupation_title, rationale
        FROM family_occupations ORDER BY family""",
    )


def area_employment(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Each area's employment in all occupations and industries (BLS's estimate): which of two areas is larger."""
    return query(
        con,
        """
        SELECT area_code, value AS employment FROM market_value
        WHERE occupation_code = '00-0000' AND industry_code = $industry AND measure = 'employment'
        ORDER BY area_code""",
        {"industry": ALL_INDUSTRIES},
    )
