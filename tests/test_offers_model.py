"""Tests for analytics.offers.model: vesting presets, schedule checks and an offer worked by hand.

The worked offer: base 150,000; bonus 15% of base = 22,500; a 200,000 grant on Amazon's
5/15/40/40 schedule = 10,000 / 30,000 / 80,000 / 80,000; sign-on 50,000 in year 1 and
40,000 in year 2; a 40,000 refresher each year. Refreshers granted at the end of years 1,
2 and 3 vest 0 in year 1, 5% of 40,000 = 2,000 in year 2, (5 + 15)% = 8,000 in year 3 and
(5 + 15 + 40)% = 24,000 in year 4.

| year | base | bonus | stock | sign-on | total |
|---|---|---|---|---|---|
| 1 | 150,000 | 22,500 | 10,000 | 50,000 | 232,500 |
| 2 | 150,000 | 22,500 | 32,000 | 40,000 | 244,500 |
| 3 | 150,000 | 22,500 | 88,000 | 0 | 260,500 |
| 4 | 150,000 | 22,500 | 104,000 | 0 | 276,500 |
Four years: 1,014,000; average 253,500.
"""

import dataclasses

import pandas as pd
import pytest

from analytics.offers.model import (
    COMPONENTS,
    VESTING_PRESETS,
    Offer,
    compare_offers,
    offer_summary,
    offer_years,
    validate_offer,
    validate_schedule,
)

WORKED = Offer(
    name="Amazon L6",
    base=150_000,
    bonus_is_percent=True,
    bonus_percent=15,
    equity_grant=200_000,
    schedule=VESTING_PRESETS["Amazon 5/15/40/40"],
    sign_on=(50_000, 40_000, 0, 0),
    refresher=40_000,
)


@pytest.mark.parametrize(
    ("preset", "stock"),
    [
        ("Amazon 5/15/40/40", [5_000, 15_000, 40_000, 40_000]),
        ("Google 33/33/22/12", [33_000, 33_000, 22_000, 12_000]),
        ("Even 25/25/25/25", [25_000, 25_000, 25_000, 25_000]),
    ],
)
def test_each_preset_vests_a_100k_grant(preset, stock):
    offer = Offer(name=preset, base=1, equity_grant=100_000, schedule=VESTING_PRESETS[preset])
    assert validate_schedule(VESTING_PRESETS[preset]) == []
    assert offer_years(offer)["stock"].tolist() == stock


def test_schedule_that_adds_to_95():
    assert validate_schedule((5, 15, 35, 40)) == ["The schedule adds to 95%, not 100%."]


def test_schedule_with_a_negative_year():
    assert validate_schedule((-10, 30, 40, 40)) == ["Year 1 is negative (-10%)."]


def test_schedule_with_the_wrong_number_of_years():
    assert validate_schedule((50, 50)) == ["The schedule needs 4 yearly percentages, not 2."]


def test_schedule_with_several_problems_lists_them_all():
    assert validate_schedule((-5, 50, 50)) == [
        "The schedule needs 4 yearly percentages, not 3.",
        "Year 1 is negative (-5%).",
        "The schedule adds to 95%, not 100%.",
    ]


def test_schedule_allows_float_rounding_but_not_real_shortfalls():
    assert validate_schedule((100 / 3, 100 / 3, 100 / 3, 0)) == []
    assert validate_schedule((33.3, 33.3, 33.3, 0)) == ["The schedule adds to 99.9%, not 100%."]


def test_worked_offer_year_by_year():
    expected = pd.DataFrame(
        {
            "year": [1, 2, 3, 4],
            "base": [150_000.0] * 4,
            "bonus": [22_500.0] * 4,
            "stock": [10_000.0, 32_000.0, 88_000.0, 104_000.0],
            "sign_on": [50_000.0, 40_000.0, 0.0, 0.0],
            "total": [232_500.0, 244_500.0, 260_500.0, 276_500.0],
        }
    )
    pd.testing.assert_frame_equal(offer_years(WORKED), expected)


def test_worked_offer_summary():
    assert offer_summary(WORKED) == {
        "name": "Amazon L6",
        "first_year_total": 232_500,
        "four_year_total": 1_014_000,
        "four_year_average": 253_500,
    }


def test_bonus_as_an_amount_ignores_the_percent_field():
    offer = dataclasses.replace(WORKED, bonus_is_percent=False, bonus_target=30_000)
    assert offer_years(offer)["bonus"].tolist() == [30_000] * 4


def test_a_valid_offer_has_no_problems():
    assert validate_offer(WORKED) == {}


def test_validate_offer_names_each_bad_field():
    offer = dataclasses.replace(
        WORKED,
        name=" ",
        base=-1,
        bonus_percent=250,
        equity_grant=-100,
        schedule=(5, 15, 40, 35),
        sign_on=(50_000, -10),
        refresher=-5,
    )
    assert validate_offer(offer) == {
        "name": "Give the offer a name.",
        "base": "Cannot be negative.",
        "equity_grant": "Cannot be negative.",
        "refresher": "Cannot be negative.",
        "bonus_percent": "A bonus of 250% of base is above 200%; check the figure.",
        "schedule": "The schedule adds to 95%, not 100%.",
        "sign_on": "Give a sign-on amount for each of 4 years. Year 2: Cannot be negative.",
    }


def test_validate_offer_checks_only_the_bonus_field_in_use():
    offer = dataclasses.replace(WORKED, bonus_percent=-5, bonus_target=-5)
    assert validate_offer(offer) == {"bonus_percent": "Cannot be negative."}
    assert validate_offer(dataclasses.replace(offer, bonus_is_percent=False)) == {"bonus_target": "Cannot be negative."}


def test_an_invalid_offer_has_no_totals():
    with pytest.raises(ValueError, match="schedule: The schedule adds to 95%"):
        offer_years(dataclasses.replace(WORKED, schedule=(5, 15, 35, 40)))


def test_compare_offers_long_table():
    other = Offer(name="Even", base=100_000, equity_grant=40_000)
    table = compare_offers([WORKED, other])

    assert list(table.columns) == ["offer", "year", "component", "amount"]
    assert len(table) == 2 * 4 * len(COMPONENTS)
    assert table["offer"].unique().tolist() == ["Amazon L6", "Even"]  # input order kept
    assert table.head(4).to_dict("records") == [
        {"offer": "Amazon L6", "year": 1, "component": "base", "amount": 150_000},
        {"offer": "Amazon L6", "year": 1, "component": "bonus", "amount": 22_500},
        {"offer": "Amazon L6", "year": 1, "component": "stock", "amount": 10_000},
        {"offer": "Amazon L6", "year": 1, "component": "sign_on", "amount": 50_000},
    ]
    # Stacking the components gives each year's total.
    yearly = table.groupby(["offer", "year"], sort=False)["amount"].sum()
    assert yearly["Amazon L6"].tolist() == [232_500, 244_500, 260_500, 276_500]
    assert yearly["Even"].tolist() == [110_000] * 4


def test_compare_offers_rejects_repeated_names():
    with pytest.raises(ValueError, match="repeated: Amazon L6"):
        compare_offers([WORKED, WORKED])


def test_compare_no_offers_gives_an_empty_table_of_the_same_shape():
    table = compare_offers([])
    assert table.empty
    assert table.dtypes.astype(str).to_dict() == {
        "offer": "str",
        "year": "int64",
        "component": "str",
        "amount": "float64",
    }
