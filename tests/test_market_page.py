"""The Market page under AppTest: BLS OEWS May 2025 figures for the chosen occupation, area and industry,
links that round-trip, a bad link that falls back with a notice, and the pay calculator.

Expected values are BLS's published figures (see tests/test_market.py for where they were read).
"""

from functools import partial
from pathlib import Path

import pytest

from tests.helpers import plain, plotly_figure, run_page

ROOT = Path(__file__).resolve().parent.parent
MARKETING = [90_260.0, 123_020.0, 166_790.0, 216_410.0, 293_610.0]  # national, all industries, annual
COMPUTER_MANAGERS = [107_550.0, 138_060.0, 175_140.0, 220_730.0, 297_510.0]  # 11-3021, national
CALIFORNIA_MARKETING = [104_370.0, 139_950.0, 193_620.0, 271_360.0, 326_400.0]


market = partial(run_page, "market")


def trace(at, name: str, chart: int = 0) -> dict:
    """The trace of that name in the page's chart-th Plotly figure."""
    return next(t for t in plotly_figure(at, chart)["data"] if t.get("name") == name)


def percentiles(at) -> list[float]:
    return trace(at, "BLS percentiles")["x"]


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_default_view_shows_marketing_managers_nationally():
    at = market()
    assert percentiles(at) == MARKETING
    assert metrics(at) == {
        "Median, annual": "$166,790",
        "Median, hourly": "$80.19",
        "Employment": "395,240",
        "Mean, annual": "$177,770",
    }
    shown = at.dataframe[0]
    assert list(shown.proto.column_order) == ["Statistic", "Annual wage", "Hourly wage"]  # the numbers: downloads only
    assert shown.value[list(shown.proto.column_order)].to_dict("list") == {
        "Statistic": ["10th percentile", "25th percentile", "Median", "75th percentile", "90th percentile", "Mean"],
        "Annual wage": ["$90,260", "$123,020", "$166,790", "$216,410", "$293,610", "$177,770"],
        "Hourly wage": ["$43.39", "$59.15", "$80.19", "$104.04", "$141.16", "$85.47"],
    }
    assert "(published 2026-05-15)" in plain(at.caption[0].value)
    assert "Occupational Employment and Wage Statistics, May 2025" in plain(at.caption[0].value)
    assert not at.query_params  # defaults keep the link short


def test_occupations_list_mapped_ones_first_then_all():
    at = market()
    box = at.selectbox(key="market_occupation")
    assert len(box.options) == 1104
    assert box.options[:2] == ["General and Operations Managers (11-1021)", "Marketing Managers (11-2021)"]
    assert any("PayLadder maps its roles" in c.value and "Product Manager" in c.value for c in at.caption)
    assert "Chief Executives (11-1011)" in box.options


def test_changing_the_occupation_changes_the_chart_and_the_url():
    at = market()
    at.selectbox(key="market_occupation").set_value("11-3021").run()
    assert not at.exception
    assert percentiles(at) == COMPUTER_MANAGERS
    assert metrics(at)["Employment"] == "670,570"
    assert at.query_params["occupation"] == "11-3021"


def test_changing_the_area_shows_the_state_and_disables_industry_detail():
    at = market()
    at.selectbox(key="market_area").set_value("0600000").run()
    assert percentiles(at) == CALIFORNIA_MARKETING
    assert metrics(at)["Median, annual"] == "$193,620"
    assert at.selectbox(key="market_industry").disabled
    assert at.query_params["area"] == "0600000"


def test_the_role_overlay_is_labelled_as_payladders_mapping():
    at = market()
    bars = {
        t["name"].replace("<br>", " "): (t["base"][0], t["base"][0] + t["x"][0])
        for t in plotly_figure(at)["data"]
        if t["type"] == "bar" and t.get("showlegend")
    }
    assert bars == {
        "PayLadder's mapping: Assistant/Associate Product Manager ≈ Marketing Managers": (70_000, 110_000),
        "PayLadder's mapping: Product Manager ≈ Marketing Managers": (61_000, 200_000),
    }
    expander = at.expander[0]
    assert "PayLadder's own mapping" in expander.label
    assert "PayLadder's mapping: Product Manager ≈ Marketing Managers" in expander.markdown[0].value


