"""Exports: exact CSV output with formula-like cells neutralised and numbers left alone; described tables as
CSV, Excel and data dictionary, written as the page shows them."""

import io

import openpyxl
import pandas as pd

from analytics.columns import CODE, COUNT, FLAG, MONEY, NUMBER, PERCENT, YEAR, Column, Table
from analytics.export import dictionary_csv, table_csv, table_xlsx, to_csv, to_parquet


def test_csv_neutralises_formula_cells_exactly():
    df = pd.DataFrame(
        {
            "role": ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tTab", "\rCR", "Product Manager"],
            "amount": [1, 2, -3, 4, 5, 6, 148688],
        }
    )
    assert to_csv(df).decode().split("\r\n") == [
        "role,amount",
        '"\'=HYPERLINK(""http://x"")",1',
        "'+1,2",
        "'-2,-3",
        "'@SUM(A1),4",
        "'\tTab,5",
        '"\'\rCR",6',
        "Product Manager,148688",
        "",
    ]


def test_csv_neutralises_column_names_and_keeps_missing_values_empty():
    df = pd.DataFrame({"=cmd": ["a", None], "n": [1.5, None]})
    assert to_csv(df).decode() == "'=cmd,n\r\na,1.5\r\n,\r\n"


def test_parquet_round_trips_with_neutralised_text():
    df = pd.DataFrame({"role": ["=1+1", "PM"], "amount": [1, 2]})
    back = pd.read_parquet(io.BytesIO(to_parquet(df)))
    assert back["role"].tolist() == ["'=1+1", "PM"] and back["amount"].tolist() == [1, 2]


# --- Described tables: CSV, Excel and data dictionary as the page shows them (issue 21) ---

ROLES = Table(
    (
        Column("label", "Range", meaning="Role and component."),
        Column("min_usd", "Minimum", MONEY, "USD a year", "The lowest pay.", "data/pay_figures.csv amount_usd"),
        Column("spread", "Spread", PERCENT, "%", "(max − min) ÷ min.", "derived", fraction=True),
        Column("ratio", "Ratio", NUMBER, meaning="Yours ÷ reported.", decimals=3),
        Column("hourly", "Hourly wage", MONEY, "USD an hour", decimals=2),
        Column("sample_size", "Reports", COUNT, "n"),
        Column("year", "Year", YEAR),
        Column("floor", "Maximum is a floor", FLAG),
        Column("area_code", "Area code", CODE, meaning="BLS area code."),
        Column("area_name", "Area"),
        Column("source_id", "Source id", CODE, screen=False),
    ),
    sources=("bls_oews_2025",),
    note="Rows as shown on the page.",
)
FRAME = pd.DataFrame(
    {
        "label": ["Product Manager (base)", '=HYPERLINK("http://x")', "-2"],
        "min_usd": [134_759.80, 547_647.5, None],
        "spread": [2.278688524590164, None, 0.25],
        "ratio": [1.23456, 0.98516, None],
        "hourly": [80.185, 43.39, None],
        "sample_size": [497.0, None, 8.0],
        "year": [2022, None, 2021],
        "floor": [False, True, None],
        "area_code": ["0042660", "0012420", "@x"],
        "area_name": ["Seattle-Tacoma-Bellevue, WA", "Austin-Round Rock-San Marcos, TX", "\tTab"],
        "source_id": ["seed_001", "bls_oews_2025", "seed_001"],
        "undescribed": [1.5, 2.5, 3.5],
    }
)
CATALOGUE = pd.DataFrame(
    {
        "source_id": ["seed_001", "bls_oews_2025"],
        "title": ["What Does an Amazon Product Manager Do? (2022)", "OEWS, May 2025"],
        "publisher": ["Product Manager HQ (Josh Fechter)", "U.S. Bureau of Labor Statistics"],
        "published": ["2022-09-18", "2026-05-15"],
        "link": ["seeds/001_aeaa971dbea95f37.txt", "https://www.bls.gov/oes/"],
        "kind": ["article", "government statistics"],
        "notes": ["", ""],
    }
)


