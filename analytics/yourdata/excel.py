"""Read the first sheet of an .xlsx into a DuckDB table of text cells, as `analytics.yourdata.read` does a CSV.

The reader is python-calamine (pinned in requirements.txt), chosen over openpyxl because it is a
Rust reader several times faster on large sheets, it only ever returns the values Excel last
calculated (a formula is never evaluated, nor returned as its text: a formula with no saved value
reads as blank), it parses the XML without Python's entity expansion, and it reports password
protection as its own error. The zip is checked for its uncompressed size before anything is
parsed, so a zip bomb is refused unread. Cells become the text a CSV would hold (`cell_text`).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import duckdb
import pandas as pd

from analytics.yourdata import read as limits  # the limits are read at call time, so one place sets them
from analytics.yourdata.read import ImportProblem, RawTable, _mib, _too_many, _too_wide


def read_xlsx(con: duckdb.DuckDBPyConnection, path: Path, table: str, name: str, size: int) -> RawTable:
    from python_calamine import CalamineWorkbook, PasswordError

    if size > limits.MAX_XLSX_BYTES:
        raise ImportProblem(
            f"{name} is {_mib(size)}; the limit for an Excel file is "
            f"{_mib(limits.MAX_XLSX_BYTES)}. Save it as CSV (limit {_mib(limits.MAX_BYTES)})."
        )
    try:
        with zipfile.ZipFile(path) as z:
            parts = z.infolist()
            names = {p.filename for p in parts}
            unpacked = sum(p.file_size for p in parts)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ImportProblem(f"{name} is a damaged zip or Excel file.") from None
    if "xl/workbook.xml" not in names:
        raise ImportProblem(
            f"{name} is a zip archive but not an .xlsx workbook (an .ods or .docx?). Save it as .xlsx or CSV."
        )
    if unpacked > limits.MAX_XLSX_UNPACKED:
        raise ImportProblem(
            f"{name} unpacks to {_mib(unpacked)}; the limit is {_mib(limits.MAX_XLSX_UNPACKED)}. Save it as CSV."
        )
    try:
        book = CalamineWorkbook.from_path(str(path))
        if not book.sheet_names:
            raise ImportProblem(f"{name} has no worksheet.")
        sheet_name = book.sheet_names[0]
        sheet = book.get_sheet_by_index(0)
        merged = sheet.merged_cell_ranges or []
        if sheet.height > limits.MAX_ROWS + 1:
            raise ImportProblem(_too_many(name, sheet.height - 1))
        if sheet.width > limits.MAX_COLUMNS:
            raise ImportProblem(_too_wide(name, sheet.width))
        rows = sheet.iter_rows()
        _into(con, table, rows, sheet.width)
    except PasswordError:
        raise ImportProblem(f"{name} is password-protected. Remove the password and upload it again.") from None
    except ImportProblem:
        raise
    except Exception as error:  # calamine raises several types for damaged parts (XmlError, ZipError, ...)
        raise ImportProblem(f"{name} could not be read as an Excel workbook ({type(error).__name__}).") from None
    notes = []
    if len(book.sheet_names) > 1:
        notes.append(f"{name} has {len(book.sheet_names)} sheets; only the first, {sheet_name!r}, was read.")
    if merged:
        notes.append(
            f"{name} has {len(merged)} merged cell range(s); a merged range holds its value in its "
            "first cell only, so the other cells read as blank."
        )
    return RawTable(name, table, [], 0, "xlsx", sheet=sheet_name, notes=notes)


def cell_text(value: object) -> str | None:
    """An Excel cell's value as the text a CSV would hold: 12.0 → '12', a date → '2021-03-04'."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _into(con: duckdb.DuckDBPyConnection, table: str, rows, width: int, chunk: int = 50_000) -> None:
    cols = [f"column{i}" for i in range(max(width, 1))]
    con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(f"CREATE TABLE {table} ({', '.join(f'{c} VARCHAR' for c in cols)})")
    batch: list[list[str | None]] = []
    for row in rows:
        batch.append([cell_text(v) for v in row] + [None] * (len(cols) - len(row)))
        if len(batch) >= chunk:
            _append(con, table, cols, batch)
            batch = []
    if batch:
        _append(con, table, cols, batch)


def _append(con: duckdb.DuckDBPyConnection, table: str, cols: list[str], batch: list) -> None:
    frame = pd.DataFrame(batch, columns=cols, dtype="string")  # noqa: F841 (read by DuckDB by name)
    con.execute(f"INSERT INTO {table} SELECT * FROM frame")  # noqa: S608
