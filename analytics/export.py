"""Downloads of what a page shows, safe to open in a spreadsheet: CSV, Excel (.xlsx), a data dictionary, Parquet.

A described table (analytics.columns.Table) is written as the page shows it: the headers people read, with
their units, and every number rounded to the decimals on screen (`table_csv`, `table_xlsx`, with the
columns' meanings in `dictionary_csv`). The workbook has typed cells with number formats, a frozen header,
a Sources sheet and a Dictionary sheet. Parquet (`to_parquet`) and the plain `to_csv` keep raw values and
code names, for people loading the data into a notebook or a database.

A spreadsheet treats a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula; a
hostile string in the data could then run on the user's machine. Every text cell that begins so is prefixed
with a single quote (OWASP's advice), in a CSV and in a workbook, where text is also always a text cell,
never a formula; numbers are left as numbers. A code such as BLS area 0042660 stays text: a text cell in
the workbook, and in a CSV (where a spreadsheet may read it as the number 42660) always beside its name.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from analytics.columns import CODE, COUNT, DATE, MONEY, NUMBER, NUMERIC, PERCENT, YEAR, Column, Table

if TYPE_CHECKING:  # openpyxl (8 MB) loads when a workbook is first built, not with every page
    from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SOURCE_HEADERS = {
    "source_id": "Source id",
    "title": "Title",
    "publisher": "Publisher",
    "published": "Published",
    "link": "Link",
    "kind": "Kind",
}
"""The Sources sheet's columns: data/sources.csv's, with the headers people read."""
HEADER_FILL = "DDE5EE"  # the header row's fill colour


def neutralise(value: object) -> object:
    """Prefix a text cell that a spreadsheet would read as a formula with a single quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of df with every text cell neutralised, column names included."""
    out = df.copy()
    out.columns = [neutralise(str(c)) for c in out.columns]
    for col in out.columns:
        if not pd.api.types.is_numeric_dtype(out[col]) and not pd.api.types.is_bool_dtype(out[col]):
            out[col] = out[col].map(neutralise).astype(object)
    return out


def _joined(value: object) -> object:
    """A list cell as one text cell: its items separated by '; '."""
    return "; ".join(map(str, value)) if isinstance(value, list | tuple | np.ndarray) else value


def to_csv(df: pd.DataFrame) -> bytes:
    """UTF-8 CSV bytes of df as it is (code names, raw values), safe for spreadsheets (RFC 4180 line ends, so a
    stray CR is quoted); lists joined."""
    plain = df.assign(**{c: df[c].map(_joined) for c in df.columns if df[c].dtype == object})
    return safe_frame(plain).to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def to_parquet(df: pd.DataFrame) -> bytes:
    """Parquet bytes of df (typed, so no formula risk; text is neutralised all the same)."""
    buf = io.BytesIO()
    safe_frame(df).to_parquet(buf, index=False)
    return buf.getvalue()


def _csv_bytes(text: pd.DataFrame) -> bytes:
    """A frame of text as CSV: UTF-8 with a byte-order mark (so Excel reads – and ≥ right), CRLF line ends."""
    return text.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def table_csv(frame: pd.DataFrame, table: Table) -> bytes:
    """The frame as the page shows it, as CSV: headers with units, numbers to the decimals on screen (plain
    digits, no separators), text neutralised, a gap empty."""
    shown = table.shown(frame)
    text = pd.DataFrame(index=shown.index)
    for column in table.present(frame):
        text[neutralise(column.label)] = [
            column.text(v) if column.kind in NUMERIC and not isinstance(v, str) else neutralise(column.text(v))
            for v in shown[column.name].astype(object).where(shown[column.name].notna(), None)
        ]
    return _csv_bytes(text)


def dictionary_csv(frame: pd.DataFrame, table: Table) -> bytes:
    """The data dictionary of the frame's file as CSV: each column's header, meaning, unit, format and source."""
    return _csv_bytes(table.dictionary(frame).map(neutralise))


def number_format(column: Column) -> str:
    """The Excel number format of a column's cells: '#,##0' whole dollars, '#,##0.00' cents, '0.0' a percent
    value (its header says %), '0.00' a ratio, '0' a year, '@' a code."""
    places = column.places or 0
    decimals = "." + "0" * places if places else ""
    if column.kind in (MONEY, COUNT):
        return "#,##0" + decimals
    if column.kind in (PERCENT, NUMBER):
        return "0" + decimals
    if column.kind == YEAR:
        return "0"
    if column.kind == DATE:
        return "yyyy-mm-dd"
    return "@" if column.kind == CODE else "General"


def _write_cell(ws: Worksheet, row: int, col: int, column: Column, value: object) -> None:
    """One typed cell: a number with its format, a date, or text that stays text (never a formula)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return
    if column.kind in NUMERIC and not isinstance(value, str):
        cell = ws.cell(row, col, int(value) if column.kind in (COUNT, YEAR) else float(value))
        cell.number_format = number_format(column)
    elif isinstance(value, dt.date):
        cell = ws.cell(row, col, value)
        cell.number_format = number_format(column)
    else:
        _text_cell(ws, row, col, str(value), column.kind == CODE)


