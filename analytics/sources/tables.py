"""Pure shaping of reference tables for display: local files apart from web links, plain-text search."""

from __future__ import annotations

import pandas as pd


def _is_url(value: object) -> bool:
    return isinstance(value, str) and value.startswith(("https://", "http://"))


def _split_links(df: pd.DataFrame) -> pd.DataFrame:
    """Web links stay in `link`; paths to local files (the seeds, the facts file) move to `file`."""
    web = df["link"].map(_is_url).astype(bool)
    return df.assign(link=df["link"].where(web), file=df["link"].where(~web))


def _cell_text(value: object) -> str:
    """A cell as the text a search sees: numbers both plain and with separators (148688, 148,688)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float | int) and not isinstance(value, bool) and float(value).is_integer():
        return f"{int(value)} {int(value):,}"
    return str(value)


def rows_containing(df: pd.DataFrame, text: str) -> pd.Series:
    """Which rows have a cell containing text: a plain, case-insensitive substring, never a pattern."""
    needle, hit = text.casefold(), pd.Series(False, index=df.index)
    for col in df.columns:
        hit |= df[col].map(_cell_text).astype(str).str.casefold().str.contains(needle, regex=False)
    return hit
