"""Read the people a pay gap report counts from an import or workspace connection, as the plain input frame.

The import's `people` table (analytics.yourdata.validate) is read column by column: each column of
INPUT_COLUMNS it has is selected as it is, each it lacks reads as NULL. Until the import learns a gender
field, its grouping column `group` stands in for gender (the sample's "Gender" column is mapped to it);
`bonus` (a target, not pay received) is never read as variable pay.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from analytics.db import query
from analytics.paygap.people import INPUT_COLUMNS

STAND_INS = {"gender": "group"}
"""Columns read in place of a missing one: the import's grouping column holds gender today."""


def people_for_paygap(con: duckdb.DuckDBPyConnection, table: str = "people") -> pd.DataFrame:
    """The people of `table` with the columns of INPUT_COLUMNS (NULL where it has no such column), and `row`."""
    found = query(
        con,
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? AND table_schema = 'main'",
        [table],
    )["column_name"].tolist()
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
