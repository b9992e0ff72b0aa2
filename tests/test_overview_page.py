"""The Overview page: headline figures with their sources, and a role-range chart that follows the filters."""

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.helpers import plotly_figure, run_page

ROOT = Path(__file__).resolve().parent.parent


def bars(at) -> dict[str, tuple[float, float]]:
    """Bar label (role and company, without the range line) -> (min, max)."""
    return {
        t["y"][i].split("<br><b>")[0].replace("<br>", " "): (t["base"][i], t["base"][i] + t["x"][i])
        for t in plotly_figure(at)["data"]
        if t["type"] == "bar"
        for i in range(len(t["y"]))
    }


def test_headline_figures_name_their_source():
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30).run()
    assert not at.exception
    assert [m.value for m in at.metric] == ["$148,688", "$50K – $80K", "$70K – $110K", "$115,959"]
    source = "Source: What Does an Amazon Product Manager Do? (2022), Product Manager HQ (Josh Fechter)"
    assert source in at.caption[1].value


def test_chart_shows_every_role_with_a_range_by_default():
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30).run()
    assert bars(at) == {
        "Product Coordinator": (50000, 80000),
        "Assistant/Associate Product Manager": (70000, 110000),
        "Product Manager": (61000, 200000),
        "Product Manager · Amazon": (57500, 205000),
    }


def test_filters_change_the_chart_and_the_url():
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30).run()
    at.multiselect(key="filters_companies").set_value(["Amazon"]).run()
    assert bars(at) == {"Product Manager · Amazon": (57500, 205000)}
    assert at.query_params["companies"] == "Amazon"


def test_link_opens_the_same_view():
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    at.query_params["roles"] = ["Product Coordinator", "Product Manager"]
    at.query_params["companies"] = "Market-wide"
    at.run()
    assert bars(at) == {"Product Coordinator": (50000, 80000), "Product Manager": (61000, 200000)}


def test_empty_selection_explains_itself():
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30).run()
    at.multiselect(key="filters_roles").set_value([]).run()
    assert not at.get("plotly_chart")
    assert "No reported pay ranges for this selection" in at.info[0].value


def test_cards_give_a_date_and_sample_size_and_the_derived_average_reads_as_a_subtraction():
    at = run_page("overview")
    captions = [c.value for c in at.caption]
    assert captions[1].startswith(
        "Base $114,494 + bonus $34,194. 2022 figure; article published 2022-09-18, sample size not reported. Source:"
    )
    assert captions[2].startswith("US, base salary; undated article, sample size not reported. Source:")
    assert captions[4].startswith("Derived: Amazon average $148,688 minus the gap of $32,729 the article gives")
    assert not any("148,688 – 32,729" in c or "148,688 − 32,729" in c for c in captions)


def test_table_puts_role_range_and_year_first_and_never_says_none():
    at = run_page("overview")
    table = at.dataframe[0].value
    assert table[["label", "range_text", "year"]].values.tolist() == [
        ["Product Coordinator (base)", "$50,000 – $80,000", "not stated"],
        ["Assistant/Associate Product Manager (base)", "$70,000 – $110,000", "not stated"],
        ["Product Manager (base)", "$61,000 – $200,000", "2022"],
        ["Product Manager · Amazon (base)", "$57,500 – $205,000", "2022"],
    ]
    order = at.dataframe[0].proto.column_order
    assert list(order[:4]) == ["label", "range_text", "year", "source_title"]


def test_money_view_restates_the_ranges_with_the_reported_beside():
    at = run_page("overview", money="today", currency="EUR")
    table = at.dataframe[0].value.set_index("label")
    pm = table.loc["Product Manager (base)"]
    assert pm.min_usd_reported == 61000 and pm.min_usd > 61000  # 2022 dollars restated to today's
    assert pm.range_text == f"${pm.min_usd:,.0f} – ${pm.max_usd:,.0f}"
    assert table.loc["Product Coordinator (base)", "min_usd"] == 50000  # no year: as reported
    assert "min_usd_eur" in table.columns
    assert any("EUR columns at the ECB reference rate" in c.value for c in at.caption)


def test_the_chart_says_which_chosen_roles_it_leaves_out_and_why():
    at = run_page("overview")
    assert [m.value for m in at.markdown if m.value.startswith("The chart draws")] == [
        "The chart draws 3 of the 5 chosen roles: those with a reported min–max range. Senior Product Manager and "
        "Group Product Manager have no range for this selection, only single figures (medians, averages) per "
        "company level: see Roles and Levels."
    ]
    at = run_page("overview", roles=["Product Coordinator", "Product Manager"])
    assert not [m.value for m in at.markdown if m.value.startswith("The chart draws")]  # both drawn: nothing to say


def test_where_to_go_next_links_every_other_page():
    at = run_page("overview")
    router = (ROOT / "dashboard.py").read_text()
    pages = [p for p in re.findall(r'st\.Page\("pages/([a-z_]+)\.py"', router) if p != "overview"]
    links = [link.proto for link in at.get("page_link")]
    assert sorted(link.page for link in links) == sorted(pages)  # Pay elsewhere and Your data included
    assert [link.label.split("**")[1] for link in links] == [
        "Roles",
        "Levels",
        "Pay mix",
        "Career paths",
        "Market",
        "Offer calculator",
        "Pay elsewhere",
        "Your data",
        "Pay gap",
        "Sources & data",
    ]
