"""Shared fixtures: the built warehouse, a reference warehouse built from data/, and a served app in Chromium.

Browser tests share one Streamlit server for the session on a free loopback port and drive it with
Playwright through Debian's Chromium. Helpers that are not fixtures (run_page, serve, open_page, ...)
live in tests/helpers.py.
"""

from __future__ import annotations

import duckdb
import pytest

from analytics.db import connect
from tests.helpers import CHROMIUM, CHROMIUM_ARGS, WIDE, serve
from tests.postgres_server import drop_store_tables, postgres_server


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


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    """Serve the dashboard on loopback for the test session (workspaces in a folder of its own); stop it after."""
    with serve({"PAYLADDER_WORKSPACES": str(tmp_path_factory.mktemp("app") / "ws")}) as url:
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


@pytest.fixture(scope="session")
def postgres_url():
    """A PostgreSQL server on loopback for the test session (Debian's binaries); its URL."""
    with postgres_server() as url:
        yield url


@pytest.fixture(params=["files", "postgresql"])
def workspace_store(request, tmp_path, monkeypatch):
    """The workspace store the app opens (analytics.yourdata.store.open_store), empty, on each backend in turn:
    DuckDB files in a fresh folder, then PostgreSQL with fresh tables. Yields the store."""
    from analytics.yourdata import store

    store._store.cache_clear()
    monkeypatch.setenv("PAYLADDER_WORKSPACES", str(tmp_path / "ws"))
    if request.param == "postgresql":
        url = request.getfixturevalue("postgres_url")
        drop_store_tables(url)
        monkeypatch.setenv(store.STORE_ENV, url)
    else:
        monkeypatch.delenv(store.STORE_ENV, raising=False)
    yield store.open_store()
    store.open_store().close()
    store._store.cache_clear()
