"""Browser test of the Your data page: upload the sample files, save a workspace, reopen it after a reload,
download an analysis, and screenshots at 1280 and 420 px.

The page is served under its own small router on a free port (the dashboard lists it once merged),
with workspaces in a temporary folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from analytics.yourdata.samples import BANDS_FILE, PEOPLE_FILE, SAMPLES_DIR
from tests.conftest import NARROW, WIDE, _free_port, download_rows, full_screenshot, wait_for_run

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def your_data_url(tmp_path_factory):
    """Serve the page under a one-page router; stop it afterwards."""
    folder = tmp_path_factory.mktemp("yourdata_app")
    router = folder / "router.py"
    router.write_text("import streamlit as st\nst.set_page_config(page_title='PayLadder', layout='wide')\n"
                      f"st.navigation([st.Page({str(ROOT / 'pages' / 'your_data.py')!r}, title='Your data', "
                      "default=True)]).run()\n")
    port = _free_port()
    env = os.environ | {"PAYLADDER_WORKSPACES": str(folder / "ws"), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(router), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=1).status == 200:
                break
        except OSError:
            time.sleep(0.2)  # polling the health endpoint while the server starts, not a fixed wait
    else:
        proc.kill()
        pytest.fail("Streamlit did not start: " + proc.stderr.read().decode()[-2000:])
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def test_upload_save_reopen_download(page, your_data_url):
    page.goto(your_data_url)
    wait_for_run(page)
    page.locator(".st-key-yourdata_bands_upload input[type=file]").set_input_files(str(SAMPLES_DIR / BANDS_FILE))
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
    assert parse_qs(urlparse(page.url).query) == {"workspace": ["sample-upload"]}

    page.reload()
    page.get_by_text("4. Analysis of workspace “Sample upload”").wait_for()
    page.locator(".js-plotly-plot").first.wait_for()
    rows = download_rows(page, "yourdata_ladder_csv")
    assert len(rows) == 38
    columns = ("Job family", "Zone", "Level", "Minimum", "Maximum", "People")
    assert [rows[0][c] for c in columns] == ["Data Science", "Zone A", "L1", "88000.0", "132000.0", "20"]
    full_screenshot(page, WIDE["width"], "artifacts/your-data-wide.png")
    full_screenshot(page, NARROW["width"], "artifacts/your-data-narrow.png")