def test_link_round_trips():
    params = {"occupation": "11-3021", "area": "0600000", "percentile": "p90", "pay": "150000", "pay_basis": "annual"}
    at = market(**params)
    assert at.selectbox(key="market_occupation").value == "11-3021"
    assert at.selectbox(key="market_area").value == "0600000"
    assert at.radio(key="market_percentile").value == "p90"
    assert at.number_input(key="market_pay").value == 150_000
    assert "90th percentile" in plotly_figure(at, 1)["layout"]["title"]["text"]
    assert {k: at.query_params[k] for k in at.query_params} == {
        k: v for k, v in params.items() if k != "pay_basis"
    }  # annual is the default


def test_a_bad_occupation_in_a_link_falls_back_with_a_notice():
    at = market(occupation="99-9999")
    assert "Ignored unknown occupation code in the link: '99-9999'." in [i.value for i in at.info]
    assert at.selectbox(key="market_occupation").value == "11-2021"
    assert percentiles(at) == MARKETING


def test_industry_detail_in_a_state_link_is_refused():
    at = market(area="0600000", industry="51--52")
    assert any("industry detail only for the nation" in i.value for i in at.info)
    assert at.selectbox(key="market_industry").value == "000000"
    assert percentiles(at) == CALIFORNIA_MARKETING


def test_industry_detail_nationally():
    at = market(industry="51--52")
    assert trace(at, "BLS percentiles")["x"][2] == 192_600.0  # Sector 51 - Information


@pytest.mark.parametrize(
    ("pay", "basis", "label", "ratio"),
    [
        ("166790", "annual", "at the 50th percentile", "1.00"),
        ("50000", "annual", "below the 10th percentile", "0.30"),
        ("300000", "annual", "above the 90th percentile", "1.80"),
        ("191600", "annual", "about the 63rd percentile", "1.15"),
        ("80.19", "hourly", "about the 50th percentile", "1.00"),  # 80.19 x 2,080 = 166,795.20
    ],
)
def test_where_a_pay_sits(pay, basis, label, ratio):
    at = market(pay=pay, pay_basis=basis)
    sentence = next(m.value for m in at.markdown if "Marketing Managers in the United States" in m.value)
    assert f"is **{label}** for Marketing Managers in the United States." in sentence
    assert metrics(at)["Ratio to the median"] == ratio
    if basis == "hourly":
        assert metrics(at)["Annual equivalent"] == "$166,795"


def test_typing_a_pay_updates_the_url_and_the_chart():
    at = market()
    at.number_input(key="market_pay").set_value(166_790).run()
    assert at.query_params["pay"] == "166790"
    assert any("at the 50th percentile" in m.value for m in at.markdown)
    shapes = plotly_figure(at)["layout"]["shapes"]
    assert any(s.get("x0") == 166_790 for s in shapes)


def test_switching_to_hourly_keeps_the_same_pay():
    at = market(pay="166400")
    at.radio(key="market_pay_basis").set_value("hourly").run()
    assert at.number_input(key="market_pay").value == 80.0
    assert at.query_params["pay_basis"] == "hourly"


def test_top_coded_wages_are_floors_never_exact():
    # Chief Executives in specialty hospitals: BLS top-codes the 90th percentile, whose floor is the
    # published 75th ($621,830 a year, $298.96 an hour), not the $239,200 top code.
    at = market(occupation="11-1011", industry="622300", pay="700000")
    table = at.dataframe[0].value.set_index("Statistic")
    assert table.loc["90th percentile", "Annual wage"] == "≥ $621,830"
    assert table.loc["90th percentile", "Hourly wage"] == "≥ $298.96"
    assert table.loc["75th percentile", "Annual wage"] == "$621,830"
    label = "above the 75th percentile; unknown against the 90th percentile, which BLS top-codes"
    assert any(label in plain(m.value) for m in at.markdown)
    band = trace(at, "BLS percentiles")  # the 90th is at least the published 75th: drawn there, as a floor
    assert (band["x"][4], band["text"][4]) == (621_830.0, "90th<br>≥ $621.8K")
    hover = "90th percentile: ≥ $621,830 a year (top-coded by BLS: at least this)"
    assert hover in band["hovertext"][4]


