"""analytics.levels (queries, tables and charts): ladders per source, pay per level, head counts and
equivalences, with exact expected values from the sources (data/levels.csv, pay_figures.csv, ...)."""

import math

import pandas as pd
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
        ("APM", "Associate Product Manager (APM program)"),
        ("L3", "PM band"),
        ("L3", "APM"),
        ("L4", "PM band"),
        ("L4", "PM I"),
    ]


def test_disputed_levels_are_amazon_l9_l12_and_google_l5(con):
    disputed = tables.disputed_levels(lv.level_ladder(con, ["Amazon", "Google"], LADDER))
    assert list(dict.fromkeys(zip(disputed.company, disputed.level, strict=True))) == [
        ("Amazon", "L9"),
        ("Amazon", "L12"),
        ("Google", "L5"),
    ]


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
        ("median", 160000, "levelsfyi_kaggle"),
        ("p25", 31000, "seed_001"),
        ("p75", 55000, "seed_001"),
        ("top", 100000, "seed_001"),
    ]


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
        ("total", "max", 1600000, "kalena_levels"),
        ("total", "min", 1300000, "kalena_levels"),
    ]


def test_a_lone_level_range_has_no_band_row_and_is_said_in_words(con):
    ranges = lv.level_ranges(con, ["Amazon", "Google"], LADDER)
    assert tables.level_bands(ranges).empty  # one range (Amazon L10) has no step or overlap: no row of blanks
    assert tables.range_lines(tables.lone_ranges(ranges)) == [
        r"Amazon L10 total \$1,300,000 – \$1,600,000 \(Kalena Advisors, undated\)"
    ]


def test_band_table_of_two_level_ranges():
    ranges = pd.DataFrame(
        {
            "company": ["X", "X"],
            "level": ["L1", "L2"],
            "component": "base",
            "source_id": "s",
            "min_usd": [100, 150],
            "max_usd": [200, 250],
        }
    )
    bands = tables.level_bands(ranges)
    assert list(bands.label) == ["X L1", "X L2"]
    assert (bands.midpoint.tolist(), bands.progression.iloc[1]) == ([150, 200], pytest.approx(50 / 150))
    assert math.isnan(bands.progression.iloc[0]) and tables.lone_ranges(ranges).empty


def test_steps_compare_medians_from_one_source_only(con):
    pay = lv.level_pay(con, ["Google"], LADDER)
    steps = tables.level_steps(pay[pay.component == "total"])
    promoready = steps[steps.source_id == "promoready_google"]
    assert list(zip(promoready.from_level, promoready.to_level, strict=True)) == [
        ("L3", "L4"),
        ("L4", "L5"),
        ("L5", "L6"),
        ("L6", "L7"),
        ("L7", "L7+"),
    ]
    assert promoready.iloc[0].progression == pytest.approx((238000 - 168000) / 168000)
    assert set(promoready.from_n) == {"not reported"} and set(promoready.low_confidence) == {"unknown"}
    top = steps[(steps.source_id == "levelsfyi_kaggle") & (steps.to_level == "L8")].iloc[0]
    assert (top.from_usd, top.to_usd, top.from_n, top.to_n, top.low_confidence) == (525000, 922000, "18", "4", "low")
    assert top.progression == pytest.approx((922000 - 525000) / 525000)
    assert "levelsfyi_kaggle_spread" not in set(steps.source_id)  # its medians repeat levelsfyi_kaggle's


def test_zero_medians_give_no_step(con):
    pay = lv.level_pay(con, ["Amazon"], LADDER)
    steps = tables.level_steps(pay[pay.component == "bonus"])
    assert steps.empty  # levels.fyi's Amazon bonus medians are all 0


def test_headcount_hints_touching_the_chosen_levels(con):
    counts = lv.level_headcounts(con, ["Amazon"], ["L9"])
    assert [(r.levels, r.hint, r.order_of_magnitude) for r in counts.itertuples()] == [("L9-L10", "a few hundred", 100)]
    every = lv.level_headcounts(con, ["Amazon"], LADDER)
    assert list(every.levels) == ["L12", "L9-L10", "L8", "L7", "L4-L6"]


def test_equivalences_are_approximate_with_sources(con):
    eq = lv.level_equivalences(con)
    assert list(zip(eq.level_a, eq.level_b, eq.approximate, strict=True)) == [
        ("L3", "L4", True),
        ("L4", "L5", True),
        ("L5", "L6", True),
    ]
    assert set(eq.sources) == {"getpromoted.app; levels.fyi community; tryapt.ai"}


