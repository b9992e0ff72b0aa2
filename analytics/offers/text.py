"""Words the offer calculator shows beside its numbers: assumptions, what is left out, where BLS wages stop.

Kept apart from the page so the page reads as the screen and the sentences can be tested.
"""

ASSUMPTIONS = """
- **No raises**: base salary and bonus stay the same every year, and the bonus pays at its target.
- **Stock at grant value**: no change in share price.
- **Refreshers**: a grant of the same value at the end of every year, vesting from the next year on the
  offer's schedule; only what vests in years 1–4 counts (none in year 1).
- Sign-on bonuses are paid in the years you enter them.
"""

NOT_INCLUDED = (
    "Not included: state disability and paid-leave payroll taxes (such as California SDI), local "
    "income taxes, pre-tax deductions (401(k), health premiums) and credits. Wages only, standard "
    "deduction, no dependants; stock is taxed as wages in the year it vests."
)

MARKET_NOTE = (
    "The buttons take the base salary alone to the Market page. BLS OEWS wages are straight-time gross pay: they "
    "include the base rate, commissions and production bonuses, tips, cost-of-living allowances and guaranteed, "
    "hazardous-duty and on-call pay; they exclude overtime, shift differentials, nonproduction bonuses (such as "
    "end-of-year bonuses), severance, back pay and tuition reimbursements. Stock is not in BLS's list of pay, and "
    "a yearly target bonus is closer to an end-of-year bonus than to a production bonus, so neither is added. "
    "Source: BLS, OEWS pay terms (bls.gov/respondents/oes/payterms.htm)."
)
YEAR_LABELS = {"base": "Base", "bonus": "Bonus", "stock": "Stock", "sign_on": "Sign-on"}


def link_amount(amount: float) -> str:
    """An amount as a link parameter: 185000, or 185000.5 with cents."""
    return str(int(amount)) if float(amount).is_integer() else f"{amount:.2f}"