def test_table_csv_writes_headers_with_units_and_numbers_as_shown_exactly():
    assert table_csv(FRAME, ROLES).decode("utf-8-sig").split("\r\n") == [
        "Range,Minimum (USD a year),Spread (%),Ratio,Hourly wage (USD an hour),Reports (n),Year,"
        "Maximum is a floor,Area code,Area,Source id",
        'Product Manager (base),134760,227.9,1.235,80.19,497,2022,no,0042660,"Seattle-Tacoma-Bellevue, WA",seed_001',
        '"\'=HYPERLINK(""http://x"")",547648,,0.985,43.39,,,yes,0012420,"Austin-Round Rock-San Marcos, TX",'
        "bls_oews_2025",
        "'-2,,25.0,,,8,2021,,'@x,'\tTab,seed_001",
        "",
    ]


def test_table_csv_starts_with_a_byte_order_mark_so_excel_reads_utf8():
    assert table_csv(FRAME, ROLES).startswith("\ufeffRange,".encode())


def test_dictionary_csv_gives_each_headers_meaning_unit_format_and_source_exactly():
    text = dictionary_csv(FRAME, ROLES).decode("utf-8-sig")
    assert text.split("\r\n")[:4] == [
        "Header,Meaning,Unit,Format,Source column",
        "Range,Role and component.,,text,label",
        'Minimum (USD a year),The lowest pay.,USD a year,"money, whole dollars",data/pay_figures.csv amount_usd',
        'Spread (%),(max − min) ÷ min.,%,"percent, 1 decimal",derived',
    ]
    assert 'Hourly wage (USD an hour),,USD an hour,"money, 2 decimals (cents)",hourly' in text
    assert "Area code,BLS area code.,,code (text; keep its leading zeros),area_code" in text
    assert "undescribed" not in text


def test_workbook_has_typed_cells_number_formats_a_frozen_header_sources_and_dictionary():
    book = openpyxl.load_workbook(io.BytesIO(table_xlsx(FRAME, ROLES, CATALOGUE)))
    assert book.sheetnames == ["Data", "Sources", "Dictionary"]
    data = book["Data"]
    assert data.freeze_panes == "A2" and data.auto_filter.ref == "A1:K4"
    assert [c.value for c in data[1]] == [c.label for c in ROLES.columns]
    first = {c.column_letter: (c.value, c.number_format, c.data_type) for c in data[2]}
    assert first == {
        "A": ("Product Manager (base)", "General", "s"),
        "B": (134_760, "#,##0", "n"),
        "C": (227.9, "0.0", "n"),
        "D": (1.235, "0.000", "n"),
        "E": (80.19, "#,##0.00", "n"),
        "F": (497, "#,##0", "n"),
        "G": (2022, "0", "n"),
        "H": ("no", "General", "s"),
        "I": ("0042660", "@", "s"),
        "J": ("Seattle-Tacoma-Bellevue, WA", "General", "s"),
        "K": ("seed_001", "@", "s"),
    }
    assert data["A3"].value == '\'=HYPERLINK("http://x")' and data["A3"].data_type == "s"  # text, never a formula
    assert data["A3"].quotePrefix and data["A4"].value == "'-2" and data["J4"].value == "'\tTab"
    assert data["C3"].value is None and data["F3"].value is None  # a gap is an empty cell
    sources = [[c.value for c in row] for row in book["Sources"].iter_rows()]
    assert sources == [
        ["Source id", "Title", "Publisher", "Published", "Link", "Kind"],
        ["seed_001", *CATALOGUE.iloc[0, 1:6]],
        ["bls_oews_2025", *CATALOGUE.iloc[1, 1:6]],
        [None] * 6,
        ["Rows as shown on the page.", *[None] * 5],
    ]
    dictionary = [[c.value for c in row] for row in book["Dictionary"].iter_rows(max_row=3)]
    assert dictionary[2] == [
        "Minimum (USD a year)",
        "The lowest pay.",
        "USD a year",
        "money, whole dollars",
        "data/pay_figures.csv amount_usd",
    ]


def test_codes_with_leading_zeros_survive_a_round_trip_through_openpyxl():
    book = openpyxl.load_workbook(io.BytesIO(table_xlsx(FRAME, ROLES, CATALOGUE)))
    codes = [row[0] for row in book["Data"].iter_rows(min_row=2, min_col=9, max_col=9, values_only=True)]
    assert codes == ["0042660", "0012420", "'@x"]