def test_a_top_coded_90th_is_drawn_at_its_floor():
    at = market(occupation="27-2021", area="0600000")  # Athletes in California
    band = trace(at, "BLS percentiles")
    assert band["x"] == [40_120.0, 65_780.0, 79_040.0, 149_490.0, 239_200.0]
    assert band["text"][4] == "90th<br>≥ $239.2K"
    assert band["marker"]["symbol"][4] == "triangle-right"
    table = at.dataframe[0].value.set_index("Statistic")
    assert table.loc["90th percentile", "Annual wage"] == "≥ $239,200"
    assert table.loc["90th percentile", "Hourly wage"] == "not released"  # BLS gives athletes no hourly wage


def test_unreleased_wages_read_not_released():
    at = market(area="1000000")  # Delaware: BLS did not release Marketing Managers' wages (footnote 8)
    assert metrics(at)["Median, annual"] == "not released"
    assert metrics(at)["Employment"] == "1,060"
    assert set(at.dataframe[0].value["Annual wage"]) == {"not released"}
    assert any("did not release wage estimates" in i.value for i in at.info)


def test_no_estimate_explains_itself():
    at = market(area="4400000")  # Rhode Island has no Marketing Managers cell
    assert any("BLS publishes no estimate for Marketing Managers in Rhode Island" in i.value for i in at.info)


def test_state_map_and_metros_follow_the_statistic():
    at = market()
    states = plotly_figure(at, 1)["data"][0]
    values = dict(zip(states["locations"], states["z"], strict=True))
    assert values["CA"] == 193_620.0 and "DE" not in values
    missing = plotly_figure(at, 1)["data"][1]
    assert {"DE", "RI", "VT"} <= set(missing["locations"])
    at.radio(key="market_percentile").set_value("p90").run()
    values = dict(zip(plotly_figure(at, 1)["data"][0]["locations"], plotly_figure(at, 1)["data"][0]["z"], strict=True))
    assert values["CA"] == 326_400.0
    at = market(section="metros")
    metros = plotly_figure(at, 1)["data"][0]
    assert (metros["y"][0], metros["x"][0]) == (
        "San Jose-Sunnyvale-Santa<br>Clara, CA<br><span style='font-size:10px'>7,300 jobs · wage RSE 1.2%</span>",
        231_370.0,
    )
    at.radio(key="market_percentile").set_value("p90").run()
    assert plotly_figure(at, 1)["data"][0]["x"][0] > 231_370.0


def test_only_the_open_national_section_is_drawn_and_the_link_names_it():
    at = market()
    assert [t.label for t in at.tabs] == [
        "By state",
        "By metro area",
        "By industry (national)",
    ]
    assert len(at.get("plotly_chart")) == 2  # the cell's percentiles and the map
    assert [b.key for b in at.get("download_button")][-3:] == [
        "market_states_csv",
        "market_states_xlsx",
        "market_states_dictionary",
    ]
    at = market(section="industries")
    assert len(at.get("plotly_chart")) == 2
    industries = plotly_figure(at, 1)
    assert industries["layout"]["shapes"][0]["x0"] == MARKETING[2]  # the all-industries median line
    assert len(trace(at, "Median, 25th–75th", chart=1)["x"]) == 12  # the 12 sectors employing the most
    assert "market_percentile" not in [r.key for r in at.radio]  # the statistic is the map's and metros' only
    at = market(section="regions")
    assert any("Ignored unknown section in the link: 'regions'." in i.value for i in at.info)
    assert len(at.get("plotly_chart")) == 2 and at.query_params.get("section") is None


def test_hourly_only_occupations_chart_hourly_wages():
    at = market(occupation="27-2042")  # Musicians and Singers: BLS publishes hourly wages only
    assert percentiles(at)[2] == 47.80
    assert metrics(at)["Median, annual"] == "not released"
    assert "Hourly wage" in plotly_figure(at)["layout"]["xaxis"]["title"]["text"]


def test_the_page_says_when_bls_top_codes():
    at = market()
    note = "BLS publishes most wages above $239,200 exactly; only where it withholds a wage"
    assert any(note in plain(c.value) for c in at.caption)


