"""Tests for analytics.metrics: each formula on ranges worked by hand.

The running example is a Product Coordinator range of 50,000–80,000 (midpoint 65,000)
below an Associate Product Manager range of 70,000–110,000 (midpoint 90,000). Where a
result is a single division of whole numbers, Python rounds it exactly as it rounds the
fraction, so the expected value is written as that fraction and compared with ==.
"""

import math
import re

import pandas as pd
import pytest

from analytics.metrics import (
    ANNUAL_FACTORS,
    OVERLAP_VARIANT,
    annualise,
    band_table,
    compa_ratio,
    market_percentile,
    midpoint,
    midpoint_progression,
    pay_position,
    range_overlap,
    range_penetration,
    range_spread,
    total_cash,
    total_direct_comp,
)


def test_midpoint_and_spread_of_a_range():
    assert midpoint(50_000, 80_000) == 65_000
    assert range_spread(50_000, 80_000) == 0.6  # 30,000 / 50,000


def test_midpoint_progression():
    assert midpoint_progression(65_000, 90_000) == 25_000 / 65_000 == 5 / 13  # 0.384615...


def test_range_overlap_uses_the_share_of_the_higher_range():
    # (80,000 − 70,000) / (110,000 − 70,000)
    assert range_overlap(50_000, 80_000, 70_000, 110_000) == 0.25
    assert "higher max − higher min" in OVERLAP_VARIANT


def test_range_overlap_is_negative_when_there_is_a_gap():
    # (60,000 − 70,000) / (90,000 − 70,000)
    assert range_overlap(50_000, 60_000, 70_000, 90_000) == -0.5


@pytest.mark.parametrize(
    ("pay", "compa", "penetration"),
    [
        (45_000, 45_000 / 65_000, -1 / 6),  # below the minimum: −5,000 / 30,000
        (58_500, 0.9, 17 / 60),  # inside: 8,500 / 30,000
        (65_000, 1.0, 0.5),  # at the midpoint
        (95_000, 95_000 / 65_000, 1.5),  # above the maximum: 45,000 / 30,000
    ],
)
def test_compa_ratio_and_penetration(pay, compa, penetration):
    assert compa_ratio(pay, 65_000) == compa
    assert range_penetration(pay, 50_000, 80_000) == penetration


def test_totals():
    assert total_cash(150_000, 22_500) == 172_500
    assert total_direct_comp(150_000, 22_500, 50_000) == 222_500


@pytest.mark.parametrize(
    ("amount", "period", "expected"),
    [
        (100_000, "annual", 100_000),
        (2_000, "weekly", 104_000),
        (4_000, "biweekly", 104_000),
        (50, "hourly", 104_000),
        (4_000, "Bi-weekly", 104_000),
    ],
)
def test_annualise(amount, period, expected):
    assert annualise(amount, period) == expected


