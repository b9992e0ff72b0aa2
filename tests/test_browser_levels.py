"""Browser tests of the Levels page: it renders both ladders and the pay per level (both companies on
one drawn pay axis, with the levels.fyi spread boxes), the component switch updates the view and the
URL, a shared link opens Google's PM band, and the ladder CSV holds exactly the rows shown with their
sources."""

from urllib.parse import parse_qs, urlparse

import pytest

from tests.helpers import download_rows, open_page, screenshots, wait_for_run

pytestmark = pytest.mark.browser
LADDER = ".st-key-levels_ladder_chart .js-plotly-plot"


def _trace_names(page, key: str) -> list[str]:
    """Legend names of a chart's traces, read from the Plotly figure in the page."""
    return page.evaluate(
        f"[...document.querySelector('.st-key-{key} .js-plotly-plot').data].map(t => t.name).filter(n => n)"
    )


def test_levels_page_renders(page, app_url):
    open_page(page, app_url, "levels", LADDER)
    assert "≈ approximate equivalence" in _trace_names(page, "levels_ladder_chart")
    names = _trace_names(page, "levels_pay_chart")
    assert names[:2] == [
        "levels.fyi spread: box 25th–75th percentile, whiskers 10th–90th",
        "levels.fyi spread, n < 20 (open box)",
    ]
    assert "Kalena Advisors · Reported figure" in names and "levels.fyi (Kaggle) · Median" in names
    # Plotly drew one x-axis for both companies: one set of pay tick labels, boxes on both ladders.
    assert page.locator(".st-key-levels_pay_chart .xaxislayer-above").count() == 1
    assert page.locator(".st-key-levels_pay_chart g.trace.boxes path.box").count() == 10
    page.get_by_text("Where the sources differ").wait_for()
    page.get_by_text("order of magnitude implied by the hint, not a count").first.wait_for()
    screenshots(page, "levels")


def test_component_switch_updates_the_view_and_the_url(page, app_url):
    open_page(page, app_url, "levels", LADDER)
    page.locator(".st-key-levels_component").get_by_text("Base").click()
    page.wait_for_function(
        "location.search.includes('component=base') || document.querySelector('[data-testid=\"stException\"]')"
    )
    wait_for_run(page)
    assert page.get_by_test_id("stException").count() == 0
    assert "disputed: role not stated, contradicts other sources" in _trace_names(page, "levels_pay_chart")
    assert parse_qs(urlparse(page.url).query)["component"] == ["base"]


def test_shared_link_opens_googles_pm_band_and_downloads_it(page, app_url):
    open_page(page, app_url, "levels?companies=Google&level_from=L3&level_to=L5", LADDER)
    assert any("Google L3–L5: “PM band”" in n for n in _trace_names(page, "levels_ladder_chart"))
    rows = download_rows(page, "levels_ladder_csv")
    assert [(r["Company"], r["Level"], r["Title"], r["As of"], r["Source ids"]) for r in rows] == [
        ("Google", "L3", "PM band", "2022-09-18", "seed_001"),
        ("Google", "L3", "APM", "2025-01-04", "promoready_google"),
        ("Google", "L4", "PM band", "2022-09-18", "seed_001"),
        ("Google", "L4", "PM I", "2025-01-04", "promoready_google"),
        ("Google", "L5", "PM band", "2022-09-18", "seed_001"),
        ("Google", "L5", "PM II", "2025-01-04", "promoready_google"),
        ("Google", "L5", "Senior Product Manager", "", "tryapt_levels"),
    ]
    assert rows[-1]["Sources"] == "tryapt.ai"
    assert rows[-1]["Note"] == "Disagrees with promoready.tech, which calls L5 PM II."
