"""Reading uploads and mapping their columns: header guesses, corrections, encodings, Excel cells and notes."""

from __future__ import annotations

import datetime as dt

import duckdb
import openpyxl
import pytest

from analytics.yourdata.columns import apply_corrections, check_mapping, guess_kind, guess_mapping, header_labels
from analytics.yourdata.excel import cell_text
from analytics.yourdata.read import ImportProblem, read_file

PAVE_BANDS = [
    "Job Code",
    "Job Family",
    "Level",
    "Location Zone",
    "Currency",
    "Salary Min",
    "Salary Max",
    "Equity Target",
]
LATTICE_BANDS = ["Job title", "Job Level", "Pay Zone", "Currency Code", "Range Min (USD)", "Range Max (USD)"]
CHARTHOP_BANDS = ["Job", "Level", "Location", "Currency", "Midpoint", "Range Spread"]
HRIS_PEOPLE = [
    "Employee ID",
    "Job Family",
    "Job Level",
    "Work Location",
    "Base Salary (Annual)",
    "Target Bonus Amount",
    "Annual Equity",
    "Hire Date",
    "Gender",
]


def test_pave_style_bands():
    m = guess_mapping(PAVE_BANDS, "bands")
    # "Job Family" wins over "Job Code" for the family: synonyms are tried in order of preference.
    assert m == {
        "family": 1,
        "level": 2,
        "zone": 3,
        "currency": 4,
        "min": 5,
        "max": 6,
        "midpoint": None,
        "spread": None,
        "equity_target": 7,
    }
    assert guess_kind(PAVE_BANDS) == "bands" and check_mapping(m, "bands") == []


def test_lattice_style_bands_with_units_in_headers():
    m = guess_mapping(LATTICE_BANDS, "bands")
    assert [m[k] for k in ("family", "level", "zone", "currency", "min", "max")] == [0, 1, 2, 3, 4, 5]


def test_charthop_style_midpoint_and_spread():
    m = guess_mapping(CHARTHOP_BANDS, "bands")
    assert [m[k] for k in ("family", "level", "zone", "midpoint", "spread", "min", "max")] == [
        0,
        1,
        2,
        4,
        5,
        None,
        None,
    ]
    assert check_mapping(m, "bands") == []


def test_people_file():
    m = guess_mapping(HRIS_PEOPLE, "people")
    assert m == {
        "person_id": 0,
        "family": 1,
        "level": 2,
        "zone": 3,
        "currency": None,
        "base": 4,
        "bonus": 5,
        "equity": 6,
        "start_date": 7,
        "group": None,  # Gender is its own field (the pay gap report's); the group comparison falls back to it
        "gender": 8,
        "hours": None,
        "variable": None,
        "variable_pct": None,
        "category": None,
    }
    assert guess_kind(HRIS_PEOPLE) == "people"


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (["Sex", "Weekly Hours", "Bonus Paid", "Bonus %", "Job Category"], [0, 1, 2, 3, 4]),
        (["Geschlecht", "Hours per week", "Commission", "Bonus percent", "Equal value group"], [0, 1, 2, 3, 4]),
        (["Gender identity", "Contracted hours", "Variable pay", "Variable pay %", "Pay category"], [0, 1, 2, 3, 4]),
        (["Genre", "FTE", "Annual bonus paid (USD)", "Target Bonus", "Job evaluation grade"], [0, 1, 2, None, 4]),
    ],
)
def test_pay_gap_fields(headers, expected):
    m = guess_mapping(["Employee ID", "Job Family", "Level", "Base Salary", *headers], "people")
    names = ("gender", "hours", "variable", "variable_pct", "category")
    assert [m[n] for n in names] == [None if e is None else e + 4 for e in expected]
    assert m["group"] is None  # gender and sex are not a generic group any more
    if "Target Bonus" in headers:
        assert m["bonus"] == 7  # a target is not variable pay received
    # "%" and "percent" are words: "Bonus %" is not the bonus target, and "Spread %" is still a spread
    assert guess_mapping(["Bonus %"], "people")["bonus"] is None
    assert guess_mapping(["Spread %"], "bands")["spread"] == 0


