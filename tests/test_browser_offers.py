"""Browser tests of the Offer calculator: a link shows the same totals, edits update them, CSVs download."""

import csv
import io

import pytest
from playwright.sync_api import expect

from tests.helpers import BARS, bars_drawn, download_rows, open_page, screenshots, wait_for_run

pytestmark = pytest.mark.browser

WORKED_LINK = "?o1=Amazon+L6~150000~15pct~200000~amazon~50000_40000~40000~Amazon~L6"
WORKED_TOTALS = ["$232,500", "$1,014,000", "$253,500"]


def expect_metrics(page, values: list[str]) -> None:
    """Wait until the page's metrics read exactly these values, in order."""
    expect(page.get_by_test_id("stMetricValue")).to_have_text(values, timeout=30_000)


def test_a_shared_link_shows_the_same_totals(page, app_url):
    open_page(
        page, app_url, "offers" + WORKED_LINK + "&o2=Google+L5~190000~15pct~300000~google~30000~60000~Google~L5", BARS
    )
    # Ordered by the four-year average (the default measure): Google L5 first.
    expect_metrics(page, ["$347,500", "$1,316,200", "$329,050", *WORKED_TOTALS])
    # Streamlit mounts a text input empty and sets its value in an effect a render later, so a one-shot
    # read can see '' while the totals already show: wait for the value instead.
    expect(page.locator(".st-key-offers_name_1 input")).to_have_value("Amazon L6")
    reported = download_rows(page, "offers_reported_csv")  # the table against reported pay, as shown
    columns = ["Offer", "Reported", "Reported total (USD a year)", "Difference (USD a year)", "Sample size", "Source"]
    kaggle = "Kaggle (scraped from levels.fyi)"
    spread = ("10th percentile", "25th percentile", "75th percentile", "90th percentile")

    def percentiles(offer: str, first_year: int, n: int, amounts: tuple) -> list[tuple]:
        """The spread of the same data set (external facts 2c) beside an offer's first year; its own median is
        the data set's median again, shown once (as on Levels)."""
        return [
            (offer, s, str(a), str(first_year - a), f"n = {n}", kaggle) for s, a in zip(spread, amounts, strict=True)
        ]

    assert [tuple(r[c] for c in columns) for r in reported] == [
        ("Google L5", "Median", "327000", "20500", "n = 78", kaggle),
        *percentiles("Google L5", 347_500, 75, (250_000, 290_000, 364_000, 397_600)),
        ("Google L5", "Median", "343000", "4500", "n not reported", "promoready.tech"),
        ("Amazon L6", "Median", "236000", "-3500", "n = 497", kaggle),
        *percentiles("Amazon L6", 232_500, 496, (188_500, 209_000, 275_000, 320_000)),
        ("Amazon L6", "Reported figure", "304000", "-71500", "n not reported", "Kalena Advisors"),
    ]
    screenshots(page, "offers", bars_drawn)
    expect_metrics(page, ["$347,500", "$1,316,200", "$329,050", *WORKED_TOTALS])


def test_editing_an_offer_updates_totals_link_and_download(page, app_url):
    open_page(page, app_url, "offers" + WORKED_LINK, BARS)
    expect_metrics(page, WORKED_TOTALS)
    base = page.locator(".st-key-offers_base_1 input")
    base.fill("160000")
    base.press("Enter")
    # 160,000 + a 15% bonus of 24,000 + stock 10,000 + sign-on 50,000 in year 1.
    expect_metrics(page, ["$244,000", "$1,060,000", "$265,000"])
    assert "?o1=Amazon+L6~160000~15pct~200000~amazon~50000_40000~40000~Amazon~L6" in page.url
    with page.expect_download() as info:
        page.locator(".st-key-offers_years_csv button").click()
    assert info.value.suggested_filename == "payladder-offers.csv"
    rows = list(csv.DictReader(io.StringIO(info.value.path().read_text(encoding="utf-8-sig"))))
    assert len(rows) == 4  # the years table's rows: one per year
    parts = ["Year", "Total (USD)", "Base (USD)", "Bonus (USD)", "Stock (USD)", "Sign-on (USD)"]
    assert [tuple(r[c] for c in parts) for r in rows[:2]] == [
        ("1", "244000", "160000", "24000", "10000", "50000"),
        ("2", "256000", "160000", "24000", "32000", "40000"),
    ]
    assert sum(int(r["Total (USD)"]) for r in rows) == 1_060_000
    entered = ["Offer", "Vesting schedule entered", "Sign-on entered", "Company entered", "Level entered"]
    assert {tuple(r[c] for c in entered) for r in rows} == {
        ("Amazon L6", "Amazon 5/15/40/40", "50000/40000/0/0", "Amazon", "L6")
    }
    assert rows[0]["Source"].startswith("Calculated from your inputs")


