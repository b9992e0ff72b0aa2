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
    """Single reported base or total figures (mean, median, percentiles) per role without a level, annual USD."""
    return query(con, """
        SELECT f.role, coalesce(f.company, $market) AS company, f.component, f.statistic,
               f.annual_usd, f.derived, f.year, f.sample_size, f.source_id, f.source_title, f.note
        FROM figures f JOIN roles USING (role)
        WHERE f.level IS NULL AND f.statistic NOT IN ('min', 'max', 'gap_to_us_mean')
          AND f.component IN ('base', 'total')  -- a bonus alone is not comparable with a pay range
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
    return query(con, f'SELECT * FROM "{name}"')  # noqa: S608 (name checked against REFERENCE_TABLES above)


def role_profiles(con: duckdb.DuckDBPyConnection, roles: Sequence[str]) -> pd.DataFrame:
    """Seed 000's role-profile comparisons for the given roles, in the article's order."""
    return query(con, """
        SELECT p.comparison, p.aspect, p.role, p.description, p.source_id, s.title AS source_title
        FROM role_profiles p JOIN sources s USING (source_id)
        WHERE list_contains($roles, p.role)
        ORDER BY min(p.rowid) OVER (PARTITION BY p.comparison),
                 min(p.rowid) OVER (PARTITION BY p.comparison, p.aspect), p.rowid
    """, {"roles": list(roles)})


def role_details(con: duckdb.DuckDBPyConnection, roles: Sequence[str]) -> pd.DataFrame:
    """Each role's track, description and career next steps, with their sources, most junior first."""
    return query(con, """
        SELECT r.role, r.track, r.seniority, r.description, r.source_id, s.title AS source_title,
               string_agg(c.to_role, '; ' ORDER BY n.seniority, c.to_role) AS next_steps,
               string_agg(DISTINCT cs.title, '; ') AS next_steps_source_title
        FROM roles r JOIN sources s USING (source_id)
        LEFT JOIN career_paths c ON c.from_role = r.role
        LEFT JOIN sources cs ON cs.source_id = c.source_id
        LEFT JOIN roles n ON n.role = c.to_role
        WHERE list_contains($roles, r.role)
        GROUP BY ALL ORDER BY r.seniority, r.role
    """, {"roles": list(roles)})


def levels_by_company(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Each company's level labels (company, level), in ladder order within the company."""
    return query(con, "SELECT company, level FROM levels GROUP BY company, level ORDER BY company, min(rank)")


def vesting_schedule_sources(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Each reported vesting schedule: company, yearly percents (year 1 first), as_of and its sources."""
    return query(con, """
        WITH schedules AS (
            SELECT schedule, any_value(company) AS company, list(percent ORDER BY year) AS percents,
                   any_value(as_of) AS as_of, any_value(source_ids) AS source_ids, any_value(note) AS note
            FROM vesting_schedules GROUP BY schedule),
        cited AS (SELECT schedule, unnest(string_split(source_ids, ';')) AS source_id FROM schedules)
        SELECT s.schedule, s.company, s.percents, s.as_of, s.source_ids, s.note,
               string_agg(src.publisher, '; ' ORDER BY src.source_id) AS publishers
        FROM schedules s JOIN cited c USING (schedule) LEFT JOIN sources src USING (source_id)
        GROUP BY ALL ORDER BY s.company, s.schedule
    """)


def reported_level_totals(con: duckdb.DuckDBPyConnection, company: str, level: str) -> pd.DataFrame:
    """Reported yearly total pay for one company and level (annual USD), with source, year and n."""
    return query(con, """
        SELECT company, level, role, statistic, annual_usd, year, as_of, sample_size, derived,
               source_id, source_title, source_publisher, source_link, note
        FROM figures
        WHERE company = $company AND level = $level AND component = 'total'
          AND annual_usd IS NOT NULL AND statistic <> 'gap_to_us_mean'
        ORDER BY sample_size DESC NULLS LAST, year DESC NULLS LAST, source_id, annual_usd
    """, {"company": company, "level": level})


# --- Sources & data page: reference tables with their sources, plain-text search -----------------

def _is_url(value: object) -> bool:
    return isinstance(value, str) and value.startswith(("https://", "http://"))


def _split_links(df: pd.DataFrame) -> pd.DataFrame:
    """Web links stay in `link`; paths to local files (the seeds, the facts file) move to `file`."""
    web = df["link"].map(_is_url).astype(bool)
    return df.assign(link=df["link"].where(web), file=df["link"].where(~web))


def source_catalogue(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every source with its kind, date, web link or local file, and how many pay figures it backs."""
    return _split_links(sources(con))


def _cell_text(value: object) -> str:
    """A cell as the text a search sees: numbers both plain and with separators (148688, 148,688)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float | int) and not isinstance(value, bool) and float(value).is_integer():
        return f"{int(value)} {int(value):,}"
    return str(value)


def rows_containing(df: pd.DataFrame, text: str) -> pd.Series:
    """Which rows have a cell containing text: a plain, case-insensitive substring, never a pattern."""
    needle, hit = text.casefold(), pd.Series(False, index=df.index)
    for col in df.columns:
        hit |= df[col].map(_cell_text).astype(str).str.casefold().str.contains(needle, regex=False)
    return hit


def _source_column(df: pd.DataFrame) -> str | None:
    return next((c for c in ("source_ids", "source_id") if c in df.columns), None)


def reference_rows(con: duckdb.DuckDBPyConnection, name: str, search: str = "",
                   source_ids: Sequence[str] = ()) -> pd.DataFrame:
    """One reference table with each row's source title, publisher and link, filtered by text and source."""
    df = reference_table(con, name)
    col = _source_column(df)
    ids = df[col].fillna("").astype(str).str.split(";") if col else pd.Series([[]] * len(df), index=df.index)
    if name == "sources":
        df = _split_links(df)
    elif col:
        info = query(con, "SELECT source_id, title, publisher, link FROM sources").set_index("source_id")

        def joined(field: str) -> pd.Series:
            return ids.map(lambda xs: "; ".join(str(info.at[x, field]) for x in xs if x in info.index))

        first_url = ids.map(lambda xs: next((info.at[x, "link"] for x in xs
                                             if x in info.index and _is_url(info.at[x, "link"])), None))
        df = df.assign(source_title=joined("title"), source_publisher=joined("publisher"),
                       source_link=first_url)
    keep = pd.Series(True, index=df.index)
    if source_ids:
        keep &= ids.map(lambda xs: bool(set(xs) & set(source_ids))).astype(bool)
    if search.strip():
        keep &= rows_containing(df, search.strip())
    return df[keep].reset_index(drop=True)


def table_source_ids(con: duckdb.DuckDBPyConnection, name: str) -> list[str]:
    """The sources that back at least one row of a reference table, in the sources table's order."""
    df = reference_table(con, name)
    col = _source_column(df)
    ids = {i for value in (df[col].dropna() if col else []) for i in str(value).split(";")}
    return [s for s in sources(con)["source_id"] if s in ids]


def career_path_links(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The seed's career paths between roles, junior first, each with its source and note."""
    return query(con, """
        SELECT p.from_role, p.to_role, p.note, p.source_id, s.title AS source_title,
               s.publisher AS source_publisher, f.seniority AS from_seniority, t.seniority AS to_seniority
        FROM career_paths p JOIN sources s USING (source_id)
        LEFT JOIN roles f ON f.role = p.from_role LEFT JOIN roles t ON t.role = p.to_role
        ORDER BY f.seniority, p.from_role, t.seniority, p.to_role
    """)


def role_single_figures(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Single reported figures per role (medians, averages, percentiles; any level), annual USD, with source."""
    return query(con, """
        SELECT f.role, coalesce(f.company, $market) AS company, f.level, f.component, f.statistic,
               f.annual_usd, f.derived, f.year, f.sample_size, f.source_id, f.source_title
        FROM figures f
        WHERE f.role IS NOT NULL AND f.annual_usd IS NOT NULL
          AND f.statistic NOT IN ('min', 'max', 'gap_to_us_mean')
        ORDER BY f.role, f.company NULLS FIRST, f.level, f.component, f.statistic
    """, {"market": MARKET})
