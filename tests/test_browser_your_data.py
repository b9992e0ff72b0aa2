"""Browser test of the Your data page: upload the sample files, save a workspace, reopen it after a reload,
download an analysis, and screenshots at 1280 and 420 px.

The dashboard is served with workspaces in a temporary folder.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from analytics.yourdata.samples import BANDS_FILE, PEOPLE_FILE, SAMPLES_DIR
from tests.helpers import download_rows, open_page, screenshots, serve, wait_for_run

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
    assert len(problems) == 28 and problems[0]["problem"] == "minimum above maximum (173700)"
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

    page.reload()
    page.get_by_text("4. Analysis of workspace “Sample upload”").wait_for()
    page.locator(".js-plotly-plot").first.wait_for()
    rows = download_rows(page, "yourdata_ladder_csv")
    assert len(rows) == 38
    columns = ("Job family", "Zone", "Level", "Minimum", "Maximum", "People")
    assert [rows[0][c] for c in columns] == ["Data Science", "Zone A", "L1", "88000.0", "132000.0", "20"]
    screenshots(page, "your-data")