def test_ladder_chart_joins_equivalent_rungs(con):
    fig = charts.ladder_chart(lv.level_ladder(con, ["Amazon", "Google"], LADDER), lv.level_equivalences(con))
    links = [(list(t.x), list(t.y)) for t in fig.data if t.name == "≈ approximate equivalence"]
    assert links == [([1, 0.5, 0], [3, 3.5, 4]), ([1, 0.5, 0], [4, 4.5, 5]), ([1, 0.5, 0], [5, 5.5, 6])]
    assert [t.text[1] for t in fig.data if t.name == "≈ approximate equivalence"] == ["≈ approximate"] * 3


RUNGS = {"Amazon": LADDER[2:], "Google": LADDER[:8]}
# external-facts.md section 2c: n, 10th, 25th, median, 75th, 90th percentile of total pay, submission dates
SPREAD = {
    ("Amazon", "L5"): (79, 131600, 150000, 165000, 190000, 211000, "2018-04-22/2021-08-13"),
    ("Amazon", "L6"): (496, 188500, 209000, 235500, 275000, 320000, "2017-09-04/2021-08-17"),
    ("Amazon", "L7"): (172, 268200, 309000, 361500, 437750, 504500, "2017-06-11/2021-08-15"),
    ("Amazon", "L8"): (8, 608000, 623750, 650000, 707500, 880000, "2017-10-06/2021-08-08"),
    ("Google", "L3"): (9, 158000, 165000, 170000, 175000, 180000, "2020-01-30/2021-07-28"),
    ("Google", "L4"): (50, 190000, 197500, 233500, 267000, 296400, "2018-07-07/2021-06-21"),
    ("Google", "L5"): (75, 250000, 290000, 325000, 364000, 397600, "2018-02-08/2021-08-11"),
    ("Google", "L6"): (54, 340600, 400000, 443000, 478750, 514000, "2018-06-11/2021-08-06"),
    ("Google", "L7"): (18, 400000, 423000, 525000, 586250, 682000, "2017-11-24/2021-06-20"),
    ("Google", "L8"): (4, 830700, 839250, 922000, 1050750, 1142100, "2018-12-21/2021-02-12"),
}


# external-facts.md section 2a: n and median total pay per level (all US submissions titled Product Manager)
MEDIANS = {
    ("Amazon", "L5"): (80, 166500),
    ("Amazon", "L6"): (497, 236000),
    ("Amazon", "L7"): (175, 363000),
    ("Amazon", "L8"): (8, 650000),
    ("Google", "L3"): (9, 170000),
    ("Google", "L4"): (50, 233500),
    ("Google", "L5"): (78, 327000),
    ("Google", "L6"): (54, 443000),
    ("Google", "L7"): (18, 525000),
    ("Google", "L8"): (4, 922000),
}


def test_per_level_spread_reads_back_exactly_as_published(con):
    pay = lv.level_pay(con, ["Amazon", "Google"], LADDER)
    spread = pay[pay.source_id == "levelsfyi_kaggle_spread"]
    got = {}
    for (company, level), rows in spread.groupby(["company", "level"]):
        by = rows.set_index("statistic")
        assert set(rows.component) == {"total"} and set(rows.year) == {2021} and set(rows.role) == {"Product Manager"}
        got[(company, level)] = (
            int(by.sample_size.iloc[0]),
            *(int(by.annual_usd[s]) for s in tables.SPREAD),
            by.as_of.iloc[0],
        )
    assert got == SPREAD
    source = con.execute(
        "SELECT title, publisher, published, link, kind FROM sources WHERE source_id = 'levelsfyi_kaggle_spread'"
    ).fetchone()
    assert source == (
        "Data Science and STEM Salaries (Levels_Fyi_Salary_Data.csv)",
        "Kaggle (scraped from levels.fyi)",
        "2021-08",
        "https://www.kaggle.com/datasets/jackogozaly/data-science-and-stem-salaries",
        "crowd-sourced",
    )


def total_chart(con, **kwargs):
    pay = lv.level_pay(con, ["Amazon", "Google"], LADDER)
    total = pay[pay.component == "total"]
    return charts.level_pay_chart(total.assign(disputed=tables.disputed_figures(total)), RUNGS, **kwargs)


def test_pay_chart_puts_both_companies_on_one_x_axis(con):
    fig = total_chart(con)
    layout = fig.to_plotly_json()["layout"]
    assert [k for k in layout if k.startswith("xaxis")] == ["xaxis"]  # one pay axis, no second one
    assert {(t.xaxis or "x") for t in fig.data} == {"x"}
    assert fig.layout.xaxis.type == "log"
    assert fig.layout.xaxis.range == pytest.approx((math.log10(131600 / 1.25), math.log10(1600000 * 1.25)))
    cats = list(fig.layout.yaxis.categoryarray)
    assert cats[:2] == ["Google APM", "Google L3"] and cats[-1] == "Amazon L12"
    assert cats.index("Amazon L6") > cats.index("Google L5")  # Amazon's ladder above Google's


