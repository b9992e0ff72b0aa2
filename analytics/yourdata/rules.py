"""The stated rules for reading a text cell as a number, a date or a currency, as DuckDB SQL macros.

Numbers: an optional sign, optional currency symbol ($ € £ ¥) and digits, with the file's
decimal mark (point by default, or comma when the user says so) and thousands separators in
groups of three (`$1,234.50`, or `1.234,50` with a comma decimal mark); a plain exponent is
accepted (`1.2e5`). Refused with a reason: text (`abc`, `NaN`, `inf`), a number written with
the other decimal mark (`1.234,50` in a point file: the message names the option), amounts
outside PAY (`1e309`, and per field `1e-320`), and, per field, negatives and zero. `-0` reads as 0.
Dates: ISO 2021-03-04 (with or without a time), 2021/03/04, 04.03.2021, 4 Mar 2021,
Mar 4, 2021 and 04-Mar-2021; a slash date (03/04/2021) is read only when day and month cannot
be swapped (one is above 12, or both are equal), otherwise it is refused as ambiguous; years
1900 to 2100. Currencies: ISO 4217 codes, any case; the list is `CURRENCIES` (ISO 4217 list
one as maintained by SIX, active codes in 2025, less fund, precious-metal and testing codes;
the `currencyconverter` package only knows the ECB's ~40 reference currencies, too few).
"""

from __future__ import annotations

import duckdb

from analytics.metrics import PayRange

PAY = PayRange(1.0, 1_000_000_000.0, "a year, in the file's currency")
"""The pay a file may hold: at least 1, the smallest plausible pay (as `analytics.metrics.YEARLY_PAY`; a
bonus or equity may also be 0), at most a billion, so that a yearly pay in yen or rupiah fits and a
typo above it does not."""
MAX_AMOUNT = int(PAY.high)
"""Largest amount accepted in any pay or band column (a year's pay above a billion is a typo)."""
MAX_TEXT = 200
"""Longest family, level, zone, id or group text accepted, in characters."""

CURRENCIES = frozenset(
    """
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD
CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD
GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT
LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR
NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP
STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VED VES VND VUV WST XAF XCD
XCG XOF XPF YER ZAR ZMW ZWG
""".split()
)

_BARE = r"^([+-]?)\s*[$€£¥]?\s*([^$€£¥]*?)\s*[$€£¥]?$"  # sign, then the number without its symbol
POINT_NUMBER = r"^[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?([eE][+-]?\d+)?$"
COMMA_NUMBER = r"^[+-]?(\d+|\d{1,3}(\.\d{3})+)(,\d+)?([eE][+-]?\d+)?$"
DATE_FORMATS = [
    "%Y-%m-%d",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y/%m/%d",
    "%d.%m.%Y",
    "%d %b %Y",
    "%d %B %Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%d-%b-%Y",
]


def install(con: duckdb.DuckDBPyConnection, decimal: str = ".") -> None:
    """Create the parsing macros on con for a file whose decimal mark is '.' or ','."""
    if decimal not in (".", ","):
        raise ValueError("decimal must be '.' or ','")
    ours, other = (POINT_NUMBER, COMMA_NUMBER) if decimal == "." else (COMMA_NUMBER, POINT_NUMBER)
    group, mark = (",", ".") if decimal == "." else (".", ",")
    # Plain digits (with a decimal point in a point file) cast directly: the common case, and fast.
    fast = r"[0-9]+(\.[0-9]+)?" if decimal == "." else "[0-9]+"
    # The macro bodies are constants chosen above (never user text), so building them is safe.
    # Each step takes the previous one's result as an argument, so validation can materialise
    # them column by column and every regular expression runs once per cell.
    con.execute(f"""
        CREATE OR REPLACE MACRO pl_text(t) AS nullif(trim(t), '');
        CREATE OR REPLACE MACRO pl_bare(t) AS CASE WHEN regexp_full_match(t, '[0-9.]+') THEN t
            ELSE regexp_replace(trim(t), '{_BARE}', '\\1\\2') END;
        CREATE OR REPLACE MACRO pl_num(b) AS CASE
            WHEN regexp_full_match(b, '{fast}') THEN TRY_CAST(b AS DOUBLE)
            WHEN regexp_full_match(b, '{ours}')
            THEN TRY_CAST(replace(replace(b, '{group}', ''), '{mark}', '.') AS DOUBLE) + 0.0 END;
        CREATE OR REPLACE MACRO pl_num_problem(t, b, n) AS CASE
            WHEN n IS NOT NULL THEN CASE WHEN isnan(n) OR isinf(n) OR abs(n) > {MAX_AMOUNT}
                                         THEN 'too large (over {MAX_AMOUNT:,})' END
            WHEN t IS NULL OR trim(t) = '' THEN NULL
            WHEN regexp_full_match(b, '{other}') AND regexp_matches(b, '[.,]')
            THEN 'written with the other decimal mark ({"comma" if decimal == "." else "point"}): '
                 || 'choose that decimal mark for this file, or save plain numbers'
            ELSE 'not a number' END;
        CREATE OR REPLACE MACRO pl_number(t) AS pl_num(pl_bare(t));
        CREATE OR REPLACE MACRO pl_number_problem(t) AS pl_num_problem(t, pl_bare(t), pl_number(t));
    """)  # noqa: S608
    formats = ", ".join(f"'{f}'" for f in DATE_FORMATS)
    con.execute(f"""
        CREATE OR REPLACE MACRO pl_slash(t, f) AS try_strptime(trim(t), f)::DATE;
        CREATE OR REPLACE MACRO pl_date1(t) AS try_strptime(trim(t), [{formats}])::DATE;
        CREATE OR REPLACE MACRO pl_date_any(t, d1) AS CASE
            WHEN d1 IS NOT NULL THEN d1
            WHEN pl_text(t) IS NULL OR NOT regexp_full_match(trim(t), '\\d{{1,2}}/\\d{{1,2}}/\\d{{4}}') THEN NULL
            WHEN pl_slash(t, '%m/%d/%Y') IS NULL OR pl_slash(t, '%d/%m/%Y') IS NULL
                 OR pl_slash(t, '%m/%d/%Y') = pl_slash(t, '%d/%m/%Y')
            THEN coalesce(pl_slash(t, '%m/%d/%Y'), pl_slash(t, '%d/%m/%Y')) END;
        CREATE OR REPLACE MACRO pl_date_in(d) AS CASE
            WHEN d BETWEEN DATE '1900-01-01' AND DATE '2100-12-31' THEN d END;
        CREATE OR REPLACE MACRO pl_date_problem_of(t, d) AS CASE
            WHEN pl_text(t) IS NULL OR pl_date_in(d) IS NOT NULL THEN NULL
            WHEN d IS NOT NULL THEN 'date outside 1900 to 2100'
            WHEN pl_slash(t, '%m/%d/%Y') IS NOT NULL AND pl_slash(t, '%d/%m/%Y') IS NOT NULL
            THEN 'ambiguous date: day and month could be swapped; write it as 2021-03-04'
            ELSE 'date does not parse; write it as 2021-03-04' END;
        CREATE OR REPLACE MACRO pl_date(t) AS pl_date_in(pl_date_any(t, pl_date1(t)));
        CREATE OR REPLACE MACRO pl_date_problem(t) AS pl_date_problem_of(t, pl_date_any(t, pl_date1(t)));
    """)  # noqa: S608
    con.execute("CREATE OR REPLACE TABLE pl_currency(code VARCHAR PRIMARY KEY)")
    con.executemany("INSERT INTO pl_currency VALUES (?)", [[c] for c in sorted(CURRENCIES)])
