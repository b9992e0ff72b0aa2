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

from analytics.build import BuildError, build
from analytics.db import DATA_DIR, USER_MESSAGE, WAREHOUSE_ENV, check_warehouse, current_warehouse

ROOT = Path(__file__).resolve().parent.parent
PAGES = re.findall(r'st\.Page\("(pages/[a-z_]+\.py)"', (ROOT / "dashboard.py").read_text())


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


# --- Bad data never builds -------------------------------------------------------------------
# Each case edits one file of a copy of data/ and names the line (None: the appended line) and
# the problem the build must report.

def _append(text: str) -> Callable[[Path], None]:
    def edit(path: Path) -> None:
        with path.open("a", encoding="utf-8") as f:
            f.write(text)
    return edit


def _replace(old: bytes | str, new: bytes | str) -> Callable[[Path], None]:
    def edit(path: Path) -> None:
        data = path.read_bytes()
        old_b, new_b = (x.encode() if isinstance(x, str) else x for x in (old, new))
        assert old_b in data, old
        path.write_bytes(data.replace(old_b, new_b, 1))
    return edit


def _header_only(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")


def _figure(amount="1000", year="2022", n="", role="Program Manager", company="", level="", source="seed_001",
            statistic="mean", period="annual", lower="false") -> Callable[[Path], None]:
    return _append(f"{company},{role},{level},base,{statistic},{period},{amount},{lower},{year},,{n},{source},"
                   "false,test\n")


PF, PC_MAX = "pay_figures.csv", ",Product Coordinator,,base,max,annual,80000,"
BAD_DATA = {
    "amount NaN": (PF, _figure(amount="NaN"), None, "amount_usd 'NaN' is not a finite number"),
    "amount inf": (PF, _figure(amount="inf"), None, "amount_usd 'inf' is not a finite number"),
    "amount -inf": (PF, _figure(amount="-inf"), None, "amount_usd '-inf' is not a finite number"),
    "amount 1e309": (PF, _figure(amount="1e309"), None, "amount_usd '1e309' is not a finite number"),
    "amount 1e300": (PF, _figure(amount="1e300"), None, "amount_usd 1e300 is outside 0 to 100,000,000"),
    "amount negative": (PF, _figure(amount="-5"), None, "amount_usd -5 is negative"),
    "amount text": (PF, _figure(amount="lots"), None, "amount_usd 'lots' is not a number"),
    "amount empty": (PF, _figure(amount=""), None, "amount_usd is empty"),
    "max NaN in place": (PF, _replace(PC_MAX, PC_MAX.replace("80000", "NaN")), 3,
                         "amount_usd 'NaN' is not a finite number"),
    "year 99999": (PF, _figure(year="99999"), None, "year 99999 is outside 1990 to 2030"),
    "year 1989": (PF, _figure(year="1989"), None, "year 1989 is outside 1990 to 2030"),
    "year fraction": (PF, _figure(year="2022.5"), None, "year '2022.5' is not an integer"),
    "sample size 0": (PF, _figure(n="0"), None, "sample_size 0 is outside 1 to 10,000,000"),
    "sample size NaN": (PF, _figure(n="NaN"), None, "sample_size 'NaN' is not an integer"),
    "unknown role": (PF, _figure(role="Chief Vibes Officer"), None,
                     "unknown role 'Chief Vibes Officer' (not in data/roles.csv)"),
    "unknown company": (PF, _figure(company="Initech"), None,
                        "unknown company 'Initech' (not in data/levels.csv; leave it blank for market-wide)"),
    "unknown level": (PF, _figure(company="Amazon", level="L99"), None,
                      "unknown level 'L99' for Amazon (not in data/levels.csv)"),
    "another company's level": (PF, _figure(company="Amazon", level="L7+"), None,
                                "unknown level 'L7+' for Amazon (not in data/levels.csv)"),
    "unknown market-wide level": (PF, _figure(level="L99"), None, "unknown level 'L99' (not in data/levels.csv)"),
    "unknown source": (PF, _figure(source="nowhere"), None, "source 'nowhere' is not in data/sources.csv"),
    "unknown period": (PF, _figure(period="monthly"), None, "unknown period 'monthly'"),
    "unknown statistic": (PF, _figure(statistic="mode"), None, "unknown statistic 'mode'"),
    "bad bool": (PF, _figure(lower="yes"), None, "lower_bound must be true or false, not 'yes'"),
    "too few fields": (PF, _append(",Program Manager\n"), None, "expected 14 fields"),
    "duplicate": (PF, _append(PC_MAX + "false,,,,seed_000,false,again\n"), None, "duplicate of line 3"),
    "min above max": (PF, _replace(",min,annual,50000,", ",min,annual,90000,"), 2,
                      "min 90,000 is above max 80,000 (line 3)"),
    "header only": (PF, _header_only, 2, "no rows (the table must have at least one)"),
    "empty file": (PF, lambda p: p.write_bytes(b""), 1, "the file is empty (no header)"),
    "missing column": (PF, _replace("amount_usd", "amount"), 1, "missing column(s) amount_usd"),
    "BOM and a missing column": (PF, lambda p: _replace("amount_usd", "amount")(p) or
                                 p.write_bytes(b"\xef\xbb\xbf" + p.read_bytes()), 1, "missing column(s) amount_usd"),
    "invalid UTF-8": ("roles.csv", _replace(b"Assistant/", b"Assist\xffant/"), 3,
                      "not UTF-8 (byte 0xff); save the file as UTF-8"),
    "Latin-1": ("pay_figures.csv", _replace(b"Product Coordinator", "Product Coördinator".encode("latin-1")), 2,
                "not UTF-8 (byte 0xf6); save the file as UTF-8"),
    "missing roles.csv": ("roles.csv", lambda p: p.unlink(), 1, "the file is missing"),
    "missing sources.csv": ("sources.csv", lambda p: p.unlink(), 1, "the file is missing"),
    "header-only roles.csv": ("roles.csv", _header_only, 2, "no rows (the table must have at least one)"),
    "rank NaN": ("levels.csv", _replace("Amazon,L4,4,", "Amazon,L4,NaN,"), 2, "rank 'NaN' is not a finite number"),
    "rank 0": ("levels.csv", _replace("Amazon,L4,4,", "Amazon,L4,0,"), 2, "rank 0 is outside 1 to 50"),
    "vesting 150%": ("vesting_schedules.csv", _replace("Amazon 5/15/40/40,1,5,", "Amazon 5/15/40/40,1,150,"), 2,
                     "percent 150 is outside 0 to 100"),
    "practice amount inf": ("pay_practices.csv", _replace(",160000,", ",inf,"), 3,
                            "amount_usd 'inf' is not a finite number"),
    "headcount unknown company": ("level_headcounts.csv", _replace("Amazon,L12,", "Initech,L12,"), 2,
                                  "unknown company 'Initech'"),
    "career path to an unknown role": ("career_paths.csv", _append("Product Coordinator,Astronaut,seed_000,x\n"),
                                       None, "unknown to_role 'Astronaut' (not in data/roles.csv)"),
    "profile of an unknown role": ("role_profiles.csv", _append("Core responsibilities,Extra,Astronaut,x,seed_000\n"),
                                   None, "unknown role 'Astronaut' (not in data/roles.csv)"),
    "equivalence to an unknown level": ("level_equivalences.csv",
                                        _replace("Google,L3,Amazon,L4,", "Google,L3,Amazon,L99,"),
                                        2, "unknown level 'L99' for Amazon (not in data/levels.csv)"),
    "occupation of an unknown role": ("occupation_map.csv", _append("Astronaut,13-1082,Project Management Specialists,"
                                                                    "primary,x,y,payladder_reference\n"),
                                      None, "unknown role 'Astronaut' (not in data/roles.csv)"),
}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    """A warehouse built from data/ (without the market release, for speed)."""
    target = tmp_path_factory.mktemp("wh") / "w.duckdb"
    assert build(DATA_DIR, target, market=False)
    return target


@pytest.mark.parametrize(("file", "edit", "line", "problem"), list(BAD_DATA.values()), ids=list(BAD_DATA))
def test_bad_data_fails_with_file_and_line_and_leaves_the_warehouse(warehouse, tmp_path, file, edit, line, problem):
    data = copy_data(tmp_path / "data")
    edit(data / file)
    if line is None:
        line = (data / file).read_bytes().count(b"\n")
    before = snapshot(warehouse)
    with pytest.raises(BuildError) as err:
        build(data, warehouse, market=False)
    expected = f"data/{file}, line {line}: {problem}"
    assert any(msg.startswith(expected) for msg in str(err.value).splitlines()), str(err.value)
    assert snapshot(warehouse) == before
    assert files(warehouse.parent) == sorted([before[0], "w.duckdb", "w.duckdb.lock"])


@pytest.mark.parametrize("case", ["invalid UTF-8", "missing roles.csv", "amount inf"])
def test_the_command_reports_bad_data_in_plain_lines(tmp_path, case):
    file, edit, line, problem = BAD_DATA[case]
    data = copy_data(tmp_path / "data")
    edit(data / file)
    line = line or (data / file).read_bytes().count(b"\n")
    done = subprocess.run([sys.executable, "-m", "analytics.build", "--no-market", "--data", str(data)], cwd=ROOT,
                          env=os.environ | {WAREHOUSE_ENV: str(tmp_path / "w.duckdb")}, capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "Warehouse not built; the previous warehouse is unchanged. Fix these rows in data/:",
        f"data/{file}, line {line}: {problem}"]


def test_a_byte_order_mark_is_fine(warehouse, tmp_path):
    data = copy_data(tmp_path / "data")
    for name in ("pay_figures.csv", "roles.csv", "sources.csv"):
        (data / name).write_bytes(b"\xef\xbb\xbf" + (data / name).read_bytes())
    target = tmp_path / "w.duckdb"
    assert build(data, target, market=False)
    import duckdb

    with duckdb.connect(str(target), read_only=True) as bom, duckdb.connect(str(warehouse), read_only=True) as plain:
        for table in ("pay_figures", "roles", "sources"):
            sql = f"SELECT * FROM {table} ORDER BY ALL"  # noqa: S608 (our table names)
            assert bom.execute(sql).fetchall() == plain.execute(sql).fetchall()


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
        random.Random(15).randbytes(build_file.stat().st_size)),
    "corrupted blocks": lambda build_file, pointer: _overwrite_blocks(build_file),
    "plain file of random bytes": lambda build_file, pointer: (pointer.unlink(), pointer.write_bytes(
        random.Random(15).randbytes(1 << 20))),
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
        assert page_errors(page) == ([USER_MESSAGE], []), page
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
    return subprocess.Popen([sys.executable, "-m", "analytics.build", *args], cwd=ROOT, text=True,
                            env=os.environ | {WAREHOUSE_ENV: str(target)},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


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

    from tests.conftest import BARS, WIDE, open_app, serve, wait_for_run

    def pc_range(page):
        return page.get_by_test_id("stMetric").filter(has_text="Product Coordinator salary") \
            .get_by_test_id("stMetricValue")

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
        _replace(PC_MAX, PC_MAX.replace("80000", "85000"))(data / PF)
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
