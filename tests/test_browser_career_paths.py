"""Browser tests of the Career paths page: the Sankey renders in both themes and widths with pay in its
hovers, a role added in the sidebar or given in a link changes the table and the URL, and the CSV holds
exactly the paths listed, with their sources."""

import csv
import io
from urllib.parse import parse_qs, urlparse

import pytest

from tests.conftest import NARROW, WIDE, open_app, wait_for_run

pytestmark = pytest.mark.browser
VISIBLE_NODES = "[data-testid=stPlotlyChart]:visible .sankey .sankey-node"
# Every node of the shown diagram lies inside its chart (Plotly animates the redraw after a resize).
FITS = """[...document.querySelectorAll('[data-testid=stPlotlyChart]')].filter(c => c.offsetWidth)
          .every(chart => [...chart.querySelectorAll('.sankey-node rect')].every(node =>
            node.getBoundingClientRect().right <= chart.getBoundingClientRect().right + 1))"""


def _open(page, url: str, path: str) -> None:
    """Open the page and wait for its first run to finish: navigation built, diagram drawn.

    The root is opened first: on a fresh server, a first visit straight to a sub-page makes
    Streamlit run pages/<page>.py on its own as an auto-discovered page (no page config, no
    navigation) until dashboard.py has called st.navigation once.
    """
    open_app(page, url)
    page.get_by_test_id("stSidebarNav").get_by_text("Overview", exact=True).wait_for(state="attached")
    open_app(page, url, path)
    page.get_by_test_id("stSidebarNav").get_by_text("Career paths", exact=True).wait_for(state="attached")
    page.locator(VISIBLE_NODES).first.wait_for()
    wait_for_run(page)


def _download(page) -> list[dict]:
    with page.expect_download() as info:
        page.locator(".st-key-career_paths_download button").click()
    return list(csv.DictReader(io.StringIO(info.value.path().read_text(encoding="utf-8"))))


def _full_screenshot(page, width: int, path: str) -> None:
    """Streamlit scrolls inside its main block, so grow the viewport to the content before shooting."""
    page.set_viewport_size({"width": width, "height": 900})
    wait_for_run(page)
    page.locator(VISIBLE_NODES).first.wait_for()
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": width, "height": height})
    wait_for_run(page)
    page.wait_for_function(FITS)  # Plotly redraws the diagram that a width change has just shown
    page.screenshot(path=path, full_page=True)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_career_paths_render_in_both_themes_and_widths(browser, app_url, theme):
    context = browser.new_context(viewport=WIDE, color_scheme=theme)
    page = context.new_page()
    try:
        _open(page, app_url, "career_paths")
        assert page.get_by_test_id("stException").count() == 0
        assert page.locator(VISIBLE_NODES).count() == 12
        page.get_by_text("it is a path, not a count of people").wait_for()
        suffix = "" if theme == "light" else "-dark"
        _full_screenshot(page, WIDE["width"], f"artifacts/career_paths-wide{suffix}.png")
        _full_screenshot(page, NARROW["width"], f"artifacts/career_paths-narrow{suffix}.png")
    finally:
        context.close()


def test_node_hover_shows_the_reported_pay_and_source(page, app_url):
    _open(page, app_url, "career_paths")
    page.locator(VISIBLE_NODES).first.hover()
    hover = page.locator(".hoverlayer .hovertext").first
    hover.wait_for()
    text = hover.text_content()
    assert "Product Coordinator" in text and "Market-wide: $50,000 – $80,000 a year (base)" in text
    assert "Source: Product Coordinator vs Assistant Product Manager" in text


def test_adding_a_role_lists_its_paths_and_updates_the_url(page, app_url):
    _open(page, app_url, "career_paths")
    page.get_by_text("11 of the 12 paths start or end at a chosen role.").wait_for()
    roles = page.locator(".st-key-widget_roles input")
    roles.fill("VP of Product")
    roles.press("Enter")
    wait_for_run(page)
    page.get_by_text("12 of the 12 paths start or end at a chosen role.").wait_for()
    assert "VP of Product" in parse_qs(urlparse(page.url).query)["roles"]
    assert len(_download(page)) == 12


def test_shared_link_opens_the_same_view_and_downloads_its_paths(page, app_url):
    _open(page, app_url, "career_paths?roles=Director+of+Product")
    page.get_by_text("2 of the 12 paths start or end at a chosen role.").wait_for()
    rows = _download(page)
    assert [(r["from_role"], r["to_role"], r["source_id"]) for r in rows] == [
        ("Group Product Manager", "Director of Product", "seed_000"),
        ("Director of Product", "VP of Product", "seed_000")]
    assert rows[0]["note"] == "The assistant PM trajectory."
    assert rows[0]["source_title"].startswith("Product Coordinator vs Assistant Product Manager")


def test_roles_without_paths_say_so(page, app_url):
    _open(page, app_url, "career_paths?roles=Chief+Product+Officer")
    page.get_by_text("No career paths through the chosen roles for this selection.").wait_for()
    page.get_by_text("In no path in the sources: Chief Product Officer.").wait_for()
    assert page.locator(".st-key-career_paths_download").count() == 0
