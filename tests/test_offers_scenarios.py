"""What would match and the share-price scenarios, on the example offers worked by hand.

Offer A: base 150,000, 15% bonus (22,500), a 200,000 grant on Amazon's 5/15/40/40, sign-on 50,000 then 40,000
and a 40,000 refresher: 232,500 in year 1, 1,014,000 over four years. Offer B: base 170,000, a 20,000 bonus, a
120,000 grant vesting evenly: 220,000 every year, 880,000 over four years. A leads by 134,000 over four years
and by 12,500 in year one.
"""

from dataclasses import replace

import pytest

from analytics.offers.codec import EXAMPLES
from analytics.offers.model import Offer, offer_summary
from analytics.offers.scenarios import (
    Match,
    match_text,
    matches,
    scenario_table,
    scenario_text,
    share_price_scenarios,
    what_would_match,
)

A, B = (e.to_offer() for e in EXAMPLES[:2])


def test_what_would_match_over_four_years():
    match = what_would_match(A, B, "average")
    assert match == Match("Offer A", "Offer B", 4, 134_000, 134_000, 203_500, 33_500, None)
    # Either change makes B pay exactly what A pays over four years.
    with_sign_on = replace(B, sign_on=(134_000, 0, 0, 0))
    with_base = replace(B, base=203_500)
    assert offer_summary(with_sign_on)["four_year_total"] == offer_summary(A)["four_year_total"] == 1_014_000
    assert offer_summary(with_base)["four_year_total"] == 4 * (203_500 + 20_000 + 30_000) == 1_014_000
    assert match_text(match) == (
        "To match Offer A over four years, Offer B would need $134,000 more in sign-on bonuses, or a base salary "
        "of $203,500 instead of $170,000 ($33,500 more a year)."
    )


def test_what_would_match_in_year_one():
    match = what_would_match(A, B, "first")
    assert (match.gap, match.sign_on, match.base, match.extra_base, match.years) == (12_500, 12_500, 182_500, 12_500, 1)
    assert offer_summary(replace(B, base=182_500))["first_year_total"] == 232_500
    assert offer_summary(replace(B, sign_on=(12_500, 0, 0, 0)))["first_year_total"] == 232_500
    assert match_text(match) == (
        "To match Offer A in year one, Offer B would need a year-1 sign-on bonus $12,500 higher, or a base "
        "salary of $182,500 instead of $170,000 ($12,500 more a year)."
    )


def test_a_bonus_in_percent_grows_with_the_base():
    """Cash: 150,000 and 15% (172,500 a year, 690,000 over four years) against Offer A's 1,014,000: 324,000 short.
    Each dollar of base pays 1.15 a year, so 324,000 ÷ (4 × 1.15) = 70,434.78..., rounded up to 70,435."""
    cash = Offer("Cash", base=150_000, bonus_is_percent=True, bonus_percent=15)
    match = what_would_match(A, cash, "average")
    assert (match.gap, match.extra_base, match.base, match.bonus_percent) == (324_000, 70_435, 220_435, 15)
    assert offer_summary(replace(cash, base=220_435))["four_year_total"] == 4 * (220_435 + 33_065.25) == 1_014_001
    assert offer_summary(replace(cash, base=220_434))["four_year_total"] < 1_014_000  # a dollar less falls short
    assert match_text(match).endswith("($70,435 more a year; its 15% bonus grows with it).")


def test_nothing_to_match_for_the_leader_or_one_offer():
    assert what_would_match(B, A, "average") is None
    assert what_would_match(A, A, "average") is None
    assert matches([A], "average") == []
    assert [m.weaker for m in matches([B, A, EXAMPLES[2].to_offer()], "average")] == [
        "Offer B",
        "Offer C",
    ]  # C: 879,000


def test_share_price_scenarios_by_hand():
    """A 30% move of A's 200,000 grant moves its year 1 (5%) by 3,000 and its four years by 60,000; of B's
    120,000 grant, year 1 (25%) by 9,000 and four years by 36,000. Refreshers keep their value."""
    table = share_price_scenarios([A, B])
    assert table[["offer", "change", "grant_value", "first_year_total", "four_year_total"]].values.tolist() == [
        ["Offer A", -0.3, 140_000, 229_500, 954_000],
        ["Offer A", 0.0, 200_000, 232_500, 1_014_000],
        ["Offer A", 0.3, 260_000, 235_500, 1_074_000],
        ["Offer B", -0.3, 84_000, 211_000, 844_000],
        ["Offer B", 0.0, 120_000, 220_000, 880_000],
        ["Offer B", 0.3, 156_000, 229_000, 916_000],
    ]
    assert table["four_year_average"].tolist() == [238_500, 253_500, 268_500, 211_000, 220_000, 229_000]
    # Today is the offer itself.
    assert table[table["change"] == 0]["four_year_total"].tolist() == [
        offer_summary(o)["four_year_total"] for o in (A, B)
    ]
    # The same as the offer with its grant moved (no refresher moves).
    for change in (-0.3, 0.3):
        moved = replace(A, equity_grant=200_000 * (1 + change))
        row = table[(table["offer"] == "Offer A") & (table["change"] == change)].iloc[0]
        assert row["four_year_total"] == pytest.approx(offer_summary(moved)["four_year_total"], abs=0.005)
    assert scenario_table(table, "first").values.tolist() == [
        ["Offer A", 229_500, 232_500, 235_500],
        ["Offer B", 211_000, 220_000, 229_000],
    ]
    assert scenario_text(table, "average") == (
        "Offer A leads on the four-year average at each share price: by $27,500 with the share price 30% lower, "
        "$33,500 as today, $39,500 with it 30% higher."
    )


def test_a_share_price_can_change_the_leader():
    """Cash pays 200,000 a year. Stock pays 100,000 plus a 400,000 grant vesting evenly: 200,000 a year today,
    170,000 with the share price 30% lower (100,000 + 70,000) and 230,000 with it 30% higher."""
    cash, stock = Offer("Cash", base=200_000), Offer("Stock", base=100_000, equity_grant=400_000)
    table = share_price_scenarios([cash, stock])
    assert scenario_table(table, "average").values.tolist() == [
        ["Cash", 200_000, 200_000, 200_000],
        ["Stock", 170_000, 200_000, 230_000],
    ]
    assert scenario_text(table, "average") == (
        "On the four-year average: with the share price 30% lower, Cash leads by $30,000; as today, the top two "
        "tie; with it 30% higher, Stock leads by $30,000. The share price changes the leader."
    )
