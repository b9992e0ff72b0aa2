"""Shared test helpers, not fixtures: the AppTest page runner, reading what a run drew, and driving a served app.

run_page, plain and plotly_figure serve the AppTest files. serve starts the dashboard on a free
loopback port; open_app, open_page, wait_for_run, download_rows and screenshots drive it in Debian's
Chromium under Playwright (which cannot download its own browsers here, so CHROMIUM names
/usr/bin/chromium). The fixtures built on these live in conftest.py.
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
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(env: dict[str, str] | None = None, args: Sequence[str] = (), port: int | None = None) -> Iterator[str]:
    """Serve the dashboard on a loopback port (free, unless given) with these extra environment variables and
    streamlit options; its URL."""
    port, log = port or free_port(), tempfile.TemporaryFile()  # a file, not a pipe: a full pipe would stall it
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
            *args,
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
    """Click the download button with this widget key once the run is over; the CSV's rows (a byte-order mark,
    which the table downloads start with for Excel, is dropped)."""
    wait_for_run(page)  # the button must hold this run's rows
    with page.expect_download() as info:
        page.locator(f".st-key-{key} button").click()
    return list(csv.DictReader(io.StringIO(info.value.path().read_text(encoding="utf-8-sig"))))


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
