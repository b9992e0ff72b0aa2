"""The Roles page: range bars per chosen role, the seed's role profiles side by side, range statistics,
where a pay sits in a range, and the links that reopen each view; plus the two role queries it uses."""

import json
from functools import partial
from itertools import combinations
from pathlib import Path

import pytest

from analytics.format import MARKET
from analytics.levels.queries import companies
from analytics.metrics import YEARLY_PAY
from analytics.roles.queries import role_details, role_profiles, role_ranges, roles_with_pay, titled_level_figures
from analytics.roles.tables import (
    PAY_PROMPT,
    chosen_range,
    labelled_ranges,
    next_steps_text,
    no_profile_note,
    no_range_note,
    pay_refusal,
    profile_tables,
    profiled_roles,
    range_statistics,
    roles_without_range,
    sources_text,
    titled_heading,
)
from tests.helpers import plotly_figure, run_page

ROOT = Path(__file__).resolve().parent.parent
PC, APM = "Product Coordinator", "Assistant/Associate Product Manager"


roles_page = partial(run_page, "roles")


def bars(at) -> dict[str, tuple[float, float]]:
    return {
        t["y"][i].split("<br><b>")[0].replace("<br>", " "): (t["base"][i], t["base"][i] + t["x"][i])
        for t in plotly_figure(at)["data"]
        if t["type"] == "bar"
        for i in range(len(t["y"]))
    }


def test_default_chart_has_every_range_and_amazons_average():
    at = roles_page()
    assert bars(at) == {
        PC: (50000, 80000),
        APM: (70000, 110000),
        "Product Manager": (61000, 200000),
        "Product Manager · Amazon": (57500, 205000),
    }
    reported = next(t for t in plotly_figure(at)["data"] if t.get("name") == "Reported figure")
    assert 148688 in reported["x"]
    assert any("Average total: $148,688" in h for h in reported["hovertext"])


def test_choosing_roles_changes_the_chart_and_says_what_has_no_profile():
    at = roles_page()
    at.multiselect(key="filters_roles").set_value([PC, "Senior Product Manager"]).run()
    assert not at.exception
    assert bars(at) == {PC: (50000, 80000)}
    assert "No role profile in the sources for Senior Product Manager" in at.info[0].value
    assert at.query_params["roles"] == [PC, "Senior Product Manager"]


def test_profiles_side_by_side_in_the_five_comparisons():
    at = roles_page(roles=[PC, APM])
    assert [t.label for t in at.tabs] == [
        "Core responsibilities",
        "Decision-making dynamics",
        "Financial and career considerations",
        "Responsibilities and impact",
        "Influence and visibility",
    ]
    core = at.dataframe[0].value
    assert list(core.columns) == ["aspect", PC, APM]
    assert core.iloc[0].tolist() == ["Primary Role", "Manages team logistics", "Owns small product areas"]
    assert at.dataframe[1].value.columns[0] != "aspect"  # only the open tab is drawn
    at.session_state["_state"]["roles"]["comparison"] = "Financial and career considerations"  # as a click would
    at.run()
    money = at.dataframe[0].value.set_index("aspect")
    assert money.loc["Salary Range"].tolist() == ["$50,000–$80,000 USD", "$70,000–$110,000 USD"]
    keys = [b.key for b in at.get("download_button")]
    assert "roles_profile_2_csv" in keys and "roles_profile_0_csv" not in keys


def test_range_statistics_in_seniority_order():
    at = roles_page(roles=[APM, PC], companies="Market-wide")
    stats = at.dataframe[-1].value
    assert list(stats.label) == [f"{PC} (base)", f"{APM} (base)"]
    apm = stats.iloc[1]
    assert (apm.min_usd, apm.max_usd, apm.midpoint) == (70000, 110000, 90000)
    assert (apm.progression, apm.overlap_with_previous, apm.compared_with) == ("38.5%", "25.0%", f"{PC} (base)")
    assert (stats.iloc[0].progression, stats.iloc[0].year) == ("", "not stated")
    assert any("Overlap variant: share of the higher range" in c.value for c in at.caption)


