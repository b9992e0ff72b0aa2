"""The offer calculator's stated ranges, blanks and cents: the form, the links and the sums agree.

Ranges (analytics/offers/limits.py): base 0 < base ≤ $10M (MAX_PAY); bonus 0–200% or $0–$10M; stock grant
and refresher $0–$100M; sign-on $0–$10M a year; vesting 0–100% a year.
"""

import math

import pytest

from analytics.metrics import PayRange
from analytics.offers.codec import (
    OfferInput,
    decode_offer,
    encode_offer,
    form_problems,
    from_widget_values,
    widget_values,
)
from analytics.offers.limits import (
    BASE_RANGE,
    BONUS_AMOUNT_RANGE,
    BONUS_PERCENT_RANGE,
    FIELD_RANGES,
    GRANT_RANGE,
    REFRESHER_RANGE,
    SIGN_ON_RANGE,
    VEST_PERCENT_RANGE,
    PercentRange,
    number_input,
)
from analytics.offers.model import BASE_MISSING, Offer, offer_summary, offer_years, validate_offer

LEVELS = {"Amazon": ["L6"], "Google": ["L5"]}


def test_the_stated_ranges():
    assert (BASE_RANGE, BONUS_AMOUNT_RANGE, GRANT_RANGE, REFRESHER_RANGE, SIGN_ON_RANGE) == (
        PayRange(0, 10_000_000, above_low=True),
        PayRange(0, 10_000_000),
        PayRange(0, 100_000_000, "in total"),
        PayRange(0, 100_000_000),
        PayRange(0, 10_000_000),
    )
    assert (BONUS_PERCENT_RANGE, VEST_PERCENT_RANGE) == (PercentRange(0, 200), PercentRange(0, 100))
    assert GRANT_RANGE.text() == "from $0 to $100,000,000 in total"
    assert REFRESHER_RANGE.text() == "from $0 to $100,000,000 a year"
    assert BONUS_PERCENT_RANGE.text() == "from 0% to 200%"
    assert BASE_MISSING == "Enter the base salary: more than $0, up to $10,000,000 a year."


def test_percent_ranges_hold_only_numbers_within_them():
    assert [VEST_PERCENT_RANGE.contains(v) for v in (0, 100, 33.5, -0.01, 100.01, math.nan, math.inf, None)] == [
        True,
        True,
        True,
        False,
        False,
        False,
        False,
        False,
    ]


def test_each_number_input_states_its_range():
    assert number_input("base_1") == {
        "min_value": 0.0,
        "max_value": 10_000_000.0,
        "step": 1000.0,
        "format": "%.0f",
        "placeholder": "Required",
        "help": "Required: more than $0, up to $10,000,000 a year.",
    }
    assert number_input("equity_2", "Vests over four years.") == {
        "min_value": 0.0,
        "max_value": 100_000_000.0,
        "step": 1000.0,
        "format": "%.0f",
        "placeholder": "0",
        "help": "Vests over four years. From $0 to $100,000,000 in total; blank means none (0).",
    }
    assert number_input("vest3_1") == {
        "min_value": 0.0,
        "max_value": 100.0,
        "step": 1.0,
        "format": "%g",
        "placeholder": "0",
        "help": "From 0% to 100%; blank means none (0).",
    }
    assert number_input("signon4_3")["help"] == "From $0 to $10,000,000 a year; blank means none (0)."


@pytest.mark.parametrize("base", [math.nan, 0.0, 10_000_000.01, 1e15, 1e308, math.inf])
def test_a_blank_zero_or_huge_base_is_missing(base):
    assert validate_offer(Offer("A", base=base)) == {"base": BASE_MISSING}
    assert form_problems([OfferInput("A", base=base).normalised()]) == [{"base": BASE_MISSING}]


def test_the_largest_offer_is_summed_to_the_cent():
    offer = Offer(
        "Max",
        base=10_000_000,
        bonus_is_percent=True,
        bonus_percent=200,
        equity_grant=100_000_000,
        sign_on=(10_000_000,) * 4,
        refresher=100_000_000,
    )
    assert validate_offer(offer) == {}
    # 4 × (10M + 20M + 10M) + 100M grant + refreshers vesting 25% + 50% + 75% of 100M.
    assert offer_summary(offer)["four_year_total"] == 160_000_000 + 100_000_000 + 150_000_000


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("equity_grant", 100_000_000.01, "Out of range: enter a number from $0 to $100,000,000 in total."),
        ("refresher", 1e308, "Out of range: enter a number from $0 to $100,000,000 a year."),
        ("refresher", math.inf, "Out of range: enter a number from $0 to $100,000,000 a year."),
        ("equity_grant", -math.inf, "Out of range: enter a number from $0 to $100,000,000 in total."),
        ("equity_grant", -1.0, "Cannot be negative."),
        ("equity_grant", math.nan, "Enter a number from $0 to $100,000,000 in total (0 if none)."),
    ],
)
def test_amounts_outside_their_range_are_named(field, value, message):
    assert validate_offer(Offer("A", base=1, **{field: value})) == {field: message}


