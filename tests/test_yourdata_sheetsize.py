"""Measuring an .xlsx's first sheet before calamine builds it: the same grid calamine builds, and the limits.

Each sheet is written as raw XML (tests/hostile_xlsx.py) in the shapes writers produce and the shapes an
attacker would: without references, references out of order, self-closing rows and cells, a namespace
prefix. The scan must find the grid calamine then builds (its last row and column), whichever of its
readers (the two shortcuts or the exact one) reads a block, with blocks as small as 64 bytes so that
every tag and value is cut somewhere.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import duckdb
import pytest
from python_calamine import CalamineWorkbook

from analytics.yourdata import read, sheetsize
from analytics.yourdata.read import ImportProblem, read_file
from tests.hostile_xlsx import rows_xml, workbook

ORDERED = rows_xml([["Employee ID", "Base", "Group"], ["E1", 100, "a"], ["E2", 200, None], [None, None, "c"]])
SHAPES = {
    "references in order": ORDERED,
    "no references": rows_xml([["Employee ID", "Base"], ["E1", 100], ["E2", 200, 7]], references=False),
    "rows referenced, cells not": b'<row r="2"><c><v>1</v></c><c><v>2</v></c></row><row r="5"><c><v>3</v></c></row>',
    "cells out of order": b'<row r="1"><c r="D1"><v>1</v></c><c r="B1"><v>2</v></c></row>'
    b'<row r="2"><c r="A2"><v>3</v></c></row>',
    "rows out of order": b'<row r="9"><c r="A9"><v>1</v></c></row><row r="3"><c r="C3"><v>2</v></c></row>',
    "a reference, then cells without": b'<row r="1"><c r="C1"><v>1</v></c><c><v>2</v></c><c><v>3</v></c></row>'
    b"<row><c><v>4</v></c></row>",
    "self-closing rows": b'<row r="3"/><row><c><v>1</v></c></row><row/><row><c><v>2</v></c><c><v>3</v></c></row>',
    "styled empty cells far away": b'<row r="1"><c r="A1"><v>1</v></c><c r="Z1" s="1"/></row>'
    b'<row r="90"><c r="B90" s="2"/></row><row r="4"><c r="B4"><v>2</v></c></row>',
    "shared strings": b'<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="s"><v>0</v></c></row>'
    b'<row r="2"><c r="A2" t="s"><v>1</v></c></row>',
    "text of its own": b'<row r="1"><c r="A1" t="str"><f>"x"</f><v>formula text</v></c>'
    b'<c r="B1" t="inlineStr"><is><r><t>rich </t></r><r><t>text</t></r></is></c></row>',
    "namespace prefix": b'<x:row r="1" xmlns:x="urn:x"><x:c r="B1"><x:v>1</x:v></x:c></x:row>'
    b'<x:row r="2" xmlns:x="urn:x"><x:c r="E2"><x:v>2</x:v></x:c></x:row>',
}
STRINGS = ["a shared string", "another"]


def calamine_corner(path: Path) -> tuple[int, int]:
    """Rows and columns from A1 to the last cell calamine builds."""
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    end = sheet.end
    return (end[0] + 1, end[1] + 1) if end else (0, 0)


def scanned(path: Path) -> sheetsize.Extent:
    with zipfile.ZipFile(path) as z:
        return sheetsize.scan(z, path.name)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("reader", ["shortcuts", "exact"])
def test_the_grid_is_the_one_calamine_builds(tmp_path, monkeypatch, shape, reader):
    path = tmp_path / "f.xlsx"
    path.write_bytes(workbook(SHAPES[shape], STRINGS))
    monkeypatch.setattr(sheetsize, "CHUNK", 64)  # every tag and value is cut somewhere
    if reader == "exact":
        monkeypatch.setattr(sheetsize._Sheet, "read", lambda self, block: self._exact(block))
    extent = scanned(path)
    assert (extent.rows, extent.columns) == calamine_corner(path)


def test_text_counts_each_cells_copy_of_a_shared_string(tmp_path):
    path = tmp_path / "f.xlsx"
    path.write_bytes(workbook(SHAPES["shared strings"], STRINGS))
    shared = [len(f"<t>{s}</t>") for s in STRINGS]  # measured in XML: at least the text
    strings_held = sum(shared) + sheetsize.STRING_BYTES * len(STRINGS)
    assert scanned(path).text == strings_held + shared[1] + shared[0] + shared[1]
    path.write_bytes(workbook(SHAPES["text of its own"], STRINGS))
    assert scanned(path).text == strings_held + len("formula text") + len("rich ") + len("text")


def refusal(tmp_path: Path, data: bytes) -> str:
    path = tmp_path / "f.xlsx"
    path.write_bytes(data)
    with pytest.raises(ImportProblem) as refused:
        read_file(duckdb.connect(), path, "raw")
    return refused.value.message


def test_two_cells_a_million_rows_apart_are_refused_before_calamine_builds_the_grid(tmp_path, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("calamine opened a file the scan should have refused")

    monkeypatch.setattr("python_calamine.CalamineWorkbook.from_path", never)
    corners = b'<row r="1"><c r="A1"><v>1</v></c></row><row r="1000001"><c r="GR1000001"><v>1</v></c></row>'
    assert refusal(tmp_path, workbook(corners)) == (
        "f.xlsx is too large to read as an Excel file: its first sheet spans at least 1,000,001 rows by 200 "
        "columns (200,000,200 cells); the limit is 3,000,000 cells. Save it as CSV (up to 1,000,000 rows)."
    )
    assert refusal(tmp_path, workbook(b'<row r="1000002"><c r="A1000002"><v>1</v></c></row>')) == (
        "f.xlsx has more than 1,000,000 data rows (or more); split it into smaller files."
    )
    assert refusal(tmp_path, workbook(b"<row>" + b"<c><v>1</v></c>" * 201 + b"</row>")) == (
        "f.xlsx has at least 201 columns; the limit is 200. Keep the columns PayLadder maps."
    )


def test_one_long_shared_string_in_every_cell_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(read, "MAX_XLSX_TEXT", 10 * 2**20)
    cells = b"<row>" + b'<c t="s"><v>0</v></c>' * 200 + b"</row>"
    message = refusal(tmp_path, workbook(cells * 2, ["x" * 30_000]))
    assert message == (
        "f.xlsx is too large to read as an Excel file: its first sheet holds more than 10 MiB of text. "
        "Save it as CSV (up to 200 MiB)."
    )


def test_a_part_that_unpacks_to_more_than_the_zip_states_is_refused(tmp_path):
    sheet = rows_xml([["Employee ID", "Base"], *[[f"E{i}", i] for i in range(2000)]])
    assert refusal(tmp_path, workbook(sheet, stated_size=1000)) == (
        "f.xlsx is a damaged or hostile zip: xl/worksheets/sheet1.xml unpacks to more than the 1,000 bytes it states."
    )


def test_a_sheet_without_references_is_read_whole(tmp_path):
    path = tmp_path / "f.xlsx"
    rows = [["Employee ID", *(f"h{i}" for i in range(199))], *([f"E{r}", *range(199)] for r in range(1000))]
    path.write_bytes(workbook(rows_xml(rows, references=False)))
    con = duckdb.connect()
    raw = read_file(con, path, "raw")
    assert (raw.rows, len(raw.headers)) == (1000, 200)
    assert con.execute("SELECT c0, c199 FROM raw WHERE rowid = 1000").fetchall() == [("E999", "198")]
