"""Words the offer calculator shows beside its numbers: assumptions, what is left out, where BLS wages stop.

Kept apart from the page so the page reads as the screen and the sentences can be tested.
"""

from __future__ import annotations

from analytics.format import LOW_N, md, money
from analytics.offers.codec import OfferInput
from analytics.offers.model import Offer
from analytics.offers.tables import display_name, own_money
from analytics.realterms.view import MoneyView


def example_note(state: OfferInput) -> str:
    """Over an offer's form while it holds the example values, in Markdown: what it holds that a reader
    replacing the base and bonus could miss, and how to start from empty."""
    extras = []
    if sign_on := [money(s) for s in state.sign_on if s]:
        extras.append(("sign-on bonuses of " if len(sign_on) > 1 else "a sign-on bonus of ") + " and ".join(sign_on))
    if state.refresher:
        extras.append(f"a {money(state.refresher)} yearly refresher grant")
    holds = f" It includes {' and '.join(extras)}." if extras else ""
    return md(f"Example values: replace them with your offer, or clear the form to start from empty.{holds}")


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


def company_label(company: str) -> str:
    """A company choice as the picker shows it: no company is "Other"."""
    return company or "Other"


def level_label(level: str) -> str:
    """A level choice as the picker shows it: no level is "Not set"."""
    return level or "Not set"


def left_out_note(state: OfferInput, slot: int) -> str:
    """Under a form with problems: the offer is not compared until they are fixed, in Markdown."""
    return f"**{md(display_name(state, slot))}** is left out of the comparison until the fields marked above are fixed."


def left_out_warning(names: list[str]) -> str:
    """Over the comparison: the offers with problems (by display_name), in Markdown."""
    return f"Left out of the comparison: {', '.join(map(md, names))}. Fix the fields marked below to include it."


def market_label(offer: Offer) -> str:
    """The label of the button taking an offer's base salary to the Market page."""
    return f"Base {money(offer.base)} on the Market page"


def reported_caption(view: MoneyView) -> str:
    """Under the offers beside reported pay: what the totals are, the ratio, low samples and the money view."""
    restated = (
        " Your offers are your own figures, so they are not restated; the reported totals are, so a "
        "2021 figure compares with your offer in today's dollars."
    )
    return (
        "Reported totals are yearly total pay as each source reports it; what each counts (such as "
        "sign-on bonuses) is not always stated. Ratio = your first-year total ÷ the reported total. "
        f"Samples under {LOW_N} are low confidence. " + view.caption() + (restated if view.adjusted else "")
    )


def own_caption(view: MoneyView) -> str:
    """Under the years table: amounts as typed, and the currency they are converted to, if any."""
    return ("Amounts in USD, as you typed them. " + own_money(view).caption()).strip()
