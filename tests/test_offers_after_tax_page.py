"""The Offer calculator's after-tax tables and verdict under AppTest, each offer taxed in its own work state,
against taxes computed independently here with tests/test_realterms_tax.py's brackets.

Example Offer A is 232,500, 244,500, 260,500 and 276,500 in years 1-4; Offer B is 220,000 a year. Income tax
uses the 2025 rules for every year (the last tenforty has); Social Security and Medicare their own year's, the
2026 ones from 2027 on ($176,100 wage base in 2025, $184,500 in 2026).
"""

from pathlib import Path

from streamlit.testing.v1 import AppTest

from analytics.columns import round_half_up
from tests.helpers import plain
from tests.test_realterms_tax import FEDERAL_2025, bracket_tax, california_single, federal

ROOT = Path(__file__).resolve().parent.parent
WAGE_BASE = {2025: 176_100, 2026: 184_500}
A_YEARS = [232_500, 244_500, 260_500, 276_500]
B_YEARS = [220_000] * 4


def federal_exact(gross: float) -> float:
    """A single filer's 2025 federal income tax to the cent: above $100,000 of taxable income the IRS's Tax
    Computation Worksheet applies the rates to the exact amount, as tenforty does (no whole-dollar table)."""
    deduction, brackets = FEDERAL_2025["single"]
    return round(bracket_tax(max(0.0, gross - deduction), brackets), 2)


def by_hand(gross: float, state: str, year: int) -> dict[str, float]:
    """Every tax of a single filer's wages and the take-home, from the 2025 brackets and the year's payroll rates."""
    taxes = {
        "federal_income_tax": federal_exact(gross),
        "state_income_tax": california_single(gross) if state == "CA" else 0,
        "social_security": round(min(gross, WAGE_BASE[min(year, 2026)]) * 0.062, 2),
        "medicare": round(gross * 0.0145, 2),
        "additional_medicare": round(max(0, gross - 200_000) * 0.009, 2),
    }
    return {**taxes, "take_home": round(gross - sum(taxes.values()), 2)}


