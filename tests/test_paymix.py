"""The pay-mix and career-path library: queries, the first-year stock maths and the chart builders,
checked against exact figures from the sources (levels.fyi medians, vesting schedules, seed paths)."""

import math

import pytest

from analytics.careers.charts import NO_PAY_TEXT, career_path_sankey, role_pay_text
from analytics.careers.queries import career_path_links
from analytics.db import records
from analytics.levels.queries import companies
from analytics.paymix.charts import pay_mix_chart
from analytics.paymix.queries import level_pay_mix, sign_on_practices, vesting_schedule_table
from analytics.paymix.tables import default_schedules, first_year_stock, pay_mix_shown, schedule_options
from analytics.plot import role_color
from analytics.roles.queries import role_names, role_ranges

ALL_LEVELS = ["L3", "L4", "L5", "L6", "L7", "L8"]


@pytest.fixture(scope="module")
def schedules(con):
    return vesting_schedule_table(con, ["Amazon", "Google"])


def test_first_year_stock_is_stock_per_year_times_four_times_year_one_percent():
    assert first_year_stock(71_000, 5) == 14_200  # Amazon L6 on 5/15/40/40
    assert first_year_stock(121_500, 33) == 160_380  # Google L5 on 33/33/22/12
    assert first_year_stock(121_500, 38) == 184_680  # Google L5 on 38/32/20/10
    assert first_year_stock(121_500, 25) == 121_500  # an even schedule gives the yearly average back


def test_level_pay_mix_holds_the_levels_fyi_medians(con):
    mix = level_pay_mix(con, ["Amazon", "Google", "Market-wide"], ALL_LEVELS)
    amazon = [("Amazon", level) for level in ("L5", "L6", "L7", "L8")]
    assert list(zip(mix.company, mix.level, strict=True)) == amazon + [("Google", lv) for lv in ALL_LEVELS]
    l6 = mix.set_index(["company", "level"]).loc[("Amazon", "L6")]
    columns = ["total_median", "base_median", "stock_median", "bonus_median", "bonus_mean", "sample_size"]
    assert l6[columns].tolist() == [236_000, 147_000, 71_000, 0, 19_809, 497]
    assert l6.source_id == "levelsfyi_kaggle" and l6.as_of == "2017-06/2021-08"


def test_level_pay_mix_follows_companies_and_levels(con):
    mix = level_pay_mix(con, ["Google"], ["L5", "L6"])
    assert mix[["level", "stock_median", "bonus_mean"]].values.tolist() == [
        ["L5", 121_500, 29_495],
        ["L6", 200_000, 45_137],
    ]
    assert level_pay_mix(con, ["Market-wide"], ALL_LEVELS).empty


def test_vesting_schedules_and_defaults(schedules):
    rows = schedules.set_index("schedule")
    assert rows.loc["Amazon 5/15/40/40", ["year_1", "year_2", "year_3", "year_4"]].tolist() == [5, 15, 40, 40]
    assert rows.loc["Google 38/32/20/10", "source_ids"] == "levelsfyi_cofounder_2024"
    assert default_schedules(schedules) == {"Amazon": "Amazon 5/15/40/40", "Google": "Google 33/33/22/12"}
    assert schedule_options(schedules, "Google") == [
        "Google 33/33/22/12",
        "Google 25/25/25/25 (earlier)",
        "Google 38/32/20/10",
    ]


def test_sign_on_practices_give_no_amount_for_amazon(con):
    practices = sign_on_practices(con, ["Amazon", "Google"]).set_index("company")
    assert math.isnan(practices.loc["Amazon", "amount_usd"])
    assert practices.loc["Amazon", "source_ids"] == "seed_001;teamrora_amazon"
    assert practices.loc["Google", "amount_usd"] == 50_000


def test_pay_mix_shown_first_year(con, schedules):
    mix = level_pay_mix(con, ["Amazon", "Google"], ALL_LEVELS)
    shown = pay_mix_shown(mix, schedules, default_schedules(schedules), "first_year", "median")
    assert shown["stock_shown"].tolist() == [
        6_600,
        14_200,
        33_100,
        98_000,
        33_000,
        84_480,
        160_380,
        264_000,
        330_000,
        726_000,
    ]
    l6 = shown.iloc[1]
    assert (l6.sum_shown, l6.total_median, l6.vesting_schedule) == (161_200, 236_000, "Amazon 5/15/40/40")
    assert l6.base_share + l6.stock_share + l6.bonus_share == pytest.approx(100)
    assert l6.stock_share == pytest.approx(100 * 14_200 / 161_200)
    assert shown.loc[shown.low_confidence, "level"].tolist() == ["L8", "L3", "L7", "L8"]