def test_where_a_pay_sits_follows_the_widgets_and_the_url():
    at = roles_page()
    at.number_input(key="roles_pay").set_value(95000).run()
    at.selectbox(key="roles_range").set_value("Product Manager · Amazon (base)").run()
    assert not at.exception
    assert [(m.label, m.value) for m in at.metric] == [
        ("Compa-ratio", "0.72"),
        ("Range penetration", "25%"),
        ("Position", "in the lower half"),
    ]
    assert at.caption[-1].value.endswith(
        "The compa-ratio, the pay ÷ the range's midpoint (1.00 is at the midpoint, below 1.00 under it), is outside "
        "the usual 0.90–1.10 band that pay-band guides use."
    )
    assert at.query_params["pay"] == "95000"
    assert at.query_params["range"] == "Product Manager · Amazon (base)"


def test_link_reopens_a_pay_position():
    at = roles_page(pay="72000", range=f"{PC} (base)")
    assert [m.value for m in at.metric] == ["1.11", "73%", "in the upper half"]
    assert at.caption[-1].value.startswith(
        "$72,000 against Product Coordinator (base): $50,000 – $80,000, midpoint $65,000 (derived)"
    )


def test_empty_selection_explains_itself():
    at = roles_page()
    at.multiselect(key="filters_roles").set_value([]).run()
    assert not at.get("plotly_chart")
    assert "No roles chosen for this selection" in at.info[0].value


def test_role_profiles_keep_the_articles_order(con):
    rows = role_profiles(con, [APM])
    assert list(dict.fromkeys(rows.comparison))[0] == "Core responsibilities"
    assert len(rows) == 28 and set(rows.source_id) == {"seed_000"}
    assert role_profiles(con, ["Product Manager"]).empty


def test_role_details_list_next_steps_by_seniority(con):
    rows = role_details(con, [PC, "VP of Product"]).set_index("role")
    assert list(rows.loc[PC, "next_steps"]) == [
        APM,
        "Customer Success",
        "Marketing Operations",
        "Product Operations",
        "Program Manager",
        "UX Research",
    ]
    assert rows.loc[PC, "track"] == "operations"
    assert list(rows.loc["VP of Product", "next_steps"]) == []


def _subsets(items):
    return [list(c) for n in range(1, len(items) + 1) for c in combinations(items, n)]


def test_progression_and_overlap_never_pair_a_role_with_itself(con):
    """Over every combination of the filters' default roles and companies: pairs only within one group."""
    roles, firms = roles_with_pay(con), companies(con)
    assert len(roles) >= 3 and MARKET in firms
    paired = 0
    for chosen_roles in _subsets(roles):
        for chosen_firms in _subsets(firms):
            stats = range_statistics(labelled_ranges(role_ranges(con, chosen_roles, chosen_firms)))
            by_label = stats.set_index("label")
            for row in stats[stats["progression"].notna() | stats["overlap_with_previous"].notna()].itertuples():
                below = by_label.loc[row.compared_with]
                assert below.role != row.role, row.label
                assert (below.company, below.source_id, below.component) == (row.company, row.source_id, row.component)
                paired += 1
            amazon = stats[stats["label"] == "Product Manager · Amazon (base)"]
            assert amazon["progression"].isna().all() and amazon["overlap_with_previous"].isna().all()
    assert paired > 0


def test_progression_and_overlap_exact_for_coordinator_to_apm(con):
    stats = range_statistics(labelled_ranges(role_ranges(con, [PC, APM, "Product Manager"], [MARKET, "Amazon"])))
    apm = stats.set_index("label").loc[f"{APM} (base)"]
    assert apm.progression == (90000 - 65000) / 65000  # midpoints 65,000 -> 90,000 (seed_000)
    assert apm.overlap_with_previous == (80000 - 70000) / (110000 - 70000)
    assert apm.compared_with == f"{PC} (base)"
    # Product Manager comes from another source (seed_001), so nothing is compared with it.
    assert (
        stats.set_index("label")
        .loc[["Product Manager (base)", "Product Manager · Amazon (base)"], "progression"]
        .isna()
        .all()
    )


