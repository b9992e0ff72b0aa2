"""The Career paths page: every seed path in a Sankey with pay in the node hovers, chosen roles
highlighted, a table and download of the paths through them, and a helpful empty state."""

from functools import partial
from pathlib import Path

from analytics.db import connect
from analytics.plot import role_color
from analytics.roles.queries import roles_with_pay
from tests.helpers import plotly_figure, run_page

ROOT = Path(__file__).resolve().parent.parent


open_page = partial(run_page, "career_paths")


def sankey(at) -> dict:
    return plotly_figure(at)["data"][0]


def node_hovers(at) -> dict[str, str]:
    """Each node's hover text by role (the hover opens with the role's full name in bold)."""
    return {text[3 : text.index("</b>")]: text for text in sankey(at)["node"]["customdata"]}


def paths_table(at):
    """The table of paths through the chosen roles (after the table of each role's pay)."""
    return at.dataframe[1].value


def bright_roles(at) -> list[str]:
    colors = sankey(at)["node"]["color"]
    return [role for role, color in zip(node_hovers(at), colors, strict=True) if color.startswith("#")]


def test_every_path_is_shown_with_value_one_and_pay_in_the_hover():
    at = open_page()
    data = sankey(at)
    assert data["type"] == "sankey" and data["link"]["value"] == [1] * 12
    hover = node_hovers(at)
    assert "Market-wide: $50,000 – $80,000 a year (base)" in hover["Product Coordinator"]
    assert "Source: Product Coordinator vs Assistant Product Manager" in hover["Product Coordinator"]
    assert hover["Senior Product Manager"].endswith("Reported base pay: no base salary figure in the sources")
    assert hover["VP of Product"].endswith("Reported base pay: no base salary figure in the sources")
    at.radio(key="career_paths_component").set_value("total").run()
    hover = node_hovers(at)
    assert "Google L7: Median total $556,000, 2025" in hover["Senior Product Manager"]
    assert hover["Product Coordinator"].endswith("Reported total pay: no total pay figure in the sources")
    assert "Source: Product Coordinator vs Assistant Product Manager" in data["link"]["customdata"][0]
    assert "not a count of people" in at.markdown[0].value


def test_default_roles_are_highlighted_and_listed():
    at = open_page()
    with connect() as con:
        assert bright_roles(at) == roles_with_pay(con)  # the shared default: every role with a pay figure
    table = paths_table(at)
    assert len(table) == 11  # all but Director of Product → VP of Product
    assert table.iloc[0].tolist()[:2] == ["Product Coordinator", "Assistant/Associate Product Manager"]
    assert set(table["source_id"]) == {"seed_000"}


def test_link_highlights_the_chosen_role():
    at = open_page(roles="VP of Product")
    assert bright_roles(at) == ["VP of Product"]
    assert sankey(at)["node"]["color"][-1] == role_color("VP of Product")
    table = paths_table(at)
    assert table[["from_role", "to_role"]].values.tolist() == [["Director of Product", "VP of Product"]]


def test_changing_roles_changes_the_highlight_and_the_table():
    at = open_page()
    at.multiselect(key="filters_roles").set_value(["Senior Product Manager"]).run()
    assert not at.exception, at.exception
    assert bright_roles(at) == ["Senior Product Manager"]
    assert paths_table(at)["to_role"].tolist() == [
        "Senior Product Manager",
        "Senior Product Manager",
        "Group Product Manager",
    ]
    assert at.query_params["roles"] == "Senior Product Manager"


def test_roles_without_paths_explain_themselves():
    at = open_page(roles="Chief Product Officer")
    assert len(at.dataframe) == 1  # only the pay table
    assert "No career paths through the chosen roles" in at.info[0].value
    assert any("In no path in the sources: Chief Product Officer." in c.value for c in at.caption)
    assert sankey(at)["link"]["value"] == [1] * 12  # the full diagram stays, with nothing highlighted


def test_empty_selection_explains_itself():
    at = open_page()
    at.multiselect(key="filters_roles").set_value([]).run()
    assert not at.exception, at.exception
    assert bright_roles(at) == []
    assert "No career paths through the chosen roles" in at.info[0].value