def offers_after_tax(states=("CA", "CA"), status: str = "single", first_year: int = 2026, **params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("pages/offers.py").run()
    for slot, state in enumerate(states, start=1):
        at.selectbox(key=f"offers_work_state_{slot}").set_value(state)
    at.selectbox(key="offers_tax_status").set_value(status)
    at.number_input(key="offers_tax_first_year").set_value(first_year).run()
    assert not at.exception, at.exception
    return at


def table_with(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_two_states_over_four_years_against_taxes_by_hand():
    at = offers_after_tax(states=("CA", "WA"), first_year=2025)
    table = table_with(at, "federal_income_tax")
    for offer, state, years in (("Offer A", "CA", A_YEARS), ("Offer B", "WA", B_YEARS)):
        rows = table[table["offer"] == offer].sort_values("year")
        assert rows["state"].tolist() == [state] * 4
        assert rows["calendar_year"].tolist() == [2025, 2026, 2027, 2028]
        assert (rows["income_tax_year"].tolist(), rows["payroll_year"].tolist()) == (
            [2025] * 4,
            [2025, 2026, 2026, 2026],
        )
        expected = [by_hand(gross, state, 2025 + i) for i, gross in enumerate(years)]
        for column in expected[0]:
            # on screen in whole dollars, rounded half up, as the downloads write them
            assert rows[column].tolist() == [round_half_up(e[column], 0) for e in expected], (offer, column)
    # The first year of each, worked in full: California taxes Offer A, Washington has no income tax.
    assert by_hand(232_500, "CA", 2025) == {
        "federal_income_tax": 46_423,
        "state_income_tax": 17_377,
        "social_security": 10_918.20,
        "medicare": 3_371.25,
        "additional_medicare": 292.50,
        "take_home": 154_118.05,
    }
    assert by_hand(220_000, "WA", 2025)["take_home"] == 220_000 - 42_423 - 10_918.20 - 3_190 - 180 == 163_288.80

    wide = table_with(at, "Offer A: take-home")
    assert (
        "Each offer is taxed in its work state: Offer A in California, Offer B in Washington; filing single, "
        "year 1 in 2025."
    ) in [c.value for c in at.caption]
    assert wide["year"].tolist() == ["Year 1", "Year 2", "Year 3", "Year 4", "Four years"]
    assert wide["Offer A: gross"].tolist() == [*A_YEARS, 1_014_000]
    assert wide["Offer B: gross"].tolist() == [*B_YEARS, 880_000]
    a_take_home = [by_hand(g, "CA", 2025 + i)["take_home"] for i, g in enumerate(A_YEARS)]
    b_take_home = [by_hand(g, "WA", 2025 + i)["take_home"] for i, g in enumerate(B_YEARS)]
    assert wide["Offer A: take-home"].tolist() == [round_half_up(t, 0) for t in [*a_take_home, sum(a_take_home)]]
    assert wide["Offer B: take-home"].tolist() == [round_half_up(t, 0) for t in [*b_take_home, sum(b_take_home)]]
    assert (round(sum(a_take_home), 2), round(sum(b_take_home), 2)) == (661_853.05, 651_592.80)

    after = [plain(m.value) for m in at.markdown if m.value.startswith("**After tax.**")]
    assert after == [
        "**After tax.** Over four years, Offer A in California takes home $10,260 more than Offer B in "
        "Washington (1.6%)."
    ]
    assert at.query_params["o2"] == "Offer B~170000~20000~120000~even~~0~~~WA"
    assert at.query_params["tax_first_year"] == "2025"


def test_in_year_one_the_state_income_tax_turns_the_verdict():
    at = offers_after_tax(states=("CA", "WA"), first_year=2025)
    at.radio(key="offers_compare").set_value("first").run()
    gap = round(by_hand(220_000, "WA", 2025)["take_home"] - by_hand(232_500, "CA", 2025)["take_home"], 2)
    assert gap == 9_170.75
    after = [plain(m.value) for m in at.markdown if m.value.startswith("**After tax.**")]
    assert after == [
        "**After tax.** In year one, Offer B in Washington takes home $9,171 more than Offer A in "
        f"California ({gap / 154_118.05 * 100:.1f}%). That turns the verdict on gross pay: Offer B leads after tax."
    ]


def test_a_link_reopens_the_tax_choices():
    at = offers_after_tax(states=("WA", "TX"), status="married_joint", first_year=2027)
    link = {k: at.query_params[k] for k in ("o1", "o2", "tax_status", "tax_first_year")}
    assert link == {
        "o1": "Offer A~150000~15pct~200000~amazon~50000_40000~40000~Amazon~L6~WA",
        "o2": "Offer B~170000~20000~120000~even~~0~~~TX",
        "tax_status": "married_joint",
        "tax_first_year": "2027",
    }
    reopened = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in link.items():
        reopened.query_params[key] = value
    reopened.run()
    reopened.switch_page("pages/offers.py").run()
    assert [reopened.selectbox(key=f"offers_work_state_{i}").value for i in (1, 2)] == ["WA", "TX"]
    assert reopened.selectbox(key="offers_tax_status").value == "married_joint"
    assert reopened.number_input(key="offers_tax_first_year").value == 2027
    assert not reopened.info  # nothing in the link was ignored


def test_take_home_per_offer_year_in_california():
    at = offers_after_tax()
    table = table_with(at, "federal_income_tax")
    b1 = table[(table["offer"] == "Offer B") & (table["year"] == 1)].iloc[0]
    assert (b1["calendar_year"], b1["income_tax_year"], b1["payroll_year"]) == (2026, 2025, 2026)
    assert b1["federal_income_tax"] == federal(220_000, "single") == 42_423
    assert b1["state_income_tax"] == california_single(220_000) == 16_215
    assert (
        (b1["social_security"], b1["medicare"], b1["additional_medicare"])
        == (round(184_500 * 0.062, 2), round(220_000 * 0.0145, 2), round(20_000 * 0.009, 2))
        == (11_439, 3_190, 180)
    )
    assert b1["take_home"] == 220_000 - 42_423 - 16_215 - 11_439 - 3_190 - 180 == 146_553
    captions = [c.value for c in at.caption]
    assert (
        "No income tax rules for 2026, 2027, 2028, 2029: the 2025 rules are used (see the table's columns "
        "for the rules each year uses)."
    ) in captions
    assert any("Not included: state disability and paid-leave payroll taxes" in c for c in captions)


def test_state_not_covered_leaves_take_home_blank_and_says_so():
    at = offers_after_tax(states=("IL", "CA"))
    table = table_with(at, "federal_income_tax")
    illinois = table[table["offer"] == "Offer A"]
    assert (illinois["take_home"] == "").all() and (illinois["state_income_tax"] == "").all()  # blank, not None
    assert illinois["federal_income_tax"].notna().all()
    assert (table[table["offer"] == "Offer B"]["take_home"] != "").all()
    assert [plain(w.value) for w in at.warning] == [
        "Illinois income tax is not covered by tenforty (Offer A): take-home is left blank; federal income tax, "
        "Social Security and Medicare are shown."
    ]
    wide = table_with(at, "Offer A: take-home")
    assert (wide["Offer A: take-home"] == "").all() and wide["Offer A: gross"].tolist() == [*A_YEARS, 1_014_000]
    after = [plain(m.value) for m in at.markdown if m.value.startswith("**After tax.**")]
    b_total = round(sum(by_hand(220_000, "CA", y)["take_home"] for y in (2026, 2027, 2028, 2029)), 2)
    assert b_total == 4 * 146_553
    assert after == [
        "**After tax.** Over four years, Offer B takes home $586,212 ($146,553 a year on average) in "
        "California. Take-home is not worked out for Offer A (Illinois): tenforty does not cover that state's "
        "income tax."
    ]


def test_texas_married_jointly_2025():
    at = offers_after_tax(states=("CA", "TX"), status="married_joint", first_year=2025)
    b1 = table_with(at, "federal_income_tax").query("offer == 'Offer B' and year == 1").iloc[0]
    assert (b1["income_tax_year"], b1["payroll_year"]) == (2025, 2025)
    assert b1["federal_income_tax"] == federal(220_000, "married_joint")
    # Shown in whole dollars, rounded: 174,593.80 reads 174,594
    assert b1["take_home"] == round_half_up(220_000 - federal(220_000, "married_joint") - 0 - 10_918.20 - 3_190, 0)
    assert "Married filing jointly: the offer's pay is taken as the household's only wages." in [
        c.value for c in at.caption
    ]
