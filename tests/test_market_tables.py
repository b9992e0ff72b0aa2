"""Market tables: pay ranges, penetration words, reliability marks, places and money-view headers.

Pure functions, no warehouse: expected values are worked by hand from the rules in
analytics/market/tables.py and, for the metro rows, from BLS's release (see tests/test_market.py).
"""

from __future__ import annotations

import math
from types import SimpleNamespace

import pandas as pd
import pytest

from analytics.format import md
from analytics.market.ingest import ALL_INDUSTRIES, NATIONAL
from analytics.market.tables import (
    INDUSTRY_NATIONAL_ONLY,
    PAY_RANGES,
    all_industries_median,
    annual_equivalent,
    area_title,
    cell_title,
    code_names,
    convert_pay,
    employment_text,
    industry_detail,
    industry_labels,
    industry_notice,
    industry_options,
    known_area,
    less_reliable,
    mapping_caption,
    mapping_lines,
    metro_table,
    national_industry_only,
    pay_input,
    pay_refusal,
    pay_sentence,
    penetration_text,
    percentile_caption,
    percentile_table,
    place,
    ratio_change,
    ratio_text,
    reliability_text,
    sector_shown,
    state_map_caption,
    state_values,
    switched_pay,
    wage_labels,
    wages_released,
)
from analytics.urlstate import Parsed, parse_number

SOURCE = pd.Series(
    {"title": "Occupational Employment and Wage Statistics, May 2025", "publisher": "U.S. Bureau of Labor Statistics"}
)


def test_pay_ranges_are_stated_and_convert_into_each_other():
    assert {basis: (r.low, r.high) for basis, r in PAY_RANGES.items()} == {
        "annual": (1.0, 10_000_000.0),
        "hourly": (0.01, 4_807.69),
    }
    assert convert_pay(PAY_RANGES["hourly"].high, "hourly", "annual") <= PAY_RANGES["annual"].high
    assert convert_pay(PAY_RANGES["annual"].high, "annual", "hourly") <= PAY_RANGES["hourly"].high


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
    assert PAY_RANGES[basis].check(pay) == expected


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
    allowed = PAY_RANGES[basis]
    parse_number({"pay": [text]}, "pay", None, parsed, low=allowed.low, high=allowed.high, label="pay")
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


def test_pay_refusal_states_the_range():
    assert pay_refusal(1e15, "annual") == (
        "Ignored a pay of 1e+15 a year: enter one from $1 to $10,000,000, or leave it blank."
    )
    assert pay_refusal(5000, "hourly").endswith("from $0.01 to $4,807.69, or leave it blank.")
    assert pay_refusal(0.5, "annual") == (
        "Ignored a pay of 0.5 a year: enter one from $1 to $10,000,000, or leave it blank."
    )
    assert [
        pay_refusal(p, b) for p, b in [(None, "annual"), (math.nan, "hourly"), (150_000, "annual"), (75, "hourly")]
    ] == [
        None,
        None,
        None,
        None,
    ]


@pytest.mark.parametrize(
    ("pay", "basis", "expected"),
    [
        (166_400.0, "hourly", 80.0),  # the radio moved to Hour: 166,400 a year is $80.00 an hour
        (80.19, "annual", 166_795.0),  # and back to Year: 80.19 × 2,080 = 166,795.20, to the dollar
        (None, "hourly", None),
        (0.01, "annual", 21.0),  # a cent an hour is 20.8 cents × 2,080 = $21 a year, to the dollar
        (10_000_000.0, "hourly", 4_807.69),
    ],
)
def test_switching_the_basis_converts_the_pay_within_its_range(pay, basis, expected):
    assert switched_pay(pay, basis) == expected


def test_the_pay_box_takes_its_bounds_from_the_pay_range():
    assert pay_input("annual") == {
        "min_value": 1.0,
        "max_value": 10_000_000.0,
        "step": 1000.0,
        "placeholder": "e.g. 150000",
        "help": "From \\$1 to \\$10,000,000 a year; leave blank for none\\.",
    }
    assert pay_input("hourly") == {
        "min_value": 0.01,
        "max_value": 4_807.69,
        "step": 1.0,
        "placeholder": "e.g. 75",
        "help": "From \\$0\\.01 to \\$4,807\\.69 an hour; leave blank for none\\.",
    }
    assert pay_input("annual", 185_000)["placeholder"] == "e.g. 185000"  # Pay elsewhere's example


