"""Browser tests of the Overview page: it renders real data, a link filters it, the CSV downloads."""

import pytest
from playwright.sync_api import expect

from tests.helpers import BARS, download_rows, open_app, screenshots

pytestmark = pytest.mark.browser


def test_overview_shows_headline_and_chart(page, app_url):
    open_app(page, app_url)
    expect(page.get_by_test_id("stMetric").filter(has_text="Amazon PM")).to_contain_text("$148,688")
    page.wait_for_selector(BARS)
    screenshots(page, "overview")
    page.locator(".js-plotly-plot").first.screenshot(path="artifacts/overview-chart-narrow.png")


def test_overview_link_filters_and_download(page, app_url):
    open_app(page, app_url, "?roles=Product+Coordinator&companies=Market-wide")
    rows = download_rows(page, "overview_ranges_csv")
    assert [(r["Role"], r["Minimum (USD a year)"], r["Maximum (USD a year)"]) for r in rows] == [
        ("Product Coordinator", "50000", "80000")
    ]
