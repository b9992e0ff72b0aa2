"""A fresh server's first request to a page's own URL runs through dashboard.py's router.

Streamlit 1.67 runs pages/<page>.py in its old pages-folder mode when a new server's first request
is the page's own URL (no st.navigation has run yet); analytics/ui.py leaves that mode and reruns.
Without it the page would show without PayLadder's navigation and wide layout.
"""

import pytest
from playwright.sync_api import expect

from tests.helpers import serve, wait_for_run

pytestmark = pytest.mark.browser


def test_first_request_to_a_page_url_runs_through_the_router(page):
    with serve() as url:
        page.goto(url + "/market")
        wait_for_run(page)
        page.screenshot(path="artifacts/router-first-request.png")
        expect(page.get_by_test_id("stSidebarNav").get_by_text("Offer calculator")).to_have_count(1)
        page.get_by_role("heading", name="Market").first.wait_for()
        assert page.get_by_test_id("stException").count() == 0
