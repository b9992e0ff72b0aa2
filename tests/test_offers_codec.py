"""Tests for analytics.offers.codec: offers round-trip through links; hostile links never raise.

The worked offer is the one in tests/test_offers_model.py: base 150,000, bonus 15%, a 200,000
grant on Amazon's 5/15/40/40 schedule, sign-on 50,000 and 40,000, a 40,000 refresher.
"""

import random
from dataclasses import replace

import pandas as pd
import pytest

from analytics.offers.codec import (
    CUSTOM,
    EXAMPLES,
    NAME_LIMIT,
    OfferInput,
    decode_offer,
    encode_offer,
    form_problems,
    form_values,
    from_form_values,
    from_widget_values,
    offer_params,
    read_offers,
    widget_values,
)
from analytics.offers.model import offer_summary
from analytics.offers.tables import inputs_table, preset_sources, versus_reported
from analytics.urlstate import Parsed

LEVELS = {"Amazon": ["L4", "L5", "L6", "L7"], "Google": ["APM", "L3", "L4", "L5", "L7+"]}
WORKED = OfferInput(
    "Amazon L6",
    base=150_000.0,
    bonus_percent=15.0,
    equity=200_000.0,
    schedule="Amazon 5/15/40/40",
    sign_on=(50_000.0, 40_000.0, 0.0, 0.0),
    refresher=40_000.0,
    company="Amazon",
    level="L6",
).normalised()
WORKED_LINK = "Amazon L6~150000~15pct~200000~amazon~50000_40000~40000~Amazon~L6"

ROUND_TRIPS = [
    WORKED,
    *EXAMPLES,
    OfferInput(
        "Thirds",
        base=1.5,
        bonus_mode="amount",
        bonus_amount=0.1,
        schedule=CUSTOM,
        custom=(100 / 3, 100 / 3, 100 / 3, 0.0),
    ),
    OfferInput("Late sign-on", base=99_999.99, schedule="Google 33/33/22/12", sign_on=(0.0, 0.0, 0.0, 5.0)),
    OfferInput("50% ~ 100%25 tildes | pipes & =cmd", base=120_000.0, company="Google", level="L7+"),
    OfferInput("Naïve 東京 offer", base=0.0, bonus_mode="amount", bonus_amount=0.0),
    # Invalid entries within the stated ranges are carried too, so a shared link shows the same messages.
    OfferInput(
        "Bad",
        base=0.0,
        bonus_percent=200.0,
        schedule=CUSTOM,
        custom=(5.0, 15.0, 35.0, 40.0),
        sign_on=(10_000_000.0, 0.0, 0.0, 0.0),
        refresher=100_000_000.0,
    ),
]


def test_worked_offer_link():
    assert encode_offer(WORKED) == WORKED_LINK
    assert decode_offer(WORKED_LINK, 1, LEVELS) == (WORKED, [])


def test_hand_typed_percent_signs_and_commas_are_read_too():
    assert decode_offer("Amazon L6~150000~15%~200000~amazon~50000,40000~40000~Amazon~L6", 1, LEVELS) == (WORKED, [])


def test_short_links_leave_out_trailing_empty_fields():
    assert encode_offer(EXAMPLES[1]) == "Offer B~170000~20000~120000"
    assert encode_offer(replace(EXAMPLES[1], refresher=1.0)) == "Offer B~170000~20000~120000~even~~1"
    assert encode_offer(OfferInput("Cash only", base=90_000.0)) == "Cash only~90000~0pct"


@pytest.mark.parametrize("state", [s.normalised() for s in ROUND_TRIPS], ids=lambda s: s.name)
def test_encode_then_decode_is_the_identity(state):
    assert decode_offer(encode_offer(state), 2, LEVELS) == (state, [])


@pytest.mark.parametrize("state", [s.normalised() for s in ROUND_TRIPS], ids=lambda s: s.name)
def test_widget_values_round_trip(state):
    assert from_widget_values(widget_values(state)) == state


def test_switching_the_bonus_form_keeps_the_amount():
    as_amount = replace(WORKED, bonus_mode="amount").normalised()
    assert (as_amount.bonus_amount, as_amount.bonus_percent) == (22_500, 15)
    assert offer_summary(as_amount.to_offer())["first_year_total"] == 232_500


def test_choosing_custom_starts_from_the_preset_percents():
    assert replace(WORKED, schedule=CUSTOM).percents == (5, 15, 40, 40)


