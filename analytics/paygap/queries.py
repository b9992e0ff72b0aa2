"""Read the people a pay gap report counts from an import or workspace connection, as the plain input frame.

The import's `people` table (analytics.yourdata.validate) is read column by column: each column of
INPUT_COLUMNS it has is selected as it is, each it lacks reads as NULL. The import has its own gender
field; in a workspace saved before it had one, the grouping column `group` stands in for gender (the
sample's "Gender" column was mapped to it). `bonus` (a target, not pay received) is never read as
variable pay. `people_problems` lists the people file's rows the import left out, and
`people_currencies` the currencies people are paid in, for the report's currency picker.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from analytics.db import query
from analytics.paygap.people import INPUT_COLUMNS

STAND_INS = {"gender": "group"}
"""Columns read in place of a missing one: a workspace saved before the gender field has it in `group`."""
PROBLEM_COLUMNS = ["file", "row", "column", "value", "problem"]


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return query(
        con,
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? AND table_schema = 'main'",
        [table],
    )["column_name"].tolist()


def people_for_paygap(con: duckdb.DuckDBPyConnection, table: str = "people") -> pd.DataFrame:
    """The people of `table` with the columns of INPUT_COLUMNS (NULL where it has no such column), and `row`."""
    found = _columns(con, table)
    if not found:
        raise ValueError(f"there is no table {table!r} to read people from")
    select = []
    for column in INPUT_COLUMNS:
        source = column if column in found else STAND_INS.get(column)
        # Only names from INPUT_COLUMNS, STAND_INS and the table's own catalogue reach the SQL text.
        select.append(f'"{source}" AS "{column}"' if source in found else f'NULL AS "{column}"')
    if "_row" in found:  # the import's spreadsheet row, so a problem names the row the user sees
        select.append('"_row" AS "row"')
    order = " ORDER BY _row" if "_row" in found else ""
    name = table.replace('"', '""')
    return query(con, f'SELECT {", ".join(select)} FROM "{name}"{order}')  # noqa: S608


def people_problems(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The people file's problems the import found (file, row, column, value, problem), in file order.

    An import keeps them in `people_problems`, a workspace in `problems` with kind 'people'; none: empty."""
    columns = ", ".join(f'"{c}"' for c in PROBLEM_COLUMNS)
    if _columns(con, "people_problems"):
        return query(con, f"SELECT {columns} FROM people_problems ORDER BY 2, 3")  # noqa: S608 (fixed names)
    if "kind" in _columns(con, "problems"):
        return query(con, f"SELECT {columns} FROM problems WHERE kind = 'people' ORDER BY 2, 3")  # noqa: S608
    return pd.DataFrame(columns=PROBLEM_COLUMNS)


def people_currencies(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The currencies people are paid in, most people first (none when the table has no currency)."""
    if "currency" not in _columns(con, "people"):
        return []
    rows = query(
        con,
        "SELECT upper(currency) AS currency, count(*) AS n FROM people WHERE currency IS NOT NULL "
        "GROUP BY 1 ORDER BY n DESC, 1",
    )
    return rows["currency"].tolist()
