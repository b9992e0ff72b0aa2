"""Market tables: pay ranges, penetration words, reliability marks, places and money-view headers.

Pure functions, no warehouse: expected values are worked by hand from the rules in
analytics/market/tables.py and, for the metro rows, from BLS's release (see tests/test_market.py).
"""

from __future__ import annotations

import math
from types import SimpleNamespace

import pandas as pd
import pytest

from analytics.market.ingest import NATIONAL
from analytics.market.tables import (
    PAY_RANGE,
    area_title,
    convert_pay,
    less_reliable,
    metro_table,
    pay_in_range,
    penetration_text,
    percentile_table,
    place,
    wage_labels,
)
from analytics.urlstate import Parsed, parse_number


def test_pay_ranges_are_stated_and_convert_into_each_other():
    assert PAY_RANGE == {"annual": (0.01, 10_000_000.0), "hourly": (0.01, 4_807.69)}
    assert convert_pay(PAY_RANGE["hourly"][1], "hourly", "annual") <= PAY_RANGE["annual"][1]
    assert convert_pay(PAY_RANGE["annual"][1], "annual", "hourly") <= PAY_RANGE["hourly"][1]


@pytest.mark.parametrize(
    ("pay", "basis", "expected"),
    [
        (150_000, "annual", 150_000.0),
        (10_000_000, "annual", 10_000_000.0),
        (4_807.69, "hourly", 4_807.69),
        (None, "annual", None),
        (float("nan"), "annual", None),
        (0, "annual", None),
        (-1, "annual", None),
        (1e15, "annual", None),
        (1e308, "annual", None),
        (float("inf"), "annual", None),
        (5_000, "hourly", None),
    ],
)
def test_pay_outside_its_range_is_missing(pay, basis, expected):
    assert pay_in_range(pay, basis) == expected


@pytest.mark.parametrize(
    ("text", "basis", "expected", "notices"),
    [
        ("150000", "annual", 150_000.0, 0),
        ("", "annual", None, 1),
        ("1e308", "annual", None, 1),
        ("1e15", "annual", None, 1),
        ("-1", "annual", None, 1),
        ("0", "annual", None, 1),
        ("4807.69", "hourly", 4_807.69, 0),
        ("5000", "hourly", None, 1),
        ("nan", "annual", None, 1),
    ],
)
def test_a_link_reads_pay_within_the_same_range(text, basis, expected, notices):
    parsed = Parsed()
    low, high = PAY_RANGE[basis]
    parse_number({"pay": [text]}, "pay", None, parsed, low=low, high=high, label="pay")
    assert parsed.values["pay"] == expected
    assert len(parsed.notices) == notices


@pytest.mark.parametrize(
    ("penetration", "expected"),
    [
        (-0.75, "−75% (below the minimum)"),
        (4.5, "450% (above the maximum)"),
        (0.0, "0% (within the range)"),
        (1.0, "100% (within the range)"),
        (0.4, "40% (within the range)"),
    ],
)
def test_penetration_has_words_at_the_tails(penetration, expected):
    assert penetration_text(penetration) == expected


@pytest.mark.parametrize(
    ("employment_rse", "wage_rse", "expected"),
    [
        (9.7, 10.6, True),  # Billings, MT (Marketing Managers): wage RSE above 10%
        (7.8, 2.5, False),  # Topeka, KS
        (25.1, 2.0, True),
        (25.0, 10.0, False),
        (None, None, False),
        (math.nan, 3.0, False),
    ],
)
def test_less_reliable_follows_the_stated_rule(employment_rse, wage_rse, expected):
    assert less_reliable(employment_rse, wage_rse) is expected


def test_places_read_as_english():
    assert place(NATIONAL, "National") == "in the United States"
    assert place("0600000", "California") == "in California"
    assert place(NATIONAL, "National", "Information") == "in the United States, in Information"
    assert area_title(NATIONAL, "National") == "United States"


def metros() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "extreme": ["top", "bottom"],
            "rank": [4, 1],
            "area_name": ["Billings, MT", "Morgantown, WV"],
            "value": [212_760.0, 80_200.0],
            "lower_bound": [False, False],
            "employment": [160.0, math.nan],
            "employment_rse": [9.7, math.nan],
            "wage_rse": [10.6, math.nan],
        }
    )


def test_metro_table_shows_employment_rse_and_reliability():
    table = metro_table(metros(), "annual", {"value": "Median"})
    assert table.values.tolist() == [
        ["Highest 4", "Billings, MT", "$212,760", "160", "9.7%", "10.6%", "less reliable"],
        ["Lowest 1", "Morgantown, WV", "$80,200", "not released", "not released", "not released", ""],
    ]


def test_money_view_headers_and_text():
    reported = SimpleNamespace(adjusted=False, currency="USD", today_label="dollars of August 2026")
    today_eur = SimpleNamespace(adjusted=True, currency="EUR", today_label="dollars of August 2026")
    assert wage_labels(reported, "annual") == {"annual": "Annual wage"}
    assert wage_labels(today_eur, "value", "Median") == {
        "value": "Median, dollars of August 2026",
        "value_reported": "Median, as reported (May 2025)",
        "value_eur": "Median (EUR)",
    }
    frame = pd.DataFrame(
        {
            "stat": ["p90"],
            "annual": [700_000.0],
            "annual_reported": [649_720.0],
            "annual_lower_bound": [True],
            "annual_eur": [600_000.4],
        }
    )
    table = percentile_table(frame, wage_labels(today_eur, "annual"))
    assert table.values.tolist() == [["90th percentile", "≥ $700,000", "≥ $649,720", "≥ 600,000 EUR"]]


def test_pay_range_message_states_the_range():
    from analytics.market.tables import pay_range_message

    assert pay_range_message(1e15, "annual") == (
        "Ignored a pay of 1e+15 a year: enter one from $0.01 to $10,000,000, or leave it blank."
    )
    assert pay_range_message(5000, "hourly").endswith("from $0.01 to $4,807.69, or leave it blank.")
