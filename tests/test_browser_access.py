"""Who may reach PayLadder, in a real browser: a local server shows nothing to a page opened under another
host name (DNS rebinding), and says on every page which mode it runs in."""

from __future__ import annotations

import pytest

from tests.helpers import CHROMIUM, CHROMIUM_ARGS, serve, wait_for_run

pytestmark = pytest.mark.browser


def test_a_local_server_shows_nothing_under_another_host_name(tmp_path):
    """A web page elsewhere that rebinds its own name to 127.0.0.1 reaches the server, and gets no data."""
    from playwright.sync_api import sync_playwright

    with serve({"PAYLADDER_WORKSPACES": str(tmp_path / "ws")}) as url, sync_playwright() as p:
        port = url.rsplit(":", 1)[1]
        # The browser resolves evil.example to this machine, as a rebinding attacker's DNS would.
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP evil.example 127.0.0.1"]
        )
        page = browser.new_page()
        page.set_default_timeout(60_000)
        page.goto(f"http://localhost:{port}/market")
        wait_for_run(page)
        page.get_by_text("Local mode: only this computer can open PayLadder.").wait_for()
        page.locator(".js-plotly-plot").first.wait_for()  # the data shows to localhost
        for path in ("market", "your_data", "sources"):
            page.goto(f"http://evil.example:{port}/{path}")
            wait_for_run(page)
            page.get_by_text("this page was opened under another name, so it shows nothing").wait_for()
            assert page.locator(".js-plotly-plot, [data-testid=stDataFrame], [data-testid=stMetric]").count() == 0
        browser.close()
