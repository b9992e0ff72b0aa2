"""The Overview page: headline figures with their sources, and a role-range chart that follows the filters."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.conftest import plotly_figure

ROOT = Path(__file__).resolve().parent.parent


def bars(at) -> dict[str, tuple[float, float]]:
    """Bar label (role and company, without the range line) -> (min, max)."""
    return {t["y"][i].split("<br><b>")[0].replace("<br>", " "): (t["base"][i], t["base"][i] + t["x"][i])
            for t in plotly_figure(at)["data"] if t["type"] == "bar" for i in range(len(t["y"]))}


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