def test_a_family_medicine_median_above_the_top_code_shows_exact():
    at = market(occupation="29-1215", area="0036420")  # Family Medicine Physicians, Oklahoma City
    assert metrics(at)["Median, annual"] == "$481,870"


def test_athletes_in_kansas_city_show_a_tight_floor():
    at = market(occupation="27-2021", area="0028140")
    table = at.dataframe[0].value.set_index("Statistic")
    assert table.loc[["75th percentile", "90th percentile"], "Annual wage"].tolist() == ["$649,720", "≥ $649,720"]
    assert trace(at, "BLS percentiles")["x"][3:5] == [649_720.0, 649_720.0]


@pytest.mark.parametrize("pay", ["1e308", "1e15", "-1", "0", "abc"])
def test_a_pay_outside_its_range_in_a_link_is_ignored_with_a_notice(pay):
    at = market(pay=pay)
    assert any("Ignored pay in the link" in i.value for i in at.info)
    assert at.number_input(key="market_pay").value is None
    assert not any("Ratio to the median" == m.label for m in at.metric)


@pytest.mark.parametrize("pay", [1e308, 1e15, 10_000_000.01])
def test_a_typed_pay_outside_its_range_never_raises_and_is_missing(pay):
    # Streamlit refuses a value outside min_value..max_value (the browser says so under the box).
    at = market(pay="150000")
    at.number_input(key="market_pay").set_value(pay).run()
    assert not at.exception
    assert at.number_input(key="market_pay").value is None
    assert not any(m.label == "Ratio to the median" for m in at.metric)


def test_the_pay_input_states_its_range_and_blank_is_missing():
    at = market(pay="150000")
    box = at.number_input(key="market_pay")
    assert (box.min, box.max) == (1.0, 10_000_000.0)  # YEARLY_PAY: a yearly pay is at least $1
    box.set_value(None).run()
    assert any("blank means no pay" in c.value for c in at.caption)
    assert "pay" not in at.query_params


def test_penetration_at_the_tails_has_words():
    at = market(pay="50000")  # below every mapped range of Marketing Managers
    table = at.dataframe[1].value
    assert list(at.dataframe[1].proto.column_order) == list(table.columns[:3])
    assert table.iloc[0, :3].tolist() == [
        "Assistant/Associate Product Manager (market-wide)",
        "$70,000 – $110,000",
        "−50% (below the minimum)",
    ]
    at = market(pay="600000")
    assert at.dataframe[1].value.iloc[0, 2] == "1325% (above the maximum)"  # (600,000 − 70,000) ÷ 40,000


def test_metros_show_employment_rse_and_reliability():
    at = market(section="metros")
    table = next(d.value for d in at.dataframe if "Wage RSE" in d.value.columns).set_index("Area")
    assert table.loc[
        "Billings, MT", ["Median", "Employment", "Employment RSE", "Wage RSE", "Reliability"]
    ].tolist() == ["$212,760", "160", "9.7%", "10.6%", "less reliable"]
    assert table.loc["Topeka, KS", "Reliability"] == ""
    bars = trace(at, "Highest", chart=1)
    assert "Employment: 160 · RSE employment 9.7%, wage 10.6%" in bars["hovertext"][3]
    assert bars["marker"]["pattern"]["shape"][3] == "/"


def test_the_money_view_restates_the_tables_and_keeps_reported():
    at = market(money="today", currency="EUR", section="metros")
    assert not at.exception
    table = at.dataframe[0].value.set_index("Statistic")
    assert table.loc["Median", "Annual wage, as reported (May 2025)"] == "$166,790"
    assert list(table.columns)[:3] == [
        "Annual wage, dollars of August 2026",
        "Annual wage, as reported (May 2025)",
        "Annual wage (EUR)",
    ]
    metros = next(d.value for d in at.dataframe if "Wage RSE" in d.value.columns)
    assert metros.loc[0, "Median, as reported (May 2025)"] == "$231,370"
    assert any("CPI-U" in c.value for c in at.caption)


def test_labels_are_short_and_say_united_states():
    at = market()
    assert at.selectbox(key="market_occupation").format_func("11-2021") == "Marketing Managers (11-2021)"
    assert at.selectbox(key="market_industry").format_func("000000") == "All industries"
    assert any(h.value == "Marketing Managers, United States" for h in at.subheader)
