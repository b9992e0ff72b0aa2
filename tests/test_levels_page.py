"""The Levels page: both ladders with their approximate links, pay per level per source on one shared
pay axis (levels.fyi spread as boxes, disputed figures marked), a component switch that follows the URL,
the shared company and level filters, the money view, and the head-count pyramid."""

import math
from functools import partial
from pathlib import Path

import pytest

from tests.helpers import plotly_figure, run_page

ROOT = Path(__file__).resolve().parent.parent


levels_page = partial(run_page, "levels")


def marks(fig: dict, company: str) -> dict[str, list[tuple[str, float]]]:
    """Legend name -> (level, amount) of one company's marks, lowest level first."""
    ladder = fig["layout"]["yaxis"]["categoryarray"]
    out: dict[str, list] = {}
    for t in fig["data"]:
        if t.get("mode") == "markers+text" and t.get("name"):
            out.setdefault(t["name"], []).extend(
                (y.removeprefix(company + " "), x)
                for y, x in zip(t["y"], t["x"], strict=True)
                if y.startswith(company + " ")
            )
    return {
        name: [(lv, x) for lv, x in sorted(points, key=lambda p: ladder.index(f"{company} {p[0]}"))]
        for name, points in out.items()
        if points
    }


def test_default_view_shows_both_ladders_joined_by_approximate_links():
    at = levels_page()
    ladder = plotly_figure(at, 0)
    links = [t for t in ladder["data"] if t.get("name") == "≈ approximate equivalence"]
    assert [(t["x"], t["y"]) for t in links] == [
        ([1, 0.5, 0], [3, 3.5, 4]),
        ([1, 0.5, 0], [4, 4.5, 5]),
        ([1, 0.5, 0], [5, 5.5, 6]),
    ]
    assert ladder["layout"]["xaxis"]["ticktext"] == ["<b>Amazon</b>", "<b>Google</b>"]
    assert any("Google L3–L5: “PM band”" in (t.get("name") or "") for t in ladder["data"])
    assert "**Amazon L9**: Not used" in at.warning[0].value and "Vice President" in at.warning[0].value


def test_total_pay_per_level_with_sources_and_small_n():
    at = levels_page()
    fig = plotly_figure(at, 1)
    amazon = marks(fig, "Amazon")
    assert amazon["levels.fyi (Kaggle) · Median"] == [("L5", 166500), ("L6", 236000), ("L7", 363000), ("L8", 650000)]
    assert amazon["Kalena Advisors · Reported figure"] == [
        ("L5", 194000),
        ("L6", 304000),
        ("L7", 444000),
        ("L8", 864000),
    ]
    assert marks(fig, "Google")["promoready.tech · Median"][0] == ("L3", 168000)
    table = at.dataframe[1].value
    l8 = table[
        (table.company == "Amazon")
        & (table.level == "L8")
        & (table.statistic == "Median")
        & (table.source_id == "levelsfyi_kaggle")
    ].iloc[0]
    assert (l8.annual_usd, l8.n, l8.low_confidence) == ("650,000", "8", "low")  # shown as text: the column has gaps
    kalena = table[(table.company == "Amazon") & (table.level == "L8") & (table.source_id == "kalena_levels")].iloc[0]
    assert (kalena.n, kalena.low_confidence) == ("not reported", "unknown")  # unknown is never shown as safe
    assert not table.n.isna().any() and not table.low_confidence.isna().any()


def test_one_median_per_level_and_source_with_the_spread_in_numbers():
    at = levels_page()
    table = at.dataframe[1].value
    assert not table.duplicated(["company", "level", "source_id"]).any()
    l6 = table[(table.company == "Amazon") & (table.level == "L6")].set_index("source_id")
    assert sorted(l6.index) == ["kalena_levels", "levelsfyi_kaggle"]
    kaggle = l6.loc["levelsfyi_kaggle"]
    assert (kaggle.statistic, kaggle.annual_usd, kaggle.n) == ("Median", "236,000", "497")
    assert (kaggle.p25_p75, kaggle.p10_p90) == ("$209,000 – $275,000", "$188,500 – $320,000")
    assert kaggle.other == "Median $235,500 (n = 496, with the percentiles)"
    medians = [t for t in plotly_figure(at, 1)["data"] if t.get("name") == "levels.fyi (Kaggle) · Median"]
    assert [y for t in medians for y in t["y"]].count("Amazon L6") == 1


def test_both_companies_share_one_pay_axis_with_spread_boxes():
    fig = plotly_figure(levels_page(), 1)
    assert [k for k in fig["layout"] if k.startswith("xaxis")] == ["xaxis"]
    assert {t.get("xaxis", "x") for t in fig["data"]} == {"x"}
    assert fig["layout"]["xaxis"]["range"] == [
        pytest.approx(math.log10(131600 / 1.25)),
        pytest.approx(math.log10(1600000 * 1.25)),
    ]
    cats = fig["layout"]["yaxis"]["categoryarray"]
    assert {"Amazon L6", "Google L5"} <= set(cats)
    boxes = [t for t in fig["data"] if t["type"] == "box"]
    l6 = next((q1, q3) for t in boxes for y, q1, q3 in zip(t["y"], t["q1"], t["q3"], strict=True) if y == "Amazon L6")
    assert l6 == (209000, 275000)
    assert sum(len(t["y"]) for t in boxes) == 10


