"""Queries over the real-terms tables (CPI-U, the BLS market medians, payroll taxes), each named after its result.

Every function takes a DuckDB connection and plain arguments, passes values as parameters and runs
on its own cursor (through `analytics.db.query`). The CPI tables are `cpi_u` and `cpi_release` as
`analytics.realterms.ingest.load_cpi` stored them; the medians are OEWS annual medians for all
industries, as `analytics.market.ingest.load_release` stored them (`lower_bound` true where BLS
top-coded the value); `payroll_taxes` is data/payroll_taxes.csv.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from analytics.db import query
from analytics.market.ingest import ALL_INDUSTRIES, NATIONAL

MEDIAN = "annual_p50"  # the market measure a city translation compares


def latest_cpi(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row: the latest month in the ingested CPI-U (`latest_month`) and its index value (`latest_value`)."""
    return query(con, "SELECT latest_month, latest_value FROM cpi_release")


def cpi_annual_averages(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """BLS's own annual average CPI-U per year (published for complete years only: none yet for 2026)."""
    return query(con, "SELECT year, value FROM cpi_u WHERE kind = 'annual average' ORDER BY year")


def cpi_monthly_values(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every monthly CPI-U value (BLS skipped October 2025: no value is stored for it)."""
    return query(con, "SELECT month, value FROM cpi_u WHERE kind = 'monthly' ORDER BY month")


def area_annual_median(con: duckdb.DuckDBPyConnection, occupation_code: str, area_code: str) -> pd.DataFrame:
    """One area's name and the occupation's annual median there (all industries), with its top-code flag.

    No rows when the area is not in the release; a NULL `value` when BLS published no median.
    """
    return query(
        con,
        """
        SELECT a.area_code, a.area_name, v.value, coalesce(v.lower_bound, false) AS lower_bound, v.footnote
        FROM market_area a
        LEFT JOIN market_value v ON v.area_code = a.area_code AND v.occupation_code = $occupation
             AND v.industry_code = $industry AND v.measure = $measure
        WHERE a.area_code = $area""",
        {"occupation": occupation_code, "area": area_code, "industry": ALL_INDUSTRIES, "measure": MEDIAN},
    )


def area_wage_ratios(con: duckdb.DuckDBPyConnection, occupation_code: str) -> pd.DataFrame:
    """Every area's annual median for an occupation and its ratio to the national median.

    `ratio` is NULL where either median is top-coded or unpublished; `problem` says which.
    """
    return query(
        con,
        """
        WITH v AS (
            SELECT area_code, value, coalesce(lower_bound, false) AS lower_bound
            FROM market_value
            WHERE occupation_code = $occupation AND industry_code = $industry AND measure = $measure),
        nat AS (SELECT value, lower_bound FROM v WHERE area_code = $national)
        SELECT a.area_code, a.area_name, a.area_type, v.value AS median,
               coalesce(v.lower_bound, false) AS top_coded,
               CASE WHEN NOT coalesce(v.lower_bound, true) AND NOT (SELECT lower_bound FROM nat)
                    THEN v.value / (SELECT value FROM nat) END AS ratio,
               CASE WHEN v.value IS NULL THEN 'not published'
                    WHEN v.lower_bound THEN 'top-coded (a floor)'
                    WHEN (SELECT value FROM nat) IS NULL THEN 'national median not published'
                    WHEN (SELECT lower_bound FROM nat) THEN 'national median top-coded' END AS problem
        FROM market_area a LEFT JOIN v USING (area_code)
        ORDER BY CASE a.area_type WHEN 'national' THEN 0 WHEN 'state' THEN 1 ELSE 2 END, a.area_name""",
        {"occupation": occupation_code, "industry": ALL_INDUSTRIES, "measure": MEDIAN, "national": NATIONAL},
    )


def payroll_rates(con: duckdb.DuckDBPyConnection, year: int, filing_status: str) -> pd.DataFrame:
    """The Social Security, Medicare and Additional Medicare rows of one tax year and filing status."""
    return query(
        con,
        """
        SELECT tax, rate_percent, wage_base, threshold, source_id FROM payroll_taxes
        WHERE tax_year = $year AND filing_status IN ('all', $status) ORDER BY tax""",
        {"year": year, "status": filing_status},
    )


def payroll_years(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Tax years with payroll constants in data/payroll_taxes.csv."""
    return query(con, "SELECT DISTINCT tax_year FROM payroll_taxes ORDER BY 1")["tax_year"].tolist()