def test_senior_pm_shows_the_company_figures_of_its_titled_levels(con):
    rows = titled_level_figures(con, ["Senior Product Manager"])
    amazon = rows[(rows.company == "Amazon") & (rows.level == "L6") & (rows.source_id == "levelsfyi_kaggle")]
    assert sorted(zip(amazon.component, amazon.annual_usd, amazon.sample_size, strict=True)) == [
        ("base", 147000, 497),
        ("total", 236000, 497),
    ]
    assert set(zip(rows.company, rows.level, strict=True)) == {("Amazon", "L6"), ("Google", "L5"), ("Google", "L7")}
    assert titled_level_figures(con, ["Product Manager"]).empty  # it has a market-wide range
    at = roles_page(roles=["Senior Product Manager"])
    table = at.dataframe[0].value
    amazon = table[table["where"] == "Amazon L6"]
    assert set(amazon.level_title) == {"Senior Product Manager"} and 147000 in set(amazon.annual_usd)
    assert any("No market-wide figure for Senior Product Manager" in m.value for m in at.markdown)


@pytest.mark.parametrize("typed", [1e308, 1e15, 10_000_001.0, -1.0, 0.0, float("inf"), float("nan")])
def test_pay_outside_its_range_is_refused_without_an_error(typed):
    at = roles_page(pay="95000")
    assert at.metric
    at.number_input(key="roles_pay").set_value(typed).run()
    assert not at.exception
    assert not at.metric and at.number_input(key="roles_pay").value is None
    assert "pay" not in at.query_params
    assert "Enter an annual pay" in at.caption[-1].value


@pytest.mark.parametrize(
    "pay, problem",
    [
        (1e308, "Annual pay must be from $1 to $10,000,000; it is above that."),
        (0.0, "Annual pay must be from $1 to $10,000,000; it is below that."),
        (-1.0, "Annual pay must be from $1 to $10,000,000; it is below that."),
        (10_000_000.0, None),
        (1.0, None),
        (None, None),  # blank is not refused: the page asks for a pay (PAY_PROMPT)
        (float("nan"), None),
    ],
)
def test_pay_refusal_names_the_range(pay, problem):
    assert pay_refusal(pay) == problem


def test_a_blank_pay_is_asked_for():
    assert PAY_PROMPT == (  # both measures said in words where they are first named
        "Enter an annual pay to see its compa-ratio (the pay ÷ the range's midpoint) and range penetration (where "
        "it sits between the range's minimum and maximum)."
    )
    at = roles_page()
    assert PAY_PROMPT in [c.value for c in at.caption]


def test_the_statistics_table_spells_its_headers_out():
    at = roles_page()
    labels = [c.get("label") or "" for d in at.dataframe for c in json.loads(d.proto.columns).values()]
    assert "Progression (%)" in labels and not any(label.startswith("Progr.") for label in labels)


def test_pay_range_is_stated_on_the_input():
    at = roles_page()
    pay = at.number_input(key="roles_pay")
    assert (pay.min, pay.max, pay.value) == (YEARLY_PAY.low, YEARLY_PAY.high, None) == (1.0, 10_000_000, None)
    assert "$1 to" in pay.help.replace("\\", "") and "blank" in pay.help


def test_blank_pay_is_missing_not_zero():
    at = roles_page(pay="95000")
    at.number_input(key="roles_pay").set_value(None).run()
    assert not at.metric and "Enter an annual pay" in at.caption[-1].value
    assert "pay" not in at.query_params


@pytest.mark.parametrize("link", ["1e308", "1e15", "-1", "0", "inf", "nan", "abc"])
def test_link_with_a_pay_outside_the_range_is_ignored(link):
    at = roles_page(pay=link)
    assert not at.metric
    assert any("Ignored pay in the link" in i.value for i in at.info)


