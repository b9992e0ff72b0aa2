"""The warehouse build: seed figures exactly, sources for every row, validation, atomicity, staleness."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from analytics.build import TABLES, BuildError, build, stored_hash
from analytics.db import DATA_DIR


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
    assert rows == [("Amazon", "L5", 80, 166500), ("Amazon", "L6", 497, 236000), ("Amazon", "L7", 175, 363000),
                    ("Amazon", "L8", 8, 650000), ("Google", "L3", 9, 170000), ("Google", "L4", 50, 233500),
                    ("Google", "L5", 78, 327000), ("Google", "L6", 54, 443000), ("Google", "L7", 18, 525000),
                    ("Google", "L8", 4, 922000)]
    assert amount(warehouse, company="Amazon", level="L7", component="bonus", statistic="mean") == 27_436


def test_career_site_totals(warehouse):
    kalena = warehouse.execute("SELECT level, statistic, amount_usd FROM pay_figures "
                               "WHERE source_id = 'kalena_levels' ORDER BY amount_usd").fetchall()
    assert kalena == [("L5", "typical", 194000), ("L6", "typical", 304000), ("L7", "typical", 444000),
                      ("L8", "typical", 864000), ("L10", "min", 1300000), ("L10", "max", 1600000)]
    google = warehouse.execute("SELECT level, amount_usd FROM pay_figures "
                               "WHERE source_id = 'promoready_google' ORDER BY amount_usd").fetchall()
    assert google == [("L3", 168000), ("L4", 238000), ("L5", 343000), ("L6", 495000), ("L7", 556000),
                      ("L7+", 740000)]


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
    assert rows == [("Product Coordinator", 50000, 80000, 65000),
                    ("Product Manager", 61000, 200000, 130500),
                    ("Assistant/Associate Product Manager", 70000, 110000, 90000)]


def test_equivalences_are_approximate(warehouse):
    rows = warehouse.execute("SELECT level_a, level_b, approximate FROM level_equivalences ORDER BY 1").fetchall()
    assert rows == [("L3", "L4", True), ("L4", "L5", True), ("L5", "L6", True)]


FIGURE = ",Product Manager,,base,mean,annual,{amount},false,2022,,,{source},false,test\n"


@pytest.mark.parametrize(("line", "message"), [
    (FIGURE.format(amount="1000", source="nowhere"), "source 'nowhere' is not in data/sources.csv"),
    (FIGURE.format(amount="-5", source="seed_001").replace(",Product Manager,", ",Program Manager,"),
     "amount_usd -5 is negative"),
    (FIGURE.format(amount="lots", source="seed_001").replace(",Product Manager,", ",Program Manager,"),
     "amount_usd 'lots' is not a number"),
    (FIGURE.format(amount="1", source="seed_001").replace(",annual,", ",monthly,"), "unknown period 'monthly'"),
    (FIGURE.format(amount="1", source="seed_001").replace(",base,", ",perks,"), "unknown component 'perks'"),
    (FIGURE.format(amount="1", source="seed_001").replace(",mean,", ",mode,"), "unknown statistic 'mode'"),
    (",Product Coordinator,,base,min,annual,50000,false,,,,seed_000,false,again\n", "duplicate of line 2"),
])
def test_bad_rows_fail_with_file_and_line(data_copy, tmp_path, line, message):
    path = data_copy / "pay_figures.csv"
    lines = path.read_text().count("\n")
    with path.open("a") as f:
        f.write(line)
    with pytest.raises(BuildError) as err:
        build(data_copy, tmp_path / "w.duckdb", market=False)
    assert f"data/pay_figures.csv, line {lines + 1}: {message}" in str(err.value)


def test_min_above_max_fails(data_copy, tmp_path):
    path = data_copy / "pay_figures.csv"
    path.write_text(path.read_text().replace(",min,annual,50000,", ",min,annual,90000,"))
    with pytest.raises(BuildError, match=r"data/pay_figures.csv, line 2: min 90,000 is above max 80,000 \(line 3\)"):
        build(data_copy, tmp_path / "w.duckdb", market=False)


def test_failed_build_leaves_the_old_warehouse(data_copy, tmp_path):
    target = tmp_path / "w.duckdb"
    assert build(data_copy, target, market=False)
    before, old_hash = target.read_bytes(), stored_hash(target)
    with (data_copy / "pay_figures.csv").open("a") as f:
        f.write(FIGURE.format(amount="x", source="seed_001"))
    with pytest.raises(BuildError):
        build(data_copy, target, market=False)
    assert target.read_bytes() == before and stored_hash(target) == old_hash
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("w")) == [
        target.resolve().name, "w.duckdb", "w.duckdb.lock"]


def test_rebuilds_only_when_data_changes(data_copy, tmp_path):
    target = tmp_path / "w.duckdb"
    assert build(data_copy, target, market=False) is True
    assert build(data_copy, target, market=False) is False
    with (data_copy / "sources.csv").open("a") as f:
        f.write("extra,Extra,Someone,2026,,article,\n")
    assert build(data_copy, target, market=False) is True