@pytest.mark.parametrize(
    ("text", "notice"),
    [
        (
            "Amazon L6~abc",
            "Ignored the base of offer 1 in the link: 'abc' is not a number from $0 to $10,000,000 a year.",
        ),
        (
            "Amazon L6~1e999",
            "Ignored the base of offer 1 in the link: '1e999' is not a number from $0 to $10,000,000 a year.",
        ),
        (
            "Amazon L6~nan",
            "Ignored the base of offer 1 in the link: 'nan' is not a number from $0 to $10,000,000 a year.",
        ),
        (
            "Amazon L6~-inf",
            "Ignored the base of offer 1 in the link: '-inf' is not a number from $0 to $10,000,000 a year.",
        ),
        (
            "Amazon L6~2e9",
            "Ignored the base of offer 1 in the link: '2e9' is not a number from $0 to $10,000,000 a year.",
        ),
        ("Amazon L6~0~15%%", "Ignored the bonus of offer 1 in the link: '15%' is not a number from 0% to 200%."),
        (
            "Amazon L6~0~0~0~1_2_3",
            "Ignored the vesting schedule of offer 1 in the link: '1_2_3' is not amazon, "
            "google, even or four percents.",
        ),
        (
            "Amazon L6~0~0~0~amazon2",
            "Ignored the vesting schedule of offer 1 in the link: 'amazon2' is not "
            "amazon, google, even or four percents.",
        ),
        (
            "Amazon L6~0~0~0~even~1,2,3,4,5",
            "Ignored the sign-on bonuses of offer 1 in the link: '1,2,3,4,5' is not a number "
            "from $0 to $10,000,000 a year.",
        ),
        ("Amazon L6~0~0~0~even~~0~Meta", "Ignored the company of offer 1 in the link: 'Meta'."),
        ("Amazon L6~0~0~0~even~~0~Amazon~L99", "Ignored the level of offer 1 in the link: 'L99'."),
        ("Amazon L6~0~0~0~even~~0~~L6", "Ignored the level of offer 1 in the link: 'L6'."),
        ("Amazon L6~0~0~0~even~~0~~~WA~0000000~x~y", "Ignored extra fields of offer 1 in the link: 'x~y'."),
        ("Amazon L6~0~0~0~even~~0~~~XX", "Ignored the work state of offer 1 in the link: 'XX'."),
        ("Amazon L6~0~0~0~even~~0~~~WA~9999999", "Ignored the work area of offer 1 in the link: '9999999'."),
    ],
)
def test_a_malformed_field_is_left_blank_with_a_notice(text, notice):
    state, notices = decode_offer(text, 1, LEVELS)
    assert notices == [notice]
    assert state.name == "Amazon L6" and state.level == ""


def test_a_malformed_field_keeps_the_others():
    state, notices = decode_offer("Mine~oops~10%~100000~google", 1, LEVELS)
    assert state == OfferInput("Mine", bonus_percent=10.0, equity=100_000.0, schedule="Google 33/33/22/12").normalised()
    assert len(notices) == 1


@pytest.mark.parametrize("text", ["", "~150000", "%00%1F~1", "   ~1~2"])
def test_an_offer_without_a_name_gives_the_example(text):
    assert decode_offer(text, 2, LEVELS) == (
        EXAMPLES[1],
        ["Ignored offer 2 in the link: it has no name. Showing the example."],
    )


def test_ten_kilobytes_of_junk_gives_the_example():
    junk = "~=cmd~' /C calc'!A0%ZZ" * 500
    assert len(junk) > 10_000
    assert decode_offer(junk, 3, LEVELS) == (
        EXAMPLES[2],
        ["Ignored offer 3 in the link: it is too long to be an offer. Showing the example."],
    )


def test_long_names_are_shortened_and_control_characters_dropped():
    state, notices = decode_offer("A\x00B\x1b" + "x" * 100 + "~1", 1, LEVELS)
    assert state.name == "AB" + "x" * (NAME_LIMIT - 2)
    assert notices == [f"Shortened the name of offer 1 in the link to {NAME_LIMIT} characters."]


def test_random_links_never_raise():
    rng = random.Random(20260522)
    alphabet = "~_,%.-+e0123456789aAmpctz%%%7E"
    for _ in range(2_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 120)))
        state, notices = decode_offer(text, 1, LEVELS)
        assert isinstance(state, OfferInput) and len(state.name) <= NAME_LIMIT
        assert all(len(n) < 300 for n in notices)


def test_read_offers_counts_the_offers_in_the_link():
    parsed = Parsed()
    read_offers({"o1": ["ignored~1", WORKED_LINK]}, parsed, LEVELS)  # a repeated parameter: the last wins
    assert parsed.values == {"count": 1, **form_values(WORKED, 1)} and parsed.notices == []
    assert from_form_values(parsed.values, 1) == WORKED


def test_read_offers_fills_gaps_with_examples_and_ignores_extra_offers():
    parsed = Parsed()
    read_offers({"o3": [WORKED_LINK], "o4": ["x~1"], "roles": ["Product Manager"]}, parsed, LEVELS)
    assert parsed.values == {
        "count": 3,
        **form_values(EXAMPLES[0], 1),
        **form_values(EXAMPLES[1], 2),
        **form_values(WORKED, 3),
    }
    assert parsed.notices == [
        "Ignored o4 in the link: the calculator compares up to 3 offers.",
        "Offer 1 is missing from the link: showing the example.",
        "Offer 2 is missing from the link: showing the example.",
    ]


