"""The verdict in words, the ordering and the running totals, on the issue-14 journey worked by hand.

Google L5: base 185,000, 15% bonus (27,750), a 400,000 grant on Google's 33/33/22/12 schedule
(132,000, 132,000, 88,000, 48,000): years 344,750, 344,750, 300,750, 260,750; four years
4 × 212,750 + 400,000 = 1,251,000, 312,750 a year.
Amazon L6: base 165,000, no bonus, a 300,000 grant on Amazon's 5/15/40/40 (15,000, 45,000,
120,000, 120,000), sign-on 60,000 then 45,000: years 240,000, 255,000, 285,000, 285,000; four
years 4 × 165,000 + 300,000 + 105,000 = 1,065,000, 266,250 a year.
Google leads by 186,000 over four years (17.5% of 1,065,000) and by 104,750 in year one (43.6%).
"""

from analytics.offers.charts import cumulative_chart
from analytics.offers.model import VESTING_PRESETS, Offer, offer_summary, offer_years
from analytics.offers.verdict import cumulative_table, ranked, verdict

GOOGLE = Offer(
    "Google L5",
    base=185_000,
    bonus_is_percent=True,
    bonus_percent=15,
    equity_grant=400_000,
    schedule=VESTING_PRESETS["Google 33/33/22/12"],
)
AMAZON = Offer(
    "Amazon L6",
    base=165_000,
    equity_grant=300_000,
    schedule=VESTING_PRESETS["Amazon 5/15/40/40"],
    sign_on=(60_000, 45_000, 0, 0),
)
STEADY = Offer("Steady", base=180_000)
SIGN_ON = Offer("Sign-on", base=150_000, sign_on=(100_000, 0, 0, 0))


def test_the_journey_by_hand():
    assert offer_years(GOOGLE)["total"].tolist() == [344_750, 344_750, 300_750, 260_750]
    assert offer_years(AMAZON)["total"].tolist() == [240_000, 255_000, 285_000, 285_000]
    assert offer_summary(GOOGLE) == {
        "name": "Google L5",
        "first_year_total": 344_750,
        "four_year_total": 1_251_000,
        "four_year_average": 312_750,
    }
    assert offer_summary(AMAZON) == {
        "name": "Amazon L6",
        "first_year_total": 240_000,
        "four_year_total": 1_065_000,
        "four_year_average": 266_250,
    }


def test_the_journey_verdict():
    assert verdict([AMAZON, GOOGLE]) == [
        "Over four years, Google L5 pays $186,000 more than Amazon L6 (17.5%), $46,500 a year on average.",
        "In year one, Google L5 pays $104,750 more than Amazon L6 (43.6%).",
    ]
    assert verdict([AMAZON, GOOGLE], "first") == [
        "In year one, Google L5 pays $104,750 more than Amazon L6 (43.6%).",
        "Over four years, Google L5 pays $186,000 more than Amazon L6 (17.5%).",
    ]


def test_year_one_flatters_a_sign_on():
    # Sign-on: 250,000 then 150,000 a year (700,000); Steady: 180,000 a year (720,000).
    assert [o.name for o in ranked([SIGN_ON, STEADY], "average")] == ["Steady", "Sign-on"]
    assert [o.name for o in ranked([SIGN_ON, STEADY], "first")] == ["Sign-on", "Steady"]
    assert verdict([SIGN_ON, STEADY]) == [
        "Over four years, Steady pays $20,000 more than Sign-on (2.9%), $5,000 a year on average.",
        "In year one, Sign-on leads Steady by $70,000, because of its sign-on bonus ($100,000 against $0 in "
        "year one); Steady's running total passes it in year 4.",
    ]
    assert verdict([SIGN_ON, STEADY], "first") == [
        "In year one, Sign-on pays $70,000 more than Steady (38.9%).",
        "Over four years, Steady pays $20,000 more than Sign-on, because of its base salary ($720,000 against "
        "$600,000 over four years): year one alone flatters Sign-on.",
    ]


def test_three_offers_and_a_tie():
    assert verdict([AMAZON, GOOGLE, STEADY])[0] == (
        "Over four years, Google L5 pays $186,000 more than Amazon L6 (17.5%) and $531,000 more than Steady (73.8%)."
    )
    assert verdict([STEADY, Offer("Same", base=180_000)]) == [
        "Over four years, Steady pays the same as Same ($720,000).",
        "In year one, Steady pays the same as Same ($180,000).",
    ]
    assert verdict([STEADY]) == []


def test_running_totals_and_their_chart():
    table = cumulative_table([GOOGLE, AMAZON])
    assert table["cumulative"].tolist() == [344_750, 689_500, 990_250, 1_251_000, 240_000, 495_000, 780_000, 1_065_000]
    fig = cumulative_chart(table)
    assert [t.name for t in fig.data] == ["Google L5", "Amazon L6"]
    assert [t.text[-1] for t in fig.data] == ["Google L5<br>$1,251,000", "Amazon L6<br>$1,065,000"]
    assert list(fig.data[0].y) == [344_750, 689_500, 990_250, 1_251_000]
