"""The stated range of every number the offer calculator takes, shared by its form, its links and its sums.

One place for the limits, so the form's inputs (min_value/max_value), the link codec and the
offer's validation refuse the same values. Money ranges are `analytics.metrics.PayRange` values
built on MAX_PAY, the most a job pays in a year: far above any real offer and far below where
floating-point sums lose cents (the largest four-year total they allow is about $0.6 billion,
exact to the cent). Amounts are USD; the base must be above $0, every other amount may be $0
(blank means none). Percents (the bonus as a share of base, a year's vesting) have their own
simple range.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from analytics.metrics import MAX_PAY, PayRange


@dataclass(frozen=True)
class PercentRange:
    """The stated range of a percent the form takes, with the same `contains` and `text` as a PayRange."""

    low: float
    high: float

    def contains(self, value: float | None) -> bool:
        """True when value is a number within the range (NaN and ±inf never are)."""
        return value is not None and self.low <= value <= self.high

    def text(self) -> str:
        """The range in words: 'from 0% to 200%'."""
        return f"from {self.low:,g}% to {self.high:,g}%"


BASE_RANGE = PayRange(0.0, MAX_PAY, above_low=True)
"""Base salary a year: more than $0 (not a salary), up to MAX_PAY ($10M)."""
BONUS_AMOUNT_RANGE = PayRange(0.0, MAX_PAY)
"""Target bonus a year as an amount: $0 to MAX_PAY, as the base."""
BONUS_PERCENT_RANGE = PercentRange(0, 200)
"""Target bonus as a percent of base: above 200% is more likely a typing slip than an offer."""
GRANT_RANGE = PayRange(0.0, 10 * MAX_PAY, "in total")
"""Stock grant vesting over four years: $0 to ten years of MAX_PAY ($100M), as it pays out over years."""
REFRESHER_RANGE = PayRange(0.0, 10 * MAX_PAY)
"""Refresher grant made each year: up to $100M, as the initial grant."""
SIGN_ON_RANGE = PayRange(0.0, MAX_PAY)
"""Sign-on bonus in one year: $0 to MAX_PAY."""
VEST_PERCENT_RANGE = PercentRange(0, 100)
"""Percent of a grant vesting in one year: 0 to 100."""
FIELD_RANGES: dict[str, PayRange | PercentRange] = {
    "base": replace(BASE_RANGE, above_low=False),
    "bonus_amount": BONUS_AMOUNT_RANGE,
    "bonus_percent": BONUS_PERCENT_RANGE,
    "equity": GRANT_RANGE,
    "refresher": REFRESHER_RANGE,
    "signon": SIGN_ON_RANGE,
    "vest": VEST_PERCENT_RANGE,
}
"""What each form field and link value takes, by the field's name (signon and vest cover years 1–4).

The base's input takes $0 too, so a zero base reaches validation and its message (BASE_MISSING), and
a link carries it as the form shows it.
"""
REQUIRED = {"base": BASE_RANGE}
"""Form numbers that must be entered, with the range their value must lie in; blank elsewhere means none (0)."""


def number_input(name: str, help: str = "") -> dict[str, object]:
    """The options of a form field's number input (name with or without its slot: base_1, vest3_2).

    Its range as the input's minimum and maximum and in its help; whole dollars or percents; blank
    shown as "Required" for the base and as 0 elsewhere.
    """
    field = name.rstrip("_0123456789")
    bounds = FIELD_RANGES[field]
    percent = isinstance(bounds, PercentRange)
    if field in REQUIRED:
        stated = f"Required: {REQUIRED[field].text()}."
    else:
        stated = f"{bounds.text()[0].upper()}{bounds.text()[1:]}; blank means none (0)."
    return {
        "min_value": float(bounds.low),
        "max_value": float(bounds.high),
        "step": 1.0 if percent else 1000.0,
        "format": "%g" if percent else "%.0f",
        "placeholder": "Required" if field in REQUIRED else "0",
        "help": f"{help} {stated}".strip(),
    }


def cents(value: float) -> float:
    """An amount rounded to the cent, so sums never show float noise ($0.30000000000000004)."""
    return round(float(value), 2)