def _text_cell(ws: Worksheet, row: int, col: int, text: str, code: bool = False) -> None:
    """A text cell: neutralised, typed as a string (openpyxl would take '=…' as a formula), quote-prefixed so a
    spreadsheet keeps it text when edited; a code gets the text number format, so 0042660 keeps its zeros."""
    cell = ws.cell(row, col)
    cell.value = neutralise(text)
    cell.data_type = "s"
    cell.quotePrefix = True
    if code:
        cell.number_format = "@"


def _header(ws: Worksheet, labels: list[str]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    for col, label in enumerate(labels, start=1):
        _text_cell(ws, 1, col, label)
        cell = ws.cell(1, col)
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"


def _widths(ws: Worksheet, columns: list[list[str]]) -> None:
    from openpyxl.utils import get_column_letter

    for i, texts in enumerate(columns, start=1):
        longest = max((len(t) for t in texts[:500]), default=8)
        ws.column_dimensions[get_column_letter(i)].width = min(max(10, longest + 2), 60)


def _text_sheet(ws: Worksheet, frame: pd.DataFrame) -> None:
    """A sheet of text columns (the sources, the dictionary) with a frozen, bold header."""
    _header(ws, list(frame.columns))
    for r, row in enumerate(frame.itertuples(index=False), start=2):
        for c, value in enumerate(row, start=1):
            if value is not None and not (isinstance(value, float) and np.isnan(value)) and str(value) != "":
                _text_cell(ws, r, c, str(value), frame.columns[c - 1] == "Source id")
    _widths(ws, [[str(c), *map(str, frame[c])] for c in frame.columns])


def sources_sheet(frame: pd.DataFrame, table: Table, catalogue: pd.DataFrame) -> pd.DataFrame:
    """The sources of a download's rows (and of the table itself) as data/sources.csv lists them."""
    ids = table.source_ids(frame)
    known = catalogue.set_index("source_id")
    rows = [
        {"source_id": s, **{k: known.at[s, k] if s in known.index else None for k in list(SOURCE_HEADERS)[1:]}}
        for s in ids
    ]
    return pd.DataFrame(rows, columns=list(SOURCE_HEADERS)).rename(columns=SOURCE_HEADERS)


def table_xlsx(frame: pd.DataFrame, table: Table, catalogue: pd.DataFrame, sheet: str = "Data") -> bytes:
    """The frame as the page shows it, as an Excel workbook: a sheet of typed cells with number formats and a
    frozen, filterable header; a Sources sheet (the rows' sources from `catalogue`, data/sources.csv's rows,
    and the table's note); a Dictionary sheet (what each column means)."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook()
    ws = book.active
    ws.title = sheet[:31]
    columns = table.present(frame)
    shown = table.shown(frame)
    _header(ws, [c.label for c in columns])
    for c, column in enumerate(columns, start=1):
        values = shown[column.name].astype(object).where(shown[column.name].notna(), None)
        for r, value in enumerate(values, start=2):
            _write_cell(ws, r, c, column, value)
    if columns and len(shown):
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(shown) + 1}"
    _widths(ws, [[c.label, *(c.text(v, separators=True) for v in shown[c.name].head(500))] for c in columns])

    sources = book.create_sheet("Sources")
    listed = sources_sheet(frame, table, catalogue)
    _text_sheet(sources, listed)
    if table.note:
        _text_cell(sources, len(listed) + 3, 1, table.note)
    _text_sheet(book.create_sheet("Dictionary"), table.dictionary(frame))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
