"""After tax: a year's take-home pay for a US state and filing status.

Take-home = gross wages - federal income tax - state income tax - Social Security - Medicare
(the 1.45% tax plus the 0.9% Additional Medicare Tax). Income taxes come from the PyPI package
`tenforty` (2025.12, Open Tax Solver backend) for wages only, the standard deduction and no
dependants; it covers federal tax for 2018-2025 and the states that `covered_states` lists
(the others are not covered: their take-home is not computed rather than guessed). Social
Security and Medicare come from the rates, wage base and thresholds in `data/payroll_taxes.csv`
(table `payroll_taxes`), each row with its SSA or IRS source. A year past the last one supported
uses the last, with a note; so does a year before the first. State payroll taxes such as
disability insurance (CA SDI, NY SDI and paid family leave) and local income taxes are not
included, and the page must say so.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from functools import cache, lru_cache

import duckdb
import pandas as pd

from analytics.realterms.queries import payroll_rates, payroll_years

SOURCE_ID = "tenforty_2025_12"
MAX_GROSS = 100_000_000.0
# Filing status key -> (label, tenforty's name for it).
FILING_STATUSES: dict[str, tuple[str, str]] = {
    "single": ("Single", "Single"),
    "married_joint": ("Married filing jointly", "Married/Joint"),
    "married_separate": ("Married filing separately", "Married/Sep"),
    "head_of_household": ("Head of household", "Head_of_House"),
    "qualifying_surviving_spouse": ("Qualifying surviving spouse", "Widow(er)"),
}
US_STATES: dict[str, str] = dict(
    zip(
        "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY "
        "NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split(),
        [
            "Alabama",
            "Alaska",
            "Arizona",
            "Arkansas",
            "California",
            "Colorado",
            "Connecticut",
            "Delaware",
            "District of Columbia",
            "Florida",
            "Georgia",
            "Hawaii",
            "Idaho",
            "Illinois",
            "Indiana",
            "Iowa",
            "Kansas",
            "Kentucky",
            "Louisiana",
            "Maine",
            "Maryland",
            "Massachusetts",
            "Michigan",
            "Minnesota",
            "Mississippi",
            "Missouri",
            "Montana",
            "Nebraska",
            "Nevada",
            "New Hampshire",
            "New Jersey",
            "New Mexico",
            "New York",
            "North Carolina",
            "North Dakota",
            "Ohio",
            "Oklahoma",
            "Oregon",
            "Pennsylvania",
            "Rhode Island",
            "South Carolina",
            "South Dakota",
            "Tennessee",
            "Texas",
            "Utah",
            "Vermont",
            "Virginia",
            "Washington",
            "West Virginia",
            "Wisconsin",
            "Wyoming",
        ],
        strict=True,
    )
)


class TaxError(ValueError):
    """An input the take-home calculation cannot use; the message says why in plain words."""


@dataclass(frozen=True)
class TakeHome:
    """One year's take-home pay and the four taxes; state tax and take-home are None where not covered."""

    gross: float
    state: str
    filing_status: str
    income_tax_year: int
    payroll_year: int
    federal_income_tax: float
    state_income_tax: float | None
    social_security: float
    medicare: float
    additional_medicare: float
    take_home: float | None
    notes: list[str] = field(default_factory=list)


def _tenforty():
    import tenforty  # imported on use: it loads polars and pydantic (a quarter of a second)

    return tenforty


@lru_cache(maxsize=4096)
def _income_taxes(tax_year: int, state: str | None, status: str, gross: float) -> tuple[float, float]:
    """tenforty's federal income tax and state total for W-2 wages, each worked out once per process: a
    return takes tenforty ~8 ms (it writes and runs a tax form), and the Offer calculator asks for 8 a run."""
    result = _tenforty().evaluate_return(year=tax_year, state=state, filing_status=status, w2_income=gross)
    return float(result.federal_income_tax), float(result.state_total_tax)


@lru_cache(maxsize=1)
def income_tax_years() -> tuple[int, ...]:
    """The tax years tenforty computes federal income tax for."""
    from tenforty.models import OTSYear

    return tuple(sorted(y.value for y in OTSYear))


@cache
def covered_states(year: int) -> tuple[str, ...]:
    """States (and DC) whose income tax tenforty computes for `year`, found by asking it."""
    tf = _tenforty()
    covered = []
    for code in US_STATES:
        try:
            tf.evaluate_return(year=year, state=code, w2_income=50_000.0)
        except ValueError:  # tenforty: "OTS does not support <year>/<form>", or not a state it knows
            continue
        covered.append(code)
    return tuple(covered)


def not_covered_states(year: int) -> tuple[str, ...]:
    """States (and DC) whose income tax tenforty does not compute for `year`."""
    covered = set(covered_states(year))
    return tuple(code for code in US_STATES if code not in covered)


def clamp_year(year: int, supported: list[int] | tuple[int, ...], what: str) -> tuple[int, str | None]:
    """The year to use for `what`, and a note when it is not the year asked for."""
    first, last = min(supported), max(supported)
    if year > last:
        return last, f"{what}: {year} rules are not available; the {last} rules are used."
    if year < first:
        return first, f"{what}: {year} rules are not available; the {first} rules are used."
    return year, None


