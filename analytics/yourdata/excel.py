"""Read the first sheet of an .xlsx into a DuckDB table of text cells, as `analytics.yourdata.read` does a CSV.

The reader is python-calamine (pinned in requirements.txt), chosen over openpyxl because it is a
Rust reader several times faster on large sheets, it only ever returns the values Excel last
calculated (a formula is never evaluated, nor returned as its text: a formula with no saved value
reads as blank), it parses the XML without Python's entity expansion, and it reports password
protection as its own error. Cells become the text a CSV would hold (`cell_text`).

Calamine holds the whole sheet in memory, so before it opens the file `analytics.yourdata.sheetsize`
measures the sheet and refuses one that would not fit; rows then go to DuckDB in batches of at
most BATCH_CELLS cells.
"""

from __future__ import annotations

import datetime as dt
import zipfile
import zlib
from pathlib import Path

import duckdb
import pyarrow as pa

from analytics.yourdata import read as limits  # the limits are read at call time, so one place sets them
from analytics.yourdata.read import BOM, ImportProblem, RawTable, _bom_note, _mib, _too_many, _too_wide
from analytics.yourdata.sheetsize import scan

BATCH_CELLS = 200_000
"""Most cells converted to text and handed to DuckDB at once."""


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
            if "xl/workbook.xml" not in names:
                raise ImportProblem(
                    f"{name} is a zip archive but not an .xlsx workbook (an .ods or .docx?). Save it as .xlsx or CSV."
                )
            if unpacked > limits.MAX_XLSX_UNPACKED:
                raise ImportProblem(
                    f"{name} unpacks to {_mib(unpacked)}; the limit is {_mib(limits.MAX_XLSX_UNPACKED)}. "
                    "Save it as CSV."
                )
            scan(z, name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, zlib.error):
        raise ImportProblem(f"{name} is a damaged zip or Excel file.") from None
    try:
        book = CalamineWorkbook.from_path(str(path))
        if not book.sheet_names:
            raise ImportProblem(f"{name} has no worksheet.")
        sheet_name = book.sheet_names[0]
        sheet = book.get_sheet_by_index(0)
        merged = sheet.merged_cell_ranges or []
        if sheet.height > limits.MAX_ROWS + 1:  # the scan refuses these first; calamine has the last word
            raise ImportProblem(_too_many(name, sheet.height - 1))
        if sheet.width > limits.MAX_COLUMNS:
            raise ImportProblem(_too_wide(name, sheet.width))
        boms = _into(con, table, sheet.iter_rows(), sheet.width)
        del sheet
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
    if boms:
        notes.append(_bom_note(name, *boms))
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


def _into(con: duckdb.DuckDBPyConnection, table: str, rows, width: int) -> tuple[int, int] | None:
    """Write the rows to `table` as text, removing byte-order marks inside cells; return how many cells held
    one and the first one's row (1-based), or None."""
    width = max(width, 1)
    cols = [f"column{i}" for i in range(width)]
    con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(f"CREATE TABLE {table} ({', '.join(f'{c} VARCHAR' for c in cols)})")
    per_batch = max(1, BATCH_CELLS // width)
    batch: list[list[str | None]] = []
    boms, first = 0, None
    for number, row in enumerate(rows, start=1):
        cells = [cell_text(v) for v in row]
        if any(c is not None and BOM in c for c in cells):
            boms += sum(1 for c in cells if c is not None and BOM in c)
            first = first or number
            cells = [None if c is None else c.replace(BOM, "") or None for c in cells]
        batch.append(cells + [None] * (width - len(cells)))
        if len(batch) >= per_batch:
            _append(con, table, cols, batch)
            batch = []
    if batch:
        _append(con, table, cols, batch)
    return (boms, first) if boms else None


def _append(con: duckdb.DuckDBPyConnection, table: str, cols: list[str], batch: list) -> None:
    columns = list(zip(*batch, strict=True))
    arrow = pa.table({c: pa.array(values, pa.string()) for c, values in zip(cols, columns, strict=True)})  # noqa: F841
    con.execute(f"INSERT INTO {table} SELECT * FROM arrow")  # noqa: S608 (a table name from code)
