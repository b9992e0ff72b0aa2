"""Reading uploads and mapping their columns: header guesses, corrections, encodings, Excel cells and notes."""

from __future__ import annotations

import datetime as dt

import duckdb
import openpyxl
import pytest

from analytics.yourdata.columns import apply_corrections, check_mapping, guess_kind, guess_mapping, header_labels
from analytics.yourdata.excel import cell_text
from analytics.yourdata.read import read_file

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
        "Choose the column for currency.",
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
