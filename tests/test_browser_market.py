"""Browser tests of the Market page: the US map draws its state outlines from the app's own static
folder (no CDN), a changed area updates the view and the link, a shared link opens the same view, the
CSV downloads the rows shown, and the page asks no other host for anything."""

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.helpers import download_rows, open_page, screenshots, wait_for_run

pytestmark = pytest.mark.browser
TIMEOUT = 90_000  # the map and four charts render slowly on a loaded machine
MAP = ".js-plotly-plot .choroplethlayer path"


def _open_market(page, app_url: str, query: str = "") -> list[str]:
    """Open the Market page (after the router has run once, see test_browser_sources) and record requests."""
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    open_page(page, app_url, "market" + query, MAP, TIMEOUT)
    return requests


def _wait_for_map(page) -> None:
    page.locator(MAP).first.wait_for(timeout=TIMEOUT)
    wait_for_run(page, TIMEOUT)


def _external(requests: list[str], app_url: str) -> list[str]:
    return [url for url in requests if not url.startswith((app_url, "data:", "blob:"))]


def test_map_draws_state_outlines_from_the_app_itself(page, app_url):
    requests = _open_market(page, app_url)
    states = page.locator(MAP)
    assert states.count() >= 50
    assert len(states.first.get_attribute("d")) > 100  # an outline, not an empty path
    assert f"{app_url}/app/static/usa_110m.json" in requests
    assert _external(requests, app_url) == []
    page.get_by_text("Marketing Managers, United States").wait_for()
    screenshots(page, "market", _wait_for_map)


def test_the_app_makes_no_request_to_another_host(page, app_url):
    requests = _open_market(page, app_url)
    assert _external(requests, app_url) == []


def test_changing_the_area_updates_the_view_and_the_link(page, app_url):
    requests = _open_market(page, app_url)
    page.locator(".st-key-market_area [role='combobox']").fill("California")
    page.get_by_role("option", name="California (state)", exact=True).click()
    page.get_by_text("Marketing Managers, California").wait_for(timeout=TIMEOUT)
    wait_for_run(page, TIMEOUT)
    expect(page.get_by_test_id("stMetric").first).to_contain_text("$193,620")
    assert parse_qs(urlparse(page.url).query) == {"area": ["0600000"]}
    assert _external(requests, app_url) == []


def test_a_shared_link_opens_the_same_view_and_downloads_it(page, app_url):
    _open_market(page, app_url, "?occupation=11-3021&area=0600000&pay=200000")
    page.get_by_text("Computer and Information Systems Managers, California").wait_for(timeout=TIMEOUT)
    rows = download_rows(page, "market_percentiles_csv")
    columns = ["Statistic", "Annual wage", "Annual wage (USD a year)", "Annual wage is a floor"]
    assert [tuple(r[c] for c in columns) for r in rows] == [
        ("10th percentile", "$129,970", "129970", "no"),
        ("25th percentile", "$170,240", "170240", "no"),
        ("Median", "$218,290", "218290", "no"),
        ("75th percentile", "$293,470", "293470", "no"),
        ("90th percentile", "$325,970", "325970", "no"),
        ("Mean", "$238,440", "238440", "no"),
    ]
    assert {(r["Occupation code"], r["Area code"], r["Area"], r["Source id"], r["Published"]) for r in rows} == {
        ("11-3021", "0600000", "California", "bls_oews_2025", "2026-05-15")
    }
    states = download_rows(page, "market_states_csv")
    assert len(states) == 54
    assert {r["BLS measure"] for r in states} == {"annual_p50"}
    assert parse_qs(urlparse(page.url).query) == {"occupation": ["11-3021"], "area": ["0600000"], "pay": ["200000"]}


def test_a_national_section_is_drawn_when_its_tab_opens_and_keeps_its_choices(page, app_url):
    _open_market(page, app_url)
    expect(page.locator(".st-key-market_metros_chart")).to_have_count(0)  # a closed tab is not drawn
    page.get_by_role("tab", name="By metro area").click()
    page.locator(".st-key-market_metros_chart .js-plotly-plot").wait_for(timeout=TIMEOUT)
    wait_for_run(page, TIMEOUT)
    expect(page.locator(MAP)).to_have_count(0)
    assert parse_qs(urlparse(page.url).query) == {"section": ["metros"]}
    page.locator(".st-key-market_nonmetro label").click()
    wait_for_run(page, TIMEOUT)
    page.get_by_role("tab", name="By state").click()
    page.locator(MAP).first.wait_for(timeout=TIMEOUT)
    wait_for_run(page, TIMEOUT)
    assert parse_qs(urlparse(page.url).query) == {}
    page.get_by_role("tab", name="By metro area").click()
    page.locator(".st-key-market_metros_chart .js-plotly-plot").wait_for(timeout=TIMEOUT)
    wait_for_run(page, TIMEOUT)
    expect(page.locator(".st-key-market_nonmetro input")).to_be_checked()
    expect(page.locator(".st-key-market_metros_chart").get_by_text("nonmetropolitan").first).to_be_visible()


def test_a_bad_link_shows_a_notice(page, app_url):
    _open_market(page, app_url, "?occupation=99-9999")
    page.get_by_text("Ignored unknown occupation code in the link: '99-9999'.").wait_for(timeout=TIMEOUT)
    page.get_by_text("Marketing Managers, United States").wait_for()


# Text width of each selectbox's shown value (canvas-measured in its own font) against the room it has.
LABEL_FIT = """() => { const c = document.createElement('canvas').getContext('2d');
  return ['occupation', 'area', 'industry'].map(k => {
    const i = document.querySelector('.st-key-market_' + k + ' input');
    const s = getComputedStyle(i); c.font = s.font;
    return [i.value, c.measureText(i.value).width <= i.clientWidth - parseFloat(s.paddingLeft)
            - parseFloat(s.paddingRight)]; }); }"""


@pytest.mark.parametrize("width", [1280, 420])
def test_dropdown_labels_fit_without_being_cut(page, app_url, width):
    page.set_viewport_size({"width": width, "height": 900})
    _open_market(page, app_url, "?industry=54--55")
    assert page.evaluate(LABEL_FIT) == [
        ["Marketing Managers (11-2021)", True],
        ["United States (national)", True],
        ["Professional, Scientific, and Technical Services", True],
    ]
