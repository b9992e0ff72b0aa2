"""analytics.levels and analytics.level_charts: ladders per source, pay per level, head counts and
equivalences, with exact expected values from the sources (data/levels.csv, pay_figures.csv, ...)."""

import math

import pytest

from analytics.levels import charts, tables
from analytics.levels import queries as lv

LADDER = ["APM", "L3", "L4", "L5", "L6", "L7", "L7+", "L8", "L9", "L10", "L11", "L12"]


def test_sources_disagree_on_amazon_l9_and_both_sides_keep_their_dates(con):
    rows = lv.level_ladder(con, ["Amazon"], ["L9"])
    assert [(r.title, r.as_of, list(r.sources)) for r in rows.itertuples()] == [
        ("Not used", "2019-01-29", ["Blind (teamblind.com)", "Kalena Advisors", "dayone.careers"]),
        ("Vice President", "2022-09-18", ["Product Manager HQ (Josh Fechter)"]),
    ]


def test_who_holds_amazon_l12_per_source(con):
    rows = lv.level_ladder(con, ["Amazon"], ["L12"])
    assert [(r.who, r.as_of) for r in rows.itertuples() if isinstance(r.who, str)] == [
        ("Andy Jassy, CEO since July 2021", "2021-07"),
        ("Jeff Bezos, the founder: only one person", "2022-09-18"),
    ]


def test_ladder_follows_the_company_and_level_filters(con):
    rows = lv.level_ladder(con, ["Google"], ["APM", "L3", "L4"])
    assert list(zip(rows.level, rows.title, strict=True)) == [
        ("APM", "Associate Product Manager (APM program)"), ("L3", "PM band"), ("L3", "APM"),
        ("L4", "PM band"), ("L4", "PM I")]


def test_disputed_levels_are_amazon_l9_l12_and_google_l5(con):
    disputed = tables.disputed_levels(lv.level_ladder(con, ["Amazon", "Google"], LADDER))
    assert list(dict.fromkeys(zip(disputed.company, disputed.level, strict=True))) == [
        ("Amazon", "L9"), ("Amazon", "L12"), ("Google", "L5")]


def test_bands_are_titles_one_source_gives_to_several_levels(con):
    bands = tables.ladder_bands(lv.level_ladder(con, ["Amazon", "Google"], LADDER))
    assert [(b.company, b.first, b.last, b.title) for b in bands.itertuples()] == [
        ("Amazon", "L4", "L6", "Managers and individual contributors"),
        ("Amazon", "L9", "L10", "Vice President"),
        ("Google", "L3", "L5", "PM band"),
    ]


def test_seed_level_7_table_is_annual_base_without_weekly_duplicates(con):
    pay = lv.level_pay(con, ["Amazon"], ["L7"])
    base = pay[pay.component == "base"]
    assert sorted(zip(base.statistic, base.annual_usd, base.source_id, strict=True)) == [
        ("median", 160000, "levelsfyi_kaggle"), ("p25", 31000, "seed_001"),
        ("p75", 55000, "seed_001"), ("top", 100000, "seed_001")]


def test_level_pay_carries_sample_size_and_source(con):
    pay = lv.level_pay(con, ["Amazon"], ["L8"])
    total = pay[pay.component == "total"].set_index("source_id")
    assert total.loc["levelsfyi_kaggle", "annual_usd"] == 650000
    assert total.loc["levelsfyi_kaggle", "sample_size"] == 8
    assert total.loc["kalena_levels", "annual_usd"] == 864000
    assert total.loc["kalena_levels", "statistic"] == "typical"


def test_seed_l10_figure_is_base_pay(con):
    pay = lv.level_pay(con, ["Amazon"], ["L10"])
    assert sorted(zip(pay.component, pay.statistic, pay.annual_usd, pay.source_id, strict=True)) == [
        ("base", "mean", 234000, "seed_001"),
        ("total", "max", 1600000, "kalena_levels"), ("total", "min", 1300000, "kalena_levels")]


