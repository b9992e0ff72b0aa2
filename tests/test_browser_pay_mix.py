"""Browser tests of the Pay mix page: it renders in both themes and widths, the basis switch and a
shared link change the view and the URL, and the CSV holds exactly the stacks shown with sources."""

import re

import pytest
from playwright.sync_api import expect

from tests.helpers import BARS, bars_drawn, download_rows, open_page, screenshots, wait_for_run

pytestmark = pytest.mark.browser


def test_pay_mix_renders_in_both_themes_and_widths(themed_page, app_url):
    page = themed_page
    open_page(page, app_url, "pay_mix?mix_basis=first_year", BARS)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stMetric").first).to_contain_text("$148,688")
    page.get_by_text("first-year stock = stock/yr × 4 × year-1 %").wait_for()
    screenshots(page, "pay_mix", bars_drawn)


def test_basis_switch_updates_url_and_download(page, app_url):
    open_page(page, app_url, "pay_mix?companies=Amazon", BARS)
    page.locator(".st-key-pay_mix_basis").get_by_text("First-year pay").click()
    wait_for_run(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    page.get_by_text("first-year stock = stock/yr × 4 × year-1 %").wait_for()
    expect(page).to_have_url(re.compile(r"[?&]mix_basis=first_year(&|$)"))
    rows = download_rows(page, "pay_mix_levels_csv")
    assert [(r["Level"], r["Stock shown (USD a year)"], r["Vesting schedule"]) for r in rows] == [
        ("L5", "6600", "Amazon 5/15/40/40"),
        ("L6", "14200", "Amazon 5/15/40/40"),
        ("L7", "33100", "Amazon 5/15/40/40"),
        ("L8", "98000", "Amazon 5/15/40/40"),
    ]


def test_shared_link_opens_the_same_view(page, app_url):
    open_page(
        page,
        app_url,
        "pay_mix?companies=Google&level_from=L5&level_to=L6&mix_basis=first_year"
        "&mix_vesting=Google+38/32/20/10&mix_bonus=mean&mix_view=share",
        BARS,
    )
    expect(page.locator(".st-key-pay_mix_view").get_by_role("radio", name="By share of the sum")).to_be_checked()
    rows = download_rows(page, "pay_mix_levels_csv")
    columns = [
        "Company",
        "Level",
        "Reports (n)",
        "Stock shown (USD a year)",
        "Bonus shown (USD a year)",
        "Vesting schedule",
        "Source id",
    ]
    assert [tuple(r[c] for c in columns) for r in rows] == [
        ("Google", "L5", "78", "184680", "29495", "Google 38/32/20/10", "levelsfyi_kaggle"),
        ("Google", "L6", "54", "304000", "45137", "Google 38/32/20/10", "levelsfyi_kaggle"),
    ]
    assert rows[0]["Source"].startswith("Data Science and STEM Salaries")
    assert rows[0]["Vesting source"].startswith("Post on Google's vesting schedule")


# Every drawn part label of the stacks, and every total marker, as screen boxes.
LABEL_AND_MARKER_BOXES = """() => {
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const plot = document.querySelector('[data-testid=stPlotlyChart] .js-plotly-plot');
  return {labels: [...plot.querySelectorAll('.bars .bartext')].filter(t => t.textContent).map(box),
          markers: [...plot.querySelectorAll('.scatterlayer .point')].map(box)};
}"""


def test_total_marker_covers_no_part_label(page, app_url):
    open_page(page, app_url, "pay_mix", BARS)
    bars_drawn(page)
    boxes = page.evaluate(LABEL_AND_MARKER_BOXES)
    assert len(boxes["markers"]) == 10 and len(boxes["labels"]) >= 20  # Google L6-L8 bonus labels included

    def overlap(a, b):
        return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

    assert [(m, t) for m in boxes["markers"] for t in boxes["labels"] if overlap(m, t)] == []