def test_where_a_pay_sits_reads_as_one_sentence():
    assert pay_sentence(
        191_600.0, "annual", "about the 63rd percentile", "Marketing Managers", "in the United States"
    ) == ("**\\$191,600 a year** is **about the 63rd percentile** for Marketing Managers in the United States.")
    assert pay_sentence(
        80.19, "hourly", "about the 50th percentile", "Marketing Managers", "in Ohio, in Information"
    ) == ("**\\$80\\.19 an hour** is **about the 50th percentile** for Marketing Managers in Ohio, in Information.")
    assert (ratio_text(1.1487), ratio_text(None)) == ("1.15", "–")
    assert (annual_equivalent(80.19, "hourly"), annual_equivalent(166_790.0, "annual")) == ("$166,795", None)


def test_industry_detail_is_national_only():
    assert (industry_detail(NATIONAL), industry_detail("0600000")) == (True, False)
    spread = pd.DataFrame({"industry_code": [ALL_INDUSTRIES, "51--52"]})
    assert industry_options(NATIONAL, spread) == [ALL_INDUSTRIES, "51--52"]
    assert industry_options("0600000", spread) == [ALL_INDUSTRIES]
    names = pd.DataFrame(
        {
            "industry_code": [ALL_INDUSTRIES, "51--52", "622300"],
            "industry_name": [
                "Cross-Industry, Private, Federal, State, and Local",
                "Sector 51 - Information",
                "Specialty (except Psychiatric and Substance Abuse) Hospitals",
            ],
        }
    )
    assert industry_labels(names) == {
        ALL_INDUSTRIES: "All industries",
        "51--52": "Information",
        "622300": "Specialty (except Psychiatric and Substance Abuse) Hospitals",
    }
    assert (sector_shown(ALL_INDUSTRIES, "Cross-Industry"), sector_shown("51--52", "Sector 51 - Information")) == (
        None,
        "Information",
    )


def test_a_replaced_industry_is_explained_nationally_only():
    assert industry_notice(NATIONAL, True, "Marketing Managers", "Sector 11 - Agriculture") == (
        "BLS publishes no national estimate for Marketing Managers in “Sector 11 - Agriculture”: "
        "showing all industries."
    )
    assert industry_notice("0600000", True, "Marketing Managers", "Sector 51 - Information") is None
    assert industry_notice(NATIONAL, False, "Marketing Managers", "Sector 51 - Information") is None


@pytest.mark.parametrize(
    ("area", "industry", "kept", "notices"),
    [
        ("0600000", "51--52", ALL_INDUSTRIES, [INDUSTRY_NATIONAL_ONLY]),
        ("0600000", ALL_INDUSTRIES, ALL_INDUSTRIES, []),
        (NATIONAL, "51--52", "51--52", []),
    ],
)
def test_a_link_keeps_industry_detail_for_the_nation_only(area, industry, kept, notices):
    parsed = Parsed()
    parsed.values.update(area=area, industry=industry)
    national_industry_only(parsed)
    assert (parsed.values["industry"], parsed.notices) == (kept, notices)


def test_headings_and_lookups():
    assert cell_title("Marketing Managers", NATIONAL, "National") == "Marketing Managers, United States"
    assert cell_title("Marketing Managers", NATIONAL, "National", "Information") == (
        "Marketing Managers, United States, Information"
    )
    assert cell_title("Marketing Managers", "0600000", "California") == "Marketing Managers, California"
    areas = pd.DataFrame({"area_code": [NATIONAL, "0600000"], "area_name": ["National", "California"]})
    assert code_names(areas, "area_code", "area_name") == {NATIONAL: "National", "0600000": "California"}
    assert (known_area("0042660", ["0042660", NATIONAL]), known_area("0042660", [NATIONAL])) == ("0042660", NATIONAL)
    assert ratio_change(164_920 / 175_850) == "-6.2%"  # Austin's over Seattle's Marketing Managers median


def test_the_mapping_caption_names_the_roles_of_a_mapped_occupation_only():
    occupations = pd.DataFrame(
        {
            "occupation_code": ["11-3021", "11-1011"],
            "mapped": [True, False],
            "roles": ["Technical Product Manager", None],
        }
    )
    assert mapping_caption(occupations, "11-3021") == (
        "PayLadder maps its roles Technical Product Manager to this occupation \\(PayLadder's own choice; "
        "see below\\)\\."
    )
    assert mapping_caption(occupations, "11-1011") is None