def test_band_table_of_level_ranges(con):
    bands = tables.level_bands(lv.level_ranges(con, ["Amazon", "Google"], LADDER))
    assert list(bands.label) == ["Amazon L10"]
    row = bands.iloc[0]
    assert (row.min_usd, row.max_usd, row.midpoint) == (1300000, 1600000, 1450000)
    assert row.spread == pytest.approx(300000 / 1300000)
    assert math.isnan(row.progression)


def test_steps_compare_medians_from_one_source_only(con):
    pay = lv.level_pay(con, ["Google"], LADDER)
    steps = tables.level_steps(pay[pay.component == "total"])
    promoready = steps[steps.source_id == "promoready_google"]
    assert list(zip(promoready.from_level, promoready.to_level, strict=True)) == [
        ("L3", "L4"), ("L4", "L5"), ("L5", "L6"), ("L6", "L7"), ("L7", "L7+")]
    assert promoready.iloc[0].progression == pytest.approx((238000 - 168000) / 168000)
    top = steps[(steps.source_id == "levelsfyi_kaggle") & (steps.to_level == "L8")].iloc[0]
    assert (top.from_usd, top.to_usd, top.from_n, top.to_n) == (525000, 922000, 18, 4)
    assert top.low_confidence
    assert top.progression == pytest.approx((922000 - 525000) / 525000)


def test_zero_medians_give_no_step(con):
    pay = lv.level_pay(con, ["Amazon"], LADDER)
    steps = tables.level_steps(pay[pay.component == "bonus"])
    assert steps.empty  # levels.fyi's Amazon bonus medians are all 0


def test_headcount_hints_touching_the_chosen_levels(con):
    counts = lv.level_headcounts(con, ["Amazon"], ["L9"])
    assert [(r.levels, r.hint, r.order_of_magnitude) for r in counts.itertuples()] == [
        ("L9-L10", "a few hundred", 100)]
    every = lv.level_headcounts(con, ["Amazon"], LADDER)
    assert list(every.levels) == ["L12", "L9-L10", "L8", "L7", "L4-L6"]


def test_equivalences_are_approximate_with_sources(con):
    eq = lv.level_equivalences(con)
    assert list(zip(eq.level_a, eq.level_b, eq.approximate, strict=True)) == [
        ("L3", "L4", True), ("L4", "L5", True), ("L5", "L6", True)]
    assert set(eq.sources) == {"getpromoted.app; levels.fyi community; tryapt.ai"}


def test_ladder_chart_joins_equivalent_rungs(con):
    fig = charts.ladder_chart(lv.level_ladder(con, ["Amazon", "Google"], LADDER), lv.level_equivalences(con))
    links = [(list(t.x), list(t.y)) for t in fig.data if t.name == "≈ approximate equivalence"]
    assert links == [([1, 0.5, 0], [3, 3.5, 4]), ([1, 0.5, 0], [4, 4.5, 5]), ([1, 0.5, 0], [5, 5.5, 6])]
    assert [t.text[1] for t in fig.data if t.name == "≈ approximate equivalence"] == ["≈ approximate"] * 3


def test_pay_chart_opens_small_samples_and_names_them(con):
    pay = lv.level_pay(con, ["Amazon"], LADDER)
    fig = charts.level_pay_chart(pay[pay.component == "total"], LADDER[2:], "Amazon")
    small = [t for t in fig.data if isinstance(t.marker.symbol, str) and t.marker.symbol.endswith("-open")]
    assert [(list(t.x), list(t.text)) for t in small] == [([650000], ["n=8 low"])]
    assert "n = 8 — small sample, low confidence" in small[0].hovertext[0]
    assert "Source: Data Science and STEM Salaries" in small[0].hovertext[0]


def test_pyramid_widths_follow_the_order_of_magnitude(con):
    fig = charts.headcount_pyramid(lv.level_headcounts(con, ["Amazon"], LADDER))
    assert list(fig.data[0].x) == [1, 3, 3, 4, 5]
    assert list(fig.data[0].text) == ["~1", "~100", "~100", "~1,000", "~10,000"]
    assert "not a count" in fig.data[0].hovertext[0]
