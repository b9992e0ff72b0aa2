"""Pure shaping of reference tables for display: local files apart from web links, plain-text search, and the
columns of every reference table, of the sources and of the quality flags, described once (analytics.columns)
for the screen and the downloads: headers for people, the file's own column name in each header's help; words in
place of the files' codes on screen (statistics, checks, sources), the codes in the help and the files."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from analytics.columns import CODE, COUNT, FLAG, LINK, MONEY, PERCENT, YEAR, Column, Table, table
from analytics.format import LOW_N, STATISTIC_LABELS
from analytics.quality import CHECK_NAMES
from analytics.realterms.view import MoneyView


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


HEADERS = {
    "source_id": "Source id",
    "source_ids": "Source ids",
    "title": "Title",
    "publisher": "Publisher",
    "published": "Published",
    "link": "Link",
    "kind": "Kind",
    "notes": "Notes",
    "file": "Local file",
    "figures": "Pay figures",
    "role": "Role",
    "track": "Track",
    "seniority": "Seniority",
    "description": "Description",
    "comparison": "Comparison",
    "aspect": "Aspect",
    "company": "Company",
    "level": "Level",
    "component": "Pay part",
    "statistic": "Statistic",
    "period": "Per",
    "amount_usd": "Amount",
    "lower_bound": "At least",
    "year": "Year",
    "as_of": "As of",
    "sample_size": "n",
    "derived": "Derived",
    "note": "Note",
    "rank": "Rank",
    "pm_titles": "PM titles",
    "who": "Who",
    "levels": "Levels",
    "lowest_rank": "Lowest rank",
    "hint": "Hint",
    "order_of_magnitude": "Order of magnitude",
    "company_a": "Company A",
    "level_a": "Level A",
    "company_b": "Company B",
    "level_b": "Level B",
    "approximate": "Approximate",
    "from_role": "From role",
    "to_role": "To role",
    "schedule": "Schedule",
    "percent": "Percent",
    "practice": "Practice",
    "effective_from": "From",
    "effective_to": "To",
    "source_title": "Source",
    "source_publisher": "Publisher",
    "source_link": "Source link",
    "factor": "CPI factor",
    "cpi_then": "CPI-U then",
    "cpi_now": "CPI-U now",
    "adjustment": "Adjustment",
    "currency": "Currency",
    "usd_rate": "Rate per USD",
    "rate_date": "Rate date",
}
"""The header people read for each file column; the file's own column name goes in the header's help."""
ADDED = {
    "source_title": "the title of the row's source (from data/sources.csv); the file's source_id column holds "
    "its code, in the download",
    "source_publisher": "the publisher of the row's source (from data/sources.csv)",
    "source_link": "the first of the row's sources that has a web link (from data/sources.csv)",
    "figures": "how many rows of data/pay_figures.csv cite this source",
    "file": "the local file named in the link column of data/sources.csv (the seeds, the facts file)",
    "factor": "today's dollars ÷ reported dollars (CPI-U now ÷ CPI-U of the row's year)",
    "cpi_then": "CPI-U annual average of the row's year",
    "cpi_now": "the latest CPI-U",
    "adjustment": "how the amount was restated",
    "currency": "the currency of the converted column",
    "usd_rate": "ECB reference rate: one US dollar in that currency",
    "rate_date": "the date of that rate",
}
"""Columns the page adds to a file's own, and what they hold."""
SEARCH_EXAMPLES = {
    "sources": "levels.fyi",
    "roles": "Amazon",
    "role_profiles": "Salary",
    "pay_figures": "median",
    "levels": "Jassy",
    "level_headcounts": "hundred",
    "level_equivalences": "Google",
    "career_paths": "Program",
    "vesting_schedules": "Amazon",
    "pay_practices": "sign-on",
}
"""A search word per table that finds rows in it: the search box's placeholder."""


def header(column: str) -> str:
    """The human header of a file column."""
    return HEADERS.get(column, column.replace("_", " ").capitalize())


def header_help(table: str, column: str) -> str:
    """A header's help: the column's name in the file, so the screen and data/ stay matched."""
    if column in ADDED:
        return f"Added by the page: {ADDED[column]}."
    if column.startswith("amount_usd_"):
        return "Added by the page: the amount_usd column of the file, as reported or converted."
    return f"Column `{column}` of data/{table}.csv."


