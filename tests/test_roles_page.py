"""The Roles page: range bars per chosen role, the seed's role profiles side by side, range statistics,
where a pay sits in a range, and the links that reopen each view; plus the two role queries it uses."""

from functools import partial
from pathlib import Path

import pytest

from analytics.roles.queries import role_details, role_profiles
from tests.conftest import plotly_figure, run_page

ROOT = Path(__file__).resolve().parent.parent
PC, APM = "Product Coordinator", "Assistant/Associate Product Manager"


roles_page = partial(run_page, "roles")


def bars(at) -> dict[str, tuple[float, float]]:
    return {t["y"][i].split("<br><b>")[0].replace("<br>", " "): (t["base"][i], t["base"][i] + t["x"][i])
            for t in plotly_figure(at)["data"] if t["type"] == "bar" for i in range(len(t["y"]))}


def test_default_chart_has_every_range_and_amazons_average():
    at = roles_page()
    assert bars(at) == {PC: (50000, 80000), APM: (70000, 110000), "Product Manager": (61000, 200000),
                        "Product Manager · Amazon": (57500, 205000)}
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
        "Core responsibilities", "Decision-making dynamics", "Financial and career considerations",
        "Responsibilities and impact", "Influence and visibility"]
    core = at.dataframe[0].value
    assert list(core.columns) == ["aspect", PC, APM]
    assert core.iloc[0].tolist() == ["Primary Role", "Manages team logistics", "Owns small product areas"]
    money = at.dataframe[2].value.set_index("aspect")
    assert money.loc["Salary Range"].tolist() == ["$50,000–$80,000 USD", "$70,000–$110,000 USD"]


def test_range_statistics_in_seniority_order():
    at = roles_page(roles=[APM, PC], companies="Market-wide")
    stats = at.dataframe[-1].value
    assert list(stats.label) == [f"{PC} (base)", f"{APM} (base)"]
    apm = stats.iloc[1]
    assert (apm.min_usd, apm.max_usd, apm.midpoint) == (70000, 110000, 90000)
    assert apm.progression == pytest.approx((90000 - 65000) / 65000)
    assert apm.overlap_with_previous == pytest.approx((80000 - 70000) / (110000 - 70000))
    assert any("Overlap variant: share of the higher range" in c.value for c in at.caption)


def test_where_a_pay_sits_follows_the_widgets_and_the_url():
    at = roles_page()
    at.number_input(key="roles_pay").set_value(95000).run()
    at.selectbox(key="roles_range").set_value("Product Manager · Amazon (base)").run()
    assert not at.exception
    assert [(m.label, m.value) for m in at.metric] == [
        ("Compa-ratio", "0.72"), ("Range penetration", "25%"), ("Position", "in the lower half")]
    assert "outside the usual 0.90–1.10 band" in at.caption[-1].value
    assert at.query_params["pay"] == "95000"
    assert at.query_params["range"] == "Product Manager · Amazon (base)"


def test_link_reopens_a_pay_position():
    at = roles_page(pay="72000", range=f"{PC} (base)")
    assert [m.value for m in at.metric] == ["1.11", "73%", "in the upper half"]
    assert at.caption[-1].value.startswith(
        "$72,000 against Product Coordinator (base): $50,000 – $80,000, midpoint $65,000 (derived)")


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
    assert list(rows.loc[PC, "next_steps"]) == [APM, "Customer Success", "Marketing Operations",
                                                "Product Operations", "Program Manager", "UX Research"]
    assert rows.loc[PC, "track"] == "operations"
    assert list(rows.loc["VP of Product", "next_steps"]) == []
