"""Browser tests of the Career paths page: the Sankey renders in both themes and widths with pay in its
hovers, a role added in the sidebar or given in a link changes the table and the URL, and the CSV holds
exactly the paths listed, with their sources."""

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.helpers import download_rows, open_page, screenshots, wait_for_run

pytestmark = pytest.mark.browser
VISIBLE_NODES = "[data-testid=stPlotlyChart]:visible .sankey .sankey-node"
# Every node of the shown diagram lies inside its chart (Plotly animates the redraw after a resize).
FITS = """[...document.querySelectorAll('[data-testid=stPlotlyChart]')].filter(c => c.offsetWidth)
          .every(chart => [...chart.querySelectorAll('.sankey-node rect')].every(node =>
            node.getBoundingClientRect().right <= chart.getBoundingClientRect().right + 1))"""


def _diagram_fits(page) -> None:
    """Plotly animates the redraw after a resize: wait until the diagram is drawn and fits."""
    page.locator(VISIBLE_NODES).first.wait_for()
    page.wait_for_function(FITS)


def test_career_paths_render_in_both_themes_and_widths(themed_page, app_url):
    page = themed_page
    open_page(page, app_url, "career_paths", VISIBLE_NODES)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.locator(VISIBLE_NODES)).to_have_count(12)
    page.get_by_text("it is a path, not a count of people").wait_for()
    screenshots(page, "career_paths", _diagram_fits)


def test_node_hover_shows_the_reported_pay_and_source(page, app_url):
    open_page(page, app_url, "career_paths", VISIBLE_NODES)
    page.locator(VISIBLE_NODES).first.hover()
    hover = page.locator(".hoverlayer .hovertext").first
    expect(hover).to_contain_text("Product Coordinator")
    expect(hover).to_contain_text("Market-wide: $50,000 – $80,000 a year (base)")
    expect(hover).to_contain_text("Source: Product Coordinator vs Assistant Product Manager")


def test_adding_a_role_lists_its_paths_and_updates_the_url(page, app_url):
    open_page(page, app_url, "career_paths", VISIBLE_NODES)
    page.get_by_text("11 of the 12 paths start or end at a chosen role.").wait_for()
    roles = page.locator(".st-key-filters_roles input")
    roles.fill("VP of Product")
    roles.press("Enter")
    wait_for_run(page)
    page.get_by_text("12 of the 12 paths start or end at a chosen role.").wait_for()
    assert "VP of Product" in parse_qs(urlparse(page.url).query)["roles"]
    assert len(download_rows(page, "career_paths_csv")) == 12


def test_shared_link_opens_the_same_view_and_downloads_its_paths(page, app_url):
    open_page(page, app_url, "career_paths?roles=Director+of+Product", VISIBLE_NODES)
    page.get_by_text("2 of the 12 paths start or end at a chosen role.").wait_for()
    rows = download_rows(page, "career_paths_csv")
    assert [(r["From"], r["To"], r["Source id"]) for r in rows] == [
        ("Group Product Manager", "Director of Product", "seed_000"),
        ("Director of Product", "VP of Product", "seed_000"),
    ]
    assert rows[0]["What the source says"] == "The assistant PM trajectory."
    assert rows[0]["Source"].startswith("Product Coordinator vs Assistant Product Manager")


def test_roles_without_paths_say_so(page, app_url):
    open_page(page, app_url, "career_paths?roles=Chief+Product+Officer", VISIBLE_NODES)
    page.get_by_text("No career paths through the chosen roles for this selection.").wait_for()
    page.get_by_text("In no path in the sources: Chief Product Officer.").wait_for()
    expect(page.locator(".st-key-career_paths_csv")).to_have_count(0)


def test_one_diagram_that_scrolls_sideways_on_a_phone(page, app_url):
    page.set_viewport_size({"width": 420, "height": 900})
    open_page(page, app_url, "career_paths", VISIBLE_NODES)
    assert page.locator("[data-testid=stPlotlyChart]").count() == 1
    # The frame's min-width comes with the page's CSS (st.html), which can land after the chart's first draw on a
    # loaded machine: wait for the redraw at full width, then check the sizes.
    page.wait_for_function(
        "() => +document.querySelector('.st-key-career_paths_diagram .main-svg')?.getAttribute('width') >= 760",
        timeout=15_000,
    )
    sizes = page.evaluate("""() => { const k = document.querySelector('.st-key-career_paths_diagram');
        return [k.clientWidth, k.scrollWidth, +k.querySelector('.main-svg').getAttribute('width')]; }""")
    assert sizes[0] < 420 and sizes[1] >= 760 and sizes[2] >= 760  # drawn at full width, scrolled in a frame
    assert "$50K–$80K base" in page.locator(".sankey .node-label").first.text_content()
