"""How a page shows money: as reported or in today's dollars, and beside it in another currency.

`MoneyView.apply` is the one call a page makes on each frame of money it shows. In today's
dollars each amount column is restated (amount x CPI-U now / CPI-U of the row's year) and the
reported amount is kept beside it as `<column>_reported`, with the factor, the two CPI values and
a note; a row without a year stays as reported and its note says so. In another currency, a
`<column>_<code>` column is added beside each amount with the ECB rate and its date. Reported
USD with no currency leaves the frame as it is. `MoneyView.table` describes the same columns
(analytics.columns) for the page's table and its downloads: each amount's unit says what it is in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

import duckdb
import pandas as pd

from analytics.columns import CODE, DATE, NUMBER, TEXT, Column, Table
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

    @property
    def month(self) -> str:
        """The month of today's dollars: 'August 2026'."""
        return self.today_label.removeprefix("dollars of ")

    def table(self, described: Table, amounts: Sequence[str]) -> Table:
        """The columns of a frame this view applied to (`amounts` as given to `apply`): each amount's unit says
        what it is in ('August 2026 USD a year'), the reported amount and the converted one beside it, and the
        factor, CPI-U values and rate in the files only; the CPI-U and ECB sources join the table's."""
        columns: list[Column] = []
        for column in described.columns:
            if column.name not in amounts:
                columns.append(column)
                continue
            columns.append(
                replace(
                    column,
                    unit=column.unit.replace("USD", f"{self.month} USD", 1),
                    meaning=f"{column.meaning} Restated in dollars of {self.month} by the CPI-U where the row has "
                    "a year; as reported where it has none.",
                )
                if self.adjusted
                else column
            )
            if self.adjusted:
                columns.append(
                    replace(
                        column,
                        name=f"{column.name}_reported",
                        header=f"{column.header}, as reported",
                        meaning=f"{column.meaning} As the source reported it, before restating.",
                        pinned=False,
                    )
                )
            if self.currency != "USD":
                columns.append(
                    replace(
                        column,
                        name=f"{column.name}_{self.currency.lower()}",
                        unit=column.unit.replace("USD", self.currency, 1),
                        meaning=f"{column.meaning} Converted to {self.currency} at the ECB reference rate.",
                        source=f"{column.source or column.name} × ECB reference rate",
                        pinned=False,
                    )
                )
        sources = list(described.sources)
        if self.adjusted:
            columns += ADJUSTED_COLUMNS
            sources.append("bls_cpi_u")
        if self.currency != "USD":
            columns += CONVERTED_COLUMNS
            sources.append("ecb_reference_rates")
        return replace(described, columns=tuple(columns), sources=tuple(dict.fromkeys(sources)))

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


ADJUSTED_COLUMNS = [
    Column(
        "factor",
        "CPI-U factor",
        NUMBER,
        decimals=4,
        meaning="Today's dollars ÷ reported dollars: CPI-U now ÷ CPI-U annual average of the row's year.",
        source="derived from bls_cpi_u",
        screen=False,
    ),
    Column(
        "cpi_then",
        "CPI-U of the row's year",
        NUMBER,
        "index, 1982–84 = 100",
        "The CPI-U annual average of the row's year.",
        "bls_cpi_u",
        decimals=3,
        screen=False,
    ),
    Column(
        "cpi_now",
        "CPI-U now",
        NUMBER,
        "index, 1982–84 = 100",
        "The latest monthly CPI-U.",
        "bls_cpi_u",
        decimals=3,
        screen=False,
    ),
    Column("adjustment", "Adjustment", TEXT, meaning="How the row's amounts were restated, or why not.", screen=False),
]
"""The files' columns of amounts restated in today's dollars (analytics.realterms.adjust)."""
CONVERTED_COLUMNS = [
    Column("currency", "Currency", CODE, meaning="The currency of the converted columns (ISO 4217).", screen=False),
    Column(
        "usd_rate",
        "Rate per USD",
        NUMBER,
        decimals=4,
        meaning="ECB reference rate: one US dollar in that currency.",
        source="ecb_reference_rates",
        screen=False,
    ),
    Column(
        "rate_date",
        "Rate date",
        DATE,
        meaning="The date of that ECB reference rate.",
        source="ecb_reference_rates",
        screen=False,
    ),
]
"""The files' columns of amounts converted to another currency (analytics.realterms.currency)."""