def test_corrections_and_what_is_missing():
    m = guess_mapping(["Team", "Grade", "Pay"], "people")
    assert m["family"] is None and m["level"] == 1 and m["base"] == 2
    assert check_mapping(m, "people") == ["Choose the column for job family or role."]
    fixed = apply_corrections(m, {"family": 0}, "people", 3)
    assert check_mapping(fixed, "people") == []
    twice = apply_corrections(fixed, {"group": 0}, "people", 3)
    assert check_mapping(twice, "people") == [
        "Column 1 is chosen for both Job family or role and Group (for comparisons): choose one."
    ]
    with pytest.raises(ValueError):
        apply_corrections(m, {"family": 7}, "people", 3)
    bands = guess_mapping(["Family", "Level", "Min"], "bands")
    assert check_mapping(bands, "bands") == [
        "Choose the column for currency, or one currency for the whole file.",
        "Choose the minimum and maximum columns, or the midpoint and spread columns.",
    ]
    assert check_mapping(bands, "bands", default_currency="USD") == [
        "Choose the minimum and maximum columns, or the midpoint and spread columns."
    ]


def test_header_labels_name_blank_and_repeated_columns():
    assert header_labels(["Level", "", "Level", "Zone"]) == [
        "Level (column 1)",
        "(column 2, no name)",
        "Level (column 3)",
        "Zone",
    ]


@pytest.mark.parametrize(
    ("data", "encoding", "note"),
    [
        ("Family;Level\nIngénierie;L1\n".encode(), "utf-8", False),
        (b"\xef\xbb\xbfFamily;Level\nIng\xc3\xa9nierie;L1\n", "utf-8", False),
        ("Family;Level\nIngénierie;L1\n".encode("latin-1"), "latin-1", True),
    ],
)
def test_encodings_and_sniffed_delimiter(tmp_path, data, encoding, note):
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    con = duckdb.connect()
    raw = read_file(con, path, "raw")
    assert (raw.headers, raw.rows, raw.delimiter, raw.encoding) == (["Family", "Level"], 1, ";", encoding)
    assert con.execute("SELECT c0 FROM raw WHERE rowid = 1").fetchall() == [("Ingénierie",)]
    assert bool(raw.notes) == note


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (150000.0, "150000"),
        (150000.25, "150000.25"),
        (12, "12"),
        (True, "TRUE"),
        ("", None),
        (None, None),
        (dt.datetime(2020, 1, 15), "2020-01-15"),
        (dt.datetime(2020, 1, 15, 9, 30), "2020-01-15 09:30:00"),
        (dt.date(2020, 1, 15), "2020-01-15"),
        ("<b>x</b>", "<b>x</b>"),
    ],
)
def test_excel_cells_read_as_csv_text(value, text):
    assert cell_text(value) == text


def test_xlsx_formulas_merged_cells_and_extra_sheets(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["Family", "Level", "Base"])
    ws.append(["Eng", "L1", "=100*2"])
    ws.append(["Eng", "L2", 200])
    ws.merge_cells("A2:A3")
    book.create_sheet("Notes")
    book.save(tmp_path / "f.xlsx")
    con = duckdb.connect()
    raw = read_file(con, tmp_path / "f.xlsx", "raw")
    # The formula has no cached value (openpyxl never calculates): it reads blank, never "=100*2".
    assert con.execute("SELECT c0, c1, c2 FROM raw ORDER BY rowid").fetchall() == [
        ("Family", "Level", "Base"),
        ("Eng", "L1", None),
        (None, "L2", "200"),
    ]
    assert raw.sheet == "Sheet" and len(raw.notes) == 2
    assert "only the first, 'Sheet', was read" in raw.notes[0] and "merged" in raw.notes[1]


# Line endings, long lines, quotes, marks and names (issue 20)

