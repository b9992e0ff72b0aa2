"""Compensation formulas used across PayLadder, each implemented once as a pure function.

The formulas follow the pay-band measures used by HR tools (section 6 of the reference
facts: help.assemble.inc, internationalhumanresourcesauthority.com, support.pave.com,
comp-shop.com): midpoint, range spread, midpoint progression, range overlap, compa-ratio,
range penetration, total cash, total direct compensation and annualising. `band_table`
applies them to a ladder of ranges (reference roles, company levels or a user's own bands);
`pay_position` places one salary within a range, and `market_percentile` among published
percentiles. Nonsense input (a minimum above its maximum, a zero-width range where a ratio
needs its width) raises ValueError with a plain message the UI can show as it is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise

import pandas as pd

from analytics.format import HOURS_PER_YEAR

MAX_PAY = 10_000_000.0
"""The most a job pays in a year, in USD, as far as PayLadder accepts: no salaried job is near $10M."""


@dataclass(frozen=True)
class PayRange:
    """The stated range of an amount a user types or a link carries, in USD `per` a year or an hour.

    Blank is missing (never zero); an amount outside the range is refused with a message that
    names the range, never clipped.
    """

    low: float
    high: float
    per: str = "a year"
    above_low: bool = False  # strictly above `low`: a base salary of $0 is not a salary

    def contains(self, amount: float | None) -> bool:
        """True when amount is a finite number within the range."""
        if amount is None or not math.isfinite(amount):
            return False
        return (self.low < amount if self.above_low else self.low <= amount) and amount <= self.high

    def check(self, amount: float | None) -> float | None:
        """The amount if it lies in the range, else None (missing)."""
        return float(amount) if self.contains(amount) else None

    def text(self) -> str:
        """The range in words: 'from $1 to $10,000,000 a year', 'more than $0, up to ...'."""
        cents = 2 if self.per == "an hour" else 0
        low, high = f"${self.low:,.{cents}f}", f"${self.high:,.{cents}f}"
        return f"more than {low}, up to {high} {self.per}" if self.above_low else f"from {low} to {high} {self.per}"

    def problem(self, amount: float | None, what: str = "pay") -> str | None:
        """Why an amount cannot be used (None when it can): blank, or outside the range."""
        if amount is None or (isinstance(amount, float) and math.isnan(amount)):
            return f"Enter the {what}: {self.text()}."
        if not self.contains(amount):
            return f"The {what} must be {self.text()}; ${_fmt(amount)} is not."
        return None


YEARLY_PAY = PayRange(1.0, MAX_PAY)
"""A yearly pay a user types or links: at least $1 (the smallest plausible pay), at most MAX_PAY."""
HOURLY_PAY = PayRange(0.01, round(MAX_PAY / HOURS_PER_YEAR, 2), "an hour")
"""An hourly pay: a cent up to MAX_PAY over BLS's 2,080 hours ($4,807.69), so it converts to a yearly pay."""

OVERLAP_VARIANT = "share of the higher range: (lower max − higher min) / (higher max − higher min)"
"""Which range-overlap formula `range_overlap` uses, worded for the UI to print."""

ANNUAL_FACTORS: dict[str, int] = {"annual": 1, "weekly": 52, "biweekly": 26, "hourly": HOURS_PER_YEAR}
"""Pay periods per year; hourly assumes 40 hours × 52 weeks = 2,080 hours."""


def _fmt(amount: float) -> str:
    """Format an amount for an error message: 80,000 or 45.50."""
    return f"{amount:,.0f}" if float(amount).is_integer() else f"{amount:,.2f}"


def _check_range(lo: float, hi: float) -> None:
    """Raise ValueError if a range's minimum is above its maximum."""
    if lo > hi:
        raise ValueError(f"The minimum ({_fmt(lo)}) is above the maximum ({_fmt(hi)}).")


def _check_width(lo: float, hi: float) -> None:
    """Raise ValueError if a range is inverted or has no width to divide by."""
    _check_range(lo, hi)
    if lo == hi:
        raise ValueError(f"The range {_fmt(lo)}–{_fmt(hi)} has zero width (minimum equals maximum).")


def _check_not_negative(**amounts: float) -> None:
    """Raise ValueError naming the first negative pay amount."""
    for name, amount in amounts.items():
        if amount < 0:
            raise ValueError(f"The {name.replace('_', ' ')} cannot be negative ({_fmt(amount)}).")


def midpoint(lo: float, hi: float) -> float:
    """Return the middle of a pay range: (min + max) / 2."""
    _check_range(lo, hi)
    return (lo + hi) / 2


