"""Browser tests of the Roles page: it renders the ranges, a filter and the pay box update the view and
the URL, a shared link reopens the view, and the CSV holds exactly the ranges shown with their sources."""

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.helpers import BARS, download_rows, open_page, screenshots, wait_for_run

pytestmark = pytest.mark.browser
PC, APM = "Product Coordinator", "Assistant/Associate Product Manager"


def _bars(page) -> list[str]:
    """The row labels of the range chart's bars, read from the Plotly figure in the page."""
    return page.evaluate(
        "[...document.querySelector('.st-key-roles_chart .js-plotly-plot').data]"
        ".filter(t => t.type === 'bar').flatMap(t => [...t.y])"
        ".map(y => y.split('<br><b>')[0].replaceAll('<br>', ' '))"
    )


def test_roles_page_renders(page, app_url):
    open_page(page, app_url, "roles", BARS)
    assert _bars(page) == [PC, APM, "Product Manager", "Product Manager · Amazon"]
    expect(page.get_by_text("$57.5K – $205K")).to_have_count(1)  # the range, in the row's axis label
    page.get_by_text("No role profile in the sources for Product Manager").wait_for()
    expect(page.get_by_role("tab")).to_have_count(5)
    screenshots(page, "roles")


def test_a_profile_tab_is_drawn_when_opened_and_stays_open(page, app_url):
    open_page(page, app_url, "roles", BARS)
    expect(page.locator(".st-key-roles_profile_0 [data-testid=stDataFrame]")).to_have_count(1)
    page.get_by_role("tab", name="Financial and career considerations").click()
    page.locator(".st-key-roles_profile_2 [data-testid=stDataFrame]").wait_for()
    wait_for_run(page)
    expect(page.locator(".st-key-roles_profile_0")).to_have_count(0)  # a closed tab is not drawn
    pay = page.locator(".st-key-roles_pay input")
    pay.fill("95000")
    pay.press("Enter")
    page.get_by_test_id("stMetricValue").first.wait_for()
    wait_for_run(page)
    expect(page.get_by_role("tab", name="Financial and career considerations")).to_have_attribute(
        "aria-selected", "true"
    )
    rows = download_rows(page, "roles_profile_2_csv")
    assert any("$70,000–$110,000 USD" in row.values() for row in rows)


def test_filter_and_pay_position_update_the_view_and_the_url(page, app_url):
    open_page(page, app_url, "roles", BARS)
    page.get_by_role("button", name="Remove Market-wide").click()
    wait_for_run(page)
    page.wait_for_function(
        "[...document.querySelector('.st-key-roles_chart .js-plotly-plot').data]"
        ".filter(t => t.type === 'bar').length === 1"
    )
    assert _bars(page) == ["Product Manager · Amazon"]
    pay = page.locator(".st-key-roles_pay input")
    pay.fill("95000")
    pay.press("Enter")
    page.get_by_test_id("stMetricValue").first.wait_for()
    wait_for_run(page)
    expect(page.get_by_test_id("stMetricValue")).to_have_text(["0.72", "25%", "in the lower half"])
    query = parse_qs(urlparse(page.url).query)
    assert query["companies"] == ["Amazon", "Google"] and query["pay"] == ["95000"]


def test_shared_link_opens_the_view_and_downloads_it(page, app_url):
    open_page(page, app_url, f"roles?roles={PC}&roles={APM}&companies=Market-wide&pay=72000", BARS)
    assert _bars(page) == [PC, APM]
    expect(page.get_by_test_id("stMetricValue")).to_have_text(["1.11", "73%", "in the upper half"])
    rows = download_rows(page, "roles_statistics_csv")
    money = ["Minimum (USD a year)", "Maximum (USD a year)", "Midpoint (USD a year)"]
    assert [(r["Range"], *(r[m] for m in money), r["Source id"]) for r in rows] == [
        (f"{PC} (base)", "50000", "80000", "65000", "seed_000"),
        (f"{APM} (base)", "70000", "110000", "90000", "seed_000"),
    ]
    # As the page shows them: percent values to one decimal, blank where there is no pair
    assert [(r["Spread (%)"], r["Progression (%)"], r["Overlap (%)"]) for r in rows] == [
        ("60.0", "", ""),
        ("57.1", "38.5", "25.0"),  # 25,000 ÷ 65,000; (80,000 − 70,000) ÷ (110,000 − 70,000)
    ]
    assert rows[0]["Source"].startswith("Product Coordinator vs Assistant Product Manager")
    assert rows[1]["Below"] == f"{PC} (base)"


@pytest.mark.parametrize("typed", ["1e308", "1e15", "-1"])
def test_a_pay_outside_its_range_raises_nothing_and_shows_no_figures(page, app_url, typed):
    open_page(page, app_url, f"roles?roles={PC}&companies=Market-wide&pay=72000", BARS)
    page.get_by_test_id("stMetricValue").first.wait_for()
    pay = page.locator(".st-key-roles_pay input")
    pay.fill(typed)
    pay.press("Enter")
    pay.blur()
    wait_for_run(page)
    assert page.get_by_test_id("stException").count() == 0
    values = page.get_by_test_id("stMetricValue").all_inner_texts()
    # The input refuses the value (the last good pay stays) or blanks it: never an amount beyond its range.
    assert values in ([], ["1.11", "73%", "in the upper half"])
    shown = " ".join(page.get_by_test_id("stMain").all_inner_texts())
    assert not re.search(r"\d[\d,.]{14,}", shown)  # no amount or ratio of more than about 12 digits


def test_pay_at_the_tails_reads_in_words(page, app_url):
    open_page(page, app_url, f"roles?roles={PC}&companies=Market-wide&pay=10000000", BARS)
    page.get_by_test_id("stMetricValue").first.wait_for()
    assert page.get_by_test_id("stMetricValue").all_inner_texts() == ["153.85", "above the maximum", "above the range"]
