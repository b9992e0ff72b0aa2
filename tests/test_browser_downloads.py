"""Every download of every page, in Chromium: what you compare is what you download, written as the page shows it.

On each page (Your data and Pay gap after importing the sample) every table on screen must have its downloads beside it
(a table in `.st-key-<key>` has `.st-key-<key>_csv`, `_xlsx` and `_dictionary`), and each CSV, workbook and
data dictionary is downloaded and read back: the same rows as the table on screen, the headers the page
shows (never a code name such as min_usd), no number with more decimals than its column's format, text that
a spreadsheet would take for a formula neutralised, and codes with leading zeros kept as text through
openpyxl.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from playwright.sync_api import expect

from analytics.format import SUPPRESSED
from tests.helpers import open_page, wait_for_run

pytestmark = pytest.mark.browser

PAGES = {
    "overview": "",
    "roles": "roles",
    "roles, the issue's choice": "roles?roles=Product+Manager&roles=Senior+Product+Manager",
    "levels": "levels",
    "pay mix": "pay_mix",
    "career paths": "career_paths",
    "market": "market?pay=150000",
    "market, metro areas": "market?section=metros",
    "market, industries": "market?section=industries",
    "offer calculator": "offers",
    "pay elsewhere": "pay_elsewhere",
    "sources & data": "sources",
}
CODE_NAME = re.compile(r"[a-z]_[a-z]")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
RAW_FLOAT = re.compile(r"^-?\d+\.(0|\d{5,})$")  # 50000.0 or 2.278688524590164: a number nobody formatted
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TABLE_ROWS = """e => { const grid = e.querySelector('table[aria-rowcount]');
  return grid ? Number(grid.getAttribute('aria-rowcount')) - 1 : null; }"""
TABLE_KEYS = """els => els.map(e => { const box = e.closest('[class*="st-key-"]');
  const key = box && [...box.classList].find(c => c.startsWith('st-key-')); return key ? key.slice(7) : null; })"""
OPEN_TAB = """e => { const panel = e.closest('[data-testid=stTabPanel]'), tabs = panel.closest('[data-testid=stTabs]');
  const own = sel => [...tabs.querySelectorAll(sel)].filter(x => x.closest('[data-testid=stTabs]') === tabs);
  own('[role=tab]')[own('[data-testid=stTabPanel]').indexOf(panel)].click(); }"""
TABLE_HEADERS = """e => [...e.querySelectorAll('table[aria-rowcount] thead th')].map(th => th.textContent.trim())"""


def decimals_of(fmt: str) -> int | None:
    """The decimals a data dictionary's Format allows ('money, whole dollars' 0, 'percent, 1 decimal' 1), or None
    for a column that is not a number."""
    if fmt in ("money, whole dollars", "count, whole number", "year"):
        return 0
    found = re.match(r"(?:money|percent|number), (\d+) decimal", fmt)
    return int(found.group(1)) if found else None


def places(value: str | float | int) -> int:
    """How many decimals a number carries as written in a CSV ('227.9' has 1) or read back from a workbook."""
    text = value if isinstance(value, str) else repr(value)
    return len(text.split(".")[1]) if "." in text else 0


def format_places(number_format: str) -> int:
    """The decimals an Excel number format shows: '#,##0' 0, '#,##0.00' 2, '0.0' 1."""
    return len(number_format.split(".")[1]) if "." in number_format else 0


def download(page, key: str) -> tuple[str, bytes]:
    """Click one download button once the run is over: the file's name and bytes."""
    wait_for_run(page)
    with page.expect_download() as info:
        page.locator(f".st-key-{key} button:visible").click()
    return info.value.suggested_filename, info.value.path().read_bytes()


def rows_of(data: bytes) -> tuple[list[str], list[list[str]]]:
    """A CSV download's header and rows (the byte-order mark for Excel dropped)."""
    assert data.startswith(b"\xef\xbb\xbf"), "a table's CSV starts with a byte-order mark so Excel reads UTF-8"
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    return lines[0], lines[1:]