JOURNEY = (
    "?o1=Google+L5~185000~15pct~400000~google~~0~Google~L5"
    "&o2=Amazon+L6~165000~0pct~300000~amazon~60000_45000~0~Amazon~L6"
)
JOURNEY_TOTALS = ["$344,750", "$1,251,000", "$312,750", "$240,000", "$1,065,000", "$266,250"]


@pytest.mark.parametrize("typed", ["1e308", "1e15", "-1"])
def test_a_typed_base_outside_its_range_is_refused_by_the_widget(page, app_url, typed):
    """The browser's number input marks the value invalid (its error tooltip names the range) and never sends it."""
    open_page(page, app_url, "offers" + JOURNEY, BARS)
    expect_metrics(page, JOURNEY_TOTALS)
    base = page.locator(".st-key-offers_base_1 input")
    base.fill(typed)
    base.press("Enter")
    base.press("Tab")
    wait_for_run(page)
    expect(base).to_have_attribute("aria-invalid", "true")
    assert (base.get_attribute("min"), base.get_attribute("max")) == ("0", "10000000")
    expect_metrics(page, JOURNEY_TOTALS)  # the sums keep the last base in range
    body = page.locator("[data-testid=stMain]").inner_text()
    assert "inf" not in body and "Traceback" not in body


def test_the_market_button_opens_the_market_with_the_base(page, app_url):
    open_page(page, app_url, "offers" + JOURNEY, BARS)
    page.get_by_role("button", name="Base $185,000 on the Market page").click()
    # A first visit to the Market page loads the BLS release: allow it longer.
    expect(page.locator(".st-key-market_pay input")).to_have_value("185000.00", timeout=120_000)
    assert "pay=185000" in page.url and "/market" in page.url
    assert "area=" not in page.url  # the offer's market area is the nation: the Market page's default


def test_the_market_button_carries_the_offers_area_and_scrolls_to_the_answer(page, app_url):
    """Offer 1 works in Seattle: the Market page opens on the Seattle metro area with its base, scrolled to
    'Where does my pay sit?' (below three charts and a table, so well below the fold at 1280 × 900)."""
    open_page(page, app_url, "offers" + JOURNEY.replace("~Google~L5", "~Google~L5~WA~0042660"), BARS)
    page.get_by_role("button", name="Base $185,000 on the Market page").click()
    expect(page.locator(".st-key-market_pay input")).to_have_value("185000.00", timeout=120_000)
    expect(page.locator(".st-key-market_area input")).to_have_value("Seattle-Tacoma-Bellevue, WA (metro area)")
    assert "area=0042660" in page.url and "pay=185000" in page.url
    heading = page.locator("#where-does-my-pay-sit")
    expect(heading).to_be_in_viewport(timeout=30_000)
    wait_for_run(page)
    page.wait_for_function(  # still there once the charts above it have drawn
        "() => { const r = document.getElementById('where-does-my-pay-sit').getBoundingClientRect();"
        " return r.top >= 0 && r.top < 200; }",
        timeout=30_000,
    )
    # Opened from a link or the sidebar, the page starts at the top as usual.
    open_page(page, app_url, "market?area=0042660&pay=185000", ".st-key-market_pay input")
    expect(page.get_by_role("heading", name="Market", exact=True)).to_be_in_viewport()
    expect(page.locator("#where-does-my-pay-sit")).not_to_be_in_viewport()


def test_journey_screens(themed_page, app_url):
    open_page(themed_page, app_url, "offers" + JOURNEY, BARS)
    expect_metrics(themed_page, JOURNEY_TOTALS)
    screenshots(themed_page, "offers-journey", bars_drawn)
