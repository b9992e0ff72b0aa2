"""The Sources & data page's queries: the sources table and every reference table with its sources.

Values reach SQL as parameters; a table name is checked against REFERENCE_TABLES first.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

from analytics.db import query
from analytics.sources.tables import _is_url, _split_links, rows_containing

REFERENCE_TABLES = (
    "sources",
    "roles",
    "role_profiles",
    "pay_figures",
    "levels",
    "level_headcounts",
    "level_equivalences",
    "career_paths",
    "vesting_schedules",
    "pay_practices",
)


def sources(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The sources table with how many figures each one backs."""
    return query(
        con,
        """
        SELECT s.*, count(f.source_id) AS figures
        FROM sources s LEFT JOIN pay_figures f USING (source_id)
        GROUP BY ALL ORDER BY s.kind, s.source_id
    """,
    )


def reference_table(con: duckdb.DuckDBPyConnection, name: str) -> pd.DataFrame:
    """One reference table as stored (only the names in REFERENCE_TABLES)."""
    if name not in REFERENCE_TABLES:
        raise ValueError(f"unknown table {name!r}")
    return query(con, f'SELECT * FROM "{name}"')  # noqa: S608 (name checked against REFERENCE_TABLES above)


def source_catalogue(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every source with its kind, date, web link or local file, and how many pay figures it backs."""
    return _split_links(sources(con))


def _source_column(df: pd.DataFrame) -> str | None:
    return next((c for c in ("source_ids", "source_id") if c in df.columns), None)


def reference_rows(
    con: duckdb.DuckDBPyConnection, name: str, search: str = "", source_ids: Sequence[str] = ()
) -> pd.DataFrame:
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

        first_url = ids.map(
            lambda xs: next((info.at[x, "link"] for x in xs if x in info.index and _is_url(info.at[x, "link"])), None)
        )
        df = df.assign(source_title=joined("title"), source_publisher=joined("publisher"), source_link=first_url)
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
