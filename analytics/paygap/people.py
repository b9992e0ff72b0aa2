"""Turn a plain people table into the workforce the pay gap report counts: typed, checked, with hourly pay.

The input is a DataFrame with the columns of INPUT_COLUMNS (missing ones count as blank): person_id,
family, level, zone (location), base (annual), variable (annual amount; blank = none), variable_pct
(variable as a percent of base, used where the amount is blank), hours (contracted weekly hours; blank =
full time), gender (the label as written), start_date, category (optional) and currency; an optional
`row` column numbers the rows as in the file (the import's spreadsheet rows). `prepare`
returns a `Workforce`: the people kept, each with their gender group, hourly pay and tenure; the rows
left out, one line per problem (file order, the column and the value); notes on what was assumed; and,
when nothing can be reported (no women, no men, no one left, several currencies), a `problem` sentence
for the page to show instead. It never raises on the data; bad settings raise ValueError.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from analytics.paygap import gender as labels
from analytics.paygap.definitions import (
    FULL_TIME_HOURS,
    MAX_FTE,
    MAX_VARIABLE_TO_BASE,
    MAX_WEEKLY_HOURS,
    MEN,
    NOT_STATED,
    OTHER,
    UNRECOGNISED,
    WEEKS_PER_YEAR,
    WOMEN,
)

INPUT_COLUMNS = (
    "person_id",
    "family",
    "level",
    "zone",
    "base",
    "variable",
    "variable_pct",
    "hours",
    "gender",
    "start_date",
    "category",
    "currency",
)
CATEGORY_COLUMNS = ("family", "level", "zone", "category")
"""Columns a category of workers can be made of (the file's own category column among them)."""
CONTROLS = ("level", "family", "zone", "tenure")
"""The controls of the adjusted gap, in the order the report names them."""
CONTROL_LABELS = {"level": "level", "family": "job family", "zone": "location", "tenure": "tenure"}
HOURS_ARE = {
    "detect": "detect: FTE fractions when every value is at most 1.5",
    "weekly": "weekly hours",
    "fte": "FTE fractions (1 = full time)",
}
"""How the hours column is read (Settings.hours_are), with the words a picker shows."""
LEFT_OUT_COLUMNS = ["person_id", "row", "column", "value", "problem"]
TIE_DECIMALS = 6
"""Hourly pay is compared for ties after rounding to this many decimals (removes floating-point noise)."""


class PayGapProblem(ValueError):
    """Raised when a report is asked of a workforce that cannot be reported on; the message is for people."""


@dataclass(frozen=True)
class Settings:
    """The analyst's choices: full time, the tenure reference date, categories, controls, basis, currency."""

    full_time_hours: float = FULL_TIME_HOURS
    reference_date: dt.date | None = None
    """Tenure is counted to this date; None means today (the report prints the date used)."""
    category_by: tuple[str, ...] = ("family", "level")
    controls: tuple[str, ...] = CONTROLS
    base_is_full_time_equivalent: bool = False
    """True when base is the full-time salary: the annual pay is then base × hours ÷ full time."""
    currency: str | None = None
    """The one currency to report in when the file holds several; None to take the file's only one."""
    hours_are: str = "detect"
    """How the hours column is read: one of HOURS_ARE ('detect' reads it as FTE fractions when every value
    is at most MAX_FTE)."""

    def checked(self) -> Settings:
        """The settings with the reference date filled in; ValueError naming what is wrong."""
        if not (0 < float(self.full_time_hours) <= MAX_WEEKLY_HOURS):
            raise ValueError(f"full time must be above 0 and at most {MAX_WEEKLY_HOURS:g} hours a week")
        if not self.category_by or any(c not in CATEGORY_COLUMNS for c in self.category_by):
            raise ValueError(f"categories are made of one or more of {CATEGORY_COLUMNS}, not {self.category_by}")
        if any(c not in CONTROLS for c in self.controls):
            raise ValueError(f"controls are some of {CONTROLS}, not {self.controls}")
        if self.hours_are not in HOURS_ARE:
            raise ValueError(f"hours are one of {tuple(HOURS_ARE)}, not {self.hours_are!r}")
        return replace(
            self,
            full_time_hours=float(self.full_time_hours),
            reference_date=self.reference_date or dt.date.today(),
            category_by=tuple(self.category_by),
            controls=tuple(c for c in CONTROLS if c in self.controls),
        )


@dataclass
class Workforce:
    """The people a report counts, the rows left out and why, the label mapping and the notes."""

    people: pd.DataFrame
    left_out: pd.DataFrame
    labels: pd.DataFrame
    settings: Settings
    currency: str
    rows: int
    notes: list[str] = field(default_factory=list)
    problem: str | None = None

    @property
    def compared(self) -> pd.DataFrame:
        """The women and men: the people every gap and quartile band is computed from."""
        return self.people[self.people["gender"].isin((WOMEN, MEN))]

    def require(self) -> None:
        """Raise PayGapProblem with the problem sentence when nothing can be reported."""
        if self.problem:
            raise PayGapProblem(self.problem)


def natural_key(value: object) -> tuple:
    """A sort key that puts L2 before L10 and blank last."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return (1,)
    parts = re.split(r"(\d+)", str(value).casefold())
    return (0, *[int(p) if i % 2 else p for i, p in enumerate(parts)])


def _text(series: pd.Series) -> pd.Series:
    """Text cells stripped of surrounding spaces, blank ones None (object dtype)."""
    text = series.astype("string").str.strip()
    text = text.mask(text == "")
    return text.astype(object).where(text.notna(), None)


def _numbers(df: pd.DataFrame, column: str, problems: list[dict]) -> pd.Series:
    """A numeric column; a value that is not a number is a problem of its row."""
    raw = df[column]
    if pd.api.types.is_numeric_dtype(raw) and not pd.api.types.is_bool_dtype(raw):
        return raw.astype("float64")
    text = _text(raw)
    out = pd.to_numeric(text, errors="coerce").astype("float64")
    for i in np.flatnonzero(text.notna() & out.isna()):
        problems.append(_problem(df, i, column, text.iloc[i], "not a number"))
    return out


def _problem(df: pd.DataFrame, i: int, column: str, value: object, why: str) -> dict:
    return {"_i": i, "column": column, "value": None if value is None else str(value), "problem": why}


def _dates(series: pd.Series) -> pd.Series:
    """Start dates as timestamps: dates and datetimes as they are, text read as ISO 8601, the rest NaT."""
    if pd.api.types.is_datetime64_any_dtype(series):
        return series.dt.tz_localize(None) if getattr(series.dt, "tz", None) else series
    values = _text(series) if pd.api.types.infer_dtype(series, skipna=True) == "string" else series
    return pd.to_datetime(values, errors="coerce", format="ISO8601").astype("datetime64[us]")


def _currency(df: pd.DataFrame, settings: Settings, problems: list[dict], notes: list[str]) -> tuple[str, str | None]:
    """The report's currency, and a problem sentence when the file holds several and none was chosen."""
    given = df["currency"].map(lambda v: v.upper() if isinstance(v, str) else None)
    counts = given.value_counts()
    chosen = settings.currency.strip().upper() if settings.currency else None
    if chosen is None and len(counts) > 1:
        listed = ", ".join(f"{c} {n}" for c, n in counts.sort_index().items())
        return "", (
            f"People are paid in {len(counts)} currencies ({listed}). Pay gaps compare amounts in one "
            "currency: choose the currency to report on."
        )
    chosen = chosen or (counts.index[0] if len(counts) else "")
    for i in np.flatnonzero(given.notna() & (given != chosen)):
        problems.append(
            _problem(df, i, "currency", given.iloc[i], f"paid in {given.iloc[i]}; this report is in {chosen}")
        )
    blank = int(given.isna().sum())
    if not chosen:
        notes.append("The file names no currency: amounts are in the file's own currency.")
    elif blank and blank < len(given):
        notes.append(f"{blank} people have no currency: counted as {chosen}, the file's currency.")
    return chosen, None


def _category(df: pd.DataFrame, by: tuple[str, ...]) -> tuple[pd.Series, pd.Series]:
    """Each person's category label ('Engineering · L3') and a sortable key (computed once per category)."""
    parts = df[list(by)].fillna(NOT_STATED).astype(str)
    label = parts[by[0]]
    for c in by[1:]:
        label = label + " · " + parts[c]
    first = parts.assign(_label=label).drop_duplicates("_label")
    keys = {row[-1]: tuple(natural_key(v) for v in row[:-1]) for row in first.itertuples(index=False)}
    return label, label.map(keys)


def prepare(people: pd.DataFrame, settings: Settings | None = None) -> Workforce:
    """Check and type a plain people table, compute hourly pay and tenure, and say what was left out and why."""
    settings = (settings or Settings()).checked()
    if not isinstance(people, pd.DataFrame):
        raise ValueError("people must be a pandas DataFrame (or use analytics.paygap.queries on a connection)")
    df = people.reset_index(drop=True).copy()
    # The import's row numbers (spreadsheet rows) when the frame carries them, else 1 for the first row.
    file_row = pd.to_numeric(df["row"], errors="coerce") if "row" in df.columns else pd.Series(df.index + 1)
    df["_file_row"] = file_row.fillna(pd.Series(df.index + 1)).astype("int64").to_numpy()
    for column in INPUT_COLUMNS:
        if column not in df.columns:
            df[column] = None
    problems: list[dict] = []
    notes: list[str] = []
    for column in ("person_id", "family", "level", "zone", "category", "currency"):
        df[column] = _text(df[column])
    df["gender_label"] = _text(df["gender"])
    df["gender"] = labels.map_genders(df["gender_label"])
    label_table = labels.label_table(df["gender_label"])
    empty = Workforce(pd.DataFrame(), pd.DataFrame(columns=LEFT_OUT_COLUMNS), label_table, settings, "", len(df))
    if df.empty:
        empty.problem = "The people file has no rows, so there is nothing to report."
        return empty
    if "gender" not in people.columns or df["gender_label"].isna().all():
        empty.problem = (
            "No one in the file has a gender, so there is no gap to compute. Map the file's gender column "
            "(women, men and other labels in any common spelling) and try again."
        )
        return empty
    if "base" not in people.columns:
        empty.problem = "The people file has no base pay column: map the column holding annual base pay."
        return empty

    df["person_id"] = df["person_id"].where(df["person_id"].notna(), "row " + df["_file_row"].astype(str))
    repeat = df.groupby("person_id", sort=False).cumcount() > 0
    first_row = df["_file_row"].groupby(df["person_id"], sort=False).transform("min")
    for i in np.flatnonzero(repeat):
        problems.append(
            _problem(
                df, i, "person_id", df["person_id"].iloc[i], f"duplicate employee ID: first on row {first_row.iloc[i]}"
            )
        )

    base = _numbers(df, "base", problems)
    variable = _numbers(df, "variable", problems)
    pct = _numbers(df, "variable_pct", problems)
    hours = _weekly_hours(_numbers(df, "hours", problems), settings, notes)
    checks = [
        ("base", base.isna() & _text(df["base"]).isna(), "missing base pay"),
        ("base", base <= 0, "base pay must be above zero"),
        ("hours", hours <= 0, "contracted weekly hours must be above zero"),
        ("hours", hours > MAX_WEEKLY_HOURS, f"more than {MAX_WEEKLY_HOURS:g} contracted hours a week"),
        ("variable", variable < 0, "variable pay is negative"),
        ("variable_pct", pct < 0, "variable pay percent is negative"),
    ]
    for column, mask, why in checks:
        for i in np.flatnonzero(mask.fillna(False).to_numpy()):
            problems.append(_problem(df, i, column, df[column].iloc[i], why))

    currency, currency_problem = _currency(df, settings, problems, notes)
    full_time = settings.full_time_hours
    hours_used = hours.fillna(full_time)
    basic_annual = base * hours_used / full_time if settings.base_is_full_time_equivalent else base
    from_pct = variable.isna() & pct.notna()
    variable_used = variable.where(variable.notna(), basic_annual * pct / 100).fillna(0.0)
    too_big = (variable_used > MAX_VARIABLE_TO_BASE * basic_annual) & (basic_annual > 0)
    for i in np.flatnonzero(too_big.fillna(False).to_numpy()):
        column = "variable_pct" if from_pct.iloc[i] else "variable"
        problems.append(
            _problem(
                df,
                i,
                column,
                df[column].iloc[i],
                f"variable pay is more than {MAX_VARIABLE_TO_BASE} × base pay: check the amount "
                "(a percent written as an amount, or base pay per month?)",
            )
        )

    start = _dates(df["start_date"])
    bad_date = start.isna() & _text(df["start_date"]).notna()
    tenure = (pd.Timestamp(settings.reference_date) - start).dt.days / 365.25
    future = tenure < 0
    tenure = tenure.where(~future)

    left_out = _left_out(df, problems)
    keep = ~df.index.isin({p["_i"] for p in problems})
    category, category_key = _category(df, settings.category_by)
    out = pd.DataFrame(
        {
            "person_id": df["person_id"],
            "row": df["_file_row"],
            "gender_label": df["gender_label"],
            "gender": df["gender"],
            "family": df["family"],
            "level": df["level"],
            "zone": df["zone"],
            "category": category,
            "category_key": category_key,
            "currency": currency,
            "hours": hours_used,
            "hours_given": hours.notna(),
            "part_time": hours_used < full_time,
            "base": base,
            "basic_annual": basic_annual,
            "variable": variable_used,
            "variable_pct": pct,
            "variable_from_pct": from_pct,
            "received_variable": variable_used > 0,
            "total_annual": basic_annual + variable_used,
            "basic_hourly": basic_annual / (hours_used * WEEKS_PER_YEAR),
            "total_hourly": (basic_annual + variable_used) / (hours_used * WEEKS_PER_YEAR),
            "start_date": start.dt.date.astype(object).where(start.notna(), None),
            "tenure_years": tenure,
        }
    )[keep].reset_index(drop=True)

    _notes(out, df, keep, hours, variable, from_pct, bad_date, future, label_table, settings, notes)
    workforce = Workforce(out, left_out, label_table, settings, currency, len(df), notes)
    workforce.problem = currency_problem or _who_is_missing(out, label_table, len(df))
    return workforce


def _weekly_hours(hours: pd.Series, settings: Settings, notes: list[str]) -> pd.Series:
    """Contracted weekly hours: FTE fractions (as the settings say, or detected) times full time, and a note."""
    given = hours.dropna()
    fractions = settings.hours_are == "fte" or (
        settings.hours_are == "detect" and len(given) > 0 and bool((given <= MAX_FTE).all())
    )
    if not fractions:
        return hours
    why = "as chosen" if settings.hours_are == "fte" else f"every value is at most {MAX_FTE:g}"
    notes.append(f"Hours are read as FTE fractions ({why}): weekly hours = fraction × {settings.full_time_hours:g}.")
    return hours * settings.full_time_hours


def _left_out(df: pd.DataFrame, problems: list[dict]) -> pd.DataFrame:
    if not problems:
        return pd.DataFrame(columns=LEFT_OUT_COLUMNS)
    out = pd.DataFrame(problems).sort_values("_i", kind="stable")
    out["person_id"] = df["person_id"].to_numpy()[out["_i"]]
    out["row"] = df["_file_row"].to_numpy()[out["_i"]]
    return out[LEFT_OUT_COLUMNS].reset_index(drop=True)


def _people(n: int, singular: str, plural: str) -> str:
    """'1 person has' or '3 people have': a count with its words."""
    return f"{n} {singular if n == 1 else plural}"


def _notes(out, df, keep, hours, variable, from_pct, bad_date, future, label_table, settings, notes) -> None:
    full_time = settings.full_time_hours
    blank_hours = int((hours.isna() & keep).sum())
    if blank_hours and blank_hours == int(keep.sum()):
        notes.append(
            f"No one has contracted weekly hours: everyone counts as full time ({full_time:g} hours a week), "
            "so hourly pay ranks people as annual pay does."
        )
    elif blank_hours:
        notes.append(
            f"{_people(blank_hours, 'person has', 'people have')} no contracted weekly hours: "
            f"counted as full time ({full_time:g} hours)."
        )
    converted = int((from_pct & keep).sum())
    if converted:
        notes.append(
            f"{_people(converted, 'person', 'people')}: variable pay given as a percent of base and converted."
        )
    none = int((variable.isna() & ~from_pct & keep).sum())
    if none:
        notes.append(f"{_people(none, 'person has', 'people have')} no variable pay given: counted as none.")
    bad = int((bad_date & keep).sum())
    if bad:
        notes.append(
            f"{_people(bad, 'start date is not a date', 'start dates are not dates')} (YYYY-MM-DD): tenure unknown."
        )
    late = int((future & keep).sum())
    if late:
        notes.append(
            f"{_people(late, 'person starts', 'people start')} after the reference date "
            f"{settings.reference_date.isoformat()}: tenure unknown."
        )
    others = out["gender"].value_counts()
    counted = [f"{others[g]} {g}" for g in (OTHER, NOT_STATED, UNRECOGNISED) if others.get(g, 0)]
    if counted:
        notes.append(f"Counted but not in the gaps or quartile bands (gender {', '.join(counted)}).")
    unrecognised = labels.unrecognised_note(label_table)
    if unrecognised:
        notes.append(unrecognised)


def _who_is_missing(out: pd.DataFrame, label_table: pd.DataFrame, rows: int) -> str | None:
    if out.empty:
        return f"No one is left to report on: every one of the {rows} rows has a problem (see the rows left out)."
    found = ", ".join(f"“{r.label or '(blank)'}”" for r in label_table.head(12).itertuples())
    for group, lists in ((WOMEN, "F, female, woman, w, Frau"), (MEN, "M, male, man, h, Mann")):
        if not (out["gender"] == group).any():
            return (
                f"There are no {group} among the {len(out)} people kept, so there is no gap to compute. "
                f"Labels that count as {group} include {lists}; the labels found are {found}."
            )
    return None
