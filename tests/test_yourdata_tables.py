"""The Your data tables as shown and downloaded: columns in words with units, numbers rounded as the page shows
them, dates as YYYY-MM-DD, employee ids and BLS codes as text, suppressed figures in words."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
from openpyxl import load_workbook

from analytics.export import table_csv, table_xlsx
from analytics.format import SUPPRESSED
from analytics.yourdata import tables

POSITIONS = pd.DataFrame(
    {
        "person_id": ["0042", "E2"],
        "family": ["Engineering", "Engineering"],
        "level": ["L3", "L3"],
        "zone": ["Zone B", None],
        "currency": ["USD", "USD"],
        "base": [89_000.0, 142_500.5],
        "bonus": [None, 14_200.0],
        "equity": [None, None],
        "start_date": pd.to_datetime(["2023-07-02", None]),
        "group": ["Woman", None],
        "min": [80_000.0, 111_700.0],
        "max": [136_000.0, 167_600.0],
        "midpoint": [108_000.0, 139_650.0],
        "compa_ratio": [0.8240740740740741, 1.0204117436448264],
        "penetration": [0.16071428571428573, 0.5510733452593917],
        "position": ["lower", "upper"],
        "raise_to_min": [0.0, 0.0],
        "file_row": [2, 3],
    }
)
CATALOGUE = pd.DataFrame(columns=["source_id", "title", "publisher", "published", "link", "kind"])


def test_people_download_has_headers_in_words_and_values_as_shown():
    described = tables.people_table(POSITIONS)
    lines = table_csv(POSITIONS, described).decode("utf-8-sig").splitlines()
    assert lines == [
        "Employee ID,Job family,Level,Zone,Currency,Base pay (USD a year),Band minimum (USD a year),"
        "Band midpoint (USD a year),Band maximum (USD a year),Compa-ratio,Range penetration (%),Position,"
        "Raise to the minimum (USD a year),Bonus target (USD a year),Equity (USD a year),Start date,Group,"
        "Row in the people file",
        "0042,Engineering,L3,Zone B,USD,89000,80000,108000,136000,0.82,16.1,lower,0.00,,,2023-07-02,Woman,2",
        "E2,Engineering,L3,,USD,142501,111700,139650,167600,1.02,55.1,upper,0.00,14200,,,,3",
    ]


def test_the_workbook_keeps_codes_as_text_and_dates_as_dates():
    book = load_workbook(io.BytesIO(table_xlsx(POSITIONS, tables.people_table(POSITIONS), CATALOGUE)))
    sheet = book["Data"]
    assert [sheet.cell(2, c).value for c in (1, 10, 16)] == ["0042", 0.82, dt.datetime(2023, 7, 2)]
    assert sheet.cell(2, 1).data_type == "s" and sheet.cell(2, 16).number_format == "yyyy-mm-dd"


def test_money_is_in_the_rows_currency_when_the_rows_mix_currencies():
    assert tables.money_unit(POSITIONS) == "USD a year"
    mixed = POSITIONS.assign(currency=["USD", "EUR"])
    assert tables.people_table(mixed).column("base").label == "Base pay (a year, in the row's currency)"


def test_a_suppressed_group_reads_suppressed_in_every_file():
    groups = pd.DataFrame(
        {
            "level": ["P1", "P2"],
            "group": ["Woman", "Man"],
            "people": pd.array([7, None], dtype="Int64"),
            "median_compa_ratio": [0.8654, None],
            "shown": [True, False],
            "note": ["", SUPPRESSED],
        }
    )
    shown = tables.groups_shown(groups)
    assert table_csv(shown, tables.group_table()).decode("utf-8-sig").splitlines() == [
        "Level,Group,People,Median compa-ratio,Note",
        "P1,Woman,7,0.87,",
        f"P2,Man,{SUPPRESSED},{SUPPRESSED},{SUPPRESSED}",
    ]
    assert tables.group_table().screen(shown)["people"].tolist() == ["7", SUPPRESSED]


def test_the_market_download_keeps_bls_codes_as_text_beside_their_names():
    pricing = pd.DataFrame(
        {
            "family": ["Eng"],
            "zone": ["Seattle"],
            "level": ["P1"],
            "currency": ["USD"],
            "midpoint": [136_500.0],
            "occupation_code": ["15-1252"],
            "occupation_title": ["Software Developers"],
            "area_code": ["0042660"],
            "area_name": ["Seattle-Tacoma-Bellevue, WA"],
            "industry_code": ["000000"],
            "priced": [True],
            "market_percentile": [27.64],
            "market_position": ["about the 28th percentile"],
            "ratio_to_market_median": [0.8159971305595409],
            **{f"bls_p{p}": [v] for p, v in ((10, 99_190.0), (25, 132_800.0), (50, 167_280.0))},
        }
    )
    rows = tables.market_rows(pricing)
    lines = table_csv(rows, tables.market_table(rows)).decode("utf-8-sig").splitlines()
    assert lines == [
        "Job family,Zone,Level,Currency,Band midpoint (USD a year),Where the midpoint sits,"
        "Market percentile (interpolated),Midpoint ÷ BLS median,BLS 10th (USD a year),BLS 25th (USD a year),"
        "BLS median (USD a year),BLS occupation,Occupation code,BLS area,Area code,Industry,Industry code,Source,"
        "Source id",
        "Eng,Seattle,P1,USD,136500,about the 28th percentile,27.6,0.82,99190,132800,167280,Software Developers,"
        '15-1252,"Seattle-Tacoma-Bellevue, WA",0042660,All industries (cross-industry total),000000,'
        "BLS OEWS May 2025 (bls_oews_2025),bls_oews_2025",
    ]


def test_a_long_table_says_the_downloads_hold_every_row():
    assert tables.rows_caption(28, "problems") == "28 problems."
    assert tables.rows_caption(2_500, "people") == "2,500 people; the first 1,000 shown. The downloads hold all 2,500."
    assert len(tables.first_rows(pd.DataFrame({"a": range(2_500)}))) == 1_000


def test_the_audit_trail_reads_to_the_second():
    trail = pd.DataFrame(
        {"at": ["2026-12-06T14:05:03.123+00:00"], "actor": ["a@x"], "action": ["saved"], "detail": [""]}
    )
    assert table_csv(tables.audit_rows(trail), tables.audit_table()).decode("utf-8-sig").splitlines() == [
        "When (UTC),Who,What,Detail",
        "2026-12-06 14:05:03,a@x,saved,",
    ]
