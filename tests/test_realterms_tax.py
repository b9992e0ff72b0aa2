"""After tax: take-home = gross - the four taxes, each checked against a computation made here.

Independent constants, tax year 2025:
- Federal: IRS 2025 brackets (Rev. Proc. 2024-40) and the standard deduction as raised by the
  One Big Beautiful Bill Act: $15,750 single, $31,500 married filing jointly.
- California: FTB 2025 tax rate schedule X (single), standard deduction $5,706, personal
  exemption credit $153, reduced by $6 for each $2,500 (or part of it) of federal AGI above $252,203
  (Cal. Rev. & Tax. Code § 17054.1(b); FTB 2025 Form 540 instructions); Form 540 rounds to whole dollars.
- Social Security 6.2% up to $176,100 (SSA, 2025) / $184,500 (2026); Medicare 1.45%; Additional
  Medicare 0.9% above $200,000 single / $250,000 married filing jointly (IRS).
"""

from __future__ import annotations

import math

import pytest

from analytics.realterms.tax import TaxError, covered_states, not_covered_states, take_home, take_home_table

FEDERAL_2025 = {  # filing status -> (standard deduction, [(bracket top, rate)])
    "single": (
        15_750,
        [
            (11_925, 0.10),
            (48_475, 0.12),
            (103_350, 0.22),
            (197_300, 0.24),
            (250_525, 0.32),
            (626_350, 0.35),
            (float("inf"), 0.37),
        ],
    ),
    "married_joint": (
        31_500,
        [
            (23_850, 0.10),
            (96_950, 0.12),
            (206_700, 0.22),
            (394_600, 0.24),
            (501_050, 0.32),
            (751_600, 0.35),
            (float("inf"), 0.37),
        ],
    ),
}
CALIFORNIA_2025_SINGLE = (
    5_706,
    153,
    [
        (11_079, 0.01),
        (26_264, 0.02),
        (41_452, 0.04),
        (57_542, 0.06),
        (72_724, 0.08),
        (371_479, 0.093),
        (445_771, 0.103),
        (742_953, 0.113),
        (float("inf"), 0.123),
    ],
)


def bracket_tax(taxable: float, brackets: list[tuple[float, float]]) -> float:
    tax, bottom = 0.0, 0.0
    for top, rate in brackets:
        if taxable > bottom:
            tax += (min(taxable, top) - bottom) * rate
        bottom = top
    return tax


def federal(gross: float, status: str) -> float:
    deduction, brackets = FEDERAL_2025[status]
    return round(bracket_tax(max(0.0, gross - deduction), brackets))


CALIFORNIA_2025_PHASE_OUT = (252_203, 2_500, 6)  # federal AGI above which, per step (or part), the credit falls


def california_single(gross: float) -> float:
    deduction, credit, brackets = CALIFORNIA_2025_SINGLE
    start, step, cut = CALIFORNIA_2025_PHASE_OUT
    credit = max(0, credit - cut * math.ceil(max(0.0, gross - start) / step))  # wages only: federal AGI = gross
    return round(bracket_tax(max(0.0, gross - deduction), brackets) - credit)


@pytest.fixture(scope="module")
def con(reference_con):
    return reference_con


def test_california_single_2025(con):
    t = take_home(con, 185_000, "CA", "single", 2025)
    assert (t.income_tax_year, t.payroll_year, t.notes) == (2025, 2025, [])
    assert t.federal_income_tax == federal(185_000, "single") == 33_467
    assert t.state_income_tax == california_single(185_000) == 12_960
    assert t.social_security == round(176_100 * 0.062, 2) == 10_918.20
    assert t.medicare == round(185_000 * 0.0145, 2) == 2_682.50
    assert t.additional_medicare == 0
    assert t.take_home == round(185_000 - 33_467 - 12_960 - 10_918.20 - 2_682.50, 2) == 124_972.30


def test_texas_married_jointly_2025_pays_additional_medicare(con):
    t = take_home(con, 300_000, "TX", "married_joint", 2025)
    assert t.federal_income_tax == federal(300_000, "married_joint") == 50_134
    assert t.state_income_tax == 0
    assert t.social_security == 10_918.20
    assert t.medicare == round(300_000 * 0.0145, 2) == 4_350
    assert t.additional_medicare == round((300_000 - 250_000) * 0.009, 2) == 450
    assert t.take_home == round(300_000 - 50_134 - 0 - 10_918.20 - 4_350 - 450, 2) == 234_147.80
    assert t.notes == ["Married filing jointly: the pay is taken as the household's only wages."]


def test_washington_single_below_the_wage_base(con):
    t = take_home(con, 120_000, "WA", "single", 2025)
    assert (t.federal_income_tax, t.state_income_tax) == (federal(120_000, "single"), 0) == (17_867, 0)
    assert (t.social_security, t.medicare) == (round(120_000 * 0.062, 2), round(120_000 * 0.0145, 2)) == (7_440, 1_740)
    assert t.take_home == 120_000 - 17_867 - 7_440 - 1_740 == 92_953


def test_a_year_past_the_last_supported_uses_the_last_with_a_note(con):
    t = take_home(con, 185_000, "CA", "single", 2027)
    assert (t.income_tax_year, t.payroll_year) == (2025, 2026)
    assert t.notes == [
        "Income tax: 2027 rules are not available; the 2025 rules are used.",
        "Social Security and Medicare: 2027 rules are not available; the 2026 rules are used.",
    ]
    assert t.social_security == round(184_500 * 0.062, 2) == 11_439
    assert t.state_income_tax == 12_960


def test_states_tenforty_does_not_cover_get_no_take_home(con):
    t = take_home(con, 185_000, "IL", "single", 2025)
    assert (t.state_income_tax, t.take_home, t.federal_income_tax) == (None, None, 33_467)
    assert t.notes == [
        "Illinois income tax is not covered by tenforty for 2025: take-home is not computed "
        "(federal tax, Social Security and Medicare are shown)."
    ]


def test_covered_states_2025():
    assert covered_states(2025) == (
        "AK",
        "AZ",
        "CA",
        "FL",
        "MA",
        "MI",
        "NV",
        "NJ",
        "NY",
        "NC",
        "OH",
        "OR",
        "PA",
        "SD",
        "TN",
        "TX",
        "VA",
        "WA",
        "WY",
    )
    assert len(not_covered_states(2025)) == 32 and "DC" in not_covered_states(2025)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((None, "CA", "single", 2025), "Gross pay is blank"),
        ((-1, "CA", "single", 2025), "Gross pay must be between"),
        ((100, "ZZ", "single", 2025), "'ZZ' is not a US state or DC"),
        ((100, "CA", "widowed", 2025), "Unknown filing status 'widowed'"),
    ],
)
def test_bad_input_gets_a_plain_message(con, args, message):
    with pytest.raises(TaxError, match=message):
        take_home(con, *args)


def test_take_home_table_per_offer_year(con):
    import pandas as pd

    years = pd.DataFrame({"offer": ["A", "A"], "year": [1, 2], "total": [185_000.0, 300_000.0]})
    table = take_home_table(con, years, "CA", "single", 2025)
    assert table["calendar_year"].tolist() == [2025, 2026]
    assert table["income_tax_year"].tolist() == [2025, 2025]
    assert table["payroll_year"].tolist() == [2025, 2026]
    assert table["take_home"][0] == 124_972.30
    assert table["additional_medicare"][1] == round((300_000 - 200_000) * 0.009, 2) == 900
