"""Browser tests of the Your data page: upload the sample files, save a workspace, reopen it after a reload,
download an analysis; a realistic 40-person team priced per job family and location, reopened after a
reload with its mappings; screenshots at 1280 and 420 px, light and dark.

The dashboard is served with workspaces in a temporary folder. The team's files are synthetic
(tests/team_files.py); the BLS figures are as published in OEWS May 2025.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from analytics.yourdata.samples import BANDS_FILE, PEOPLE_FILE, SAMPLES_DIR
from tests import team_files
from tests.helpers import WIDE, download_rows, open_page, screenshots, serve, wait_for_run

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def your_data_url(tmp_path_factory):
    """The dashboard served with workspaces in a temporary folder; the Your data page's URL."""
    with serve({"PAYLADDER_WORKSPACES": str(tmp_path_factory.mktemp("yourdata_app") / "ws")}) as url:
        yield url + "/your_data"


def test_upload_save_reopen_download(page, your_data_url):
    base, path = your_data_url.rsplit("/", 1)
    open_page(page, base, path)
    page.locator(".st-key-yourdata_bands_upload input[type=file]").set_input_files(str(SAMPLES_DIR / BANDS_FILE))
    # The bands' run must have finished (its rows checked) before the second upload, or the two runs race.
    page.get_by_text("38 of 41").wait_for()
    wait_for_run(page)
    page.locator(".st-key-yourdata_people_upload input[type=file]").set_input_files(str(SAMPLES_DIR / PEOPLE_FILE))
    page.get_by_text("475 of 500").wait_for()
    page.get_by_text("28 problems.").wait_for()
    problems = download_rows(page, "yourdata_problems_csv")
    assert len(problems) == 28 and problems[0]["Problem"] == "minimum above maximum (173700)"
    page.get_by_role("button", name="Import the good rows").click()
    page.get_by_text("Cost to bring everyone to the minimum (USD)").wait_for()
    page.locator(".st-key-yourdata_save_name input").fill("Sample upload")
    page.get_by_role("button", name="Save as a workspace").click()
    page.get_by_text("Saved workspace “Sample upload”.").wait_for()
    wait_for_run(page)
    page.locator(".st-key-yourdata_open button").click()
    page.get_by_text("4. Analysis of workspace “Sample upload”").wait_for()
    (opened,) = parse_qs(urlparse(page.url).query)["workspace"]
    assert len(opened) == 32 and set(opened) <= set("0123456789abcdef")  # an id, not the name

    page.reload()  # a new session: no import, so the analysis is step 3
    page.get_by_text("3. Analysis of workspace “Sample upload”").wait_for()
    page.locator(".js-plotly-plot").first.wait_for()
    rows = download_rows(page, "yourdata_ladder_csv")
    assert len(rows) == 38
    columns = ("Job family", "Zone", "Level", "Minimum (USD a year)", "Maximum (USD a year)", "People", "Spread (%)")
    assert [rows[0][c] for c in columns] == ["Data Science", "Zone A", "L1", "88000", "132000", "20", "50.0"]
    screenshots(page, "your-data")


# BLS OEWS May 2025, all industries, annual medians as published: (occupation, area) → median.
SEATTLE, AUSTIN = "Seattle-Tacoma-Bellevue, WA", "Austin-Round Rock-San Marcos, TX"
MEDIANS = {
    ("Marketing Managers", SEATTLE): 175_850.0,
    ("Marketing Managers", AUSTIN): 164_920.0,
    ("Software Developers", SEATTLE): 167_280.0,
    ("Software Developers", AUSTIN): 134_120.0,
    ("Graphic Designers", SEATTLE): 76_720.0,
    ("Graphic Designers", AUSTIN): 65_060.0,
}
PICKED = {  # each picker's box shows the chosen occupation or area
    "yourdata_occupation_0": "Graphic Designers (27-1024)",  # Design, corrected from the suggestion
    "yourdata_occupation_1": "Software Developers (15-1252)",  # Engineering
    "yourdata_occupation_2": "Marketing Managers (11-2021)",  # Product
    "yourdata_area_0": "Austin-Round Rock-San Marcos, TX (metro area)",
    "yourdata_area_1": "Seattle-Tacoma-Bellevue, WA (metro area)",
}


def shown(page, key: str) -> str:
    return page.locator(f".st-key-{key} input").input_value()


def choose(page, key: str, typed: str, option: str) -> None:
    """Type into a selectbox to find an option, pick it, and wait for the run it starts."""
    wait_for_run(page)
    box = page.locator(f".st-key-{key} [role='combobox']")
    box.click()  # opens the list once the box is drawn (a box just drawn may ignore typing)
    box.fill(typed)
    page.get_by_role("option", name=option, exact=True).click()
    expect(page.locator(f".st-key-{key} input")).to_have_value(option)
    wait_for_run(page)


