"""PayLadder run for a team, in a real browser: sign-in against an OpenID Connect provider on loopback,
private workspaces shared on purpose, and two servers sharing one PostgreSQL store.

Each Playwright browser context is one person (the sign-in is a cookie). The provider is
oidc-provider-mock: its page takes the identity to sign in as (`sub`), which it also gives as the
e-mail address.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import psycopg
import pytest
from playwright.sync_api import expect

from analytics.yourdata.store import Identity
from analytics.yourdata.store.postgres import PostgresStore
from tests.helpers import WIDE, download_rows, free_port, serve, wait_for_run
from tests.postgres_server import drop_store_tables

pytestmark = pytest.mark.browser
ALICE, BOB, CAROL = "alice@example.com", "bob@example.com", "carol@example.com"
NO_SUCH_LINK = "Ignored unknown workspace in the link: '{}'."


@pytest.fixture(scope="module")
def provider():
    """An OpenID Connect provider on loopback; its address."""
    import oidc_provider_mock

    with oidc_provider_mock.run_server_in_thread(port=free_port()) as server:
        yield f"http://127.0.0.1:{server.server_port}"


@contextmanager
def team_server(provider: str, folder: Path, env: dict[str, str]):
    """A PayLadder server in team mode (its own [auth] section pointing at the provider); its base URL."""
    port = free_port()
    folder.mkdir(parents=True, exist_ok=True)
    secrets = folder / f"secrets-{port}.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://localhost:{port}/oauth2callback"\n'
        'cookie_secret = "the same long random test secret on every server of the team"\n'
        'client_id = "payladder"\nclient_secret = "payladder-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n'
    )
    with serve(env, args=["--secrets.files", str(secrets)], port=port):
        yield f"http://localhost:{port}"


def person(browser):
    """A new browser context: one person."""
    context = browser.new_context(viewport=WIDE, accept_downloads=True)
    context.set_default_timeout(90_000)
    return context.new_page()


def sign_in(page, base: str, who: str) -> None:
    """Open the app, sign in at the provider as `who`, and come back signed in."""
    page.goto(base + "/your_data")
    wait_for_run(page)
    page.get_by_role("button", name="Sign in").click()
    page.locator("input[name=sub]").fill(who)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(re.compile(re.escape(base) + r".*"))
    go(page, base, "your_data")
    page.get_by_text(f"Signed in as {who}").wait_for()


def go(page, base: str, path: str) -> None:
    page.goto(f"{base}/{path}")
    wait_for_run(page)


def import_sample(page) -> None:
    page.get_by_role("button", name="Try it with the sample").click()
    page.get_by_text("475 of 500").wait_for()
    wait_for_run(page)
    page.get_by_role("button", name="Import the good rows").click()
    page.get_by_text("4. Analysis of this import").wait_for()
    wait_for_run(page)


def save_as(page, name: str) -> None:
    page.locator(".st-key-yourdata_save_name input").fill(name)
    page.get_by_role("button", name="Save as a workspace").click()


def opened_id(page) -> str:
    (workspace,) = parse_qs(urlparse(page.url).query)["workspace"]
    return workspace


def picker(page):
    """The workspace picker's box, whose value is the chosen workspace's label."""
    return page.locator(".st-key-yourdata_workspace [data-testid=stSelectbox] input")


def test_two_people_share_a_workspace_and_a_third_sees_nothing(browser, provider, tmp_path):
    with team_server(provider, tmp_path, {"PAYLADDER_WORKSPACES": str(tmp_path / "ws")}) as base:
        alice, bob, carol = person(browser), person(browser), person(browser)
        # Before signing in, there is nothing but the sign-in.
        go(carol, base, "market")
        carol.get_by_text("Sign in to use PayLadder.").wait_for()
        assert carol.locator(".js-plotly-plot, [data-testid=stDataFrame]").count() == 0

        sign_in(alice, base, ALICE)
        alice.get_by_text("Team mode: sign-in with your organisation's account").wait_for()
        import_sample(alice)
        save_as(alice, "Team sample")
        alice.get_by_text("Saved workspace “Team sample”.").wait_for()
        wait_for_run(alice)
        alice.locator(".st-key-yourdata_open button").click()
        alice.get_by_text("4. Analysis of workspace “Team sample”").wait_for()
        wait_for_run(alice)
        workspace = opened_id(alice)
        alice.get_by_text("Sharing", exact=True).click()
        alice.locator(".st-key-yourdata_share_person input").fill(BOB)
        alice.locator(".st-key-yourdata_share button").click()
        alice.get_by_text(f"{BOB}: viewer").wait_for()

        sign_in(bob, base, BOB)
        expect(picker(bob)).to_have_value(re.compile(r"^Team sample · alice@example\.com's, you can view · saved "))
        bob.get_by_text("Shared with you by alice@example.com as viewer").wait_for()
        assert bob.get_by_role("button", name="Rename").count() == 0
        assert bob.get_by_role("button", name="Delete…").count() == 0
        assert bob.get_by_text("Sharing", exact=True).count() == 0
        bob.locator(".st-key-yourdata_open button").click()
        bob.get_by_text("Analysis of workspace “Team sample”").wait_for()
        wait_for_run(bob)
        with bob.expect_download() as download:
            bob.locator(".st-key-yourdata_people_csv button").click()
        assert download.value.path().read_text(encoding="utf-8").count("\n") == 476  # header and 475 people

        sign_in(carol, base, CAROL)
        carol.get_by_text("No workspaces yet").wait_for()
        assert picker(carol).count() == 0
        go(carol, base, f"your_data?workspace={workspace}")
        carol.get_by_text(NO_SUCH_LINK.format(workspace)).wait_for()
        assert carol.get_by_text("Analysis of").count() == 0
        assert carol.locator(".st-key-yourdata_people_csv").count() == 0
        go(carol, base, f"pay_gap?workspace={workspace}")  # the pay gap report reads through the same store
        carol.get_by_text(NO_SUCH_LINK.format(workspace)).wait_for()
        assert carol.get_by_test_id("stMetric").count() == 0

        alice.get_by_role("button", name="Remove").click()
        wait_for_run(alice)
        assert alice.get_by_text(f"{BOB}: viewer").count() == 0
        bob.get_by_text("comma (1.234,50)").click()  # any next run
        bob.get_by_text("No such workspace: it was deleted, or it is not shared with you.").wait_for()
        bob.get_by_text("No workspaces yet").wait_for()
        assert bob.get_by_text("Analysis of workspace").count() == 0

        alice.get_by_text("History", exact=True).click()
        history = download_rows(alice, "yourdata_history_csv")
        assert [(r["Who"], r["What"]) for r in history] == [
            (ALICE, "saved"),
            (ALICE, "opened"),
            (ALICE, "shared"),
            (BOB, "opened"),
            (BOB, "downloaded"),
            (ALICE, "unshared"),
        ]
        assert history[4]["Detail"] == "people_on_bands.csv"

        alice.get_by_role("button", name="Sign out").click()
        alice.get_by_role("button", name="End session").click()  # at the provider, which sends her back
        alice.get_by_text("Sign in to use PayLadder.").wait_for()
        go(alice, base, "your_data")
        alice.get_by_text("Sign in to use PayLadder.").wait_for()
        assert alice.get_by_text("Team sample").count() == 0
        go(alice, base, f"your_data?workspace={workspace}")
        alice.get_by_text("Sign in to use PayLadder.").wait_for()
        assert alice.get_by_text("Analysis of").count() == 0
        go(alice, base, f"pay_gap?workspace={workspace}")
        alice.get_by_text("Sign in to use PayLadder.").wait_for()
        assert alice.get_by_test_id("stMetric").count() == 0


def test_two_servers_share_one_postgresql_store(browser, provider, postgres_url, tmp_path):
    drop_store_tables(postgres_url)
    env = {"PAYLADDER_STORE": postgres_url}
    with ExitStack() as servers:
        one = servers.enter_context(team_server(provider, tmp_path / "one", env))
        two = servers.enter_context(team_server(provider, tmp_path / "two", env))
        first, second = person(browser), person(browser)
        sign_in(first, one, ALICE)
        import_sample(first)
        save_as(first, "Across servers")
        first.get_by_text("Saved workspace “Across servers”.").wait_for()

        sign_in(second, two, ALICE)  # the same person, on the other server
        expect(picker(second)).to_have_value(re.compile("^Across servers · saved "))
        second.locator(".st-key-yourdata_open button").click()
        second.get_by_text("Analysis of workspace “Across servers”").wait_for()
        second.get_by_text("475", exact=True).first.wait_for()

        # Two saves of one new name at once, one on each server: one is kept whole, the other is told.
        import_sample(second)
        for page in (first, second):
            page.locator(".st-key-yourdata_save_name input").fill("Race")
        for page in (first, second):
            page.get_by_role("button", name="Save as a workspace").click()
        for page in (first, second):
            wait_for_run(page)
        outcomes = [
            "saved" if p.get_by_text("Saved workspace “Race”.").count() else p.locator("[data-testid=stAlert]").last
            for p in (first, second)
        ]
        assert outcomes.count("saved") == 1
        refusal = next(o for o in outcomes if o != "saved").inner_text()
        assert "was just saved by someone else" in refusal or "already exists" in refusal
        store = PostgresStore(postgres_url)
        (race,) = [w for w in store.list(Identity(ALICE, "Alice")) if w.name == "Race"]
        assert (race.bands, race.people, race.problems) == (38, 475, 28)


def test_a_server_killed_in_the_middle_of_a_save_leaves_the_workspace_whole(browser, provider, postgres_url, tmp_path):
    drop_store_tables(postgres_url)
    big = tmp_path / "people.csv"
    rows = "\n".join(f"P{i},Data Science,L1,Zone A,USD,{100_000 + i}" for i in range(200_000))
    big.write_text("employee_id,job_family,level,zone,currency,base_salary\n" + rows + "\n")
    with team_server(provider, tmp_path / "one", {"PAYLADDER_STORE": postgres_url}) as base:
        page = person(browser)
        sign_in(page, base, ALICE)
        import_sample(page)
        save_as(page, "Kept whole")
        page.get_by_text("Saved workspace “Kept whole”.").wait_for()
        wait_for_run(page)
        page.locator(".st-key-yourdata_people_upload input[type=file]").set_input_files(str(big))
        page.get_by_text("200,000 of 200,000").wait_for()
        wait_for_run(page)
        page.get_by_text("Replace a workspace of mine with the same name").click()
        with psycopg.connect(postgres_url, autocommit=True) as watch:
            for _attempt in range(10):  # a save may finish between two looks: then save again
                page.get_by_role("button", name="Save as a workspace").click()
                deadline = time.monotonic() + 60
                while not saving(watch) and time.monotonic() < deadline:
                    time.sleep(0.002)
                if saving(watch):
                    break
            else:
                pytest.fail("never saw a save under way")
            os.kill(server_pid(base), signal.SIGKILL)
    store = PostgresStore(postgres_url)
    (kept,) = store.list(Identity(ALICE, "Alice"))
    with store.open(Identity(ALICE, "Alice"), kept.id) as con:
        people = con.execute("SELECT count(*) FROM people").fetchone()[0]
    assert (kept.people, people) in ((475, 475), (200_000, 200_000))


def saving(watch: psycopg.Connection) -> bool:
    """A PayLadder server is inside a save's transaction, writing a workspace's data."""
    (n,) = watch.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'payladder' "
        "AND state <> 'idle' AND query LIKE 'INSERT INTO payladder_data%'"
    ).fetchone()
    return n > 0


def server_pid(base: str) -> int:
    """The process listening on this server's port."""
    port = urlparse(base).port
    out = subprocess.run(["ss", "-Hltnp", f"sport = :{port}"], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"pid=(\d+)", out).group(1))