CODE_COLUMNS = ("source_id", "source_ids")
"""Columns of codes the screen leaves out: their words are in Source and Publisher, their codes in the files."""
KINDS = {
    "year": YEAR,
    "sample_size": COUNT,
    "rank": COUNT,
    "seniority": COUNT,
    "figures": COUNT,
    "lowest_rank": COUNT,
    "order_of_magnitude": COUNT,
    "percent": PERCENT,
    "amount_usd": MONEY,
    "lower_bound": FLAG,
    "derived": FLAG,
    "approximate": FLAG,
    "link": LINK,
    "source_link": LINK,
    "source_id": CODE,
    "source_ids": CODE,
}
"""The kind of each file column that is not plain text."""
UNITS = {"amount_usd": "USD", "percent": "%", "sample_size": "", "order_of_magnitude": "people, approximately"}
EXTRA_HELP = {
    "company": " Empty means market-wide.",
    "sample_size": f" The sample size where the source gives one; below {LOW_N}: low confidence.",
    "amount_usd": " As published, per the period in Per.",
}


def reference_columns(name: str, columns: Sequence[str], view: MoneyView | None = None) -> Table:
    """The columns of a reference table (or the sources list) as the page shows them: header() with its unit,
    header_help() as meaning; pay_figures' amount under the money view (the page applies it to that table)."""
    described = table(
        *(
            Column(
                column,
                header(column),
                KINDS.get(column, "text"),
                UNITS.get(column, ""),
                header_help(name, column) + EXTRA_HELP.get(column, ""),
                f"data/{name}.csv {column}" if column not in ADDED else "added by the page",
                decimals=0 if column == "percent" else None,
                width=120 if column == "statistic" else None,
                screen=column not in CODE_COLUMNS,
            )
            for column in columns
        )
    )
    return view.table(described, ["amount_usd"]) if view is not None and name == "pay_figures" else described


def flags_columns() -> Table:
    """The columns of the data-quality flags (quality.quality_flags)."""
    return table(
        Column("check", "Check", meaning="The check that raised the flag (analytics/quality.py)."),
        Column("severity", "Severity", meaning="contradiction, disagreement, arithmetic, note or info."),
        Column("title", "Title", meaning="The flag in a few words."),
        Column("explanation", "Explanation", meaning="What the check found, in words."),
        Column("figures", "Figures involved", meaning="The figures involved, one per line."),
        Column("source_ids", "Source ids", CODE, meaning="The sources of those figures, separated by ';'."),
    )


def in_words(df: pd.DataFrame) -> pd.DataFrame:
    """Rows for the screen with statistic codes in words (gap_to_us_mean reads "Gap to US average")."""
    if "statistic" not in df.columns:
        return df
    return df.assign(statistic=df["statistic"].map(lambda s: STATISTIC_LABELS.get(s, s)))


def source_labels(catalogue: pd.DataFrame) -> dict[str, str]:
    """Each source as the source filter names it: publisher and title, and where two read alike, the first
    words of their notes ('Kaggle (scraped from levels.fyi): Data Science … · Spread of total pay per level')."""
    labels = {r.source_id: f"{r.publisher}: {r.title}" for r in catalogue.itertuples()}
    counts = pd.Series(list(labels.values())).value_counts()
    return {
        r.source_id: labels[r.source_id]
        + (f" · {str(r.notes).split(' (')[0].split(',')[0]}" if counts[labels[r.source_id]] > 1 else "")
        for r in catalogue.itertuples()
    }


def flag_caption(check: str, source_ids: str, publishers: Mapping[str, str]) -> tuple[str, str]:
    """Under a quality flag: the check and its sources in words, and their codes for the caption's help."""
    ids = source_ids.split(";")
    names = "; ".join(dict.fromkeys(publishers.get(s, s) for s in ids))
    return (
        f"Check: {CHECK_NAMES.get(check, check)} · Sources: {names}",
        f"Check `{check}` (analytics/quality.py); sources {', '.join(f'`{s}`' for s in ids)} (data/sources.csv).",
    )