def expect_market(page) -> list[dict]:
    """The market download: 24 bands, each priced against its family's occupation in its own metro area."""
    rows = download_rows(page, "yourdata_market_csv")
    assert len(rows) == 24
    occupation = {"Product": "Marketing Managers", "Engineering": "Software Developers", "Design": "Graphic Designers"}
    area = {"Seattle": SEATTLE, "Austin": AUSTIN}
    assert [(r["BLS occupation"], r["BLS area"]) for r in rows] == [
        (occupation[r["Job family"]], area[r["Zone"]]) for r in rows
    ]
    assert {(r["BLS occupation"], r["BLS area"]): float(r["BLS median (USD a year)"]) for r in rows} == MEDIANS
    assert [r["Level"] for r in rows] == ["P1", "P2", "P3", "P4"] * 6  # ladder order, not the file's
    return rows


def test_a_team_priced_per_family_and_location_reopens_after_a_reload(page, your_data_url, tmp_path, browser):
    bands, people = team_files.write(tmp_path)
    base, path = your_data_url.rsplit("/", 1)
    open_page(page, base, path)
    page.locator(".st-key-yourdata_bands_upload input[type=file]").set_input_files(str(bands))
    page.get_by_text("Choose the column for currency, or one currency for the whole file.").wait_for()
    choose(page, "yourdata_currency", "USD", "USD")
    page.get_by_text("24 of 24").wait_for()
    wait_for_run(page)
    page.locator(".st-key-yourdata_people_upload input[type=file]").set_input_files(str(people))
    page.get_by_text("40 of 40").wait_for()
    expect(page.locator(".st-key-yourdata_people_bonus_unit")).to_contain_text("“bonus_target_pct” holds")
    expect(page.get_by_role("radio", name="a percent of base pay (10 = 10%)")).to_be_checked()
    wait_for_run(page)
    screenshots(page, "your-data-team-import")  # the files mapped: one currency for the bands, the bonus in percent
    page.get_by_role("button", name="Import the good rows").click()
    page.get_by_text("4. Analysis of this import").wait_for()
    wait_for_run(page)
    suggested = {**PICKED, "yourdata_occupation_0": "Web and Digital Interface Designers (15-1255)"}
    assert {key: shown(page, key) for key in PICKED} == suggested
    choose(page, "yourdata_occupation_0", "27-1024", "Graphic Designers (27-1024)")
    page.get_by_text("24 of 24 bands priced, against 3 occupations in 2 areas.").wait_for()
    expect_market(page)

    page.locator(".st-key-yourdata_save_name input").fill("Team")
    page.get_by_role("button", name="Save as a workspace").click()
    page.get_by_text("Saved workspace “Team”.").wait_for()
    wait_for_run(page)
    page.locator(".st-key-yourdata_open button").click()
    page.get_by_text("4. Analysis of workspace “Team”").wait_for()
    wait_for_run(page)
    assert {key: shown(page, key) for key in PICKED} == PICKED  # the correction was saved with the import
    choose(page, "yourdata_family", "Engineering", "Engineering")  # an owner's change is saved at once
    choose(page, "yourdata_zone", "Seattle", "Seattle")
    before = expect_market(page)
    people_before = download_rows(page, "yourdata_people_csv")
    assert people_before[0]["Bonus target (USD a year)"] == "15230"  # T101: 10% of 152,300

    page.reload()
    page.get_by_text("3. Analysis of workspace “Team”").wait_for()
    page.get_by_text("24 of 24 bands priced, against 3 occupations in 2 areas.").wait_for()
    wait_for_run(page)
    assert {key: shown(page, key) for key in PICKED} == PICKED
    assert (shown(page, "yourdata_family"), shown(page, "yourdata_zone")) == ("Engineering", "Seattle")
    page.get_by_text("Engineering · Seattle: bands and people (USD)").wait_for()
    assert expect_market(page) == before
    assert download_rows(page, "yourdata_people_csv") == people_before
    screenshots(page, "your-data-team", charts_drawn)

    dark = browser.new_context(viewport=WIDE, color_scheme="dark", accept_downloads=True)
    dark.set_default_timeout(60_000)
    other = dark.new_page()
    open_page(other, base, page.url.removeprefix(base + "/"))  # the link, in a new session
    other.get_by_text("3. Analysis of workspace “Team”").wait_for()
    assert {key: shown(other, key) for key in PICKED} == PICKED
    screenshots(other, "your-data-team", charts_drawn)
    dark.close()


def charts_drawn(page) -> None:
    """The three charts are drawn and nothing is still a loading placeholder."""
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 3")
    page.wait_for_function("document.querySelectorAll('[data-testid=stSkeleton]').length === 0")
