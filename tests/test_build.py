"""The warehouse build: seed figures exactly, sources for every row, every kind of bad data refused with its
file and line (the warehouse left byte-identical), atomicity, staleness."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from analytics.build import TABLES, BuildError, build, stored_hash
from analytics.db import DATA_DIR, WAREHOUSE_ENV
from tests.test_warehouse_life import ROOT, copy_data, files, snapshot


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    target = tmp_path_factory.mktemp("wh") / "w.duckdb"
    build(DATA_DIR, target, market=False)
    with duckdb.connect(str(target), read_only=True) as con:
        yield con


@pytest.fixture
def data_copy(tmp_path):
    """A writable copy of data/ (CSV files only)."""
    copy = tmp_path / "data"
    copy.mkdir()
    for path in DATA_DIR.glob("*.csv"):
        shutil.copy(path, copy / path.name)
    return copy


def amount(con, **where) -> float:
    clauses = " AND ".join(f"{k} IS NOT DISTINCT FROM ${k}" for k in where)
    rows = con.execute(f"SELECT amount_usd FROM pay_figures WHERE {clauses}", where).fetchall()  # noqa: S608 (keys are ours)
    assert len(rows) == 1, (where, rows)
    return rows[0][0]


SEED_FIGURES = [
    # seed 000: the two role ranges
    (dict(role="Product Coordinator", component="base", statistic="min", source_id="seed_000"), 50_000),
    (dict(role="Product Coordinator", component="base", statistic="max", source_id="seed_000"), 80_000),
    (dict(role="Assistant/Associate Product Manager", statistic="min", source_id="seed_000"), 70_000),
    (dict(role="Assistant/Associate Product Manager", statistic="max", source_id="seed_000"), 110_000),
    # seed 001: product managers in general, Amazon PM average and its split
    (dict(company=None, role="Product Manager", component="base", statistic="min"), 61_000),
    (dict(company=None, role="Product Manager", component="base", statistic="max"), 200_000),
    (dict(company="Amazon", role="Product Manager", component="total", statistic="mean"), 148_688),
    (dict(company="Amazon", role="Product Manager", component="base", statistic="mean"), 114_494),
    (dict(company="Amazon", role="Product Manager", component="bonus", statistic="mean"), 34_194),
    (dict(company="Amazon", role="Product Manager", statistic="gap_to_us_mean"), 32_729),
    (dict(company=None, role="Product Manager", component="total", statistic="mean", derived=True), 115_959),
    (dict(company="Amazon", role="Product Manager", component="base", statistic="min"), 57_500),
    (dict(company="Amazon", role="Product Manager", component="base", statistic="max"), 205_000),
    (dict(company="Amazon", role="Product Manager", component="stock", statistic="min"), 0),
    (dict(company="Amazon", role="Product Manager", component="stock", statistic="max"), 100_000),
    # seed 001: Amazon Level 7 table (annual and weekly) and the L10 figure
    (dict(level="L7", source_id="seed_001", statistic="top", period="annual"), 100_000),
    (dict(level="L7", source_id="seed_001", statistic="top", period="weekly"), 1_923),
    (dict(level="L7", source_id="seed_001", statistic="p75", period="annual"), 55_000),
    (dict(level="L7", source_id="seed_001", statistic="p75", period="weekly"), 1_057),
    (dict(level="L7", source_id="seed_001", statistic="p25", period="annual"), 31_000),
    (dict(level="L7", source_id="seed_001", statistic="p25", period="weekly"), 596),
    (dict(level="L10", source_id="seed_001"), 234_000),
]


@pytest.mark.parametrize(("where", "expected"), SEED_FIGURES)
def test_seed_figures_are_stored_exactly(warehouse, where, expected):
    assert amount(warehouse, **({"level": None, "source_id": "seed_001"} | where)) == expected


def test_levels_fyi_medians_with_sample_sizes(warehouse):
    rows = warehouse.execute("""
        SELECT company, level, sample_size, amount_usd FROM pay_figures
        WHERE source_id = 'levelsfyi_kaggle' AND component = 'total' ORDER BY company, level""").fetchall()
    assert rows == [
        ("Amazon", "L5", 80, 166500),
        ("Amazon", "L6", 497, 236000),
        ("Amazon", "L7", 175, 363000),
        ("Amazon", "L8", 8, 650000),
        ("Google", "L3", 9, 170000),
        ("Google", "L4", 50, 233500),
        ("Google", "L5", 78, 327000),
        ("Google", "L6", 54, 443000),
        ("Google", "L7", 18, 525000),
        ("Google", "L8", 4, 922000),
    ]
    assert amount(warehouse, company="Amazon", level="L7", component="bonus", statistic="mean") == 27_436


def test_career_site_totals(warehouse):
    kalena = warehouse.execute(
        "SELECT level, statistic, amount_usd FROM pay_figures WHERE source_id = 'kalena_levels' ORDER BY amount_usd"
    ).fetchall()
    assert kalena == [
        ("L5", "typical", 194000),
        ("L6", "typical", 304000),
        ("L7", "typical", 444000),
        ("L8", "typical", 864000),
        ("L10", "min", 1300000),
        ("L10", "max", 1600000),
    ]
    google = warehouse.execute(
        "SELECT level, amount_usd FROM pay_figures WHERE source_id = 'promoready_google' ORDER BY amount_usd"
    ).fetchall()
    assert google == [("L3", 168000), ("L4", 238000), ("L5", 343000), ("L6", 495000), ("L7", 556000), ("L7+", 740000)]


def test_every_row_names_a_known_source(warehouse):
    for name, spec in TABLES.items():
        if spec.sources is None or not spec.stored:
            continue
        orphans = warehouse.execute(f"""
            SELECT count(*) FROM (SELECT unnest(string_split("{spec.sources}", ';')) AS s FROM "{name}")
            WHERE s NOT IN (SELECT source_id FROM sources)""").fetchone()[0]  # noqa: S608 (names from TABLES)
        assert orphans == 0, name


def test_annualised_view_shows_its_factor(warehouse):
    rows = warehouse.execute("""SELECT period, annual_factor, annual_usd FROM figures
        WHERE level = 'L7' AND source_id = 'seed_001' AND statistic = 'top' ORDER BY period""").fetchall()
    assert rows == [("annual", 1, 100000), ("weekly", 52, 1923 * 52)]
    unstated = warehouse.execute("SELECT annual_usd FROM figures WHERE period = 'unstated'").fetchall()
    assert unstated == [(None,), (None,)]


def test_ranges_view_has_midpoints(warehouse):
    rows = warehouse.execute("""SELECT role, min_usd, max_usd, midpoint_usd FROM ranges
        WHERE company IS NULL ORDER BY min_usd""").fetchall()
    assert rows == [
        ("Product Coordinator", 50000, 80000, 65000),
        ("Product Manager", 61000, 200000, 130500),
        ("Assistant/Associate Product Manager", 70000, 110000, 90000),
    ]


def test_equivalences_are_approximate(warehouse):
    rows = warehouse.execute("SELECT level_a, level_b, approximate FROM level_equivalences ORDER BY 1").fetchall()
    assert rows == [("L3", "L4", True), ("L4", "L5", True), ("L5", "L6", True)]


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


def _figure(
    amount="1000",
    year="2022",
    n="",
    role="Program Manager",
    company="",
    level="",
    source="seed_001",
    statistic="mean",
    period="annual",
    lower="false",
) -> Callable[[Path], None]:
    return _append(
        f"{company},{role},{level},base,{statistic},{period},{amount},{lower},{year},,{n},{source},false,test\n"
    )


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
    "max NaN in place": (
        PF,
        _replace(PC_MAX, PC_MAX.replace("80000", "NaN")),
        3,
        "amount_usd 'NaN' is not a finite number",
    ),
    "year 99999": (PF, _figure(year="99999"), None, "year 99999 is outside 1990 to 2030"),
    "year 1989": (PF, _figure(year="1989"), None, "year 1989 is outside 1990 to 2030"),
    "year fraction": (PF, _figure(year="2022.5"), None, "year '2022.5' is not an integer"),
    "sample size 0": (PF, _figure(n="0"), None, "sample_size 0 is outside 1 to 10,000,000"),
    "sample size NaN": (PF, _figure(n="NaN"), None, "sample_size 'NaN' is not an integer"),
    "unknown role": (
        PF,
        _figure(role="Chief Vibes Officer"),
        None,
        "unknown role 'Chief Vibes Officer' (not in data/roles.csv)",
    ),
    "unknown company": (
        PF,
        _figure(company="Initech"),
        None,
        "unknown company 'Initech' (not in data/levels.csv; leave it blank for market-wide)",
    ),
    "unknown level": (
        PF,
        _figure(company="Amazon", level="L99"),
        None,
        "unknown level 'L99' for Amazon (not in data/levels.csv)",
    ),
    "another company's level": (
        PF,
        _figure(company="Amazon", level="L7+"),
        None,
        "unknown level 'L7+' for Amazon (not in data/levels.csv)",
    ),
    "unknown market-wide level": (PF, _figure(level="L99"), None, "unknown level 'L99' (not in data/levels.csv)"),
    "unknown source": (PF, _figure(source="nowhere"), None, "source 'nowhere' is not in data/sources.csv"),
    "unknown period": (PF, _figure(period="monthly"), None, "unknown period 'monthly'"),
    "unknown statistic": (PF, _figure(statistic="mode"), None, "unknown statistic 'mode'"),
    "bad bool": (PF, _figure(lower="yes"), None, "lower_bound must be true or false, not 'yes'"),
    "too few fields": (PF, _append(",Program Manager\n"), None, "expected 14 fields"),
    "duplicate": (PF, _append(PC_MAX + "false,,,,seed_000,false,again\n"), None, "duplicate of line 3"),
    "min above max": (
        PF,
        _replace(",min,annual,50000,", ",min,annual,90000,"),
        2,
        "min 90,000 is above max 80,000 (line 3)",
    ),
    "header only": (PF, _header_only, 2, "no rows (the table must have at least one)"),
    "empty file": (PF, lambda p: p.write_bytes(b""), 1, "the file is empty (no header)"),
    "missing column": (PF, _replace("amount_usd", "amount"), 1, "missing column(s) amount_usd"),
    "BOM and a missing column": (
        PF,
        lambda p: _replace("amount_usd", "amount")(p) or p.write_bytes(b"\xef\xbb\xbf" + p.read_bytes()),
        1,
        "missing column(s) amount_usd",
    ),
    "invalid UTF-8": (
        "roles.csv",
        _replace(b"Assistant/", b"Assist\xffant/"),
        3,
        "not UTF-8 (byte 0xff); save the file as UTF-8",
    ),
    "Latin-1": (
        "pay_figures.csv",
        _replace(b"Product Coordinator", "Product Coördinator".encode("latin-1")),
        2,
        "not UTF-8 (byte 0xf6); save the file as UTF-8",
    ),
    "missing roles.csv": ("roles.csv", lambda p: p.unlink(), 1, "the file is missing"),
    "missing sources.csv": ("sources.csv", lambda p: p.unlink(), 1, "the file is missing"),
    "header-only roles.csv": ("roles.csv", _header_only, 2, "no rows (the table must have at least one)"),
    "rank NaN": ("levels.csv", _replace("Amazon,L4,4,", "Amazon,L4,NaN,"), 2, "rank 'NaN' is not a finite number"),
    "rank 0": ("levels.csv", _replace("Amazon,L4,4,", "Amazon,L4,0,"), 2, "rank 0 is outside 1 to 50"),
    "vesting 150%": (
        "vesting_schedules.csv",
        _replace("Amazon 5/15/40/40,1,5,", "Amazon 5/15/40/40,1,150,"),
        2,
        "percent 150 is outside 0 to 100",
    ),
    "practice amount inf": (
        "pay_practices.csv",
        _replace(",160000,", ",inf,"),
        3,
        "amount_usd 'inf' is not a finite number",
    ),
    "headcount unknown company": (
        "level_headcounts.csv",
        _replace("Amazon,L12,", "Initech,L12,"),
        2,
        "unknown company 'Initech'",
    ),
    "career path to an unknown role": (
        "career_paths.csv",
        _append("Product Coordinator,Astronaut,seed_000,x\n"),
        None,
        "unknown to_role 'Astronaut' (not in data/roles.csv)",
    ),
    "profile of an unknown role": (
        "role_profiles.csv",
        _append("Core responsibilities,Extra,Astronaut,x,seed_000\n"),
        None,
        "unknown role 'Astronaut' (not in data/roles.csv)",
    ),
    "equivalence to an unknown level": (
        "level_equivalences.csv",
        _replace("Google,L3,Amazon,L4,", "Google,L3,Amazon,L99,"),
        2,
        "unknown level 'L99' for Amazon (not in data/levels.csv)",
    ),
    "occupation of an unknown role": (
        "occupation_map.csv",
        _append("Astronaut,13-1082,Project Management Specialists,primary,x,y,payladder_reference\n"),
        None,
        "unknown role 'Astronaut' (not in data/roles.csv)",
    ),
    "family occupation without a source": (
        "family_occupations.csv",
        _append("Widgets,,15-1252,Software Developers,x,y,nowhere\n"),
        None,
        "source 'nowhere' is not in data/sources.csv",
    ),
    "family occupation without a reason": (
        "family_occupations.csv",
        _append("Widgets,,15-1252,Software Developers,,y,bls_soc_2018\n"),
        None,
        "rationale is empty",
    ),
}


@pytest.fixture(scope="module")
def pointer(tmp_path_factory) -> Path:
    """The pointer of a warehouse built from data/ (without the market release, for speed)."""
    target = tmp_path_factory.mktemp("wh") / "w.duckdb"
    assert build(DATA_DIR, target, market=False)
    return target


@pytest.mark.parametrize(("file", "edit", "line", "problem"), list(BAD_DATA.values()), ids=list(BAD_DATA))
def test_bad_data_fails_with_file_and_line_and_leaves_the_warehouse(pointer, tmp_path, file, edit, line, problem):
    data = copy_data(tmp_path / "data")
    edit(data / file)
    if line is None:
        line = (data / file).read_bytes().count(b"\n")
    before = snapshot(pointer)
    with pytest.raises(BuildError) as err:
        build(data, pointer, market=False)
    expected = f"data/{file}, line {line}: {problem}"
    assert any(msg.startswith(expected) for msg in str(err.value).splitlines()), str(err.value)
    assert snapshot(pointer) == before
    assert files(pointer.parent) == sorted([before[0], "w.duckdb", "w.duckdb.lock"])


@pytest.mark.parametrize("case", ["invalid UTF-8", "missing roles.csv", "amount inf"])
def test_the_command_reports_bad_data_in_plain_lines(tmp_path, case):
    file, edit, line, problem = BAD_DATA[case]
    data = copy_data(tmp_path / "data")
    edit(data / file)
    line = line or (data / file).read_bytes().count(b"\n")
    done = subprocess.run(
        [sys.executable, "-m", "analytics.build", "--no-market", "--data", str(data)],
        cwd=ROOT,
        env=os.environ | {WAREHOUSE_ENV: str(tmp_path / "w.duckdb")},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "Warehouse not built; the previous warehouse is unchanged. Fix these rows in data/:",
        f"data/{file}, line {line}: {problem}",
    ]


def test_a_byte_order_mark_is_fine(pointer, tmp_path):
    data = copy_data(tmp_path / "data")
    for name in ("pay_figures.csv", "roles.csv", "sources.csv"):
        (data / name).write_bytes(b"\xef\xbb\xbf" + (data / name).read_bytes())
    target = tmp_path / "w.duckdb"
    assert build(data, target, market=False)
    with duckdb.connect(str(target), read_only=True) as bom, duckdb.connect(str(pointer), read_only=True) as plain:
        for table in ("pay_figures", "roles", "sources"):
            sql = f"SELECT * FROM {table} ORDER BY ALL"  # noqa: S608 (our table names)
            assert bom.execute(sql).fetchall() == plain.execute(sql).fetchall()


def test_failed_build_leaves_the_old_warehouse(data_copy, tmp_path):
    target = tmp_path / "w.duckdb"
    assert build(data_copy, target, market=False)
    before, old_hash = target.read_bytes(), stored_hash(target)
    with (data_copy / "pay_figures.csv").open("a") as f:
        f.write(",Product Manager,,base,mean,annual,x,false,2022,,,seed_001,false,test\n")
    with pytest.raises(BuildError):
        build(data_copy, target, market=False)
    assert target.read_bytes() == before and stored_hash(target) == old_hash
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("w")) == [
        target.resolve().name,
        "w.duckdb",
        "w.duckdb.lock",
    ]


def test_rebuilds_only_when_data_changes(data_copy, tmp_path):
    target = tmp_path / "w.duckdb"
    assert build(data_copy, target, market=False) is True
    assert build(data_copy, target, market=False) is False
    with (data_copy / "sources.csv").open("a") as f:
        f.write("extra,Extra,Someone,2026,,article,\n")
    assert build(data_copy, target, market=False) is True