def test_spread_boxes_run_25th_to_75th_with_whiskers_10th_to_90th(con):
    boxes = {t.name: t for t in total_chart(con).data if t.type == "box"}
    ok = boxes["levels.fyi spread: box 25th–75th percentile, whiskers 10th–90th"]
    small = boxes["levels.fyi spread, n < 20 (open box)"]
    got = {}
    for t in (ok, small):
        for y, *values in zip(t.y, t.lowerfence, t.q1, t.median, t.q3, t.upperfence, strict=True):
            got[tuple(y.split(" "))] = tuple(values)
    # The line in each box is the level's one median of the data set (2a), as the mark beside it; the 2c
    # percentiles' own median (under 1% apart) is named in the hover.
    assert got == {k: (v[1], v[2], MEDIANS[k][1], v[4], v[5]) for k, v in SPREAD.items()}
    hover = next(t for t in total_chart(con).data if t.name == "spread hover")
    l6 = hover.hovertext[list(hover.y).index("Amazon L6")]
    assert "<b>median $236,000</b> (n = 497)" in l6 and "their median $235,500" in l6 and "n = 496" in l6
    assert list(small.y) == ["Amazon L8", "Google L3", "Google L7", "Google L8"]
    assert small.fillcolor == "rgba(0,0,0,0)" and ok.fillcolor != small.fillcolor
    assert all(q1 < q3 for t in (ok, small) for q1, q3 in zip(t.q1, t.q3, strict=True))


def test_pay_chart_opens_small_samples_and_names_them(con):
    fig = total_chart(con)
    median = next(t for t in fig.data if t.name == "levels.fyi (Kaggle) · Median")
    small = [
        (y, x, text)
        for y, x, text, sym in zip(median.y, median.x, median.text, median.marker.symbol, strict=True)
        if sym.endswith("-open")
    ]
    assert small == [
        ("Amazon L8", 650000, "n=8 low"),
        ("Google L3", 170000, "n=9 low"),
        ("Google L7", 525000, "n=18 low"),
        ("Google L8", 922000, "n=4 low"),
    ]
    hover = median.hovertext[list(median.y).index("Amazon L8")]
    assert "n = 8 — small sample, low confidence" in hover and "Source: Data Science and STEM Salaries" in hover


def test_p25_and_p75_marks_differ():
    assert charts.SYMBOLS["p25"] != charts.SYMBOLS["p75"]
    assert charts.SYMBOLS["p10"] != charts.SYMBOLS["p90"]


def test_seed_level_7_figures_are_disputed_on_the_chart(con):
    pay = lv.level_pay(con, ["Amazon", "Google"], LADDER)
    base = pay[pay.component == "base"]
    disputed = tables.disputed_figures(base)
    assert sorted(
        zip(
            base[disputed].level,
            base[disputed].statistic,
            base[disputed].annual_usd,
            base[disputed].source_id,
            strict=True,
        )
    ) == [("L7", "p25", 31000, "seed_001"), ("L7", "p75", 55000, "seed_001"), ("L7", "top", 100000, "seed_001")]
    assert not tables.disputed_figures(pay[pay.component == "total"]).any()
    fig = charts.level_pay_chart(base.assign(disputed=disputed), RUNGS)
    flagged = next(t for t in fig.data if t.name == "disputed: role not stated, contradicts other sources")
    assert (list(flagged.y), list(flagged.x), list(flagged.text)) == (
        ["Amazon L7"] * 3,
        [31000, 55000, 100000],
        ["25th", "75th", "top"],
    )
    assert flagged.marker.color == charts.DISPUTED_COLOR and flagged.marker.symbol[0] != flagged.marker.symbol[1]
    assert all("Disputed" in h for h in flagged.hovertext)
    seed = [t for t in fig.data if (t.name or "").startswith("Seed article")]
    assert [(t.name, list(t.y)) for t in seed] == [("Seed article (PM HQ, 2022) · Average", ["Amazon L10"])]


def test_money_view_label_on_the_axis(con):
    assert (
        total_chart(con, amount_label="dollars of August 2026").layout.xaxis.title.text
        == "Annual pay (dollars of August 2026, log scale)"
    )