LONE_CR = b"Employee ID,Base\r\n123456,150000\r223456,160000\r\n323456,170000\r\n"


@pytest.mark.parametrize(
    "data",
    [LONE_CR, LONE_CR.replace(b"\r\n", b"\n"), LONE_CR.replace(b"\r\n", b"\r"), b"\xef\xbb\xbf" + LONE_CR],
    ids=["CRLF with a lone CR", "LF with a lone CR", "CR only", "CRLF with a BOM"],
)
def test_a_lone_carriage_return_ends_a_line_and_changes_no_value(tmp_path, data):
    path = tmp_path / "p.csv"
    path.write_bytes(data)
    con = duckdb.connect()
    raw = read_file(con, path, "raw")
    assert con.execute("SELECT c0, c1 FROM raw ORDER BY rowid").fetchall() == [
        ("Employee ID", "Base"),
        ("123456", "150000"),
        ("223456", "160000"),
        ("323456", "170000"),
    ]
    lone = (
        "p.csv ends line(s) 2 with a carriage return alone, where its other lines end with a line feed. Each "
        "was read as the end of a row, as Excel does: check those rows and the ones after them."
    )
    assert raw.notes == ([] if b"\n" not in data else [lone])


def test_a_lone_carriage_return_inside_a_value_leaves_a_row_that_is_reported(tmp_path):
    from analytics.yourdata.pipeline import import_file
    from analytics.yourdata.queries import problem_rows
    from analytics.yourdata.samples import BANDS_FILE, SAMPLES_DIR

    path = tmp_path / "p.csv"
    header = b"Employee ID,Job Family,Level,Zone,Currency,Base Salary\r\n"
    path.write_bytes(header + b"E1,Engineering,L3,Zone A,USD,150000\r\nE2,Engineering,L3,Zone A,USD,16\r0000\r\n")
    con = duckdb.connect()
    import_file(con, SAMPLES_DIR / BANDS_FILE, kind="bands")
    imported = import_file(con, path, kind="people")
    problems = problem_rows(con, imported.checked)
    assert problems[["row", "column", "problem"]].values.tolist() == [
        [4, "Base Salary", "missing required value"],
        [4, "Job Family", "missing required value"],
        [4, "Level", "missing required value"],
    ]
    assert con.execute("SELECT person_id, base FROM people ORDER BY _row").fetchall() == [
        ("E1", 150000.0),
        ("E2", 16.0),
    ]
    assert imported.raw.notes[0].startswith("p.csv ends line(s) 3 with a carriage return alone")


def csv_problem(tmp_path, data: bytes, name: str = "p.csv") -> str:
    path = tmp_path / "upload-1234.csv"  # as the server names an upload
    path.write_bytes(data)
    with pytest.raises(ImportProblem) as refused:
        read_file(duckdb.connect(), path, "raw", name)
    assert str(tmp_path) not in refused.value.message and "upload-1234" not in refused.value.message
    return refused.value.message


def test_a_10_mb_cell_is_reported_on_its_line(tmp_path):
    data = b"Employee ID,Base\nE1,1\nE2," + b"z" * (10 * 2**20) + b"\nE3,3\n"
    assert csv_problem(tmp_path, data) == (
        "p.csv could not be read as CSV: line 3 is longer than 4.0 MiB, the limit for one line. "
        "Is a cell pasted by mistake, or a quote left open?"
    )
    assert "line 3 is" in csv_problem(tmp_path, data.replace(b"\n", b"\r\n"))


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b'Employee ID,Base\nE1,"150000\nE2,160000\n', 2),
        (b"Employee ID,Base\n" + b"E1,1\n" * 30_000 + b'E2,"2\n' + b"E3,3\n" * 5, 30_002),
        (b"Employee ID,Base\n" + b"E1,1\n" * 30_000 + b'E2,"2\nE3,3', 30_002),
    ],
    ids=["sniffed", "past the sniffer's sample", "at the end"],
)
def test_an_unclosed_quote_is_refused_naming_its_line_and_never_the_servers_path(tmp_path, data, line):
    assert csv_problem(tmp_path, data) == (
        f"p.csv could not be read as CSV: the quotes from line {line:,} on do not pair up: a cell opens with "
        '" and is never closed (or has a " inside it that is not doubled). Fix the quote and upload it again.'
    )


