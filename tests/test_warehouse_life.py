"""The warehouse's life: a rebuild reaches a running server, bad data never builds, a damaged
warehouse gives one plain message on every page and is rebuilt, and killed builds leave nothing."""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics.build import build
from analytics.db import DATA_DIR, USER_MESSAGE, WAREHOUSE_ENV, check_warehouse, current_warehouse

ROOT = Path(__file__).resolve().parent.parent
PAGES = re.findall(r'st\.Page\("(pages/[a-z_]+\.py)"', (ROOT / "dashboard.py").read_text())
WAREHOUSE_FREE = {"pages/pay_gap.py"}  # reads only the imported people: it works while the warehouse is rebuilt


def copy_data(dest: Path) -> Path:
    """A writable copy of data/'s CSV tables."""
    dest.mkdir()
    for path in DATA_DIR.glob("*.csv"):
        shutil.copy(path, dest / path.name)
    return dest


def snapshot(target: Path) -> tuple[str, bytes]:
    """What the pointer names and that build's bytes."""
    return os.readlink(target), current_warehouse(target).read_bytes()


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("w"))


# --- A damaged warehouse: one message on every page, then repaired -----------------------------


def _overwrite_blocks(path: Path) -> None:
    size, rng = path.stat().st_size, random.Random(15)
    with path.open("r+b") as f:
        for offset in (size // 4, size // 2, 3 * size // 4):
            f.seek(offset - offset % 4096)
            f.write(rng.randbytes(4096))


DAMAGE: dict[str, Callable[[Path, Path], None]] = {
    "build file deleted": lambda build_file, pointer: build_file.unlink(),
    "pointer deleted": lambda build_file, pointer: pointer.unlink(),
    "truncated": lambda build_file, pointer: os.truncate(build_file, build_file.stat().st_size // 2),
    "random bytes": lambda build_file, pointer: build_file.write_bytes(
        random.Random(15).randbytes(build_file.stat().st_size)
    ),
    "corrupted blocks": lambda build_file, pointer: _overwrite_blocks(build_file),
    "plain file of random bytes": lambda build_file, pointer: (
        pointer.unlink(),
        pointer.write_bytes(random.Random(15).randbytes(1 << 20)),
    ),
}


def page_errors(page: str) -> tuple[list[str], list]:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.switch_page(page).run()
    return [e.value for e in at.error], list(at.exception)


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_warehouse_says_how_to_fix_it_on_every_page_and_is_rebuilt(tmp_path, monkeypatch, damage):
    target = tmp_path / "w.duckdb"
    build(DATA_DIR, target, market=False)
    DAMAGE[damage](current_warehouse(target), target)
    monkeypatch.setenv(WAREHOUSE_ENV, str(target))
    for page in PAGES:
        expected = [] if page in WAREHOUSE_FREE else [USER_MESSAGE]
        assert page_errors(page) == (expected, []), page
    assert "`make run` or `make warehouse`" in USER_MESSAGE
    assert build(DATA_DIR, target, market=False) is True
    assert check_warehouse(current_warehouse(target)).path.parent == tmp_path
    assert page_errors("pages/overview.py") == ([], [])


def test_market_tables_are_copied_only_from_an_intact_previous_build(tmp_path):
    from analytics.build import market_fingerprint

    if market_fingerprint() is None:
        pytest.skip("the market release is not installed")
    target, said = tmp_path / "w.duckdb", []
    build(DATA_DIR, target)
    build(DATA_DIR, target, force=True, progress=said.append)
    assert any(m.startswith("market release unchanged: copied 7 tables") for m in said), said
    _overwrite_blocks(current_warehouse(target))
    said.clear()
    assert build(DATA_DIR, target, progress=said.append) is True  # not "up to date": the damage is noticed
    assert any("rebuilding from the sources" in m for m in said), said
    assert not any(m.startswith("market release unchanged") for m in said), said
    assert any(m.startswith("reading ") for m in said), said
    check_warehouse(current_warehouse(target))


# --- Killed and interrupted builds ---------------------------------------------------------------


def _start_build(target: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "analytics.build", *args],
        cwd=ROOT,
        text=True,
        env=os.environ | {WAREHOUSE_ENV: str(target)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _until_ingesting(proc: subprocess.Popen) -> None:
    """Read the build's progress until it is ingesting the market release (its temporary file is open)."""
    for line in proc.stdout:
        if line.startswith("reading"):
            return
    pytest.skip("the market release is not installed, so the build has no long step to interrupt")


def test_a_killed_build_leaves_nothing_behind_after_the_next_build(tmp_path):
    target = tmp_path / "w.duckdb"
    proc = _start_build(target)
    _until_ingesting(proc)
    proc.kill()
    proc.communicate()
    assert any(name.startswith("w.duckdb.tmp-") for name in files(tmp_path))  # what the kill left
    assert build(DATA_DIR, target, market=False)
    assert files(tmp_path) == sorted([os.readlink(target), "w.duckdb", "w.duckdb.lock"])


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
def test_an_interrupted_build_says_one_line_and_removes_its_temporary_file(tmp_path, sig):
    target = tmp_path / "w.duckdb"
    build(DATA_DIR, target, market=False)
    before = snapshot(target)
    proc = _start_build(target)  # with the market release: a new ingest, several seconds
    _until_ingesting(proc)
    proc.send_signal(sig)
    _, err = proc.communicate()
    assert (proc.returncode, err) == (130, "Build interrupted; the previous warehouse is unchanged.\n")
    assert snapshot(target) == before
    assert files(tmp_path) == sorted([before[0], "w.duckdb", "w.duckdb.lock"])


# --- A rebuild reaches a running server ------------------------------------------------------------


@pytest.mark.browser
def test_a_rebuild_reaches_new_sessions_while_an_open_session_keeps_its_build(browser, tmp_path):
    from playwright.sync_api import expect

    from tests.helpers import BARS, WIDE, open_app, serve, wait_for_run

    def pc_range(page):
        return (
            page.get_by_test_id("stMetric")
            .filter(has_text="Product Coordinator salary")
            .get_by_test_id("stMetricValue")
        )

    def to_roles(page) -> None:
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Roles").click()
        page.locator(BARS).first.wait_for()
        wait_for_run(page)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        expect(page.get_by_text(USER_MESSAGE)).to_have_count(0)

    data = copy_data(tmp_path / "data")
    target = tmp_path / "w.duckdb"
    build(data, target, market=False)
    old = current_warehouse(target)
    with serve({WAREHOUSE_ENV: str(target)}) as url:
        before = browser.new_context(viewport=WIDE).new_page()
        open_app(before, url)
        expect(pc_range(before)).to_have_text("$50K – $80K")
        figures = data / "pay_figures.csv"
        figures.write_text(
            figures.read_text(encoding="utf-8").replace(
                ",Product Coordinator,,base,max,annual,80000,", ",Product Coordinator,,base,max,annual,85000,"
            ),
            encoding="utf-8",
        )
        assert build(data, target, market=False) is True
        assert not old.exists()  # the open session now reads a deleted file, which stays readable while open
        after = browser.new_context(viewport=WIDE).new_page()
        open_app(after, url)
        expect(pc_range(after)).to_have_text("$50K – $85K")
        to_roles(before)  # new queries for the open session: still its own build, never a mix
        expect(before.get_by_text("$50K – $80K")).to_have_count(1)
        to_roles(after)
        expect(after.get_by_text("$50K – $85K")).to_have_count(1)
        before.context.close()
        after.context.close()
