"""Browser test of the Pay gap report: upload bands and a people file, map gender, hours and variable pay, open
the report, check the indicators, read the .xlsx back with openpyxl, and print the HTML report to PDF in
Chromium (its pages, and no table row cut across two); screenshots at 1280 and 420 px, light and dark.

The people are the hand-made table of test_paygap_indicators, with headers the import does not guess for
gender, hours and variable pay, so they are mapped by hand. The dashboard is served with workspaces in a
temporary folder, which holds one workspace of the same people for the screenshots.
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from analytics.paygap.definitions import DEFINITIONS, SUPPRESSED
from analytics.yourdata.pipeline import import_file, new_connection
from analytics.yourdata.store import LOCAL
from analytics.yourdata.store.files import FileStore
from tests.helpers import open_page, screenshots, serve, wait_for_run
from tests.test_pay_gap_page import BANDS, HEADER, INDICATORS, MEN_MEAN, WOMEN_MEAN, people_csv

pytestmark = pytest.mark.browser
UNGUESSED = {"Gender": "Gndr", "Weekly Hours": "Hrs/wk", "Variable Pay": "Bonus received"}
"""Headers the import does not recognise: the test maps them by hand."""
PRINTED_PAGES = 14
"""The header, each of the report's 12 tables and the definitions start a page, and each fits on one."""


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("paygap_files")
    bands, people = folder / "bands.csv", folder / "people.csv"
    bands.write_text(BANDS, encoding="utf-8")
    header = ",".join(UNGUESSED.get(h, h) for h in HEADER)
    people.write_text(header + "\n" + people_csv().split("\n", 1)[1], encoding="utf-8")
    return {"bands": bands, "people": people}


@pytest.fixture(scope="module")
def served(tmp_path_factory, files):
    """The dashboard, serving a workspace folder that already holds the hand-made people; (URL, workspace id)."""
    folder = tmp_path_factory.mktemp("paygap_app") / "ws"
    con = new_connection()
    import_file(con, files["bands"])
    import_file(con, files["people"], corrections={"gender": 9, "hours": 8, "variable": 6})
    store = FileStore(folder)
    saved = store.save(LOCAL, con, "Hand-made people", "bands.csv, people.csv").id
    store.close()  # the server is the catalog's one user from here on
    with serve({"PAYLADDER_WORKSPACES": str(folder)}) as url:
        yield url, saved


def pick(page, key: str, option: str) -> None:
    """Choose an option of the selectbox with this widget key, and wait for the run it starts."""
    box = page.locator(f".st-key-{key} [role='combobox']")
    box.click()  # focus first: typing into an unfocused box opens no options
    box.fill(option)
    page.get_by_role("option", name=option, exact=True).click()
    wait_for_run(page)


def download(page, key: str) -> bytes:
    """Click the download button with this widget key; the file's bytes."""
    wait_for_run(page)
    with page.expect_download() as info:
        page.locator(f".st-key-{key} button").click()
    return Path(info.value.path()).read_bytes()


