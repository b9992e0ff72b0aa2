"""Data-quality checks on a warehouse built from data/: what is flagged, what is not, and broken copies."""

import shutil

import duckdb
import pandas as pd
import pytest

from analytics.build import build
from analytics.db import DATA_DIR
from analytics.quality import (
    evaluate,
    quality_checks,
    quality_flags,
    rounding_step,
    rounding_tolerance,
    write_quality_flags,
)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    target = tmp_path_factory.mktemp("warehouse") / "w.duckdb"
    build(target=target, market=False)
    return target


@pytest.fixture(scope="module")
def flags(warehouse) -> pd.DataFrame:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return quality_checks(con)


def flags_after_edit(tmp_path, old: str, new: str) -> pd.DataFrame:
    """Copy data/ to tmp, replace one line's text, build it and run the checks."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("*.duckdb*"))
    path = data / "pay_figures.csv"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    build(data, tmp_path / "w.duckdb", market=False)
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        return quality_checks(con)


def only(flags: pd.DataFrame, check: str) -> pd.Series:
    rows = flags[flags.check == check]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_seed_level7_table_contradicts_reported_l7_pay(flags):
    flag = only(flags, "level_pay_inconsistent")
    assert flag.severity == "contradiction"
    assert flag.title == (
        "Amazon L7: the figures of Product Manager HQ (Josh Fechter) are not consistent with other sources"
    )
    seed = "Product Manager HQ (Josh Fechter)"  # words: the codes are in source_ids
    kaggle = "Kaggle (scraped from levels.fyi)"
    assert flag.figures.split("\n") == [
        f"Amazon · role not stated · L7: base top earners $100,000 a year, 2022, {seed}",
        f"Amazon · role not stated · L7: base 75th percentile $55,000 a year, 2022, {seed}",
        f"Amazon · role not stated · L7: base 25th percentile $31,000 a year, 2022, {seed}",
        f"Amazon · Product Manager · L7: base median $160,000 a year, 2021, n=175, {kaggle}",
        f"Amazon · Product Manager · L7: total median $361,500 a year, 2021, n=172, {kaggle}",
        f"Amazon · Product Manager · L7: total median $363,000 a year, 2021, n=175, {kaggle}",
        "Amazon · Product Manager · L7: total reported figure $444,000 a year, year not stated, Kalena Advisors",
    ]
    assert "Even its highest figure (top earners, $100,000) is below the median base" in flag.explanation
    assert "($160,000, n=175)" in flag.explanation
    assert "the role is not stated" in flag.explanation
    assert "not consistent with what L7 Product Managers are reported to earn" in flag.explanation
    assert flag.source_ids == "seed_001;levelsfyi_kaggle;levelsfyi_kaggle_spread;kalena_levels"


def test_sources_disagree_on_l12_holder_and_l9_use(flags):
    l12 = only(flags, "level_holder")
    assert l12.title == "Amazon L12: sources disagree on who holds the level"
    assert "(as of 2021-07) says “Andy Jassy, CEO since July 2021”" in l12.explanation
    assert "(as of 2022-09-18) says “Jeff Bezos, the founder: only one person”" in l12.explanation
    assert set(l12.source_ids.split(";")) >= {"seed_001", "payladder_reference"}
    l9 = only(flags, "level_not_used")
    assert l9.title == "Amazon L9: sources disagree on whether the level is used"
    assert "Blind (teamblind.com), Kalena Advisors, dayone.careers say Amazon L9 is not used" in l9.explanation
    assert "calls it Vice President" in l9.explanation
    assert only(flags, "level_title").title == "Google L5: sources give different titles"


def test_amazon_pm_mean_adds_up_so_no_arithmetic_flag(flags):
    assert 114_494 + 34_194 == 148_688
    assert flags[flags.severity == "arithmetic"].empty
    assert flags[flags.check == "parts_sum"].empty


def test_medians_that_do_not_add_up_are_a_note_not_an_error(flags):
    note = only(flags, "parts_not_additive")
    assert note.severity == "note"
    assert note.source_ids == "levelsfyi_kaggle"
    assert (
        "Amazon Product Manager L7: total $363,000; base $160,000 + bonus $0 + stock $165,500 = $325,500"
        in note.figures.split("\n")
    )


def test_weekly_figures_that_round_to_the_annual_are_not_flagged(flags):
    assert flags[flags.check == "annualised"].empty
    # 1,923 a week × 52 = 99,996 against 100,000: within $500 (annual to $1,000) + 52 × $0.50 (weekly to $1)
    assert rounding_tolerance((100_000, 1), (1_923, 52)) == 526
    assert abs(1_923 * 52 - 100_000) == 4


def test_derived_us_average_is_listed_with_its_arithmetic(flags):
    flag = only(flags, "derived")
    assert flag.severity == "info"
    assert flag.title == "Market-wide · Product Manager: average total is derived: 148,688 − 32,729"
    assert "148,688 − 32,729 = 115,959. The arithmetic checks out." in flag.explanation
    assert len(flag.figures.split("\n")) == 3


def test_flags_are_ordered_most_serious_first(flags):
    assert flags.severity.tolist()[:2] == ["contradiction", "disagreement"]
    assert flags.severity.tolist()[-1] == "info"


def test_broken_base_mean_is_an_arithmetic_flag(tmp_path):
    flags = flags_after_edit(
        tmp_path, "Amazon,Product Manager,,base,mean,annual,114494,", "Amazon,Product Manager,,base,mean,annual,100000,"
    )
    flag = only(flags, "parts_sum")
    assert flag.severity == "arithmetic"
    assert flag.title == "Amazon Product Manager: the average total is not the sum of its parts"
    assert (
        "gives average total pay of $148,688, but base $100,000 + bonus $34,194 = $134,194: "
        "$14,494 short, and rounding explains at most $501."
    ) in flag.explanation
    assert "Amazon · Product Manager: base average $100,000 a year" in flag.figures


def test_weekly_figure_off_by_more_than_rounding_is_flagged(tmp_path):
    flags = flags_after_edit(tmp_path, "Amazon,,L7,base,p75,weekly,1057,", "Amazon,,L7,base,p75,weekly,1157,")
    flag = only(flags, "annualised")
    assert flag.severity == "arithmetic"
    assert flag.explanation.startswith(
        "$1,157 a week × 52 = $60,164 a year, but the same table gives $55,000 a year: $5,164 apart, more than the $526"
    )


def test_derived_figure_that_does_not_follow_is_flagged(tmp_path):
    flags = flags_after_edit(
        tmp_path, ",Product Manager,,total,mean,annual,115959,", ",Product Manager,,total,mean,annual,115000,"
    )
    flag = only(flags, "derived")
    assert flag.severity == "arithmetic"
    assert "The arithmetic does not hold: the stored figure is $959 off." in flag.explanation


def test_write_quality_flags_stores_them_and_changes_no_figure(warehouse, tmp_path, flags):
    copy = tmp_path / "w.duckdb"
    shutil.copy(warehouse, copy)
    with duckdb.connect(str(copy)) as con:
        before = con.execute("SELECT * FROM pay_figures").df()
        written = write_quality_flags(con)
        pd.testing.assert_frame_equal(con.execute("SELECT * FROM pay_figures").df(), before)
        assert con.execute("SELECT count(*) FROM quality_flags").fetchone()[0] == len(flags)
    with duckdb.connect(str(copy), read_only=True) as con:
        pd.testing.assert_frame_equal(quality_flags(con), written)


def test_quality_flags_computed_when_the_warehouse_has_no_table(warehouse, flags):
    with duckdb.connect(str(warehouse), read_only=True) as con:
        pd.testing.assert_frame_equal(quality_flags(con), flags)


@pytest.mark.parametrize(
    ("amount", "step"), [(100_000, 1000), (55_000, 1000), (148_688, 1), (1_923, 1), (2_500, 100), (25.5, 0.01), (0, 1)]
)
def test_rounding_step(amount, step):
    assert rounding_step(amount) == step


@pytest.mark.parametrize(
    ("formula", "value"),
    [("148,688 − 32,729", 115_959), ("2 + 3 × 4", 14), ("10 ÷ 4 - 1", 1.5), ("1,000 – 1 + 1", 1_000)],
)
def test_evaluate(formula, value):
    assert evaluate(formula) == value
