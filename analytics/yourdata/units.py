"""What a file's amounts are in: its currency when it has no currency column, and whether a bonus column holds
money or a percent of base pay.

Currency: a bands file without a currency column takes one currency for the whole file, chosen by the user
from every ISO 4217 code (the most used first); nothing is assumed, and until one is chosen the file is not
checked. A people file without one takes each person's band's currency.

Bonus: HR tools export a bonus target as money (`Bonus Target`: 14200) or as a percent of base pay
(`bonus_target_pct`: 10, or "10%"). `guess_unit` reads the header and the values: a % sign in the cells, or a
header that says percent (pct, percent, %, rate) over values up to 100, is a percent; values above 100 under a
header that does not say percent are money. Anything else is unsure (10 could be $10 or 10%; 0.1 under "pct"
could be 0.1% or 10%), and the user is asked before the file is checked. A percent or fraction becomes money
at validation: base × percent ÷ 100, or base × fraction (as the pay gap report converts variable pay).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from analytics.yourdata.columns import fields
from analytics.yourdata.rules import CURRENCIES

COMMON_CURRENCIES = ("USD", "EUR", "GBP", "CAD", "AUD", "CHF", "JPY", "INR", "SGD", "SEK", "NOK", "DKK", "PLN", "BRL")
"""Offered first in the currency picker; every other ISO 4217 code follows, alphabetically."""
UNITS = {
    "amount": "an amount of money",
    "percent": "a percent of base pay (10 = 10%)",
    "fraction": "a fraction of base pay (0.10 = 10%)",
}
"""What a bonus column may hold, as the picker says it."""
PERCENT_OF_BASE = ("bonus",)
"""People fields that may be given as a percent of base pay."""
_PERCENT_WORDS = {"pct", "percent", "percentage", "percentages", "rate", "pc", "%"}
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def currency_choices() -> list[str]:
    """Every ISO 4217 code, the most used first."""
    return [*COMMON_CURRENCIES, *sorted(CURRENCIES - set(COMMON_CURRENCIES))]


def asks_currency(kind: str, mapping: Mapping[str, int | None]) -> bool:
    """Whether the user chooses one currency for the whole file: a bands file with no currency column."""
    return kind == "bands" and mapping.get("currency") is None


def asked_units(kind: str, mapping: Mapping[str, int | None]) -> list[str]:
    """The fields of this file whose unit the user confirms: a mapped bonus column of a people file."""
    return [name for name in PERCENT_OF_BASE if kind == "people" and mapping.get(name) is not None]


def _number(text: str, decimal: str) -> float | None:
    """A cell read loosely, for guessing only (validation reads it by the stated rules): '$12,000' → 12000."""
    bare = re.sub(r"[\s$€£¥%]", "", text)
    bare = bare.replace(",", "") if decimal == "." else bare.replace(".", "").replace(",", ".")
    return float(bare) if _NUMBER.match(bare) else None


def guess_unit(header: str, cells: Iterable[str], decimal: str = ".") -> str | None:
    """'amount', 'percent' or 'fraction' for a bonus column from its header and cells; None when unsure."""
    words = set(re.findall(r"[a-z]+|%", str(header).casefold().replace("_", " ")))
    says_percent = bool(words & _PERCENT_WORDS)
    cells = [c.strip() for c in cells if c is not None and c.strip()]
    if any(c.endswith("%") for c in cells):
        return "percent"
    numbers = [n for n in (_number(c, decimal) for c in cells) if n is not None]
    if not numbers:
        return "percent" if says_percent else None
    top = max(abs(n) for n in numbers)
    if says_percent:
        return "percent" if 1 < top <= 100 else None
    return "amount" if top > 100 else None


def unit_problems(kind: str, mapping: Mapping[str, int | None], units: Mapping[str, str | None]) -> list[str]:
    """What the user still has to say about units before the file is checked (plain words)."""
    labels = {f.name: f.label.lower() for f in fields(kind)}
    return [
        f"Say whether the {labels[name]} column holds an amount of money or a percent of base pay."
        for name in asked_units(kind, mapping)
        if units.get(name) not in UNITS
    ]
