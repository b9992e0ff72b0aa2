"""Validate a mapped bands or people file in DuckDB SQL over the whole file, naming every problem.

Each check is one set-based query over all rows (never a Python loop per row), so a million
rows validate in seconds. A problem names the file, the row (the header is row 1, as in a
spreadsheet), the column as headed in the file, the value and why. Rows with any problem are
left out of the good table and listed in the problems table: nothing is dropped silently. The
rules for numbers, dates and currencies are in `analytics.yourdata.rules`. Band keys are
(family, level, zone) compared without case or surrounding spaces; of repeated keys or
employee IDs the first row is kept and each later one is a problem naming it. This module decides
which checks a file gets; their SQL is in `analytics.yourdata.queries`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import duckdb

from analytics.yourdata import queries, rules
from analytics.yourdata.columns import fields, header_labels
from analytics.yourdata.queries import Check
from analytics.yourdata.read import ImportProblem, RawTable

AMOUNTS = {
    "bands": ("min", "max", "midpoint", "equity_target"),
    "people": ("base", "bonus", "equity", "hours", "variable", "variable_pct"),
}
POSITIVE = {"min", "max", "midpoint", "base", "hours"}  # must be above zero; others may be zero
NOT_MONEY = {"hours", "variable_pct"}  # amounts that are not pay: the smallest plausible pay does not apply
TEXTS = {
    "bands": ("family", "level", "zone", "currency"),
    "people": ("person_id", "family", "level", "zone", "currency", "group", "gender", "category"),
}


@dataclass
class Checked:
    """The outcome of validation: the good rows' table, the problems' table and counts."""

    kind: str
    good: str
    problems: str
    rows: int
    good_rows: int
    problem_count: int

    @property
    def bad_rows(self) -> int:
        """Rows with at least one problem."""
        return self.rows - self.good_rows


def _checks(
    kind: str, names: dict[str, str], default_currency: str | None, percent: frozenset[str] = frozenset()
) -> list[Check]:
    """The checks of a kind's parsed rows, given the mapped fields' headers (names); the fields in `percent`
    hold a share of base pay, not money, so the smallest plausible pay does not apply to them."""
    required = [
        f.name
        for f in fields(kind)
        if f.required and f.name in names and not (f.name == "currency" and default_currency)
    ]
    out = [queries.missing_values(kind, c, names[c]) for c in required]
    out += [queries.overlong_texts(kind, c, names[c]) for c in TEXTS[kind] if c in names]
    out += [queries.formula_like_texts(kind, c, names[c]) for c in TEXTS[kind] if c in names]
    for c in AMOUNTS[kind]:
        if c in names:
            out += [queries.unreadable_numbers(kind, c, names[c]), queries.negative_numbers(kind, c, names[c])]
            if c not in percent and c not in NOT_MONEY:
                out.append(queries.implausible_numbers(kind, c, names[c]))
            if c in POSITIVE:
                out.append(queries.zero_numbers(kind, c, names[c]))
    if "currency" in names:
        out.append(queries.unknown_currencies(kind, names["currency"]))
    if kind == "people" and "start_date" in names:
        out.append(queries.unreadable_dates(names["start_date"]))
    if kind == "people":
        out += _pay_gap_checks(names)
    if kind == "bands":
        out += [*_band_checks(names), queries.duplicate_bands(names["level"])]
    elif "person_id" in names:
        out.append(queries.duplicate_people(names["person_id"]))
    return out


def _pay_gap_checks(names: dict[str, str]) -> list[Check]:
    """The pay gap fields' own bounds: weekly hours up to a week, FTE fractions not mixed with hours, and
    variable pay at most MAX_VARIABLE_TO_BASE × base (above it, a typing error)."""
    out = []
    if "hours" in names:
        out += [queries.hours_over_a_week(names["hours"]), queries.fractions_among_hours(names["hours"])]
    for column in ("variable", "variable_pct"):
        if column in names:
            out.append(queries.variable_above_base(column, names[column]))
    return out


def _band_checks(names: dict[str, str]) -> list[Check]:
    """A band's range: min and max (both present, in order, apart), or a midpoint and a positive spread."""
    if "min" in names and "max" in names:
        out = [queries.missing_values("bands", c, names[c]) for c in ("min", "max")]
        out += [queries.minimums_above_maximums(names["min"]), queries.empty_ranges(names["min"])]
        if "midpoint" in names:
            out.append(queries.midpoints_outside_ranges(names["midpoint"]))
        return out
    if "spread" in names:
        return [
            queries.unreadable_spreads(names["spread"]),
            queries.spreads_not_positive(names["spread"]),
            queries.missing_values("bands", "midpoint", names["midpoint"]),
        ]
    return []


def validate(
    con: duckdb.DuckDBPyConnection,
    raw: RawTable,
    mapping: dict[str, int | None],
    kind: str,
    decimal: str = ".",
    default_currency: str | None = None,
    units: Mapping[str, str] | None = None,
) -> Checked:
    """Check every row of a mapped file; create <kind> (good rows, typed) and <kind>_problems on con.

    People are matched to the good rows of the `bands` table already on con (validate bands first);
    a person whose band is missing there is a problem. Blank rows are skipped. `units` says what a people
    file's bonus column holds ('amount', 'percent' or 'fraction' of base pay; amount when not said).
    """
    if default_currency and default_currency.strip().upper() not in rules.CURRENCIES:
        raise ImportProblem(f"{default_currency!r} is not an ISO 4217 currency code (for example USD, EUR, GBP).")
    rules.install(con, decimal)
    columns = {f.name: mapping.get(f.name) for f in fields(kind)}
    amounts = [*AMOUNTS[kind], *(["spread"] if kind == "bands" else [])]
    units = dict(units or {})
    percent = {name for name, unit in units.items() if unit in ("percent", "fraction")}
    queries.parsed_rows(con, kind, raw, columns, amounts, percent)
    labels = header_labels(raw.headers)
    names = {name: labels[i] for name, i in columns.items() if i is not None}
    queries.problems_table(con, kind, raw.filename, _checks(kind, names, default_currency, frozenset(percent)))
    if kind == "bands":
        ranged = "min" in names and "max" in names
        queries.typed_bands(con, ranged, "midpoint" in names, "currency" in names, default_currency)
    else:
        bonus = units.get("bonus", "amount")
        zoned = queries.typed_people(con, "person_id" in names, "currency" in names, default_currency, bonus)
        level, currency = names.get("level", "level"), names.get("currency", "currency")
        queries.band_problems(con, raw.filename, level, currency, zoned)
    queries.keep_good_rows(con, kind)
    rows, good, count = queries.row_counts(con, kind)
    queries.drop_tables(con, f"{kind}_src")
    return Checked(kind, kind, f"{kind}_problems", rows, good, count)