def test_penetration_at_the_tails_is_words():
    at = roles_page(pay="10000000", range=f"{PC} (base)")
    assert [m.value for m in at.metric] == ["153.85", "above the maximum", "above the range"]
    at = roles_page(pay="1", range=f"{PC} (base)")
    assert [m.value for m in at.metric][1] == "below the minimum"


def test_money_view_on_restates_ranges_and_statistics():
    at = roles_page(money="today", currency="EUR", roles=[PC, APM, "Product Manager", "Senior Product Manager"])
    stats = at.dataframe[-1].value.set_index("label")
    pm = stats.loc["Product Manager (base)"]
    assert pm.min_usd_reported == 61000 and pm.min_usd > 61000 and "min_usd_eur" in stats.columns
    assert stats.loc[f"{APM} (base)", "progression"] == "38.5%"  # no year: as reported, same statistics
    titled = at.dataframe[0].value
    assert {"annual_usd_reported", "annual_usd_eur"} <= set(titled.columns)


def test_roles_without_a_range_are_named_with_their_titled_levels(con):
    chosen = [PC, "Senior Product Manager", "Group Product Manager"]
    without = roles_without_range(chosen, role_ranges(con, chosen, [MARKET]))
    assert without == ["Senior Product Manager", "Group Product Manager"]
    assert no_range_note(without) == (
        "No reported min–max range for this selection: Senior Product Manager, Group Product Manager. "
        "Pay reported per company level is on the **Levels** page."
    )
    assert titled_heading(titled_level_figures(con, without)) == (
        "**No market-wide figure for Group Product Manager, Senior Product Manager: company figures for the "
        "levels that carry that title**"
    )


def test_role_cards_name_next_steps_and_each_source_once(con):
    cards = role_details(con, [PC, "Product Manager", "VP of Product"]).set_index("role")
    seed = "Product Coordinator vs Assistant Product Manager: Key Differences in Responsibilities and Career Trajectory"
    assert next_steps_text(cards.loc[PC, "next_steps"]) == (
        f"{APM} · Customer Success · Marketing Operations · Product Operations · Program Manager · UX Research"
    )
    assert next_steps_text(cards.loc["VP of Product", "next_steps"]) == "none named"
    assert [
        sources_text(cards.loc[r, "source_title"], cards.loc[r, "next_steps_source_titles"]) for r in cards.index
    ] == [
        f"Source: {seed}",
        f"Sources: What Does an Amazon Product Manager Do? (2022); {seed}",
        f"Source: {seed}",
    ]


def test_profiles_side_by_side_in_chosen_order(con):
    profiles = role_profiles(con, [PC, APM, "Product Manager"])
    assert profiled_roles([APM, "Product Manager", PC], profiles) == ([APM, PC], ["Product Manager"])
    assert no_profile_note(["Product Manager"]) == (
        "No role profile in the sources for Product Manager: the seed article compares only "
        "Product Coordinator and Assistant/Associate Product Manager."
    )
    tables = profile_tables(profiles, [APM, PC])
    assert list(tables) == [
        "Core responsibilities",
        "Decision-making dynamics",
        "Financial and career considerations",
        "Responsibilities and impact",
        "Influence and visibility",
    ]
    core, source = tables["Core responsibilities"]
    assert list(core.columns) == ["aspect", APM, PC]
    assert core.iloc[0].tolist() == ["Primary Role", "Owns small product areas", "Manages team logistics"]
    assert source.startswith("Product Coordinator vs Assistant Product Manager")


def test_the_chosen_range_falls_back_to_the_first_shown():
    shown = [f"{PC} (base)", f"{APM} (base)"]
    assert chosen_range(f"{APM} (base)", shown) == f"{APM} (base)"
    assert chosen_range("Product Manager · Amazon (base)", shown) == f"{PC} (base)"
