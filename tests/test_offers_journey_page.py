"""The Offer calculator under AppTest: number inputs keep to their stated ranges, the issue-14 journey, the verdict,
the comparison measure, the Market button and the money view on reported pay.

The journey's figures are worked by hand in tests/test_offers_verdict.py: Google L5 1,251,000 over four
years (344,750 in year one), Amazon L6 1,065,000 (240,000 in year one).
"""

from functools import partial

import pytest

from analytics.columns import round_half_up
from analytics.offers.limits import FIELD_RANGES
from analytics.offers.model import BASE_MISSING
from tests.helpers import plain, plotly_figure, run_page

GOOGLE = "Google L5~185000~15pct~400000~google~~0~Google~L5"
AMAZON = "Amazon L6~165000~0pct~300000~amazon~60000_45000~0~Amazon~L6"
JOURNEY = {"o1": GOOGLE, "o2": AMAZON}
JOURNEY_METRICS = ["$344,750", "$1,251,000", "$312,750", "$240,000", "$1,065,000", "$266,250"]

offers_page = partial(run_page, "offers")


def metric_values(at) -> list[str]:
    return [m.value for m in at.metric]


def shown_text(at) -> str:
    """Everything the page says, as read on screen."""
    parts = [
        *(m.value for m in at.markdown),
        *(c.value for c in at.caption),
        *(e.value for e in at.error),
        *(w.value for w in at.warning),
        *(i.value for i in at.info),
        *(m.value for m in at.metric),
    ]
    return plain("\n".join(parts))


OPTIONAL = ["equity_1", "refresher_1", "signon1_1", "signon2_1", "signon3_1", "signon4_1", "bonus_percent_1"]


def test_every_number_input_states_its_range():
    at = offers_page()
    at.selectbox(key="offers_schedule_1").set_value("Custom").run()
    at.radio(key="offers_bonus_mode_2").set_value("amount").run()
    names = ["base_1", *OPTIONAL, "vest1_1", "vest4_1", "bonus_amount_2"]
    for name in names:
        proto = at.number_input(key=f"offers_{name}").proto
        bounds = FIELD_RANGES[name.rstrip("_0123456789")]
        assert (proto.has_min, proto.min, proto.has_max, proto.max) == (True, bounds.low, True, bounds.high), name
        assert (
            "Required: more than $0, up to $10,000,000 a year." if name == "base_1" else "blank means none (0)"
        ) in proto.help, name


@pytest.mark.parametrize("typed", [1e308, 1e15, -1.0, None])
def test_a_refused_or_blank_base_leaves_the_offer_out_with_a_message(typed):
    at = offers_page()
    at.number_input(key="offers_base_1").set_value(typed).run()
    assert not at.exception
    assert at.number_input(key="offers_base_1").value is None  # refused by the widget: blank, never 0
    assert [e.value for e in at.error] == [BASE_MISSING]
    assert "**Offer A** is left out of the comparison" in at.warning[1].value  # under its form
    assert at.warning[0].value == "Left out of the comparison: Offer A. Fix the fields marked below to include it."
    assert metric_values(at) == ["$220,000", "$880,000", "$220,000"]  # Offer B alone
    assert "inf" not in shown_text(at)


@pytest.mark.parametrize(
    ("name", "typed"),
    [
        *((name, 1e308) for name in OPTIONAL),
        ("signon1_1", None),
        ("equity_1", 1e15),
        ("refresher_1", -1.0),
        ("bonus_percent_1", 201.0),
    ],
)
def test_a_refused_or_blank_optional_amount_counts_as_none(name, typed):
    at = offers_page()
    at.number_input(key=f"offers_{name}").set_value(typed).run()
    assert not at.exception
    assert at.number_input(key=f"offers_{name}").value == 0  # blank means none, and the field says 0
    assert not at.error
    assert "inf" not in shown_text(at) and "e+" not in shown_text(at)
    assert len(metric_values(at)) == 6  # both offers still compared


def test_a_blank_vesting_year_is_zero_and_the_schedule_is_explained():
    at = offers_page()
    at.selectbox(key="offers_schedule_1").set_value("Custom").run()
    at.number_input(key="offers_vest3_1").set_value(1e308).run()
    assert not at.exception
    assert [e.value for e in at.error] == ["The schedule adds to 60%, not 100%."]


