"""Shared fixtures: AppTest on the built warehouse, and a served app driven by Debian's Chromium.

Browser tests start one Streamlit server for the session on a free loopback port and drive it
with Playwright (which cannot download its own browsers here, so it launches /usr/bin/chromium).
"""

from __future__ import annotations

import base64
import csv
import io
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from analytics.db import connect

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("PAYLADDER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDE, NARROW = {"width": 1280, "height": 900}, {"width": 420, "height": 900}
BARS = ".js-plotly-plot .bars"  # a Plotly bar chart, drawn


def run_page(page: str, **params) -> AppTest:
    """Run pages/<page>.py under AppTest through the router, opened from a link with these query parameters."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


@pytest.fixture(scope="session")
def con():
    """A read-only connection to the built warehouse."""
    with connect() as connection:
        yield connection


@pytest.fixture(scope="session")
def reference_con(tmp_path_factory):
    """A warehouse built from data/ without the market release (fast), opened read-only."""
    from analytics.build import build

    target = tmp_path_factory.mktemp("reference") / "w.duckdb"
    build(target=target, market=False)
    with duckdb.connect(str(target), read_only=True) as connection:
        yield connection


def plain(markdown: str) -> str:
    """Markdown as it reads on screen: backslash escapes removed (analytics.format.md escapes data)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def plotly_figure(at, index: int = 0) -> dict:
    """The index-th Plotly chart of an AppTest run, with typed arrays decoded to plain lists."""
    return _decode(json.loads(at.get("plotly_chart")[index].proto.spec))


def _decode(value):
    """Plotly 7 writes numeric arrays as {"dtype", "bdata"}; turn them back into lists."""
    if isinstance(value, dict):
        if "bdata" in value and "dtype" in value:
            import numpy as np

            return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(env: dict[str, str] | None = None) -> Iterator[str]:
    """Serve the dashboard on a free loopback port (with these extra environment variables); its URL."""
    port, log = _free_port(), tempfile.TemporaryFile()  # a file, not a pipe: a full pipe would stall the server
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "dashboard.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=log,
        env=os.environ | (env or {}),
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=1).status == 200:
                break
        except OSError:
            time.sleep(0.2)  # the server is still starting; polling a health endpoint, not a fixed wait
    else:
        proc.kill()
        log.seek(0)
        pytest.fail("Streamlit did not start: " + log.read().decode()[-2000:])
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


@pytest.fixture(scope="session")
def app_url():
    """Serve the dashboard on loopback for the test session; stop it afterwards."""
    with serve() as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium under Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, tmp_path):
    """A fresh wide page that accepts downloads."""
    from playwright.sync_api import expect

    expect.set_options(timeout=60_000)  # a loaded CI machine renders slowly; waits end as soon as ready
    context = browser.new_context(viewport=WIDE, accept_downloads=True)
    context.set_default_timeout(60_000)
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture(params=["light", "dark"])
def themed_page(browser, request):
    """A fresh wide page that accepts downloads, in the light and then the dark theme."""
    context = browser.new_context(viewport=WIDE, color_scheme=request.param, accept_downloads=True)
    context.set_default_timeout(60_000)
    yield context.new_page()
    context.close()


def screenshots(page, name: str, ready=lambda page: None) -> None:
    """Full-page screenshots at 1280 and 420 px: artifacts/<name>-wide.png and -narrow.png (-dark in dark)."""
    suffix = "-dark" if page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") else ""
    for label, size in (("wide", WIDE), ("narrow", NARROW)):
        full_screenshot(page, size["width"], f"artifacts/{name}-{label}{suffix}.png", ready)


def open_app(page, url: str, path: str = "") -> None:
    """Go to a page of the app and wait until its script run has finished."""
    page.goto(url + "/" + path.lstrip("/"))
    wait_for_run(page)


def open_page(page, url: str, path: str, ready: str | None = None, timeout: float = 60_000) -> None:
    """Follow a link to a page, as a shared link would, and wait for `ready` (a selector) to show.

    The root is opened first: on a fresh server, a first visit straight to a sub-page makes
    Streamlit run pages/<page>.py on its own as an auto-discovered page (no router, centred
    layout) until some session has run dashboard.py's st.navigation once.
    """
    open_app(page, url)
    page.get_by_test_id("stSidebarNav").wait_for(state="attached", timeout=timeout)
    open_app(page, url, path)
    page.get_by_test_id("stSidebarNav").wait_for(state="attached", timeout=timeout)
    if ready:
        page.locator(ready).first.wait_for(timeout=timeout)
    wait_for_run(page, timeout)


def download_rows(page, key: str) -> list[dict]:
    """Click the download button with this widget key once the run is over; the CSV's rows."""
    wait_for_run(page)  # the button must hold this run's rows
    with page.expect_download() as info:
        page.locator(f".st-key-{key} button").click()
    return list(csv.DictReader(io.StringIO(info.value.path().read_text(encoding="utf-8"))))


def full_screenshot(page, width: int, path: str, ready=lambda page: None) -> None:
    """Streamlit scrolls inside its main block, so grow the viewport to the content before shooting.

    `ready(page)` waits for what a change of size redraws (a chart, a map)."""
    page.set_viewport_size({"width": width, "height": 900})
    wait_for_run(page)
    ready(page)
    height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": width, "height": height})
    wait_for_run(page)
    ready(page)
    page.screenshot(path=path, full_page=True)


def bars_drawn(page) -> None:
    """A bar chart is drawn and nothing on the page is still a loading placeholder."""
    page.wait_for_selector(BARS)
    page.wait_for_function("document.querySelectorAll('[data-testid=stSkeleton]').length === 0")


def wait_for_run(page, timeout: float = 60_000) -> None:
    """Wait until Streamlit has finished running the script (the status widget goes away)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_function(
        "document.querySelector('[data-testid=\"stApp\"]')?.getAttribute('data-test-script-state') !== 'running'",
        timeout=timeout,
    )
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=timeout)


@pytest.fixture(scope="session")
def postgres_url():
    """A PostgreSQL server on loopback for the test session (Debian's binaries); its URL."""
    from tests.postgres_server import postgres_server

    with postgres_server() as url:
        yield url
