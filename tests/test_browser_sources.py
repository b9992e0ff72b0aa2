"""Browser tests of the Sources & data page: it renders, the filters and a link narrow the table,
the CSV downloads exactly the rows shown, and a hostile search filters to nothing."""

import csv
import io
from urllib.parse import parse_qs, urlparse

import pytest

from tests.conftest import NARROW, WIDE, open_app, wait_for_run

pytestmark = pytest.mark.browser


def _open_sources(page, app_url: str, query: str = "") -> None:
    """Open the page once the router has run: on a fresh server, Streamlit serves a first visit to a
    sub-path with its `pages/` auto-discovery instead of dashboard.py's navigation."""
    open_app(page, app_url)
    open_app(page, app_url, "sources" + query)
    page.get_by_text("rows of").first.wait_for()
    wait_for_run(page)


def _download(page, key: str) -> list[dict]:
    wait_for_run(page)  # the button further down the page must hold this run's rows
    with page.expect_download() as info:
        page.locator(f".st-key-{key} button").click()
    return list(csv.DictReader(io.StringIO(info.value.path().read_text(encoding="utf-8"))))


def _full_screenshot(page, width: int, path: str) -> None:
    """Streamlit scrolls inside its main block, so grow the viewport to the content before shooting."""
    page.set_viewport_size({"width": width, "height": 900})
    wait_for_run(page)
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": width, "height": height})
    wait_for_run(page)
    page.screenshot(path=path, full_page=True)


def test_sources_page_renders(page, app_url):
    _open_sources(page, app_url)
    page.get_by_text("84 of 84 rows of Pay figures").wait_for()
    page.get_by_text("Amazon L7: seed_001 figures are not consistent with other sources").wait_for()
    wait_for_run(page)
    assert page.get_by_test_id("stDataFrame").count() == 2
    _full_screenshot(page, WIDE["width"], "artifacts/sources-wide.png")
    _full_screenshot(page, NARROW["width"], "artifacts/sources-narrow.png")


def test_sources_filters_update_url_and_download(page, app_url):
    _open_sources(page, app_url)
    page.locator(".st-key-sources_table [role='combobox']").fill("Levels")  # typing opens the options
    page.get_by_role("option", name="Levels", exact=True).click()
    page.get_by_text("30 of 30 rows of Levels").wait_for()
    search = page.locator(".st-key-sources_search input")
    search.fill("jassy")
    search.press("Enter")
    page.get_by_text("2 of 30 rows of Levels").wait_for()
    assert parse_qs(urlparse(page.url).query) == {"table": ["levels"], "q": ["jassy"]}
    rows = _download(page, "sources_download")
    assert [(r["level"], r["source_ids"]) for r in rows] == [("L12", "seed_001"),
                                                             ("L12", "payladder_reference")]
    assert rows[1]["who"] == "Andy Jassy, CEO since July 2021"
    assert rows[1]["source_title"] == "PayLadder external facts reference"


def test_sources_shared_link_opens_the_view(page, app_url):
    _open_sources(page, app_url, "?table=pay_figures&q=Candor")
    page.get_by_text("1 of 84 rows of Pay figures").wait_for()
    rows = _download(page, "sources_download")
    assert [(r["level"], r["amount_usd"], r["source_id"], r["source_publisher"]) for r in rows] == [
        ("L10", "234000.0", "seed_001", "Product Manager HQ (Josh Fechter)")]


@pytest.mark.parametrize("hostile", ["'; DROP TABLE x; --", "=cmd|' /C calc'!A0"])
def test_sources_hostile_search_filters_to_nothing(page, app_url, hostile):
    _open_sources(page, app_url)
    search = page.locator(".st-key-sources_search input")
    search.fill(hostile)
    search.press("Enter")
    page.get_by_text("No rows of Pay figures contain").wait_for()
    assert page.locator(".st-key-sources_download").count() == 0
    assert page.get_by_test_id("stDataFrame").count() == 1  # the sources table is still there
