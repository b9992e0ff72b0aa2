"""CSV and Parquet exports of what a page shows, safe to open in a spreadsheet.

A spreadsheet treats a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return as
a formula; a hostile string in the data could then run on the user's machine. Every text cell
that begins so is prefixed with a single quote (OWASP's advice); numbers are left as numbers.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Prefix a text cell that a spreadsheet would read as a formula with a single quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of df with every text cell neutralised, column names included."""
    out = df.copy()
    out.columns = [neutralise(str(c)) for c in out.columns]
    for col in out.columns:
        if not pd.api.types.is_numeric_dtype(out[col]) and not pd.api.types.is_bool_dtype(out[col]):
            out[col] = out[col].map(neutralise).astype(object)
    return out


def _joined(value: object) -> object:
    """A list cell as one text cell: its items separated by '; '."""
    return "; ".join(map(str, value)) if isinstance(value, list | tuple | np.ndarray) else value


def to_csv(df: pd.DataFrame) -> bytes:
    """UTF-8 CSV bytes of df, safe for spreadsheets (RFC 4180 line ends, so a stray CR is quoted); lists joined."""
    plain = df.assign(**{c: df[c].map(_joined) for c in df.columns if df[c].dtype == object})
    return safe_frame(plain).to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def to_parquet(df: pd.DataFrame) -> bytes:
    """Parquet bytes of df (typed, so no formula risk; text is neutralised all the same)."""
    buf = io.BytesIO()
    safe_frame(df).to_parquet(buf, index=False)
    return buf.getvalue()