def range_spread(lo: float, hi: float) -> float:
    """Return the range spread, (max − min) / min, as a fraction (0.6 means 60%)."""
    _check_range(lo, hi)
    if lo <= 0:
        raise ValueError(f"The minimum must be above zero to compute a spread, not {_fmt(lo)}.")
    return (hi - lo) / lo


def midpoint_progression(lower_mid: float, higher_mid: float) -> float:
    """Return the step between two midpoints, (higher − lower) / lower, as a fraction."""
    if lower_mid <= 0:
        raise ValueError(f"The lower midpoint must be above zero to compute a progression, not {_fmt(lower_mid)}.")
    return (higher_mid - lower_mid) / lower_mid


def range_overlap(lower_lo: float, lower_hi: float, higher_lo: float, higher_hi: float) -> float:
    """Return how much of the higher range the lower one reaches into (see OVERLAP_VARIANT).

    The variant is (max of lower − min of higher) / (max of higher − min of higher). A
    negative result means a gap between the ranges; above 1 means the lower range's maximum
    is above the higher range's maximum.
    """
    _check_range(lower_lo, lower_hi)
    _check_width(higher_lo, higher_hi)
    return (lower_hi - higher_lo) / (higher_hi - higher_lo)


def compa_ratio(pay: float, mid: float) -> float:
    """Return pay / midpoint (1.0 is at the midpoint; 0.90–1.10 is the usual band)."""
    _check_not_negative(pay=pay)
    if mid <= 0:
        raise ValueError(f"The midpoint must be above zero to compute a compa-ratio, not {_fmt(mid)}.")
    return pay / mid


def range_penetration(pay: float, lo: float, hi: float) -> float:
    """Return (pay − min) / (max − min): below 0 under the range, above 1 over it."""
    _check_not_negative(pay=pay)
    _check_width(lo, hi)
    return (pay - lo) / (hi - lo)


def total_cash(base: float, bonus: float) -> float:
    """Return base salary plus target bonus."""
    _check_not_negative(base=base, bonus=bonus)
    return base + bonus


def total_direct_comp(base: float, bonus: float, annual_equity: float) -> float:
    """Return total cash plus the equity that vests (or is valued) in one year."""
    _check_not_negative(annual_equity=annual_equity)
    return total_cash(base, bonus) + annual_equity


def annualise(amount: float, period: str) -> float:
    """Return a pay amount per period as a yearly amount, using ANNUAL_FACTORS."""
    # Tolerate the spellings people type ("Bi-weekly", " Hourly ") without growing the table.
    key = period.strip().lower().replace("-", "")
    if key not in ANNUAL_FACTORS:
        known = ", ".join(ANNUAL_FACTORS)
        raise ValueError(f"Unknown pay period {period!r}; use one of: {known}.")
    return amount * ANNUAL_FACTORS[key]


def band_table(ranges: pd.DataFrame) -> pd.DataFrame:
    """Add midpoint, spread, progression and overlap_with_previous to a ladder of ranges.

    Rows must be in ladder order (lowest first) with columns label, min and max; other
    columns are kept. progression and overlap_with_previous compare each row with the row
    before it (the lower range), so both are NaN on the first row. Missing min or max
    values give NaN in that row's results rather than an error.
    """
    missing = [c for c in ("label", "min", "max") if c not in ranges.columns]
    if missing:
        raise ValueError(f"The ranges table needs columns label, min and max; missing: {', '.join(missing)}.")

    mids, spreads, progressions, overlaps = [], [], [], []
    previous: tuple[float, float, float] | None = None
    # Nullable integer columns hold pd.NA, which float() rejects; NaN flows through the maths.
    lows = pd.to_numeric(ranges["min"]).astype("float64")
    highs = pd.to_numeric(ranges["max"]).astype("float64")
    for label, lo, hi in zip(ranges["label"], lows, highs, strict=True):
        try:
            mid = midpoint(lo, hi)
            mids.append(mid)
            spreads.append(range_spread(lo, hi))
            if previous is None:
                progressions.append(math.nan)
                overlaps.append(math.nan)
            else:
                prev_lo, prev_hi, prev_mid = previous
                progressions.append(midpoint_progression(prev_mid, mid))
                overlaps.append(range_overlap(prev_lo, prev_hi, lo, hi))
        except ValueError as error:
            # The scalar message lacks the row; name it so the user can find the bad band.
            raise ValueError(f"{label}: {error}") from error
        previous = (lo, hi, mid)

    table = ranges.copy()
    table["midpoint"] = pd.Series(mids, index=ranges.index, dtype="float64")
    table["spread"] = pd.Series(spreads, index=ranges.index, dtype="float64")
    table["progression"] = pd.Series(progressions, index=ranges.index, dtype="float64")
    table["overlap_with_previous"] = pd.Series(overlaps, index=ranges.index, dtype="float64")
    return table


