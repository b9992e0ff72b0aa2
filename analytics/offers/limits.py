"""The stated range of every number the offer calculator takes, shared by its form, its links and its sums.

One place for the limits, so the form's inputs (min_value/max_value), the link codec and the
offer's validation refuse the same values. The limits sit far above any real offer and far
below where floating-point sums lose cents: the largest four-year total they allow is about
$0.6 billion, exact to the cent. Amounts are USD; the base must be above $0, every other
amount may be $0 (blank means none).
"""

from __future__ import annotations

import math

BASE_RANGE = (0, 10_000_000)
"""Base salary a year, USD, 0 < base ≤ $10M: no salaried offer is near $10M; $0 is not a salary."""
BONUS_AMOUNT_RANGE = (0, 10_000_000)
"""Target bonus a year as an amount, USD: 0 to $10M, as the base."""
BONUS_PERCENT_RANGE = (0, 200)
"""Target bonus as a percent of base: above 200% is more likely a typing slip than an offer."""
GRANT_RANGE = (0, 100_000_000)
"""Stock grant (vesting over four years) and yearly refresher grant, USD: 0 to $100M."""
SIGN_ON_RANGE = (0, 10_000_000)
"""Sign-on bonus in one year, USD: 0 to $10M."""
VEST_PERCENT_RANGE = (0, 100)
"""Percent of a grant vesting in one year: 0 to 100."""
FIELD_RANGES = {
    "base": BASE_RANGE,
    "bonus_amount": BONUS_AMOUNT_RANGE,
    "bonus_percent": BONUS_PERCENT_RANGE,
    "equity": GRANT_RANGE,
    "refresher": GRANT_RANGE,
    "signon": SIGN_ON_RANGE,
    "vest": VEST_PERCENT_RANGE,
}
"""Each form field's range, by the field's name (signon and vest cover years 1–4)."""


def range_text(bounds: tuple[float, float], percent: bool = False) -> str:
    """A range in words: '$0 to $10,000,000' or '0% to 200%'."""
    low, high = bounds
    return f"{low:,.0f}% to {high:,.0f}%" if percent else f"${low:,.0f} to ${high:,.0f}"


def in_range(value: float, bounds: tuple[float, float], above_low: bool = False) -> bool:
    """True when value is a finite number within bounds (strictly above the low one if above_low)."""
    low, high = bounds
    return math.isfinite(value) and (low < value if above_low else low <= value) and value <= high


def cents(value: float) -> float:
    """An amount rounded to the cent, so sums never show float noise ($0.30000000000000004)."""
    return round(float(value), 2)