def test_mapping_lines_say_which_roles_have_no_range():
    mapping = pd.DataFrame(
        {
            "role": ["Product Manager", "VP of Product"],
            "occupation_title": ["Marketing Managers", "Marketing Managers"],
            "fit": ["primary", "alternative"],
            "rationale": ["Closest managerial occupation.", "For vice presidents whose remit stays within product."],
        }
    )
    ranges = pd.DataFrame({"role": ["Product Manager", "Product Manager"]})
    assert mapping_lines(mapping, ranges).split("\n") == [
        "- **PayLadder's mapping: Product Manager ≈ Marketing Managers** (primary fit). "
        "Closest managerial occupation\\.",
        "- **PayLadder's mapping: VP of Product ≈ Marketing Managers** (alternative fit; no reported range in "
        "PayLadder’s sources). For vice presidents whose remit stays within product\\.",
    ]


def test_the_chart_caption_states_reliability_and_hourly_only():
    national = pd.DataFrame({"employment_rse": [0.8], "wage_rse": [0.3]})  # Marketing Managers, national
    billings = pd.DataFrame({"employment_rse": [9.7], "wage_rse": [10.6]})  # Billings, MT: wage RSE above 10%
    assert reliability_text(national) == (
        "BLS's relative standard errors (smaller is more precise): employment 0.8%, mean wage 0.3%."
    )
    assert reliability_text(billings) == (
        "BLS's relative standard errors (smaller is more precise): employment 9.7%, mean wage 10.6%; "
        "less reliable by the rule under the metro table."
    )
    assert reliability_text(pd.DataFrame({"employment_rse": [], "wage_rse": []})) == ""
    assert percentile_caption("annual", national, SOURCE) == md(
        "Thin band: 10th to 90th percentile; box: 25th to 75th; diamond: mean (annual wages). A triangle marks "
        "a top-coded percentile: at least that much. BLS's relative standard errors (smaller is more precise): "
        "employment 0.8%, mean wage 0.3%. Source: Occupational Employment and Wage Statistics, May 2025, "
        "U.S. Bureau of Labor Statistics. "
    )
    assert percentile_caption("hourly", pd.DataFrame({"employment_rse": [], "wage_rse": []}), SOURCE) == md(
        "Thin band: 10th to 90th percentile; box: 25th to 75th; diamond: mean (hourly wages). A triangle marks "
        "a top-coded percentile: at least that much. BLS publishes hourly wages only for this occupation. "
        "Source: Occupational Employment and Wage Statistics, May 2025, U.S. Bureau of Labor Statistics. "
    )


def states() -> pd.DataFrame:
    """Marketing Managers' annual medians for one state and the three territories (BLS, May 2025)."""
    return pd.DataFrame(
        {
            "area_name": ["Alabama", "Guam", "Puerto Rico", "Virgin Islands"],
            "state_postal": ["AL", "GU", "PR", "VI"],
            "value": [120_160.0, 79_890.0, math.nan, 97_760.0],
            "lower_bound": [False, False, False, False],
        }
    )


def test_the_map_caption_lists_the_territories_it_cannot_draw():
    assert state_map_caption(states(), "annual", SOURCE["title"]) == md(
        "Cross-industry, annual wages. Grey: no published estimate. Off the map: Guam $79,890; Virgin Islands "
        "$97,760. Source: Occupational Employment and Wage Statistics, May 2025. "
    )
    assert state_map_caption(states().iloc[:1], "annual", SOURCE["title"]) == md(
        "Cross-industry, annual wages. Grey: no published estimate. "
        "Source: Occupational Employment and Wage Statistics, May 2025. "
    )
    assert state_values(states(), "annual").values.tolist() == [
        ["Alabama", "AL", "$120,160"],
        ["Guam", "GU", "$79,890"],
        ["Puerto Rico", "PR", "not released"],
        ["Virgin Islands", "VI", "$97,760"],
    ]


def test_released_wages_employment_and_the_all_industries_median():
    withheld = pd.DataFrame({"stat": ["p50"], "annual": [math.nan], "hourly": [math.nan]})  # Delaware (footnote 8)
    hourly_only = pd.DataFrame({"stat": ["p50"], "annual": [math.nan], "hourly": [47.80]})  # Musicians and Singers
    assert [wages_released(f) for f in (withheld, hourly_only, withheld.iloc[:0])] == [False, True, False]
    assert [employment_text(e) for e in (395_240.0, math.nan, None)] == ["395,240", "not released", "not released"]
    spread = pd.DataFrame({"industry_code": [ALL_INDUSTRIES, "000001"], "p50": [166_790.0, 167_480.0]})
    assert all_industries_median(spread) == 166_790.0
    assert all_industries_median(spread.iloc[1:]) is None
