"""What each column of a table means, said once for the screen and for every file made from it.

A `Column` describes one column of a frame that a page shows and downloads: the header people read, with
its unit ("Minimum (USD a year)"), the kind of value (money in whole dollars or cents, a percent, a number
such as a ratio, a count, a year, a flag, a date, text, a code that must stay text, a link) with the
decimals the screen shows, what the column means and where it comes from. A `Table` lists a frame's
columns in order. The page's table (ui.table) and the CSV, .xlsx and data dictionary (analytics.export) are
all made from one Table and the same `shown` values, so the screen and the files carry the same headers
and the same numbers: rounded half up to the decimals on screen, percents as percent values (25.0, not
0.25). A column marked `screen=False` goes in the files only (a source's id and link, a number beside the
text that shows it). Frames keep their code names (min_usd); only headers are for people.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

MONEY, PERCENT, NUMBER, COUNT, YEAR, FLAG, DATE, TEXT, CODE, LINK = (
    "money",
    "percent",
    "number",
    "count",
    "year",
    "flag",
    "date",
    "text",
    "code",
    "link",
)
NUMERIC = (MONEY, PERCENT, NUMBER, COUNT, YEAR)
DEFAULT_DECIMALS = {MONEY: 0, PERCENT: 1, NUMBER: 2, COUNT: 0, YEAR: 0}
KIND_WORDS = {
    MONEY: "money",
    PERCENT: "percent",
    NUMBER: "number",
    COUNT: "count",
    YEAR: "year",
    FLAG: "yes or no",
    DATE: "date (YYYY-MM-DD)",
    TEXT: "text",
    CODE: "code (text; keep its leading zeros)",
    LINK: "web link",
}
YES, NO = "yes", "no"
MISSING = "—"
"""What a gap in a number column reads on screen when the column is shown as text (Streamlit would write None)."""


@dataclass(frozen=True)
class Column:
    """One column of a frame: its code name in the frame, the header people read, its kind, unit and meaning.

    `decimals` is what the screen shows (money 0 unless cents, percent 1, number 2); `fraction` marks a
    percent column whose frame holds fractions (0.25 for 25%). `blank` is what a gap reads on screen
    (the column is then shown as text, since Streamlit writes None in an empty number cell).
    """

    name: str
    header: str
    kind: str = TEXT
    unit: str = ""
    meaning: str = ""
    source: str = ""
    decimals: int | None = None
    fraction: bool = False
    screen: bool = True
    blank: str = MISSING
    width: str | int | None = None
    pinned: bool = False

    def but(self, **changes: object) -> Column:
        """The same column with these fields changed (a header, `screen=False`, a width)."""
        return replace(self, **changes)

    @property
    def label(self) -> str:
        """The header with its unit, as the page and every file show it: 'Minimum (USD a year)', 'Spread (%)'."""
        return f"{self.header} ({self.unit})" if self.unit else self.header

    @property
    def places(self) -> int | None:
        """Decimals of a number column as shown (None for text, flags, dates)."""
        if self.kind not in NUMERIC:
            return None
        return DEFAULT_DECIMALS[self.kind] if self.decimals is None else self.decimals

    def value(self, raw: object) -> object:
        """One cell as shown: a number rounded half up (a fraction as a percent), an int, 'yes'/'no', a date,
        or text (a list joined with '; '); None when missing."""
        if isinstance(raw, list | tuple | np.ndarray):
            return "; ".join(map(str, raw)) if len(raw) else None
        if raw is None or raw is pd.NA or (not isinstance(raw, str) and pd.isna(raw)):
            return None
        if self.kind in NUMERIC and _is_number(raw):
            number = round_half_up(raw, self.places, 2 if self.fraction else 0)
            return int(number) if self.places == 0 and self.kind in (COUNT, YEAR) else number
        if self.kind == FLAG:
            return YES if bool(raw) else NO
        if self.kind == DATE and isinstance(raw, dt.date | pd.Timestamp):
            return raw.date() if isinstance(raw, pd.Timestamp) else raw
        return raw if isinstance(raw, str) else str(raw)

    def text(self, value: object, separators: bool = False) -> str:
        """A shown value as text: numbers to exactly their decimals (with thousands separators and a % sign
        on screen, plain in a CSV), dates as YYYY-MM-DD; '' when missing."""
        if value is None:
            return ""
        if isinstance(value, int | float) and not isinstance(value, bool) and self.kind in NUMERIC:
            if self.kind == YEAR:
                return f"{value:.0f}"
            digits = f"{value:,.{self.places}f}" if separators else f"{value:.{self.places}f}"
            return digits + ("%" if separators and self.kind == PERCENT else "")
        if isinstance(value, dt.date):
            return value.isoformat()
        return str(value)


def _gap(value: object) -> bool:
    """A shown value that is missing."""
    return value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value))


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | np.integer | np.floating | Decimal) and not isinstance(value, bool)


def round_half_up(value: float, places: int, shift: int = 0) -> float:
    """value × 10**shift rounded half up to `places` decimals, from its shortest decimal form (so 2.675 is
    2.68 and 134,759.5 is 134,760, never 134,759 as a truncating or banker's rounding would give); never -0."""
    exact = Decimal(repr(float(value))).scaleb(shift).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return float(exact) + 0.0 if exact else 0.0


@dataclass(frozen=True)
class Table:
    """A frame's columns in order, the sources its rows draw on beyond their own, and a note for its files."""

    columns: tuple[Column, ...]
    sources: tuple[str, ...] = ()
    note: str = ""
    source_columns: tuple[str, ...] = field(default=("source_id", "source_ids"))

    def __post_init__(self) -> None:
        for what in ([c.name for c in self.columns], [c.label for c in self.columns]):
            twice = sorted({x for x in what if what.count(x) > 1})
            if twice:
                raise ValueError(f"a table names each column and header once; twice: {', '.join(twice)}")

    def present(self, frame: pd.DataFrame) -> list[Column]:
        """The described columns the frame has, in the table's order (a money view adds some, a page drops some)."""
        return [c for c in self.columns if c.name in frame.columns]

    def column(self, name: str) -> Column:
        """The column of this code name."""
        return next(c for c in self.columns if c.name == name)

    def _cells(self, frame: pd.DataFrame) -> Iterator[tuple[Column, list, str]]:
        """Each described column of the frame with its values as shown (Column.value) and what they are: "int"
        (counts and years, every one whole), "float" (numbers) or "object" (text, or numbers with text among them)."""
        for column in self.present(frame):
            values = [column.value(v) for v in frame[column.name].tolist()]
            if column.kind in (COUNT, YEAR) and all(v is None or isinstance(v, int) for v in values):
                yield column, values, "int"
            elif column.kind in NUMERIC and all(v is None or isinstance(v, float | int) for v in values):
                yield column, values, "float"
            else:
                yield column, values, "object"

    def shown(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The described columns of the frame (code names kept) with every value as shown (Column.value)."""
        out = {}
        for column, values, kind in self._cells(frame):
            if kind == "int":
                out[column.name] = pd.array(values, dtype="Int64")
            elif kind == "float":
                out[column.name] = pd.array(values, dtype="Float64").astype("float64")
            else:
                out[column.name] = pd.Series(values, index=frame.index, dtype=object)
        return pd.DataFrame(out, index=frame.index)  # built at once: a column at a time was most of a table's cost

    def screen(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The shown values for the page's table, with no cell reading None: a number column with a gap becomes
        text as it would read (a percent '38.5%', money '134,760') with the column's `blank` in the gap, and a
        gap in text is empty. Built from plain lists: pandas per column was most of a page's table time."""
        out = {}
        for column, values, kind in self._cells(frame):
            if column.kind in NUMERIC and (kind == "object" or any(_gap(v) for v in values)):
                out[column.name] = pd.Series(
                    [column.blank if _gap(v) else column.text(v, separators=True) for v in values], index=frame.index
                )
            elif kind == "int":
                out[column.name] = pd.array(values, dtype="Int64")
            elif kind == "float":
                out[column.name] = np.array(values, dtype="float64")
            else:
                out[column.name] = pd.Series(["" if _gap(v) else v for v in values], index=frame.index, dtype=object)
        return pd.DataFrame(out, index=frame.index)

    def add(self, *columns: Column, after: str | None = None) -> Table:
        """The table with these columns added, after the named one or at the end."""
        names = [c.name for c in self.columns]
        at = names.index(after) + 1 if after else len(names)
        return replace(self, columns=(*self.columns[:at], *columns, *self.columns[at:]))

    def change(self, name: str, **changes: object) -> Table:
        """The table with one column changed (its header, kind, unit, ...)."""
        return replace(self, columns=tuple(replace(c, **changes) if c.name == name else c for c in self.columns))

    def without(self, *names: str) -> Table:
        """The table without these columns."""
        return replace(self, columns=tuple(c for c in self.columns if c.name not in names))

    def source_ids(self, frame: pd.DataFrame) -> list[str]:
        """Every source the rows name (source_id, or source_ids as a list or '; '-separated), then the table's own."""
        found: list[str] = []
        for name in self.source_columns:
            if name not in frame.columns:
                continue
            for cell in frame[name]:
                if isinstance(cell, list | tuple | np.ndarray):
                    found += [str(s) for s in cell]
                elif isinstance(cell, str):
                    found += [s.strip() for s in cell.replace(";", ",").split(",") if s.strip()]
        return list(dict.fromkeys([*found, *self.sources]))

    def dictionary(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The data dictionary of the frame's file: each column's header, meaning, unit, kind and source column."""
        return pd.DataFrame(
            [
                {
                    "Header": c.label,
                    "Meaning": c.meaning,
                    "Unit": c.unit,
                    "Format": _format_words(c),
                    "Source column": c.source or c.name,
                }
                for c in self.present(frame)
            ],
            columns=["Header", "Meaning", "Unit", "Format", "Source column"],
        )


def _format_words(column: Column) -> str:
    """How a column's values are written, in words: 'money, whole dollars', 'percent, 1 decimal'."""
    if column.kind == MONEY:
        return "money, whole dollars" if column.places == 0 else f"money, {column.places} decimals (cents)"
    if column.kind in (PERCENT, NUMBER):
        return f"{KIND_WORDS[column.kind]}, {column.places} decimal{'s' if column.places != 1 else ''}"
    if column.kind == COUNT:
        return "count, whole number"
    return KIND_WORDS[column.kind]


SOURCE_FILE = "data/sources.csv"
COMMON = {
    c.name: c
    for c in (
        Column("company", "Company", meaning="The company the figure is for; Market-wide when it names none."),
        Column("role", "Role", meaning="The product-management role, as PayLadder names it (data/roles.csv)."),
        Column("level", "Level", meaning="The company's level, as the company names it (L4 to L12 at Amazon)."),
        Column("component", "Pay component", meaning="Which part of pay: base, stock, bonus or total."),
        Column("year", "Year", YEAR, meaning="The year the figure is for; blank when the source states none."),
        Column("as_of", "As of", meaning="When the source's data was collected or published, as it states it."),
        Column("sample_size", "Reports", COUNT, "n", "How many reports are behind the figure; blank when not given."),
        Column("note", "Note", meaning="The source's words or PayLadder's note on the row."),
        Column(
            "source_id",
            "Source id",
            CODE,
            meaning=f"PayLadder's id of the row's source ({SOURCE_FILE}); the Sources sheet describes it.",
            screen=False,
        ),
        Column(
            "source_ids",
            "Source ids",
            CODE,
            meaning=f"PayLadder's ids of the row's sources ({SOURCE_FILE}), separated by '; '.",
            screen=False,
        ),
        Column("source_title", "Source", meaning="The title of the row's source.", source=f"{SOURCE_FILE} title"),
        Column(
            "source_publisher",
            "Publisher",
            meaning="Who published the row's source.",
            source=f"{SOURCE_FILE} publisher",
        ),
        Column(
            "source_published",
            "Published",
            meaning="When the row's source was published.",
            source=f"{SOURCE_FILE} published",
            screen=False,
        ),
        Column(
            "source_link",
            "Source link",
            LINK,
            meaning="A web link to the row's source.",
            source=f"{SOURCE_FILE} link",
            screen=False,
        ),
    )
}
"""Columns many tables share, described once; `table()` takes them by name."""


def common(name: str, **changes: object) -> Column:
    """A column COMMON describes, with these fields changed."""
    return replace(COMMON[name], **changes)


def table(*columns: Column | str, sources: Iterable[str] = (), note: str = "") -> Table:
    """A Table of these columns: a Column as it is, a name as COMMON describes it."""
    return Table(tuple(COMMON[c] if isinstance(c, str) else c for c in columns), tuple(sources), note)
