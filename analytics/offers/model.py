"""The offer calculator's maths: vesting schedules, offers, and their year-by-year value.

An `Offer` holds what a candidate is told: base salary, a target bonus (an amount or a
percent of base), a stock grant vested over four years on a schedule, sign-on bonuses per
year and an optional yearly refresher grant. `offer_years` turns it into four rows of pay,
`offer_summary` into headline totals and `compare_offers` into a long table for charts and
downloads. The sums reuse `analytics.metrics`, so the formulas live in one place.

Assumptions the UI must show beside the numbers:
- Base salary and bonus stay the same every year (no raises), and the bonus pays at target.
- Stock is valued at the grant value: no change in share price.
- A refresher of the same value is granted at the end of every year k (k = 1, 2, 3, ...)
  and starts vesting in year k + 1 on the offer's schedule. Only what vests within
  years 1–4 counts, so year 1 has no refresher stock, and year 4 has the first three
  years of the first refresher, the first two of the second and the first of the third.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from analytics.metrics import PayRange, total_direct_comp
from analytics.offers.limits import (
    BASE_RANGE,
    BONUS_AMOUNT_RANGE,
    BONUS_PERCENT_RANGE,
    GRANT_RANGE,
    REFRESHER_RANGE,
    SIGN_ON_RANGE,
    VEST_PERCENT_RANGE,
    PercentRange,
    cents,
)

YEARS = 4
"""Every schedule and offer covers four years, as the reported company schedules do."""

# The two company schedules are also in the warehouse's vesting_schedules table under the
# same names. Amazon: teamrora.com/compensation/amazon-product-manager-salary and
# ideaplan.io/companies/amazon. Google: levels.fyi/benchmark/competitive-intelligence/Google
# (updated 2023-06).
VESTING_PRESETS: dict[str, tuple[float, float, float, float]] = {
    "Amazon 5/15/40/40": (5, 15, 40, 40),
    "Google 33/33/22/12": (33, 33, 22, 12),
    "Even 25/25/25/25": (25, 25, 25, 25),
}
"""Yearly vesting percentages, year 1 first."""

COMPONENTS: dict[str, str] = {
    "base": "Base salary",
    "bonus": "Bonus (target)",
    "stock": "Stock vesting",
    "sign_on": "Sign-on bonus",
}
"""The parts of a year's pay, in stacking order, with labels for charts and tables."""

BONUS_PERCENT_LIMIT = BONUS_PERCENT_RANGE.high
"""A bonus target above this percent of base is more likely a typing slip than an offer."""

# Sums within this of 100 count as 100, so thirds typed as 33.33/33.33/33.34 pass.
_SUM_TOLERANCE = 1e-6


def _pct(value: float) -> str:
    """Format a percentage for a message: 95 or 33.5, never 95.0."""
    return f"{round(value, 2):g}"


def validate_schedule(percents: Sequence[float]) -> list[str]:
    """Return plain messages about what is wrong with a vesting schedule; empty if fine."""
    problems = []
    if len(percents) != YEARS:
        problems.append(f"The schedule needs {YEARS} yearly percentages, not {len(percents)}.")
    for year, value in enumerate(percents, start=1):
        if not math.isfinite(value):
            problems.append(f"Year {year} is blank: enter its percent (0 if nothing vests).")
        elif value < 0:
            problems.append(f"Year {year} is negative ({_pct(value)}%).")
        elif value > VEST_PERCENT_RANGE.high:
            problems.append(f"Year {year} is above {_pct(VEST_PERCENT_RANGE.high)}% ({_pct(value)}%).")
    if all(math.isfinite(v) for v in percents):
        total = sum(percents)
        if abs(total - 100) > _SUM_TOLERANCE:
            problems.append(f"The schedule adds to {_pct(total)}%, not 100%.")
    return problems


@dataclass(frozen=True)
class Offer:
    """One job offer as the candidate hears it; amounts are yearly unless named otherwise.

    bonus_target is the yearly bonus amount, used when bonus_is_percent is False;
    bonus_percent is the bonus as a percent of base, used when it is True. equity_grant is
    the total value of the initial stock grant, vested by schedule (percent per year).
    sign_on holds the sign-on bonus paid in each of years 1–4. refresher is the value of the
    grant added at the end of each year (see the module docstring for how it vests).
    """

    name: str
    base: float
    bonus_target: float = 0
    bonus_is_percent: bool = False
    bonus_percent: float = 0
    equity_grant: float = 0
    schedule: tuple[float, ...] = VESTING_PRESETS["Even 25/25/25/25"]
    sign_on: tuple[float, ...] = (0, 0, 0, 0)
    refresher: float = 0

    @property
    def annual_bonus(self) -> float:
        """Return the yearly bonus amount, worked out from the percent when it is one."""
        if self.bonus_is_percent:
            return self.base * self.bonus_percent / 100
        return self.bonus_target


def _amount_problem(value: float, bounds: PayRange | PercentRange) -> str | None:
    """Return a message if an amount is blank, negative or outside its stated range."""
    if math.isnan(value):
        return f"Enter a number {bounds.text()} (0 if none)."
    if bounds.contains(value):
        return None
    if -math.inf < value < 0:
        return "Cannot be negative."
    return f"Out of range: enter a number {bounds.text()}."  # ±inf too: a number, but far out of range


