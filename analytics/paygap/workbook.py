"""Write the pay gap report as an .xlsx workbook with openpyxl: one sheet per table, typed and formatted cells.

The first sheet, "Definitions", names the source file and its date, the report's date, currency and
settings, then every definition the report uses. Each table of `tables.sections` follows on its own
sheet: the header in row 1 (bold, frozen, with a filter), numbers as numbers with a number format
per column kind, dates as dates, and text neutralised against formula injection (analytics.export).
Percentages are stored as fractions shown to two decimals (12.5% is 0.125), so a gap of 4.95% never
reads 5.0% beside the 5% threshold; money has two decimals an hour and none a year. A hidden figure
is the text SUPPRESSED, in grey italics. A last sheet, "People", is the analyst's working table:
one row per person with their hours, pay, hourly pay, quartile band and tenure.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from analytics.export import neutralise
from analytics.paygap import tables
from analytics.paygap.definitions import SUPPRESSED
from analytics.paygap.report import PayGapReport

if TYPE_CHECKING:  # openpyxl loads when a workbook is first built, not with the page
    from openpyxl.worksheet.worksheet import Worksheet

NUMBER_FORMATS = {
    tables.PERCENT: "0.00%",
    tables.HOURLY: "#,##0.00",
    tables.ANNUAL: "#,##0",
    tables.COUNT: "0",
    tables.YEARS: "0.0",
    tables.LOG: "0.0000",
    tables.DATE: "yyyy-mm-dd",
}
HEADER_FILL = "DDE5EE"  # the header row's fill colour
HIDDEN_COLOUR = "707070"  # a suppressed cell's text
WRAPPED = {"Definition", "Note", "Problem", "Status", "Reason", "Controls"}


def _cell_value(value: object, kind: str) -> object:
    """A Python value openpyxl writes as the right cell type: number, date, or neutralised text."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        value = value.date()
    if isinstance(value, dt.date):
        return value
    if tables.is_number(value):
        number = float(value) / 100 if kind == tables.PERCENT else value
        return int(number) if kind == tables.COUNT else float(number)
    return neutralise(str(value))


def _write_table(ws: Worksheet, section: tables.Section) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    frame = section.frame
    ws.append([neutralise(str(c)) for c in frame.columns])
    for cell in ws[1]:
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for _, row in frame.iterrows():
        kinds = [section.kind(c, row) for c in frame.columns]
        ws.append([_cell_value(row[c], k) for c, k in zip(frame.columns, kinds, strict=True)])
        for cell, kind in zip(ws[ws.max_row], kinds, strict=True):
            if cell.value == SUPPRESSED:
                cell.font = Font(italic=True, color=HIDDEN_COLOUR)
            elif kind in NUMBER_FORMATS and cell.value is not None and not isinstance(cell.value, str):
                cell.number_format = NUMBER_FORMATS[kind]
    if frame.empty:
        ws.append([section.empty])
    ws.freeze_panes = "A2"
    if len(frame):
        ws.auto_filter.ref = f"A1:{get_column_letter(len(frame.columns))}{len(frame) + 1}"
    _widths(ws, frame)


def _widths(ws: Worksheet, frame: pd.DataFrame) -> None:
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    for i, column in enumerate(frame.columns, start=1):
        longest = max([len(str(column))] + [len(str(v)) for v in frame[column].head(500) if v is not None])
        wide = column in WRAPPED
        ws.column_dimensions[get_column_letter(i)].width = min(max(10, longest + 2), 70 if wide else 40)
        if wide:
            for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def _definitions(ws: Worksheet, report: PayGapReport) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    ws.append(["Pay gap report"])
    ws["A1"].font = Font(bold=True, size=14)
    for label, value in tables.about_rows(report):
        ws.append([label, _cell_value(value, tables.TEXT)])
        if isinstance(value, dt.date):
            ws.cell(ws.max_row, 2).number_format = NUMBER_FORMATS[tables.DATE]
    if report.problem:
        ws.append(["Problem", neutralise(report.problem)])
    ws.append([])
    ws.append(["Term", "Definition"])
    for cell in ws[ws.max_row]:
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL)
    for term, text in tables.definitions_table(report).itertuples(index=False):
        ws.append([term, text])
        ws.cell(ws.max_row, 2).alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 110


def write_workbook(report: PayGapReport, path: Path | None = None) -> bytes:
    """The report as .xlsx bytes (also written to path when given)."""
    from openpyxl import Workbook

    book = Workbook()
    _definitions(book.active, report)
    book.active.title = "Definitions"
    for section in tables.sections(report):
        _write_table(book.create_sheet(section.key[:31]), section)
    people = tables.people_table(report)
    if not people.empty:
        section = tables.people_section(report)
        _write_table(book.create_sheet("People"), section)
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    if path is not None:
        Path(path).write_bytes(data)
    return data
