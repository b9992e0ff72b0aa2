"""How a page shows money: as reported or in today's dollars, and beside it in another currency.

`MoneyView.apply` is the one call a page makes on each frame of money it shows. In today's
dollars each amount column is restated (amount x CPI-U now / CPI-U of the row's year) and the
reported amount is kept beside it as `<column>_reported`, with the factor, the two CPI values and
a note; a row without a year stays as reported and its note says so. In another currency, a
`<column>_<code>` column is added beside each amount with the ECB rate and its date. Reported
USD with no currency leaves the frame as it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from analytics.realterms.adjust import REPORTED, TODAY, adjust_frame
from analytics.realterms.currency import convert


@dataclass(frozen=True)
class MoneyView:
    """The money adjustments chosen: `mode` (reported or today) and `currency` (USD or an ECB code)."""

    mode: str = REPORTED
    currency: str = "USD"
    today_label: str = ""  # "dollars of August 2026"

    @property
    def adjusted(self) -> bool:
        """True when amounts are restated in today's dollars."""
        return self.mode == TODAY

    def apply(
        self, con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, amounts: list[str], year: str = "year"
    ) -> pd.DataFrame:
        """The frame as shown: amounts restated (reported kept beside), and converted columns with the rate."""
        out = frame
        if self.adjusted and not frame.empty:
            out = adjust_frame(con, frame, TODAY, amounts, year)
            for column in amounts:
                adjusted = out.pop(f"{column}_adjusted")
                out.insert(out.columns.get_loc(column) + 1, f"{column}_reported", out[column])
                out[column] = adjusted.astype("float64").fillna(out[column].astype("float64"))
        if self.currency != "USD" and not out.empty:
            rate = convert(1.0, "USD", self.currency)
            out = out.assign(
                **{f"{c}_{self.currency.lower()}": out[c] * rate.converted for c in amounts},
                currency=self.currency,
                usd_rate=rate.converted,
                rate_date=rate.rate_date,
            )
        return out

    def caption(self) -> str:
        """One sentence for under a chart or table: what the amounts are in, and where the rate comes from."""
        parts = []
        if self.adjusted:
            parts.append(
                f"Amounts in {self.today_label} (CPI-U, US city average; reported amount × CPI-U now ÷ "
                "CPI-U annual average of the figure's year); figures without a year stay as reported. "
                "The reported amounts and factors are in the download."
            )
        if self.currency != "USD":
            rate = convert(1.0, "USD", self.currency)
            parts.append(
                f"{self.currency} columns at the ECB reference rate of {rate.rate_date:%Y-%m-%d}: "
                f"1 USD = {rate.converted:.4f} {self.currency}."
            )
        return " ".join(parts)


def rate_date(currency: str) -> dt.date | None:
    """The date of the latest ECB rate for a currency (None for USD)."""
    return None if currency == "USD" else convert(1.0, "USD", currency).rate_date
