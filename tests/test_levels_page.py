"""The Levels page: both ladders with their approximate links, pay per level per source, a component
switch that follows the URL, the shared company and level filters, and the head-count pyramid."""

from functools import partial
from pathlib import Path

from tests.conftest import plotly_figure, run_page

ROOT = Path(__file__).resolve().parent.parent


levels_page = partial(run_page, "levels")


def marks(fig: dict) -> dict[str, list[tuple[str, float]]]:
    """Legend name -> (level, amount) of every mark, lowest level first (small samples are own traces)."""
    ladder = fig["layout"]["yaxis"]["categoryarray"]
    out: dict[str, list] = {}
    for t in fig["data"]:
        if t.get("mode") == "markers+text" and t.get("name"):
            out.setdefault(t["name"], []).extend(zip(t["y"], t["x"], strict=True))
    return {name: sorted(points, key=lambda p: ladder.index(p[0])) for name, points in out.items()}


def test_default_view_shows_both_ladders_joined_by_approximate_links():
    at = levels_page()
    ladder = plotly_figure(at, 0)
    links = [t for t in ladder["data"] if t.get("name") == "≈ approximate equivalence"]
    assert [(t["x"], t["y"]) for t in links] == [
        ([1, 0.5, 0], [3, 3.5, 4]), ([1, 0.5, 0], [4, 4.5, 5]), ([1, 0.5, 0], [5, 5.5, 6])]
    assert ladder["layout"]["xaxis"]["ticktext"] == ["<b>Amazon</b>", "<b>Google</b>"]
    assert any("Google L3–L5: “PM band”" in (t.get("name") or "") for t in ladder["data"])
    assert "**Amazon L9**: Not used" in at.warning[0].value and "Vice President" in at.warning[0].value


def test_total_pay_per_level_with_sources_and_small_n():
    at = levels_page()
    amazon = marks(plotly_figure(at, 1))
    assert amazon["levels.fyi (Kaggle) · Median"] == [("L5", 166500), ("L6", 236000), ("L7", 363000),
                                                       ("L8", 650000)]
    assert amazon["Kalena Advisors · Reported figure"] == [("L5", 194000), ("L6", 304000), ("L7", 444000),
                                                          ("L8", 864000)]
    google = marks(plotly_figure(at, 2))
    assert google["promoready.tech · Median"][0] == ("L3", 168000)
    table = at.dataframe[1].value
    l8 = table[(table.company == "Amazon") & (table.level == "L8") & (table.statistic == "Median")].iloc[0]
    assert (l8.annual_usd, l8.sample_size, bool(l8.low_confidence)) == (650000, 8, True)


def test_component_switch_changes_the_marks_and_the_url():
    at = levels_page()
    at.radio(key="levels_component").set_value("base").run()
    assert not at.exception
    amazon = marks(plotly_figure(at, 1))
    assert amazon["Seed article (PM HQ, 2022) · 25th percentile"] == [("L7", 31000)]
    assert amazon["Seed article (PM HQ, 2022) · Average"] == [("L10", 234000)]
    assert at.query_params["component"] == "base"


def test_link_opens_google_levels_3_to_5():
    at = levels_page(companies="Google", level_from="L3", level_to="L5", component="stock")
    assert at.radio(key="levels_component").value == "stock"
    ladder = plotly_figure(at, 0)
    rungs = [t for t in ladder["data"] if t.get("mode") == "markers+text"]
    assert [r["y"] for r in rungs] == [[3, 4, 5]]
    assert set(at.dataframe[0].value.company) == {"Google"}
    google = marks(plotly_figure(at, 1))
    assert google["levels.fyi (Kaggle) · Median"] == [("L3", 25000), ("L4", 64000), ("L5", 121500)]
    assert not any("Amazon" in s.value for s in at.subheader)


def test_headcount_pyramid_is_labelled_approximate():
    at = levels_page()
    pyramid = plotly_figure(at, 3)
    assert pyramid["data"][0]["y"] == ["L12: only one person", "L9-L10: a few hundred", "L8: several hundred",
                                       "L7: a few thousand", "L4-L6: few tens of thousands"]
    assert any("not a count" in c.value for c in at.caption)


def test_link_picks_the_component():
    at = levels_page(component="base")
    amazon = marks(plotly_figure(at, 1))
    assert amazon["Seed article (PM HQ, 2022) · 25th percentile"] == [("L7", 31000)]
    assert amazon["Seed article (PM HQ, 2022) · 75th percentile"] == [("L7", 55000)]
    assert amazon["Seed article (PM HQ, 2022) · Top earners"] == [("L7", 100000)]
    assert amazon["Seed article (PM HQ, 2022) · Average"] == [("L10", 234000)]
    assert amazon["levels.fyi (Kaggle) · Median"][0] == ("L5", 122000)


def test_unknown_component_in_a_link_falls_back_to_total():
    at = levels_page(component="=cmd|calc")
    assert at.radio(key="levels_component").value == "total"
    assert any("Ignored unknown pay component" in i.value for i in at.info)


def test_no_company_with_levels_explains_itself():
    at = levels_page(companies="Market-wide")
    assert not at.get("plotly_chart")
    assert "No company levels" in at.info[0].value
