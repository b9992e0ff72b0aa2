"""The Pay mix page: levels.fyi medians as stacks with the total median beside them, the first-year
switch on each company's vesting schedule, the bonus and view toggles, links, and the seed's split."""

from functools import partial
from pathlib import Path

from tests.helpers import plotly_figure, run_page

ROOT = Path(__file__).resolve().parent.parent
# Remove when analytics.ui is fixed: see the reason.
FIRST_YEAR_STOCK = [6_600, 14_200, 33_100, 98_000, 33_000, 84_480, 160_380, 264_000, 330_000, 726_000]


open_page = partial(run_page, "pay_mix")


def traces(at) -> dict[str, dict]:
    return {t["name"]: t for t in plotly_figure(at)["data"]}


def test_default_view_stacks_the_reported_medians():
    data = traces(open_page())
    assert list(data) == ["Base salary", "Stock", "Bonus", "Reported total median"]
    assert data["Base salary"]["y"][:2] == ["Amazon L5", "Amazon L6"]
    assert data["Stock"]["x"] == [33_000, 71_000, 165_500, 490_000, 25_000, 64_000, 121_500, 200_000, 250_000, 550_000]
    assert data["Bonus"]["x"][:5] == [0, 0, 0, 0, 20_000]
    assert data["Reported total median"]["x"][1] == 236_000
    assert "n = 497 submissions" in data["Stock"]["hovertext"][1]


def test_explains_medians_sources_and_the_seed_split():
    at = open_page()
    captions = " ".join(c.value for c in at.caption)
    assert "does not add up to the reported total median" in captions
    assert "Source: Data Science and STEM Salaries (Levels_Fyi_Salary_Data.csv)" in captions
    assert [m.value for m in at.metric] == ["$148,688", "$114,494", "$34,194"]
    assert "Source: What Does an Amazon Product Manager Do? (2022)" in captions
    assert "No amount is reported, so none is added." in " ".join(m.value for m in at.markdown)


def test_first_year_link_uses_each_company_schedule():
    at = open_page(mix_basis="first_year")
    assert traces(at)["Stock (first year)"]["x"] == FIRST_YEAR_STOCK
    assert "first-year stock = stock/yr × 4 × year-1 %" in at.info[0].value
    assert "$71,000 × 4 × 5% = $14,200" in at.info[0].value
    assert at.selectbox(key="pay_mix_vesting_Google").value == "Google 33/33/22/12"


def test_switching_the_basis_changes_the_stacks_and_the_url():
    at = open_page()
    at.radio(key="pay_mix_basis").set_value("first_year").run()
    assert not at.exception, at.exception
    assert traces(at)["Stock (first year)"]["x"] == FIRST_YEAR_STOCK
    assert at.query_params["mix_basis"] == "first_year"


def test_choosing_another_google_schedule():
    at = open_page(mix_basis="first_year", companies="Google", level_from="L5", level_to="L5")
    at.selectbox(key="pay_mix_vesting_Google").set_value("Google 38/32/20/10").run()
    assert not at.exception, at.exception
    assert traces(at)["Stock (first year)"]["x"] == [184_680]
    assert at.query_params["mix_vesting"] == "Google 38/32/20/10"


def test_share_view_and_mean_bonus():
    at = open_page(companies="Amazon", level_from="L6", level_to="L6")
    at.radio(key="pay_mix_bonus").set_value("mean").run()
    at.radio(key="pay_mix_view").set_value("share").run()
    assert not at.exception, at.exception
    data = traces(at)
    assert "Reported total median" not in data
    total = 147_000 + 71_000 + 19_809
    assert [data[p]["x"][0] for p in ("Base salary", "Stock", "Bonus")] == [
        100 * 147_000 / total,
        100 * 71_000 / total,
        100 * 19_809 / total,
    ]
    assert at.query_params["mix_view"] == "share" and at.query_params["mix_bonus"] == "mean"


def test_companies_without_levels_fyi_figures_explain_themselves():
    at = open_page(companies="Market-wide")
    assert not at.get("plotly_chart")
    assert "No levels.fyi pay medians" in at.info[0].value


def test_unknown_schedule_in_a_link_is_ignored_with_a_notice():
    at = open_page(mix_basis="first_year", mix_vesting="Google 99/1/0/0")
    assert any("Ignored unknown vesting schedule" in i.value for i in at.info)
    assert traces(at)["Stock (first year)"]["x"] == FIRST_YEAR_STOCK


def test_total_marker_sits_above_its_stack_not_on_the_part_labels():
    fig = plotly_figure(open_page())
    data = {t["name"]: t for t in fig["data"]}
    diamond, n = data["Reported total median"], len(data["Base salary"]["y"])
    assert diamond["yaxis"] == "y2"
    assert fig["layout"]["yaxis2"]["range"] == fig["layout"]["yaxis"]["range"] == [-0.5, n - 0.5]
    # Row i of the stacks sits at n - 1 - i on the category axis (top row first); the marker is above it.
    assert {data[part]["width"] for part in ("Base salary", "Stock", "Bonus")} == {0.5}
    width = 0.5
    half_marker = 0.12  # an 11 px diamond in a row of at least 45 px
    for i, y in enumerate(diamond["y"]):
        assert y - (n - 1 - i) - half_marker > width / 2  # clear of the bar, so of its labels
        assert y - (n - 1 - i) + half_marker < 1 - width / 2  # below the next stack up
    google_l7 = data["Base salary"]["y"].index("Google L7")
    assert diamond["x"][google_l7] == 525_000


def test_money_view_restates_the_medians_with_their_year():
    at = open_page(money="today", currency="EUR")
    table = at.dataframe[0].value.set_index(["company", "level"])
    l6 = table.loc[("Amazon", "L6")]
    assert (l6.year, l6.total_median_reported, l6.base_median_reported) == (2021, 236_000, 147_000)
    assert l6.total_median == round(236_000 * l6.factor)  # the table shows whole dollars, rounded
    assert l6.factor > 1 and l6.total_median_eur > 0
    data = traces(at)
    assert data["Reported total median"]["x"][1] == 236_000 * l6.factor  # the chart shows the restated amounts
    assert any("in dollars of" in c.value and "ECB reference rate" in c.value for c in at.caption)