def test_read_offers_without_offers_leaves_the_defaults():
    parsed = Parsed()
    read_offers({"roles": ["Product Manager"]}, parsed, LEVELS)
    assert parsed.values == {} and parsed.notices == []


def test_offer_params_are_empty_for_the_examples():
    assert offer_params(EXAMPLES[:2]) == {"o1": None, "o2": None, "o3": None}
    assert offer_params(EXAMPLES[:1]) == {"o1": encode_offer(EXAMPLES[0]), "o2": None, "o3": None}
    assert offer_params([WORKED, *EXAMPLES[1:]]) == {
        "o1": WORKED_LINK,
        "o2": encode_offer(EXAMPLES[1]),
        "o3": encode_offer(EXAMPLES[2]),
    }


def test_form_problems_flag_repeated_names_and_bad_fields():
    bad = replace(WORKED, name="amazon l6 ", schedule=CUSTOM, custom=(5.0, 15.0, 35.0, 40.0))
    assert form_problems([WORKED, bad]) == [
        {},
        {
            "name": "Another offer has this name: give each offer its own.",
            "schedule": "The schedule adds to 95%, not 100%.",
        },
    ]


def test_inputs_table():
    assert inputs_table([WORKED]).to_dict("records") == [
        {
            "offer": "Amazon L6",
            "input_base": 150_000.0,
            "input_bonus": "15% of base",
            "input_equity_grant": 200_000.0,
            "input_schedule": "Amazon 5/15/40/40",
            "input_vesting_percents": "5/15/40/40",
            "input_sign_on": "50000/40000/0/0",
            "input_refresher": 40_000.0,
            "input_company": "Amazon",
            "input_level": "L6",
        }
    ]


def test_versus_reported_difference_ratio_and_confidence():
    figures = pd.DataFrame(
        {
            "company": ["Amazon"] * 3,
            "level": ["L6"] * 3,
            "role": ["Product Manager"] * 3,
            "statistic": ["median", "typical", "median"],
            "annual_usd": [236_000.0, 304_000.0, 232_500.0],
            "year": pd.array([2021, None, 2025], dtype="Int64"),
            "as_of": ["2017-06/2021-08", None, None],
            "sample_size": pd.array([497, None, 8], dtype="Int64"),
            "derived": [False] * 3,
            "source_title": ["a", "b", "c"],
            "source_publisher": ["A", "B", "C"],
            "source_link": ["x"] * 3,
            "source_id": ["s"] * 3,
            "note": [""] * 3,
        }
    )
    table = versus_reported("Amazon L6", 232_500, figures)
    assert table["difference"].tolist() == [-3_500, -71_500, 0]
    assert table["ratio"].tolist() == [232_500 / 236_000, 232_500 / 304_000, 1]
    assert table["when"].tolist() == ["2017-06/2021-08", "not stated", "2025"]
    assert table["confidence"].tolist() == ["n = 497", "n not reported", "n = 8, low confidence"]
    assert table["compared_with"].tolist() == ["Amazon L6"] * 3


def test_each_preset_names_its_source():
    schedules = pd.DataFrame(
        {
            "schedule": ["Amazon 5/15/40/40", "Google 25/25/25/25 (earlier)", "Google 33/33/22/12"],
            "percents": [[5.0, 15.0, 40.0, 40.0], [25.0] * 4, [33.0, 33.0, 22.0, 12.0]],
            "as_of": [None, "2023-06", "2023-06"],
            "publishers": ["ideaplan.io; Rora (teamrora.com)", "levels.fyi", "levels.fyi"],
        }
    )
    assert preset_sources(schedules) == {
        "Custom": "Your own yearly percents; they must add to 100.",
        "Amazon 5/15/40/40": "Reported by ideaplan.io; Rora (teamrora.com).",
        "Google 33/33/22/12": "Reported by levels.fyi, 2023-06.",
        "Even 25/25/25/25": "An even split; Google 25/25/25/25 (earlier) per levels.fyi, 2023-06.",
    }


SEATTLE = "0042660"  # BLS area code of Seattle-Tacoma-Bellevue, WA


def test_each_offer_carries_its_work_location():
    seattle = replace(WORKED, work_state="WA", work_area=SEATTLE)
    assert encode_offer(seattle) == WORKED_LINK + "~WA~" + SEATTLE
    assert encode_offer(replace(WORKED, work_state="WA")) == WORKED_LINK + "~WA"  # the nation: left out
    assert decode_offer(WORKED_LINK + "~WA~" + SEATTLE, 1, LEVELS, {"0000000", SEATTLE}) == (seattle, [])
    assert from_widget_values(widget_values(seattle)) == seattle


def test_links_from_before_work_locations_read_as_california_and_the_nation():
    state, notices = decode_offer(WORKED_LINK, 1, LEVELS)
    assert (state.work_state, state.work_area, notices) == ("CA", "0000000", [])
