"""The Offer calculator's after-tax table under AppTest, against taxes computed in tests/test_realterms_tax.py.

Example Offer B is 220,000 a year. With year 1 in 2026: income tax uses the 2025 rules (the
last tenforty has), Social Security and Medicare the 2026 ones ($184,500 wage base).
"""

from pathlib import Path

from streamlit.testing.v1 import AppTest

from analytics.columns import round_half_up
from tests.test_realterms_tax import california_single, federal

ROOT = Path(__file__).resolve().parent.parent


def offers_after_tax(state: str = "CA", status: str = "single", first_year: int = 2026) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.switch_page("pages/offers.py").run()
    at.selectbox(key="offers_tax_state").set_value(state)
    at.selectbox(key="offers_tax_status").set_value(status)
    at.number_input(key="offers_tax_first_year").set_value(first_year).run()
    assert not at.exception, at.exception
    return at


def after_tax_table(at):
    return next(d.value for d in at.dataframe if "take_home" in d.value.columns)


def test_take_home_per_offer_year_in_california():
    at = offers_after_tax()
    table = after_tax_table(at)
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
    at = offers_after_tax(state="IL")
    table = after_tax_table(at)
    assert (table["take_home"] == "").all() and (table["state_income_tax"] == "").all()  # blank, never "None"
    assert table["federal_income_tax"].notna().all()
    assert [w.value for w in at.warning] == [
        "Illinois income tax is not covered by tenforty: take-home is left blank; federal income tax, "
        "Social Security and Medicare are shown."
    ]


def test_texas_married_jointly_2025():
    at = offers_after_tax(state="TX", status="married_joint", first_year=2025)
    b1 = after_tax_table(at).query("offer == 'Offer B' and year == 1").iloc[0]
    assert (b1["income_tax_year"], b1["payroll_year"]) == (2025, 2025)
    assert b1["federal_income_tax"] == federal(220_000, "married_joint")
    # Shown in whole dollars, rounded: 174,593.80 reads 174,594
    assert b1["take_home"] == round_half_up(220_000 - federal(220_000, "married_joint") - 0 - 10_918.20 - 3_190, 0)
    assert "Married filing jointly: the offer's pay is taken as the household's only wages." in [
        c.value for c in at.caption
    ]