def test_bonus_sign_on_and_vesting_limits():
    assert validate_offer(Offer("A", base=1, bonus_is_percent=True, bonus_percent=200)) == {}
    assert validate_offer(Offer("A", base=1, bonus_is_percent=True, bonus_percent=200.5)) == {
        "bonus_percent": "A bonus of 200.5% of base is above 200%; check the figure."
    }
    assert validate_offer(Offer("A", base=1, bonus_target=1e15)) == {
        "bonus_target": "Out of range: enter a number from $0 to $10,000,000 a year."
    }
    assert validate_offer(Offer("A", base=1, sign_on=(0, 1e15, 0, 0))) == {
        "sign_on": "Year 2: Out of range: enter a number from $0 to $10,000,000 a year."
    }
    assert validate_offer(Offer("A", base=1, schedule=(150, -50, 0, 0))) == {
        "schedule": "Year 1 is above 100% (150%). Year 2 is negative (-50%)."
    }
    assert validate_offer(Offer("A", base=1, schedule=(25, math.nan, 25, 25))) == {
        "schedule": "Year 2 is blank: enter its percent (0 if nothing vests)."
    }


def test_blank_base_is_missing_and_blank_optional_fields_are_none():
    fields = widget_values(OfferInput("A", base=100_000.0, equity=50_000.0, sign_on=(5.0, 0.0, 0.0, 0.0)))
    blank = {**fields, "base": None, "equity": None, "refresher": None, "signon1": None, "bonus_percent": None}
    offer = from_widget_values(blank)
    assert math.isnan(offer.base)
    assert (offer.equity, offer.refresher, offer.sign_on, offer.bonus_percent) == (0, 0, (0, 0, 0, 0), 0)
    assert widget_values(offer)["base"] is None  # the form shows it blank again, never 0
    assert form_problems([offer]) == [{"base": BASE_MISSING}]
    assert encode_offer(offer) == "A~~0pct"


def test_cents_never_show_float_noise():
    years = offer_years(Offer("A", base=123_456.78, bonus_is_percent=True, bonus_percent=10, sign_on=(0.1, 0.2, 0, 0)))
    assert years["bonus"].tolist() == [12_345.68] * 4
    assert years["total"].tolist() == [135_802.56, 135_802.66, 135_802.46, 135_802.46]
    assert offer_summary(Offer("B", base=0.1, sign_on=(0.2, 0, 0, 0)))["four_year_total"] == 0.6


@pytest.mark.parametrize(
    ("field", "template"),
    [
        ("base", "A~{}"),
        ("equity", "A~1~0pct~{}"),
        ("refresher", "A~1~0pct~0~even~~{}"),
        ("bonus_percent", "A~1~{}pct"),
        ("bonus_amount", "A~1~{}"),
        ("signon", "A~1~0pct~0~even~{}"),
    ],
)
def test_links_take_the_same_ranges_as_the_form(field, template):
    high = FIELD_RANGES[field].high
    assert decode_offer(template.format(high), 1, LEVELS)[1] == []  # the top of the range is read
    what = {
        "base": "base",
        "equity": "stock grant",
        "refresher": "refresher",
        "bonus_percent": "bonus",
        "bonus_amount": "bonus",
        "signon": "sign-on bonuses",
    }[field]
    stated = FIELD_RANGES[field].text()
    _, notices = decode_offer(template.format(high + 1), 1, LEVELS)
    assert notices == [f"Ignored the {what} of offer 1 in the link: '{high + 1}' is not a number {stated}."]
    _, notices = decode_offer(template.format("1e308"), 1, LEVELS)
    assert len(notices) == 1 and notices[0].endswith(f"is not a number {stated}.")


def test_a_schedule_link_above_100_percent_is_ignored():
    state, notices = decode_offer("A~1~0pct~0~150_0_0_0", 1, LEVELS)
    assert state.schedule == "Even 25/25/25/25"
    assert notices == [
        "Ignored the vesting schedule of offer 1 in the link: '150_0_0_0' is not amazon, google, even or four percents."
    ]