def test_pay_mix_shown_average_with_mean_bonus_and_another_schedule(con, schedules):
    mix = level_pay_mix(con, ["Amazon", "Google"], ["L5"])
    chosen = {"Amazon": "Amazon 5/15/40/40", "Google": "Google 38/32/20/10"}
    average = pay_mix_shown(mix, schedules, chosen, "average", "mean")
    assert average[["stock_shown", "bonus_shown", "sum_shown"]].values.tolist() == [
        [33_000, 9_276, 164_276],
        [121_500, 29_495, 325_995],
    ]
    first = pay_mix_shown(mix, schedules, chosen, "first_year", "mean")
    assert first["stock_shown"].tolist() == [6_600, 184_680]


def test_pay_mix_chart_marks_the_total_median_only_by_amount(con, schedules):
    shown = pay_mix_shown(level_pay_mix(con, ["Amazon"], ["L6"]), schedules, default_schedules(schedules))
    amount = pay_mix_chart(shown, "amount")
    assert [t.name for t in amount.data] == ["Base salary", "Stock", "Bonus", "Reported total median"]
    assert list(amount.data[3].x) == [236_000]
    assert "n = 497" in amount.data[3].hovertext[0]
    share = pay_mix_chart(shown, "share")
    assert [t.name for t in share.data] == ["Base salary", "Stock", "Bonus"]
    assert list(share.data[0].x) == [pytest.approx(100 * 147_000 / 218_000)]
    assert "Source: Data Science and STEM Salaries" in share.data[1].hovertext[0]


def test_career_path_links(con):
    paths = career_path_links(con)
    assert len(paths) == 12 and set(paths.source_id) == {"seed_000"}
    assert paths.iloc[0][["from_role", "to_role"]].tolist() == [
        "Product Coordinator",
        "Assistant/Associate Product Manager",
    ]
    assert paths.iloc[-1][["from_role", "to_role"]].tolist() == ["Director of Product", "VP of Product"]
    assert paths.source_title.iloc[0].startswith("Product Coordinator vs Assistant Product Manager")


def test_role_pay_text_lists_market_wide_first(con):
    ranges = records(role_ranges(con, role_names(con), companies(con)))
    seed_001 = "Source: What Does an Amazon Product Manager Do? (2022)"
    assert role_pay_text(ranges, "Product Manager") == (
        f"Market-wide: $61,000 – $200,000 a year (base)<br>{seed_001}<br>"
        f"Amazon: $57,500 – $205,000 a year (base)<br>{seed_001}"
    )
    assert role_pay_text(ranges, "VP of Product") == NO_PAY_TEXT == "no pay figure in the sources"


def test_career_path_sankey_links_are_paths_and_chosen_roles_stand_out(con):
    paths = career_path_links(con)
    ranges = role_ranges(con, role_names(con), companies(con))
    sankey = career_path_sankey(paths, ranges, ["VP of Product"]).data[0]
    assert list(sankey.link.value) == [1] * 12
    roles = [text[3 : text.index("</b>")] for text in sankey.node.customdata]  # each hover opens with the role
    hover = dict(zip(roles, sankey.node.customdata, strict=True))
    assert "$50,000 – $80,000" in hover["Product Coordinator"]
    assert hover["VP of Product"].endswith("Reported base pay: no base salary figure in the sources")
    labels = dict(zip(roles, sankey.node.label, strict=True))
    assert labels["Product Coordinator"] == "<b>Product<br>Coordinator</b><br>$50K–$80K base"
    colors = dict(zip(roles, sankey.node.color, strict=True))
    assert colors["VP of Product"] == role_color("VP of Product")
    assert colors["Product Manager"].startswith("rgba(")
    lit = [c for c in sankey.link.color if not c.startswith("rgba(140")]
    assert len(lit) == 1  # Director of Product → VP of Product
    assert "Source: Product Coordinator vs Assistant Product Manager" in sankey.link.customdata[0]
