"""The offer calculator's after-tax section: the states and years it offers, and what it says beside the table.

The take-home sums are analytics.realterms.tax's (tenforty for income tax, data/payroll_taxes.csv for
Social Security and Medicare); this module holds the offer page's choices and words around them.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analytics.offers.text import NOT_INCLUDED
from analytics.realterms.tax import FILING_STATUSES, US_STATES, covered_states, income_tax_years

TAX_YEARS = (2018, 2035)
"""The first and last calendar year an offer's year 1 may fall in."""


def first_tax_year(today: dt.date) -> int:
    """The calendar year of year 1 until the user picks one: this year, within TAX_YEARS."""
    return min(max(today.year, TAX_YEARS[0]), TAX_YEARS[1])


def covered() -> tuple[str, ...]:
    """The states whose income tax is worked out, under the latest rules tenforty has."""
    return covered_states(max(income_tax_years()))


def state_labels() -> dict[str, str]:
    """Each state's name as the picker shows it, marked where its income tax is not covered."""
    return {code: name + ("" if code in covered() else " (not covered)") for code, name in US_STATES.items()}


def not_covered_warning(state: str) -> str | None:
    """Why take-home is blank for a state whose income tax is not covered (None when it is covered)."""
    if state in covered():
        return None
    return (
        f"{US_STATES[state]} income tax is not covered by tenforty: take-home is left blank; federal "
        "income tax, Social Security and Medicare are shown."
    )


def after_tax_captions(table: pd.DataFrame, status: str) -> list[str]:
    """The notes under the after-tax table (take_home_table rows): the rules used for years without their own,
    what jointly filing assumes, and where the taxes come from and what they leave out."""
    captions = []
    later = table[table["calendar_year"] != table["income_tax_year"]]
    if not later.empty:
        captions.append(
            f"No income tax rules for {', '.join(map(str, sorted(set(later['calendar_year']))))}: the "
            f"{', '.join(map(str, sorted(set(later['income_tax_year']))))} rules are used (see the table's "
            "columns for the rules each year uses)."
        )
    if status == "married_joint":
        captions.append("Married filing jointly: the offer's pay is taken as the household's only wages.")
    years = income_tax_years()
    captions.append(
        f"Income tax from tenforty 2025.12 (tax years {min(years)}–{max(years)}); it covers state "
        f"income tax in {', '.join(covered())} and not in the other states and DC, where take-home is left "
        "blank. Social Security and Medicare rates, wage base and thresholds from data/payroll_taxes.csv "
        "(SSA, IRS). " + NOT_INCLUDED
    )
    return captions


def after_tax_download(table: pd.DataFrame, state: str, status: str) -> pd.DataFrame:
    """The after-tax table as downloaded: with the state and the filing status it was worked out for."""
    return table.assign(state=state, filing_status=FILING_STATUSES[status][0])