def payroll_taxes(gross: float, rates: pd.DataFrame) -> dict[str, float]:
    """Employee Social Security, Medicare and Additional Medicare on `gross` wages, in cents."""
    row = {r.tax: r for r in rates.itertuples()}
    ss, med, extra = row["social_security"], row["medicare"], row["additional_medicare"]
    return {
        "social_security": round(min(gross, float(ss.wage_base)) * float(ss.rate_percent) / 100, 2),
        "medicare": round(gross * float(med.rate_percent) / 100, 2),
        "additional_medicare": round(max(0.0, gross - float(extra.threshold)) * float(extra.rate_percent) / 100, 2),
    }


def _check(gross: float, state: str, filing_status: str) -> tuple[float, str]:
    if gross is None or pd.isna(gross):
        raise TaxError("Gross pay is blank: enter a yearly amount in US dollars.")
    if not 0 <= float(gross) <= MAX_GROSS:
        raise TaxError(f"Gross pay must be between $0 and ${MAX_GROSS:,.0f} a year.")
    code = str(state or "").strip().upper()
    if code not in US_STATES:
        raise TaxError(f"{state!r} is not a US state or DC (use its two-letter code, such as CA or TX).")
    if filing_status not in FILING_STATUSES:
        raise TaxError(
            f"Unknown filing status {filing_status!r}; choose one of "
            + ", ".join(label for label, _ in FILING_STATUSES.values())
            + "."
        )
    return float(gross), code


_PAYROLL: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _payroll(con: duckdb.DuckDBPyConnection, year: int, filing_status: str) -> tuple[int, str | None, pd.DataFrame]:
    """The payroll year used for `year` (clamped, with its note) and its rates, read once per connection: a
    warehouse build never changes, and the Offer calculator asks for them for every offer and year."""
    memo = _PAYROLL.setdefault(con, {})
    if (year, filing_status) not in memo:
        pay_year, note = clamp_year(year, payroll_years(con), "Social Security and Medicare")
        memo[year, filing_status] = pay_year, note, payroll_rates(con, pay_year, filing_status)
    return memo[year, filing_status]


def take_home(con: duckdb.DuckDBPyConnection, gross: float, state: str, filing_status: str, year: int) -> TakeHome:
    """Take-home pay of `gross` W-2 wages in `year` for a state and filing status, with every tax and note."""
    gross, code = _check(gross, state, filing_status)
    notes: list[str] = []
    tax_year, note = clamp_year(int(year), income_tax_years(), "Income tax")
    notes += [note] if note else []
    pay_year, note, rates = _payroll(con, int(year), filing_status)
    notes += [note] if note else []
    covered = code in covered_states(tax_year)
    federal, state_total = _income_taxes(tax_year, code if covered else None, FILING_STATUSES[filing_status][1], gross)
    payroll = payroll_taxes(gross, rates)
    # tenforty's federal total includes the Additional Medicare Tax (Form 8959); it is counted
    # once here, from data/payroll_taxes.csv, so federal income tax is taken without it.
    federal = round(federal, 2)
    state_tax = round(state_total, 2) if covered else None
    if not covered:
        notes.append(
            f"{US_STATES[code]} income tax is not covered by tenforty for {tax_year}: "
            "take-home is not computed (federal tax, Social Security and Medicare are shown)."
        )
    total = (
        None
        if state_tax is None
        else round(
            gross
            - federal
            - state_tax
            - payroll["social_security"]
            - payroll["medicare"]
            - payroll["additional_medicare"],
            2,
        )
    )
    if filing_status in ("married_joint",):
        notes.append("Married filing jointly: the pay is taken as the household's only wages.")
    return TakeHome(
        gross,
        code,
        filing_status,
        tax_year,
        pay_year,
        federal,
        state_tax,
        payroll["social_security"],
        payroll["medicare"],
        payroll["additional_medicare"],
        total,
        notes,
    )


def take_home_table(
    con: duckdb.DuckDBPyConnection,
    years: pd.DataFrame,
    state: str,
    filing_status: str,
    first_year: int,
    gross_column: str = "total",
) -> pd.DataFrame:
    """Per row of `years` (offer, year 1-4, gross): take-home and each tax; calendar year = first_year + year - 1."""
    rows = []
    for row in years.itertuples(index=False):
        calendar = int(first_year) + int(row.year) - 1
        t = take_home(con, getattr(row, gross_column), state, filing_status, calendar)
        rows.append(
            {
                **row._asdict(),
                "calendar_year": calendar,
                "income_tax_year": t.income_tax_year,
                "payroll_year": t.payroll_year,
                "federal_income_tax": t.federal_income_tax,
                "state_income_tax": t.state_income_tax,
                "social_security": t.social_security,
                "medicare": t.medicare,
                "additional_medicare": t.additional_medicare,
                "take_home": t.take_home,
                "notes": " ".join(t.notes),
            }
        )
    return pd.DataFrame(rows)
