"""Browser tests of the Sources & data page: it renders, the filters and a link narrow the table,
the CSV downloads exactly the rows shown, and a hostile search filters to nothing."""

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.helpers import download_rows, open_page, screenshots, wait_for_run

pytestmark = pytest.mark.browser
ROWS_SHOWN = "text=rows of"


def test_sources_page_renders(page, app_url):
    open_page(page, app_url, "sources", ROWS_SHOWN)
    page.get_by_text("134 of 134 rows of Pay figures").wait_for()
    page.get_by_text(
        "Amazon L7: the figures of Product Manager HQ (Josh Fechter) are not consistent with other sources"
    ).wait_for()
    wait_for_run(page)
    expect(page.get_by_test_id("stDataFrame")).to_have_count(2)  # tables mount once their script chunk loads
    screenshots(page, "sources")


def test_sources_filters_update_url_anddownload_rows(page, app_url):
    open_page(page, app_url, "sources", ROWS_SHOWN)
    page.locator(".st-key-sources_table [role='combobox']").fill("Levels")  # typing opens the options
    page.get_by_role("option", name="Levels", exact=True).click()
    page.get_by_text("30 of 30 rows of Levels").wait_for()
    search = page.locator(".st-key-sources_search input")
    search.fill("jassy")
    search.press("Enter")
    page.get_by_text("2 of 30 rows of Levels").wait_for()
    assert parse_qs(urlparse(page.url).query) == {"table": ["levels"], "q": ["jassy"]}
    rows = download_rows(page, "sources_rows_csv")
    assert [(r["Level"], r["Source ids"]) for r in rows] == [("L12", "seed_001"), ("L12", "payladder_reference")]
    assert rows[1]["Who"] == "Andy Jassy, CEO since July 2021"
    assert rows[1]["Source"] == "PayLadder external facts reference"


def test_sources_shared_link_opens_the_view(page, app_url):
    open_page(page, app_url, "sources?table=pay_figures&q=Candor", ROWS_SHOWN)
    page.get_by_text("1 of 134 rows of Pay figures").wait_for()
    rows = download_rows(page, "sources_rows_csv")
    assert [(r["Level"], r["Amount (USD)"], r["Source id"], r["Publisher"]) for r in rows] == [
        ("L10", "234000", "seed_001", "Product Manager HQ (Josh Fechter)")
    ]


@pytest.mark.parametrize("hostile", ["'; DROP TABLE x; --", "=cmd|' /C calc'!A0"])
def test_sources_hostile_search_filters_to_nothing(page, app_url, hostile):
    open_page(page, app_url, "sources", ROWS_SHOWN)
    search = page.locator(".st-key-sources_search input")
    search.fill(hostile)
    search.press("Enter")
    page.get_by_text("No rows of Pay figures contain").wait_for()
    expect(page.locator(".st-key-sources_rows_csv")).to_have_count(0)
    expect(page.get_by_test_id("stDataFrame")).to_have_count(1)  # the sources table is still there