BASE_MISSING = f"Enter the base salary: {BASE_RANGE.text()}."
"""The message of a blank, zero or out-of-range base: the offer is left out until it is fixed."""


def validate_offer(offer: Offer) -> dict[str, str]:
    """Return {field name: plain message} for each field of an offer that is wrong."""
    problems: dict[str, str] = {}
    if not offer.name.strip():
        problems["name"] = "Give the offer a name."
    if not BASE_RANGE.contains(offer.base):
        problems["base"] = "Cannot be negative." if offer.base < 0 else BASE_MISSING
    amounts = {"equity_grant": (offer.equity_grant, GRANT_RANGE), "refresher": (offer.refresher, REFRESHER_RANGE)}
    # Only the bonus field in use is checked: the other may hold a stale value from the form.
    if offer.bonus_is_percent:
        amounts["bonus_percent"] = (offer.bonus_percent, BONUS_PERCENT_RANGE)
    else:
        amounts["bonus_target"] = (offer.bonus_target, BONUS_AMOUNT_RANGE)
    for field, (value, bounds) in amounts.items():
        message = _amount_problem(value, bounds)
        if message:
            problems[field] = message
    if "bonus_percent" in amounts and math.isfinite(offer.bonus_percent) and offer.bonus_percent > BONUS_PERCENT_LIMIT:
        problems["bonus_percent"] = (
            f"A bonus of {_pct(offer.bonus_percent)}% of base is above {BONUS_PERCENT_LIMIT}%; check the figure."
        )
    schedule_problems = validate_schedule(offer.schedule)
    if schedule_problems:
        problems["schedule"] = " ".join(schedule_problems)
    sign_on_problems = []
    if len(offer.sign_on) != YEARS:
        sign_on_problems.append(f"Give a sign-on amount for each of {YEARS} years.")
    for year, value in enumerate(offer.sign_on, start=1):
        message = _amount_problem(value, SIGN_ON_RANGE)
        if message:
            sign_on_problems.append(f"Year {year}: {message}")
    if sign_on_problems:
        problems["sign_on"] = " ".join(sign_on_problems)
    return problems


def _check(offer: Offer) -> None:
    """Raise ValueError listing an offer's problems, so invalid offers never show totals."""
    problems = validate_offer(offer)
    if problems:
        details = "; ".join(f"{field}: {message}" for field, message in problems.items())
        raise ValueError(f"Offer {offer.name!r} is not valid: {details}")


def offer_years(offer: Offer) -> pd.DataFrame:
    """Return one row per year 1–4: year, base, bonus, stock, sign_on and total."""
    return pd.DataFrame(list(_year_rows(offer)))


@lru_cache(maxsize=256)
def _year_rows(offer: Offer) -> tuple[dict[str, float | int], ...]:
    """The four years of an offer (an Offer is frozen: its years are worked out once; the Offer calculator
    asks for them a few dozen times a rerun, for its totals, verdicts and tables). An invalid offer raises."""
    _check(offer)
    bonus = cents(offer.annual_bonus)
    rows = []
    for index in range(YEARS):
        grant_stock = offer.equity_grant * offer.schedule[index] / 100
        # Year y holds the first y − 1 schedule steps of refreshers granted at ends of years
        # 1..y − 1 (the newest is on its first step), which sum to these percents of one grant.
        refresher_stock = offer.refresher * sum(offer.schedule[:index]) / 100
        stock = cents(grant_stock + refresher_stock)
        sign_on = cents(offer.sign_on[index])
        base = cents(offer.base)
        rows.append(
            {
                "year": index + 1,
                "base": base,
                "bonus": bonus,
                "stock": stock,
                "sign_on": sign_on,
                "total": cents(total_direct_comp(base, bonus, stock) + sign_on),
            }
        )
    return tuple(rows)


def offer_summary(offer: Offer) -> dict[str, float | str]:
    """Return the offer's name, first_year_total, four_year_total and four_year_average."""
    totals = [row["total"] for row in _year_rows(offer)]
    four_year_total = cents(sum(totals))
    return {
        "name": offer.name,
        "first_year_total": float(totals[0]),
        "four_year_total": four_year_total,
        "four_year_average": cents(four_year_total / YEARS),
    }


def compare_offers(offers: Sequence[Offer]) -> pd.DataFrame:
    """Return a long table (offer, year, component, amount) of every offer's yearly pay.

    Components are the keys of COMPONENTS, in that order; the total is left out so that
    stacking the rows adds up to it without counting it twice.
    """
    names = [offer.name for offer in offers]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise ValueError(f"Each offer needs its own name; repeated: {', '.join(duplicates)}.")
    rows = [
        {
            "offer": offer.name,
            "year": int(year["year"]),
            "component": component,
            "amount": float(year[component]),
        }
        for offer in offers
        for year in offer_years(offer).to_dict("records")
        for component in COMPONENTS
    ]
    # Set dtypes explicitly so an empty comparison has the same shape as a full one.
    table = pd.DataFrame(rows, columns=["offer", "year", "component", "amount"])
    return table.astype({"offer": "str", "year": "int64", "component": "str", "amount": "float64"})