def test_component_switch_changes_the_marks_and_the_url():
    at = levels_page()
    at.radio(key="levels_component").set_value("base").run()
    assert not at.exception
    amazon = marks(plotly_figure(at, 1), "Amazon")
    assert amazon["disputed: role not stated, contradicts other sources"] == [
        ("L7", 31000),
        ("L7", 55000),
        ("L7", 100000),
    ]
    assert amazon["Seed article (PM HQ, 2022) · Average"] == [("L10", 234000)]
    assert at.query_params["component"] == "base"


def test_link_opens_google_levels_3_to_5():
    at = levels_page(companies="Google", level_from="L3", level_to="L5", component="stock")
    assert at.radio(key="levels_component").value == "stock"
    ladder = plotly_figure(at, 0)
    rungs = [t for t in ladder["data"] if t.get("mode") == "markers+text"]
    assert [r["y"] for r in rungs] == [[3, 4, 5]]
    assert set(at.dataframe[0].value.company) == {"Google"}
    google = marks(plotly_figure(at, 1), "Google")
    assert google["levels.fyi (Kaggle) · Median"] == [("L3", 25000), ("L4", 64000), ("L5", 121500)]
    assert not any("Amazon" in s.value for s in at.subheader)


def test_headcount_pyramid_is_labelled_approximate():
    at = levels_page()
    pyramid = plotly_figure(at, 2)
    assert pyramid["data"][0]["y"] == [
        "L12: only one person",
        "L9-L10: a few hundred",
        "L8: several hundred",
        "L7: a few thousand",
        "L4-L6: few tens of thousands",
    ]
    assert any("not a count" in c.value for c in at.caption)


def test_link_picks_the_component():
    at = levels_page(component="base")
    amazon = marks(plotly_figure(at, 1), "Amazon")
    assert amazon["Seed article (PM HQ, 2022) · Average"] == [("L10", 234000)]
    assert amazon["levels.fyi (Kaggle) · Median"][0] == ("L5", 122000)
    table = at.dataframe[1].value
    seed = table[(table.source_id == "seed_001") & (table.level == "L7")]
    assert seed[["statistic", "p25_p75", "other", "flag"]].values.tolist() == [
        [
            "none reported",
            "$31,000 – $55,000",
            "Top earners $100,000",
            "disputed: role not stated, contradicts other sources",
        ]
    ]
    assert any(
        "Red marks are disputed: the Amazon L7 figures of Product Manager HQ (Josh Fechter) state no role" in c.value
        for c in at.caption
    )


def test_steps_have_no_empty_rows_and_a_lone_range_is_said_in_words():
    at = levels_page()
    assert any(
        m.value.startswith("A single reported range has no step to a neighbouring level: Amazon L10 total")
        for m in at.markdown
    )
    steps = at.dataframe[2].value
    assert not steps[["company", "from_level", "to_level", "progression", "from_n", "to_n"]].isna().any().any()
    kalena = steps[steps.source_id == "kalena_levels"]
    assert (kalena.from_n.tolist(), kalena.low_confidence.tolist()) == (["not reported"] * 3, ["unknown"] * 3)


def test_ladder_titles_show_without_literal_quotes():
    titles = set(levels_page().dataframe[0].value.title)
    assert "Senior …" in titles and "Untitled (“Product Manager”)" in titles
    assert not any(t.startswith('"') for t in titles)


def number(text: str) -> float:
    """A money cell shown as text ("236,000") as its number."""
    return float(text.replace(",", ""))


def test_money_view_today_and_in_euros():
    at = levels_page(money="today", currency="EUR")
    table = at.dataframe[1].value
    row = table[(table.source_id == "levelsfyi_kaggle") & (table.level == "L6") & (table.company == "Amazon")].iloc[0]
    assert row.annual_usd_reported == "236,000" and row.year == "2021"  # text: the column has gaps
    # Shown in whole dollars, rounded (the factor and rate are hidden columns, unrounded)
    assert number(row.annual_usd) == round(236000 * row.factor) > 236000
    assert number(row.annual_usd_eur) == round(236000 * row.factor * row.usd_rate)
    assert row.p25 == pytest.approx(209000 * row.factor)  # the spread restated by the same factor (a file column)
    kalena = table[table.source_id == "kalena_levels"].iloc[0]
    assert kalena.annual_usd == kalena.annual_usd_reported  # no year: stays as reported
    fig = plotly_figure(at, 1)
    assert fig["layout"]["xaxis"]["title"]["text"] == "Annual pay (dollars of August 2026, log scale)"
    assert any("dollars of August 2026" in c.value and "EUR" in c.value for c in at.caption)
    steps = at.dataframe[2].value
    assert {"from_usd_reported", "to_usd_reported", "from_usd_eur"} <= set(steps.columns)


def test_unknown_component_in_a_link_falls_back_to_total():
    at = levels_page(component="=cmd|calc")
    assert at.radio(key="levels_component").value == "total"
    assert any("Ignored unknown pay component" in i.value for i in at.info)


def test_no_company_with_levels_explains_itself():
    at = levels_page(companies="Market-wide")
    assert not at.get("plotly_chart")
    assert "No company levels" in at.info[0].value