def test_one_diagram_with_each_roles_pay_in_its_label():
    at = open_page()
    assert len(at.get("plotly_chart")) == 1
    data = sankey(at)
    assert data["orientation"] == "h"
    labels = dict(zip(node_hovers(at), data["node"]["label"], strict=True))
    assert labels["Product Coordinator"] == "<b>Product<br>Coordinator</b><br>$50K–$80K base"
    assert labels["Product Manager"] == "<b>Product<br>Manager</b><br>$61K–$200K base"
    # Base salary along every path: Senior PM's only figure is a total, so it says it has no base figure.
    assert labels["Senior Product Manager"] == "<b>Senior<br>Product<br>Manager</b><br>no base figure"
    assert labels["VP of Product"] == "<b>VP of<br>Product</b><br>no base figure"
    assert data["textfont"]["color"] == "#111111"  # dark ink on the light theme, with a light halo


def pay_labels(at) -> dict[str, str]:
    """Each node's pay line by role (what follows the role's name in bold)."""
    data = sankey(at)
    return {
        role: label.split("</b><br>", 1)[1] for role, label in zip(node_hovers(at), data["node"]["label"], strict=True)
    }


def test_every_step_compares_one_component_and_says_which():
    """Like with like: every role along the paths shows the chosen component, or says it has none of it."""
    at = open_page()
    for component, name in (("base", "base salary"), ("total", "total pay")):
        at.radio(key="career_paths_component").set_value(component).run()
        assert not at.exception and at.query_params.get("component", "base") == component
        labels = pay_labels(at)
        assert len(labels) == 12  # every role in a path
        for role, label in labels.items():
            shown = label.split("<br>")[0]
            assert shown == f"no {component} figure" or shown.endswith(f" {component}"), (component, role, label)
        for role, hover in node_hovers(at).items():
            pay = hover.split(f"Reported {component} pay: ", 1)[1]
            assert pay == f"no {name} figure in the sources" or all(
                f"({component})" in line or f" {component} $" in line
                for line in pay.split("<br>")
                if line.startswith(("Market-wide:", "Amazon", "Google"))
            ), (component, role, hover)
        table = at.dataframe[0].value
        assert set(table["component"]) == {component}
        assert set(table["role"]) == set(labels)
    # Total pay: each role with a total, and those without saying so instead of showing a base range.
    expected = {
        "Product Coordinator": "no total figure",
        "Assistant/Associate Product Manager": "$168K median total<br>Google L3",
        "Product Manager": "$116K average total<br>Market-wide",
        "Senior Product Manager": "$556K median total<br>Google L7",
        "Group Product Manager": "$740K median total<br>Google L7+",
        "Director of Product": "no total figure",
    }
    assert {role: pay_labels(at)[role] for role in expected} == expected


def test_pay_table_lists_every_roles_figures_with_year_and_source():
    at = open_page()
    pay = at.dataframe[0].value
    rows = pay[pay.role == "Product Manager"][["where", "pay", "year"]].values.tolist()
    assert rows == [["Market-wide", "$61,000 – $200,000", "2022"], ["Amazon", "$57,500 – $205,000", "2022"]]
    senior = pay[pay.role == "Senior Product Manager"].iloc[0]
    assert (senior["where"], senior.figure, senior.pay, senior.year) == (
        "",
        "",
        "no base salary figure in the sources",
        "",
    )
    assert pay[pay.role == "VP of Product"].pay.tolist() == ["no base salary figure in the sources"]
    assert pay[pay.role == "Product Coordinator"].year.tolist() == ["not stated"]
    at.radio(key="career_paths_component").set_value("total").run()
    pay = at.dataframe[0].value
    senior = pay[pay.role == "Senior Product Manager"].iloc[0]
    assert (senior["where"], senior.figure, senior.pay, senior.year) == (
        "Google L7",
        "Median total",
        "$556,000",
        "2025",
    )
    # Product Manager's totals naming no level, then a pointer to the 67 rows of data/pay_figures.csv with a
    # Product Manager total at a company level.
    assert pay[pay.role == "Product Manager"][["where", "figure", "pay"]].values.tolist() == [
        ["Market-wide", "Average total (derived)", "$115,959"],
        ["Amazon", "Average total", "$148,688"],
        ["per company level", "67 more total figures", "see the Levels page"],
    ]


def test_money_view_restates_the_pay_in_labels_and_table():
    at = open_page(money="today", currency="EUR")
    pay = at.dataframe[0].value.set_index(["role", "where"])
    restated = pay.loc[("Product Manager", "Market-wide"), "pay"]
    low, high = (float(x.strip("$ ").replace(",", "")) for x in restated.split("–"))
    assert low > 61_000 and high > 200_000 and round(high / low, 3) == round(200_000 / 61_000, 3)  # one factor
    assert pay.loc[("Product Coordinator", "Market-wide"), "pay"] == "$50,000 – $80,000"  # no year: as reported
    assert any("ECB reference rate" in c.value for c in at.caption)