def test_unknown_sample_size_is_not_reported_never_safe(con):
    pay = lv.level_pay(con, ["Amazon"], ["L5"])
    shown = tables.level_figures(tables.component_pay(pay, "total")).set_index(["source_id", "statistic"])
    kalena = shown.loc[("kalena_levels", "Reported figure")]
    assert (kalena.n, kalena.low_confidence) == ("not reported", "unknown")
    assert tuple(shown.loc[("levelsfyi_kaggle", "Median"), ["annual_usd", "n", "low_confidence"]]) == (
        166500,
        "80",
        "ok",
    )
    assert tuple(shown.loc[("levelsfyi_kaggle", "Median"), ["p10", "p10_p90"]]) == (131600, "$131,600 – $211,000")
    assert (tables.confidence_text(8), tables.confidence_text(None), tables.confidence_text(20, None)) == (
        "low",
        "unknown",
        "unknown",
    )


def test_one_figure_per_level_and_source_with_the_spread_as_numbers(con):
    """The levels.fyi data set gives each level one median (2a) beside its 2c percentiles; the 2c median, of a
    slightly different filter, is kept as a note, never as a second median."""
    pay = lv.level_pay(con, ["Amazon", "Google"], LADDER)
    shown = tables.level_figures(tables.component_pay(pay, "total"))
    assert not shown.duplicated(["company", "level", "source_id"]).any()
    kaggle = shown[shown.source_id == "levelsfyi_kaggle"].set_index(["company", "level"])
    assert set(kaggle.index) == set(MEDIANS) == set(SPREAD)
    for key, (n, median) in MEDIANS.items():
        row, (n_spread, p10, p25, their_median, p75, p90, _) = kaggle.loc[key], SPREAD[key]
        assert (row.statistic, row.annual_usd, row.n) == ("Median", median, f"{n:,}")
        assert (row.p10, row.p25, row.p75, row.p90) == (p10, p25, p75, p90)
        assert row.p25_p75 == f"${p25:,} – ${p75:,}" and row.p10_p90 == f"${p10:,} – ${p90:,}"
        assert row.other == f"Median ${their_median:,} (n = {n_spread}, with the percentiles)"
        assert f"({n_spread} reports)" in row.note
    assert "levelsfyi_kaggle_spread" not in set(shown.source_id)
    # Every other source: one figure per level, its median or reported figure, nothing in `other`.
    others = shown[shown.source_id.isin(["kalena_levels", "promoready_google"])]
    assert others.groupby(["company", "level", "source_id"]).size().max() == 1
    l10 = shown[(shown.level == "L10")].iloc[0]  # Kalena's L10 is a range: no central figure, the range in words
    assert (l10.statistic, l10.other) == ("none reported", "Minimum $1,300,000; Maximum $1,600,000")
    bonus = tables.level_figures(tables.component_pay(pay, "bonus")).set_index(["company", "level"])
    assert tuple(bonus.loc[("Amazon", "L6"), ["statistic", "annual_usd", "other"]]) == ("Median", 0, "Average $19,809")


def test_level_figures_keep_the_ladder_order_and_the_columns(con):
    """Rows in level_pay's order (company, level up the ladder, source); columns in the table's order."""
    pay = lv.level_pay(con, ["Amazon", "Google"], LADDER)
    shown = tables.level_figures(tables.component_pay(pay, "total"))
    assert list(zip(shown.company, shown.level, shown.source_id, strict=True))[7:11] == [
        ("Amazon", "L8", "levelsfyi_kaggle"),
        ("Amazon", "L10", "kalena_levels"),
        ("Google", "L3", "levelsfyi_kaggle"),
        ("Google", "L3", "promoready_google"),
    ]
    assert list(shown.columns) == [
        *("company", "level", "component", "statistic", "annual_usd", "p25_p75", "p10_p90", "other", "n"),
        *("low_confidence", "flag", "source_title", "source_publisher", "year", "as_of", "role", "note"),
        *("source_id", "sample_size", "p10", "p25", "p75", "p90"),
    ]


def test_titles_lose_the_sources_literal_quotes(con):
    ladder = lv.level_ladder(con, ["Amazon"], ["L5", "L6"])
    assert sorted(set(ladder.title.map(tables.clean_title))) == [
        "Managers and individual contributors",
        "Senior …",
        "Untitled (“Product Manager”)",
    ]


def test_pyramid_widths_follow_the_order_of_magnitude(con):
    fig = charts.headcount_pyramid(lv.level_headcounts(con, ["Amazon"], LADDER))
    assert list(fig.data[0].x) == [1, 3, 3, 4, 5]
    assert list(fig.data[0].text) == ["~1", "~100", "~100", "~1,000", "~10,000"]
    assert "not a count" in fig.data[0].hovertext[0]