def test_the_journey():
    at = offers_page(**JOURNEY)
    assert metric_values(at) == JOURNEY_METRICS
    assert at.radio(key="offers_compare").value == "average"
    verdict = next(m.value for m in at.markdown if m.value.startswith("**Verdict"))
    assert plain(verdict) == (
        "**Verdict, by four-year average.** Over four years, Google L5 pays $186,000 more than Amazon L6 (17.5%), "
        "$46,500 a year on average. In year one, Google L5 pays $104,750 more than Amazon L6 (43.6%)."
    )
    running = plotly_figure(at, 0)["data"]
    assert [(t["name"], t["y"]) for t in running] == [
        ("Google L5", [344_750, 689_500, 990_250, 1_251_000]),
        ("Amazon L6", [240_000, 495_000, 780_000, 1_065_000]),
    ]
    years = next(d.value for d in at.dataframe if "sign_on" in d.value.columns)
    assert list(years.columns[:3]) == ["offer", "year", "total"]  # the total right after the year
    assert years.groupby("offer", sort=False)["total"].sum().to_dict() == {
        "Google L5": 1_251_000,
        "Amazon L6": 1_065_000,
    }


def sign_on_heavy(**params):
    return offers_page(o1="Steady~180000~0pct", o2="Sign-on~150000~0pct~0~even~100000", **params)


def test_comparing_by_first_year_reorders_and_rewords():
    at = sign_on_heavy()
    names = ("**Steady**", "**Sign\\-on**")  # the offers' headings over their totals
    assert [m.value for m in at.markdown if m.value in names] == ["**Steady**", "**Sign\\-on**"]
    at.radio(key="offers_compare").set_value("first").run()
    assert at.query_params["compare"] == "first"
    assert [m.value for m in at.markdown if m.value in names] == ["**Sign\\-on**", "**Steady**"]
    verdict = plain(next(m.value for m in at.markdown if m.value.startswith("**Verdict")))
    assert verdict == (
        "**Verdict, by first year.** In year one, Sign-on pays $70,000 more than Steady (38.9%). Over four years, "
        "Steady pays $20,000 more than Sign-on, because of its base salary ($720,000 against $600,000 over four "
        "years): year one alone flatters Sign-on."
    )


def test_a_link_chooses_the_measure_and_a_bad_one_is_ignored():
    assert sign_on_heavy(compare="first").radio(key="offers_compare").value == "first"
    at = sign_on_heavy(compare="best")
    assert at.radio(key="offers_compare").value == "average"
    assert "Ignored unknown comparison in the link: 'best'." in [i.value for i in at.info]


def test_the_market_button_takes_the_base_salary():
    at = offers_page(**JOURNEY)
    assert at.button(key="offers_market_2").label == "Base $165,000 on the Market page"
    assert any("BLS OEWS wages are straight-time gross pay" in c.value for c in at.caption)
    at.button(key="offers_market_2").click().run()
    assert not at.exception
    assert at.number_input(key="market_pay").value == 165_000
    assert at.query_params["pay"] == "165000"


def test_reported_pay_in_todays_dollars_and_euros():
    at = offers_page(**JOURNEY, money="today", currency="EUR")
    assert metric_values(at) == JOURNEY_METRICS  # your own offers are never restated
    reported = next(d.value for d in at.dataframe if "annual_usd_reported" in d.value.columns)
    row = reported[(reported["offer"] == "Google L5") & (reported["year"] == 2021)].iloc[0]
    # BLS CPI-U: August 2026 334.980, 2021 annual average 270.970.
    assert row["annual_usd_reported"] == 327_000
    restated = 327_000 * 334.98 / 270.97  # shown in whole dollars, rounded half up
    assert row["annual_usd"] == round_half_up(restated, 0)
    assert row["difference"] == round_half_up(344_750 - restated, 0)
    assert row["annual_usd_eur"] == round_half_up(restated * row["usd_rate"], 0)
    text = shown_text(at)
    assert "reported $327,000 in 2021, restated in today's dollars" in text
    assert "Your offers are your own figures, so they are not restated" in text
    years = next(d.value for d in at.dataframe if "sign_on" in d.value.columns)
    assert years["total_eur"].tolist() == [round_half_up(t * years["usd_rate"].iloc[0], 0) for t in years["total"]]