def reveal(page) -> None:
    """Open every expander, so the tables inside them draw."""
    closed = page.locator("[data-testid=stExpander] details:not([open]) summary")
    for _ in range(50):  # each click opens one: the rest of the list moves up
        if not closed.count():
            break
        closed.first.click()
    wait_for_run(page)


def open_tab_of(page, key: str) -> None:
    """Open the expander or the tab that holds `.st-key-<key>`, if it is in one that is not open."""
    expander = page.locator("[data-testid=stExpander] details:not([open])").filter(has=page.locator(f".st-key-{key}"))
    if not page.locator(f".st-key-{key}").is_visible() and expander.count():
        expander.locator("summary").first.click()
        wait_for_run(page)
    if not page.locator(f".st-key-{key}").is_visible():
        page.locator(f".st-key-{key}").evaluate(OPEN_TAB)
        expect(page.locator(f".st-key-{key}")).to_be_visible()


def show_table(page, key: str):
    """The table in `.st-key-<key>`, scrolled into view (its tab opened)."""
    open_tab_of(page, key)
    table = page.locator(f".st-key-{key} [data-testid=stDataFrame]")
    table.scroll_into_view_if_needed()
    expect(table.locator("table[aria-rowcount]")).to_be_attached()
    return table


def check_files(page, key: str) -> dict:
    """Download one table's CSV, workbook and data dictionary and check them against each other; what was read."""
    name, data = download(page, f"{key}_csv")
    headers, rows = rows_of(data)
    stem = name.removesuffix(".csv")
    xlsx_name, xlsx = download(page, f"{key}_xlsx")
    dictionary_name, dictionary = download(page, f"{key}_dictionary")
    assert (xlsx_name, dictionary_name) == (f"{stem}.xlsx", f"{stem}-data-dictionary.csv")

    # Headers: what the page shows, with units, never a code name; the dictionary describes each one.
    assert headers and not [h for h in headers if CODE_NAME.search(h)], f"{name}: code-name headers"
    meaning_header, described = rows_of(dictionary)
    assert meaning_header == ["Header", "Meaning", "Unit", "Format", "Source column"]
    assert [d[0] for d in described] == headers, f"{name}: the dictionary lists every header, in order"
    assert all(d[1] for d in described), f"{name}: a column without a meaning"
    formats = {d[0]: d[3] for d in described}
    number_columns = {h: decimals_of(formats[h]) for h in headers if decimals_of(formats[h]) is not None}
    code_columns = [h for h in headers if formats[h].startswith("code")]

    # Numbers: never more decimals than the column's format; text that looks like a formula is neutralised.
    for row in rows:
        assert len(row) == len(headers)
        for header, cell in zip(headers, row, strict=True):
            if header in number_columns and cell and cell != SUPPRESSED:  # a hidden figure says so, in words
                assert NUMBER.match(cell), f"{name}, {header}: {cell!r} is not a number"
                assert places(cell) <= number_columns[header], f"{name}, {header}: {cell}"
            elif cell:
                assert not cell.startswith(FORMULA_STARTS), f"{name}, {header}: {cell!r} would run as a formula"
                assert not RAW_FLOAT.match(cell), f"{name}, {header}: {cell!r} is an unformatted number"

    # The workbook: the same header and rows, typed cells within their formats, codes as text, no formula.
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    assert book.sheetnames == ["Data", "Sources", "Dictionary"], name
    sheet = book["Data"]
    assert sheet.freeze_panes == "A2", f"{name}: a frozen header"
    assert [c.value for c in sheet[1]] == headers
    cells = list(sheet.iter_rows(min_row=2))
    assert len(cells) == len(rows), f"{xlsx_name}: {len(cells)} rows, the CSV {len(rows)}"
    zero_codes = 0
    for row, csv_row in zip(cells, rows, strict=True):
        for cell, header, text in zip(row, headers, csv_row, strict=True):
            assert cell.data_type != "f", f"{xlsx_name}, {header}: a formula"
            if header in number_columns and cell.value is not None and text != SUPPRESSED:
                assert cell.data_type == "n" and Decimal(repr(cell.value)) == Decimal(text), f"{header}: {cell.value}"
                assert places(cell.value) <= number_columns[header] == format_places(cell.number_format), header
            elif header in code_columns:
                assert cell.value == (text or None) and (cell.value is None or cell.data_type == "s"), header
                zero_codes += bool(text.startswith("0"))
    assert [c.value for c in book["Dictionary"][1]] == meaning_header
    assert book["Sources"].max_row >= 2, f"{xlsx_name}: a Sources sheet with the sources"
    return {"rows": len(rows), "headers": headers, "zero codes": zero_codes}


