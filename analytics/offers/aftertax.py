"""The offer calculator's after-tax section: each offer's take-home pay in its own work state, side by side
per year and over four years, the states and years it offers, and what it says beside the table.

The take-home sums are analytics.realterms.tax's (tenforty for income tax, data/payroll_taxes.csv for
Social Security and Medicare); this module holds the offer page's choices and words around them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import duckdb
import pandas as pd

from analytics.offers.limits import cents
from analytics.offers.model import YEARS
from analytics.offers.text import NOT_INCLUDED
from analytics.realterms.tax import FILING_STATUSES, US_STATES, covered_states, income_tax_years, take_home_table
from analytics.urlstate import Parsed, parse_choice, parse_number

TAX_YEARS = (2018, 2035)
"""The first and last calendar year an offer's year 1 may fall in."""


def first_tax_year(today: dt.date) -> int:
    """The calendar year of year 1 until the user picks one: this year, within TAX_YEARS."""
    return min(max(today.year, TAX_YEARS[0]), TAX_YEARS[1])


def read_tax_choices(params: Mapping[str, Sequence[str]], parsed: Parsed, today: dt.date) -> None:
    """The filing status (`tax_status`) and year 1's calendar year (`tax_first_year`) from a link."""
    parse_choice(params, "tax_status", list(FILING_STATUSES), "single", parsed, "filing status")
    parse_number(
        params, "tax_first_year", first_tax_year(today), parsed, low=TAX_YEARS[0], high=TAX_YEARS[1], label="year 1"
    )
    parsed.values["tax_first_year"] = int(parsed.values["tax_first_year"])


def covered() -> tuple[str, ...]:
    """The states whose income tax is worked out, under the latest rules tenforty has."""
    return covered_states(max(income_tax_years()))


def state_labels() -> dict[str, str]:
    """Each state's name as the picker shows it, marked where its income tax is not covered."""
    return {code: name + ("" if code in covered() else " (not covered)") for code, name in US_STATES.items()}


def not_covered_warning(state: str, offers: list[str] | None = None) -> str | None:
    """Why take-home is blank for a state whose income tax is not covered (None when it is covered), naming
    the offers that work there when given."""
    if state in covered():
        return None
    where = f" ({', '.join(offers)})" if offers else ""
    return (
        f"{US_STATES[state]} income tax is not covered by tenforty{where}: take-home is left blank; federal "
        "income tax, Social Security and Medicare are shown."
    )


def offers_take_home(
    con: duckdb.DuckDBPyConnection, years: pd.DataFrame, states: Mapping[str, str], status: str, first_year: int
) -> pd.DataFrame:
    """take_home_table rows for each offer's years (offer, year, total) in that offer's work state (`states`
    maps offer to state code), with a `state` column; offers in the order of `years`."""
    frames = [
        take_home_table(con, rows, states[offer], status, first_year).assign(state=states[offer])
        for offer, rows in years.groupby("offer", sort=False)
    ]
    return pd.concat(frames, ignore_index=True)


FOUR_YEARS = "Four years"
GROSS, TAKE_HOME = "gross", "take-home"


def side_by_side(table: pd.DataFrame) -> pd.DataFrame:
    """Gross and take-home per offer side by side (columns '<offer>: gross', '<offer>: take-home'), one row a
    year and a last row of the four years' sums (take-home blank where a year's is)."""
    out = pd.DataFrame({"year": [f"Year {y}" for y in range(1, YEARS + 1)] + [FOUR_YEARS]})
    for offer, rows in table.groupby("offer", sort=False):
        rows = rows.sort_values("year")
        for column, label in (("total", GROSS), ("take_home", TAKE_HOME)):
            values = rows[column].astype(float).tolist()
            four_years = cents(sum(values)) if rows[column].notna().all() else None
            out[f"{offer}: {label}"] = [*values, four_years]
    return out


def take_home_caption(table: pd.DataFrame, status: str, states: Mapping[str, str]) -> str:
    """Over the side-by-side table: where each offer is taxed, the filing status and year 1's calendar year."""
    where = {offer: states[code] for offer, code in zip(table["offer"], table["state"], strict=True)}
    first = int(table["calendar_year"].min())
    return (
        "Each offer is taxed in its work state: "
        + ", ".join(f"{offer} in {state}" for offer, state in where.items())
        + f"; filing {FILING_STATUSES[status][0].lower()}, year 1 in {first}."
    )


def take_home_totals(table: pd.DataFrame) -> pd.DataFrame:
    """Each offer's state, first-year and four-year take-home and its yearly average (blank where the state's
    income tax is not covered), in the order of the table."""
    rows = []
    for offer, years in table.groupby("offer", sort=False):
        years = years.sort_values("year")
        covered_all = years["take_home"].notna().all()
        total = cents(years["take_home"].sum()) if covered_all else None
        rows.append(
            {
                "offer": offer,
                "state": years["state"].iloc[0],
                "first_year_take_home": float(years["take_home"].iloc[0]) if covered_all else None,
                "four_year_take_home": total,
                "four_year_average_take_home": cents(total / YEARS) if covered_all else None,
            }
        )
    return pd.DataFrame(rows)


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


def after_tax_download(table: pd.DataFrame, status: str) -> pd.DataFrame:
    """The after-tax table (offers_take_home rows, each with its state) as downloaded: with the filing status
    it was worked out for."""
    return table.assign(filing_status=FILING_STATUSES[status][0])