def test_upload_map_report_download_and_print(page, browser, served, files, tmp_path):
    url, _ = served
    open_page(page, url, "your_data")
    page.locator(".st-key-yourdata_bands_upload input[type=file]").set_input_files(str(files["bands"]))
    page.get_by_text("4 of 4").wait_for()
    wait_for_run(page)
    page.locator(".st-key-yourdata_people_upload input[type=file]").set_input_files(str(files["people"]))
    page.get_by_text("52 of 52").wait_for()
    for field, header in (("gender", "Gndr"), ("hours", "Hrs/wk"), ("variable", "Bonus received")):
        pick(page, f"yourdata_people_map_{field}", header)
    expect(page.locator(".st-key-yourdata_people_map_variable [role='combobox']")).to_have_value("Bonus received")

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Pay gap").click()
    page.get_by_text("Indicators", exact=True).wait_for()
    wait_for_run(page)
    metrics = page.get_by_test_id("stMetric")
    shown = dict(
        zip(
            metrics.get_by_test_id("stMetricLabel").all_inner_texts(),
            metrics.get_by_test_id("stMetricValue").all_inner_texts(),
            strict=True,
        )
    )
    assert {k: shown.get(k) for k in INDICATORS} == INDICATORS
    page.get_by_text(
        f"Women {WOMEN_MEAN:.2f}, men {MEN_MEAN:.2f} (EUR an hour); 24 women and 26 men counted."
    ).wait_for()
    assert page.locator(".js-plotly-plot").count() == 3

    book = load_workbook(io.BytesIO(download(page, "paygap_xlsx")))
    assert book.sheetnames[0] == "Definitions" and book.sheetnames[-1] == "People"
    about = {r[0]: r[1] for r in book["Definitions"].iter_rows(min_row=2, max_col=2, values_only=True) if r[0]}
    assert about["Source file"] == "people.csv" and about["Currency"] == "EUR"
    assert about["Full time (hours a week)"] == 40 and about["People counted"] == 52
    assert {term: about[term] for term, _ in DEFINITIONS} == dict(DEFINITIONS)
    ws = book["Indicators"]
    header = [c.value for c in ws[1]]
    rows = {r[0].value: dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2)}
    mean = rows["Mean gender pay gap (hourly pay)"]
    assert mean["Gap (%)"].value == pytest.approx((MEN_MEAN - WOMEN_MEAN) / MEN_MEAN)
    assert mean["Gap (%)"].number_format == "0.00%" and isinstance(mean["Gap (%)"].value, float)
    assert mean["Women"].value == pytest.approx(WOMEN_MEAN) and mean["Women"].number_format == "#,##0.00"
    assert mean["Women counted"].value == 24 and isinstance(mean["Women counted"].value, int)
    lower = rows["Women and men in the lower quartile pay band"]
    assert lower["Women"].value == pytest.approx(7 / 13) and lower["Gap (%)"].value is None
    categories = {r[0]: r for r in book["Categories"].iter_rows(min_row=2, values_only=True)}
    assert categories["Design · L1"][1] == SUPPRESSED and categories["Eng · L1"][8] == pytest.approx(0.0505)
    people = book["People"]
    assert people.max_row == 53 and people["A2"].value == "AM1"

    html = download(page, "paygap_html").decode()
    printed = browser.new_page()
    printed.set_content(html)
    pdf = printed.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    printed.close()
    (tmp_path / "pay_gap_report.pdf").write_bytes(pdf)
    pages = printed_pages(pdf)
    assert len(pages) == PRINTED_PAGES
    for title in section_titles(html):
        assert any(text.startswith(squash(title)) for text in pages), title  # every section starts a page
    rows = table_rows(html)
    cut = [row for row in rows if not any(all(squash(cell) in text for cell in row) for text in pages)]
    assert len(rows) > 80 and cut == []


def test_screenshots(themed_page, served):
    url, workspace = served
    open_page(themed_page, url, f"pay_gap?workspace={workspace}", ready=".js-plotly-plot")
    expect(themed_page.get_by_test_id("stMetricValue").first).to_have_text(INDICATORS["Mean gap"])
    screenshots(themed_page, "pay-gap", ready=lambda p: p.locator(".js-plotly-plot .bars").first.wait_for())


def squash(text: str) -> str:
    """Text without whitespace: how a cell and a PDF page's text are compared (line breaks fall anywhere)."""
    return re.sub(r"\s+", "", text)


def printed_pages(pdf: bytes) -> list[str]:
    """Each page's text, squashed."""
    from pypdf import PdfReader

    return [squash(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


class _Rows(HTMLParser):
    """Every table row's cell texts, and every section's title, of the printable report."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.titles: list[str] = []
        self._row: list[str] | None = None
        self._text: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self._row = []
        elif tag in ("td", "th", "h2"):
            self._text = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._row is not None:
            self._row.append("".join(self._text or []))
        elif tag == "h2":
            self.titles.append("".join(self._text or []))
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None
        if tag in ("td", "th", "h2"):
            self._text = None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)


def _parsed(html: str) -> _Rows:
    parser = _Rows()
    parser.feed(html)
    return parser


def table_rows(html: str) -> list[list[str]]:
    return _parsed(html).rows


def section_titles(html: str) -> list[str]:
    return _parsed(html).titles