@pytest.mark.parametrize("path", list(PAGES.values()), ids=list(PAGES))
def test_every_table_downloads_its_rows_as_shown(page, app_url, path):
    open_page(page, app_url, path, ready="[data-testid=stMain] h1")
    check_every_table(page, path)


def test_your_data_and_the_pay_gap_download_their_rows_as_shown(page, app_url):
    """The sample imported on Your data (its files' previews are the files themselves, with no download), then the
    Pay gap report of the same import, in the same session."""
    open_page(page, app_url, "your_data", ready="[data-testid=stMain] h1")
    page.get_by_role("button", name="Try it with the sample").click()
    page.get_by_text("28 problems.").wait_for()
    page.get_by_role("button", name="Import the good rows").click()
    page.get_by_text("Cost to bring everyone to the minimum (USD)").wait_for()
    keys = check_every_table(page, "your_data", without=("yourdata_bands_preview", "yourdata_people_preview"))
    assert {"yourdata_problems", "yourdata_ladder", "yourdata_people", "yourdata_groups", "yourdata_market"} <= keys
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Pay gap").click()
    page.get_by_text("Quartile pay bands").first.wait_for()
    keys = check_every_table(page, "pay_gap")
    assert {"paygap_indicators", "paygap_categories", "paygap_people", "paygap_import_problems"} <= keys


def check_every_table(page, path: str, without: tuple[str, ...] = ()) -> set[str]:
    """Every table of the page shown has its downloads, and each table's files match it; the tables' keys."""
    reveal(page)
    groups = page.locator("[class*='_downloads']").evaluate_all(
        "els => els.flatMap(e => [...e.classList].filter(c => c.startsWith('st-key-') && c.endsWith('_downloads')))"
    )
    keys = [g.removeprefix("st-key-").removesuffix("_downloads") for g in groups]
    table_keys = page.locator("[data-testid=stMain] [data-testid=stDataFrame]").evaluate_all(TABLE_KEYS)
    assert None not in table_keys, "every table is shown through ui.table, in a container keyed for its downloads"
    table_keys = [k for k in table_keys if k not in without]
    assert not set(table_keys) - set(keys), f"tables without a download: {set(table_keys) - set(keys)}"

    zero_codes = 0
    for key in keys:
        open_tab_of(page, f"{key}_downloads")
        read = check_files(page, key)
        zero_codes += read["zero codes"]
        if key in table_keys:  # what you compare is what you download: the same rows, every header shown
            table = show_table(page, key)
            assert table.evaluate(TABLE_ROWS) == read["rows"], f"{key}: the table and its download differ in rows"
            shown = table.evaluate(TABLE_HEADERS)
            assert shown and not set(shown) - set(read["headers"]), f"{key}: {set(shown) - set(read['headers'])}"
    if path.startswith("market"):
        assert zero_codes, "BLS area codes such as 0000000 survive the round trip as text"
    if path.startswith("roles?"):  # Product Manager's ranges and Senior Product Manager's figures, each with files
        assert {"roles_statistics", "roles_titled"} <= set(keys)
    return set(keys)