def test_a_quote_inside_an_unquoted_cell_is_kept(tmp_path):
    path = tmp_path / "p.csv"
    path.write_bytes(b'Employee ID,Note\nE1,5" screen\nE2,"two\nlines"\n')
    con = duckdb.connect()
    read_file(con, path, "raw")
    assert con.execute("SELECT c1 FROM raw ORDER BY rowid").fetchall() == [("Note",), ('5" screen',), ("two\nlines",)]


def test_a_byte_order_mark_inside_a_cell_is_removed_with_a_note(tmp_path):
    path = tmp_path / "p.csv"
    path.write_bytes("\ufeffEmployee ID,Base\nE3,1\n\ufeffE3,2\nE4,\ufeff3\n".encode())
    con = duckdb.connect()
    raw = read_file(con, path, "raw")
    assert con.execute("SELECT c0, c1 FROM raw ORDER BY rowid").fetchall() == [
        ("Employee ID", "Base"),
        ("E3", "1"),
        ("E3", "2"),
        ("E4", "3"),
    ]
    assert raw.notes == [
        "p.csv has 2 cell(s) holding a byte-order mark (U+FEFF, an invisible character often left where two "
        "files were joined), the first on row 3. It was removed, so a value reads the same with or without it "
        "(an employee ID repeated with one is still a duplicate)."
    ]


def test_a_byte_order_mark_inside_an_excel_cell_is_removed_with_a_note(tmp_path):
    book = openpyxl.Workbook()
    for row in (["Employee ID", "Base"], ["E3", 1], ["\ufeffE3", 2]):
        book.active.append(row)
    book.save(tmp_path / "p.xlsx")
    con = duckdb.connect()
    raw = read_file(con, tmp_path / "p.xlsx", "raw")
    assert con.execute("SELECT c0 FROM raw ORDER BY rowid").fetchall() == [("Employee ID",), ("E3",), ("E3",)]
    assert raw.notes[0].startswith("p.xlsx has 1 cell(s) holding a byte-order mark")


def test_a_file_name_shows_its_control_characters(tmp_path):
    from analytics.yourdata.pipeline import store_upload
    from analytics.yourdata.read import visible

    assert visible("pay\u202egpj.csv") == "pay[U+202E]gpj.csv"
    assert visible("a\nb\tc\u200bd\ufeff.csv") == "a[U+000A]b[U+0009]c[U+200B]d[U+FEFF].csv"
    assert visible("Gehälter 2025 – 東京.csv") == "Gehälter 2025 – 東京.csv"
    path = tmp_path / "p.csv"
    path.write_bytes(b"Employee ID,Base\nE1,1\n")
    assert read_file(duckdb.connect(), path, "raw", "pay\u202egpj.csv").filename == "pay[U+202E]gpj.csv"
    path.write_bytes(b"")
    assert csv_problem(tmp_path, b"", "pay\u202egpj.csv") == "pay[U+202E]gpj.csv is empty (0 bytes)."
    with pytest.raises(ImportProblem, match=r"^pay\[U\+202E\]gpj.csv is 300 MiB"):
        store_upload(b"", "pay\u202egpj.csv", 300 * 2**20, tmp_path)


def test_an_upload_is_stored_readable_by_its_owner_only(tmp_path):
    from analytics.yourdata.pipeline import store_upload

    path = store_upload(b"Employee ID,Base\nE1,1\n", "p.csv", 22, tmp_path)
    assert (path.read_bytes(), path.stat().st_mode & 0o777) == (b"Employee ID,Base\nE1,1\n", 0o600)