def pay_position(pay: float, lo: float, hi: float) -> dict[str, float | str]:
    """Place one salary in a range: compa_ratio, penetration, zone and a plain-English label.

    zone is a stable code for colouring ("below", "lower", "middle", "upper", "above");
    label is the wording to show, e.g. "in the lower half".
    """
    penetration = range_penetration(pay, lo, hi)
    ratio = compa_ratio(pay, midpoint(lo, hi))
    # Compare with a tolerance so pay entered exactly at the midpoint reads as such.
    if math.isclose(penetration, 0.5, abs_tol=1e-9):
        zone, label = "middle", "at the midpoint"
    elif penetration < 0:
        zone, label = "below", "below the range"
    elif penetration < 0.5:
        zone, label = "lower", "in the lower half"
    elif penetration <= 1:
        zone, label = "upper", "in the upper half"
    else:
        zone, label = "above", "above the range"
    return {"compa_ratio": ratio, "penetration": penetration, "zone": zone, "label": label}


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def market_percentile(pay: float, percentiles: dict[int, float | None], lower_bound_at: set[int] | None = None) -> dict:
    """Place a pay among published percentiles by linear interpolation, honest at the tails.

    `percentiles` maps 10/25/50/75/90 to a value, or None where BLS did not release it;
    `lower_bound_at` names the percentiles whose value is a top-code lower bound. Returns
    `percentile` (a number only when interpolated between two exact neighbours, or equal to
    one), `label`, `position` (below/at/between/above/top_coded/unknown), `bracket` (the
    published percentiles either side, None for open) and `ratio_to_median`.
    """
    capped = set(lower_bound_at or ())
    exact = sorted((p, v) for p, v in percentiles.items() if v is not None and p not in capped)
    top = min((p for p in capped if percentiles.get(p) is not None), default=None)
    if top is not None:
        # A top-coded percentile lies above every exact one below it; BLS sometimes publishes
        # a lower percentile above the $239,200 top code, which then is the tighter bound.
        exact = [(p, v) for p, v in exact if p < top]
        nodes = exact + [(top, max([percentiles[top]] + [v for _, v in exact]))]
    else:
        nodes = exact
    median = percentiles.get(50)
    result = {
        "percentile": None,
        "label": "no published percentiles",
        "position": "unknown",
        "bracket": (None, None),
        "ratio_to_median": pay / median if median and 50 not in capped else None,
    }
    if not nodes:
        return result
    first_p, first_v = nodes[0]
    if pay < first_v:
        return {
            **result,
            "label": f"below the {_ordinal(first_p)} percentile",
            "position": "below",
            "bracket": (None, first_p),
        }
    for p, v in exact:
        if pay == v:
            return {
                **result,
                "percentile": float(p),
                "label": f"at the {_ordinal(p)} percentile",
                "position": "at",
                "bracket": (p, p),
            }
    for (lo_p, lo_v), (hi_p, hi_v) in pairwise(nodes):
        if lo_v < pay < hi_v:
            if hi_p == top:
                return {
                    **result,
                    "position": "between",
                    "bracket": (lo_p, hi_p),
                    "label": f"between the {_ordinal(lo_p)} and {_ordinal(hi_p)} "
                    f"percentiles (BLS top-codes the {_ordinal(hi_p)})",
                }
            estimate = lo_p + (hi_p - lo_p) * (pay - lo_v) / (hi_v - lo_v)
            return {
                **result,
                "percentile": estimate,
                "position": "between",
                "bracket": (lo_p, hi_p),
                "label": f"about the {_ordinal(int(estimate + 0.5))} percentile",
            }
    last_p, last_v = nodes[-1]
    if pay < last_v:  # percentiles out of order: do not guess
        return result
    if top is None:
        return {
            **result,
            "label": f"above the {_ordinal(last_p)} percentile",
            "position": "above",
            "bracket": (last_p, None),
        }
    # At or above the top-code floor, but the top-coded percentile itself may be higher still.
    below = f"above the {_ordinal(exact[-1][0])} percentile; " if exact else ""
    return {
        **result,
        "position": "top_coded",
        "bracket": (exact[-1][0] if exact else None, None),
        "label": f"{below}unknown against the {_ordinal(top)} percentile, which BLS top-codes",
    }