def test_annual_factors_match_the_reference():
    assert ANNUAL_FACTORS == {"annual": 1, "weekly": 52, "biweekly": 26, "hourly": 2080}


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: midpoint(80_000, 50_000), "The minimum (80,000) is above the maximum (50,000)."),
        (lambda: range_spread(0, 50_000), "The minimum must be above zero"),
        (lambda: range_spread(80_000, 50_000), "is above the maximum"),
        (lambda: midpoint_progression(0, 90_000), "The lower midpoint must be above zero"),
        (lambda: range_overlap(50_000, 80_000, 70_000, 70_000), "has zero width"),
        (lambda: range_penetration(60_000, 70_000, 70_000), "has zero width"),
        (lambda: compa_ratio(60_000, 0), "The midpoint must be above zero"),
        (lambda: compa_ratio(-1, 65_000), "The pay cannot be negative"),
        (lambda: total_cash(-5, 0), "The base cannot be negative"),
        (lambda: annualise(10, "monthly"), "Unknown pay period 'monthly'"),
    ],
)
def test_nonsense_raises_a_plain_message(call, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        call()


def test_band_table_adds_the_measures_in_ladder_order():
    ranges = pd.DataFrame(
        {
            "label": ["Product Coordinator", "Associate Product Manager", "Product Manager"],
            "min": [50_000, 70_000, 100_000],
            "max": [80_000, 110_000, 150_000],
            "source": ["a", "b", "c"],
        }
    )
    table = band_table(ranges)

    assert list(table.columns) == [
        "label",
        "min",
        "max",
        "source",
        "midpoint",
        "spread",
        "progression",
        "overlap_with_previous",
    ]
    assert table["midpoint"].tolist() == [65_000, 90_000, 125_000]
    assert table["spread"].tolist() == [0.6, 40_000 / 70_000, 0.5]
    assert math.isnan(table["progression"].iloc[0])
    assert table["progression"].tolist()[1:] == [5 / 13, 35_000 / 90_000]
    assert math.isnan(table["overlap_with_previous"].iloc[0])
    # (80,000 − 70,000) / 40,000 and (110,000 − 100,000) / 50,000
    assert table["overlap_with_previous"].tolist()[1:] == [0.25, 0.2]
    assert "midpoint" not in ranges.columns  # the input is left alone


def test_band_table_names_the_bad_row():
    ranges = pd.DataFrame({"label": ["PC", "APM"], "min": [50_000, 110_000], "max": [80_000, 70_000]})
    with pytest.raises(ValueError, match=r"^APM: The minimum \(110,000\) is above"):
        band_table(ranges)


def test_band_table_needs_label_min_and_max():
    with pytest.raises(ValueError, match="missing: max"):
        band_table(pd.DataFrame({"label": ["PC"], "min": [50_000]}))


def test_band_table_leaves_missing_values_as_nan():
    ranges = pd.DataFrame(
        {
            "label": ["PC", "APM"],
            "min": pd.array([50_000, None], dtype="Int64"),
            "max": [80_000, 110_000],
        }
    )
    table = band_table(ranges)
    assert table["midpoint"].iloc[0] == 65_000
    measures = ["midpoint", "spread", "progression", "overlap_with_previous"]
    assert table[measures].iloc[1].isna().all()


@pytest.mark.parametrize(
    ("pay", "zone", "label"),
    [
        (45_000, "below", "below the range"),
        (50_000, "lower", "in the lower half"),
        (58_500, "lower", "in the lower half"),
        (65_000, "middle", "at the midpoint"),
        (72_000, "upper", "in the upper half"),
        (80_000, "upper", "in the upper half"),
        (95_000, "above", "above the range"),
    ],
)
def test_pay_position_labels(pay, zone, label):
    position = pay_position(pay, 50_000, 80_000)
    assert (position["zone"], position["label"]) == (zone, label)


def test_pay_position_values():
    assert pay_position(95_000, 50_000, 80_000) == {
        "compa_ratio": 95_000 / 65_000,  # 1.4615...
        "penetration": 1.5,
        "zone": "above",
        "label": "above the range",
    }


# Placing a pay among BLS's published percentiles (Marketing Managers, national, May 2025).
MARKETING = {10: 90_260.0, 25: 123_020.0, 50: 166_790.0, 75: 216_410.0, 90: 293_610.0}


def test_market_percentile_below_the_10th():
    result = market_percentile(50_000, MARKETING)
    assert result["percentile"] is None
    assert (result["label"], result["position"], result["bracket"]) == (
        "below the 10th percentile",
        "below",
        (None, 10),
    )
    assert result["ratio_to_median"] == 50_000 / 166_790


def test_market_percentile_above_the_90th():
    result = market_percentile(300_000, MARKETING)
    assert (result["percentile"], result["label"], result["bracket"]) == (None, "above the 90th percentile", (90, None))


def test_market_percentile_at_a_published_percentile():
    result = market_percentile(166_790, MARKETING)
    assert (result["percentile"], result["label"], result["ratio_to_median"]) == (50.0, "at the 50th percentile", 1.0)


def test_market_percentile_between_two_percentiles():
    result = market_percentile(191_600, MARKETING)  # halfway from 166,790 to 216,410
    assert (result["percentile"], result["label"], result["bracket"]) == (62.5, "about the 63rd percentile", (50, 75))


def test_market_percentile_skips_a_missing_percentile():
    result = market_percentile(128_525, {**MARKETING, 25: None})  # halfway from 90,260 to 166,790
    assert (result["percentile"], result["bracket"]) == (30.0, (10, 50))
    assert market_percentile(128_525, {**MARKETING, 50: None})["ratio_to_median"] is None
    assert market_percentile(1.0, dict.fromkeys(MARKETING))["label"] == "no published percentiles"


def test_market_percentile_with_top_coded_percentiles():
    pcts = {10: 150_000.0, 25: 180_000.0, 50: 210_000.0, 75: 239_200.0, 90: 239_200.0}
    below = market_percentile(220_000, pcts, {75, 90})
    assert (below["percentile"], below["label"], below["bracket"]) == (
        None,
        "between the 50th and 75th percentiles (BLS top-codes the 75th)",
        (50, 75),
    )
    above = market_percentile(250_000, pcts, {75, 90})
    assert (above["percentile"], above["position"], above["bracket"]) == (None, "top_coded", (50, None))
    assert above["label"] == ("above the 50th percentile; unknown against the 75th percentile, which BLS top-codes")
    assert market_percentile(239_200, pcts, {75, 90})["position"] == "top_coded"
    assert market_percentile(250_000, pcts, {50, 75, 90})["ratio_to_median"] is None


def test_market_percentile_when_every_percentile_is_top_coded():
    pcts = dict.fromkeys((10, 25, 50, 75, 90), 239_200.0)
    assert market_percentile(100_000, pcts, set(pcts))["label"] == "below the 10th percentile"
    result = market_percentile(300_000, pcts, set(pcts))
    assert (result["label"], result["bracket"]) == (
        "unknown against the 10th percentile, which BLS top-codes",
        (None, None),
    )


def test_market_percentile_uses_a_published_percentile_above_the_top_code():
    # Chief Executives in specialty hospitals: the 75th (621,830) is a tighter floor for the 90th.
    pcts = {10: 155_360.0, 25: 184_900.0, 50: 267_110.0, 75: 621_830.0, 90: 239_200.0}
    assert market_percentile(400_000, pcts, {90})["bracket"] == (50, 75)
    assert market_percentile(700_000, pcts, {90})["label"] == (
        "above the 75th percentile; unknown against the 90th percentile, which BLS top-codes"
    )
