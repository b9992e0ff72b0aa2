"""The SQL of Your data, one function per result: the checks of an import, its tables, and the analyses.

Validation (composed by `analytics.yourdata.validate`) works on an import's connection in steps:
`parsed_rows` reads each mapped cell once into `<kind>_src`; each check builder (`missing_values`,
`minimums_above_maximums`, ...) is one set-based SELECT of (row, column, value, problem) over it,
and `problems_table` unions them into `<kind>_problems`; `typed_bands` or `typed_people` build the
typed rows, `band_problems` adds the people without a valid band, and `keep_good_rows` leaves the
good rows as `bands` or `people`. Values from a file (headers, names, a default currency) are `?`
parameters; table and column names come only from code.

The analyses read the `bands` and `people` tables of an import or a workspace connection (each
query on its own cursor). The formulas are those of `analytics.metrics`, vectorised in SQL (tests
check them against the scalar functions): spread (max − min) / min, midpoint progression
(higher − lower) / lower, overlap with the level below (lower max − higher min) / (higher max −
higher min), compa-ratio pay / midpoint, range penetration (pay − min) / (max − min). A band's
midpoint is the one in the file when given, else (min + max) / 2. Levels are ordered within a
family, zone and currency by the number in their label (L1, P3, IC2) when every level has one, else
by midpoint. Amounts are never added across currencies. Groups smaller than MIN_GROUP are suppressed.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import duckdb
import pandas as pd

from analytics.db import query
from analytics.export import FORMULA_STARTS
from analytics.format import SUPPRESSED
from analytics.paygap.definitions import MAX_FTE, MAX_VARIABLE_TO_BASE, MAX_WEEKLY_HOURS
from analytics.yourdata import rules
from analytics.yourdata.columns import header_labels

if TYPE_CHECKING:
    from analytics.yourdata.read import RawTable
    from analytics.yourdata.validate import Checked

PROBLEM_COLUMNS = ["file", "row", "column", "value", "problem"]
NOTE = "note: "
"""How a problem that is only a note begins: its row is kept (a text that a spreadsheet could run)."""
MIN_GROUP = 5
"""Smallest group whose median compa-ratio is shown; smaller groups read SUPPRESSED."""
NOT_STATED = "not stated"

# A spread ending in % is a percent; without, up to 5 is a fraction (0.6 = 60%), above 5 a percent.
_SPREAD = (
    "(CASE WHEN trim(spread) LIKE '%\\%%' ESCAPE '\\' OR spread_num > 5 THEN spread_num / 100 ELSE spread_num END)"
)


# The file as read


def preview(con: duckdb.DuckDBPyConnection, raw: RawTable, rows: int = 20) -> pd.DataFrame:
    """The first data rows of a file as read: text cells under the file's headers."""
    cells = query(con, f"SELECT * FROM {raw.table} LIMIT ?", [rows + 1])  # noqa: S608 (a table name from code)
    return cells.iloc[1:].set_axis(header_labels(raw.headers), axis=1)


def column_cells(con: duckdb.DuckDBPyConnection, raw: RawTable, column: int, rows: int = 1_000) -> list[str]:
    """The first non-blank data cells of one column of a file as read (the header is not a data cell)."""
    if not 0 <= column < len(raw.headers):
        raise ValueError(f"column {column} is not in the file")
    cells = query(
        con,
        f"SELECT c{column} AS cell FROM {raw.table} WHERE rowid > 0 AND trim(c{column}) <> '' LIMIT ?",  # noqa: S608
        [rows],
    )
    return cells["cell"].tolist()


def table_names(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The tables on a connection."""
    return {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}


def create_empty_bands(con: duckdb.DuckDBPyConnection) -> None:
    """An empty `bands` table, as validation makes it."""
    con.execute(
        "CREATE TABLE bands(_row BIGINT, family VARCHAR, level VARCHAR, zone VARCHAR, currency VARCHAR, "
        "min DOUBLE, max DOUBLE, midpoint DOUBLE, midpoint_given BOOLEAN, equity_target DOUBLE)"
    )


def create_empty_people(con: duckdb.DuckDBPyConnection) -> None:
    """An empty `people` table, as validation makes it."""
    con.execute(
        "CREATE TABLE people(_row BIGINT, person_id VARCHAR, family VARCHAR, level VARCHAR, "
        "zone VARCHAR, currency VARCHAR, base DOUBLE, bonus DOUBLE, equity DOUBLE, start_date DATE, "
        '"group" VARCHAR, band_row BIGINT, band_currency VARCHAR, band_min DOUBLE, band_max DOUBLE, '
        "band_midpoint DOUBLE)"
    )


def drop_tables(con: duckdb.DuckDBPyConnection, *tables: str) -> None:
    """Drop these tables where they exist."""
    for table in tables:
        con.execute(f"DROP TABLE IF EXISTS {table}")


# Validation


PERCENTS = ("spread", "variable_pct")
"""Fields whose cells may end in %: read as the number before it."""


def _number_text(expr: str, field: str, percent: bool = False) -> str:
    """The text to parse as a number: a spread or a percent of base may end in %, which is dropped."""
    return f"regexp_replace(trim({expr}), '%$', '')" if field in PERCENTS or percent else expr


def parsed_rows(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    raw: RawTable,
    columns: dict[str, int | None],
    amounts: Sequence[str],
    percent: Collection[str] = (),
) -> None:
    """Create <kind>_src: _row (the header is row 1), each field's text (NULL when unmapped), each amount
    parsed once into <field>_num and, for people, the start date; blank rows are skipped.

    `columns` maps every field of the kind to its column position in the file, or None; the `percent` fields
    may end in % (a percent or fraction of base pay).
    """
    text = {name: "NULL::VARCHAR" if i is None else f"c{i}" for name, i in columns.items()}
    cols = ", ".join(f'{expr} AS "{name}"' for name, expr in text.items())
    every = " AND ".join(f"coalesce(trim(c{i}), '') = ''" for i in range(len(raw.headers)))
    # Each value is parsed once, into a column, from the file's cell (c<i>); the problem checks
    # then read those columns, and only look at the text again where a value did not parse.
    nums = ", ".join(f"pl_num(pl_bare({_number_text(text[c], c, c in percent)})) AS {c}_num" for c in amounts)
    date = (
        f", pl_date_any({text['start_date']}, pl_date1({text['start_date']})) AS start_date_any"
        if kind == "people"
        else ""
    )
    con.execute(f"""CREATE OR REPLACE TABLE {kind}_src AS
        SELECT rowid + 1 AS _row, {cols}, {nums}{date} FROM {raw.table}
        WHERE rowid > 0 AND NOT ({every})""")  # noqa: S608


@dataclass(frozen=True)
class Check:
    """One check: a SELECT of (row, column as headed in the file, value, problem) over a kind's parsed
    rows, and its parameters (the header, from the file)."""

    sql: str
    params: tuple[str, ...]


def _check(kind: str, header: str, value: str, why: str, where: str) -> Check:
    """The rows of <kind>_src where `where` holds; only field names and constant SQL reach the text."""
    return Check(f"SELECT _row, ?, {value}, {why} FROM {kind}_src WHERE {where}", (header,))  # noqa: S608


def missing_values(kind: str, column: str, header: str) -> Check:
    """Rows where a required column is blank."""
    return _check(kind, header, column, "'missing required value'", f"pl_text({column}) IS NULL")


def overlong_texts(kind: str, column: str, header: str) -> Check:
    """Rows whose text in column is longer than rules.MAX_TEXT characters."""
    return _check(
        kind,
        header,
        f"left(\"{column}\", 80) || '…'",
        f"'longer than {rules.MAX_TEXT} characters'",
        f'length("{column}") > {rules.MAX_TEXT}',
    )


def unreadable_numbers(kind: str, column: str, header: str) -> Check:
    """Rows whose amount in column is not a number by the stated rules, with the reason."""
    text = _number_text(column, column)
    problem = f"pl_num_problem({text}, pl_bare({text}), {column}_num)"
    return _check(kind, header, column, problem, f"{problem} IS NOT NULL")


def negative_numbers(kind: str, column: str, header: str) -> Check:
    """Rows whose amount in column is below zero."""
    return _check(kind, header, column, "'negative'", f"{column}_num < 0")


def implausible_numbers(kind: str, column: str, header: str) -> Check:
    """Rows whose amount in column is above zero but below the smallest plausible pay (1e-320, 0.5)."""
    low = rules.PAY.low
    return _check(
        kind,
        header,
        column,
        f"'below {low:g}, the smallest plausible pay'",
        f"{column}_num > 0 AND {column}_num < {low}",
    )


def formula_like_texts(kind: str, column: str, header: str) -> Check:
    """A note on each row whose text in column begins as a spreadsheet formula does (=, +, -, @, a tab or a
    line break): it is kept as text, and downloads neutralise it (analytics.export)."""
    starts = "".join(FORMULA_STARTS).replace("\t", "\\t").replace("\r", "\\r").replace("-", "") + "-"
    return _check(
        kind,
        header,
        f'"{column}"',
        f"'{NOTE}begins with =, +, -, @, a tab or a line break: kept as text; downloads put '' before it "
        "so that no spreadsheet runs it as a formula'",
        f"regexp_matches(\"{column}\", '^[{starts}]')",
    )


def zero_numbers(kind: str, column: str, header: str) -> Check:
    """Rows whose amount in column is zero where it must be above zero."""
    return _check(kind, header, column, "'must be above zero'", f"{column}_num = 0")


def unknown_currencies(kind: str, header: str) -> Check:
    """Rows whose currency is not an ISO 4217 code."""
    return _check(
        kind,
        header,
        "currency",
        "'unknown currency (not an ISO 4217 code)'",
        "pl_text(currency) IS NOT NULL AND upper(trim(currency)) NOT IN (FROM pl_currency)",
    )


def unreadable_dates(header: str) -> Check:
    """People whose start date is not a date by the stated rules, with the reason."""
    problem = "pl_date_problem_of(start_date, start_date_any)"
    return _check("people", header, "start_date", problem, f"{problem} IS NOT NULL")


def hours_over_a_week(header: str) -> Check:
    """People with more contracted hours than a week has."""
    return _check(
        "people",
        header,
        "hours",
        f"'more than {MAX_WEEKLY_HOURS:g} contracted hours a week'",
        f"hours_num > {MAX_WEEKLY_HOURS}",
    )


_LARGEST_HOURS = "(SELECT max(hours_num) FROM people_src)"


def fractions_among_hours(header: str) -> Check:
    """People whose hours look like an FTE fraction (up to MAX_FTE) in a file where others have weekly hours.

    A file whose every value is a fraction holds FTEs, which the pay gap report converts; a mix is ambiguous."""
    return _check(
        "people",
        header,
        "hours",
        f"'an FTE fraction (at most {MAX_FTE:g}) among weekly hours: write weekly hours, or FTEs for everyone'",
        f"hours_num > 0 AND hours_num <= {MAX_FTE} AND {_LARGEST_HOURS} > {MAX_FTE}",
    )


def variable_above_base(column: str, header: str) -> Check:
    """People whose variable pay (an amount, or a percent of base) is above MAX_VARIABLE_TO_BASE × base."""
    limit = f"{MAX_VARIABLE_TO_BASE} * base_num" if column == "variable" else f"{MAX_VARIABLE_TO_BASE * 100}"
    return _check(
        "people",
        header,
        column,
        f"'variable pay is more than {MAX_VARIABLE_TO_BASE} × base pay: check the amount "
        "(a percent written as an amount, or base pay per month?)'",
        f"base_num > 0 AND {column}_num > {limit}",
    )


def minimums_above_maximums(header: str) -> Check:
    """Bands whose minimum is above their maximum."""
    return _check("bands", header, "min", "'minimum above maximum (' || max || ')'", "min_num > max_num")


def empty_ranges(header: str) -> Check:
    """Bands whose minimum equals their maximum."""
    return _check(
        "bands", header, "min", "'minimum equals maximum: a band needs a width'", "min_num = max_num AND min_num > 0"
    )


def midpoints_outside_ranges(header: str) -> Check:
    """Bands whose given midpoint is outside their range."""
    return _check(
        "bands",
        header,
        "midpoint",
        "'midpoint outside the range (' || min || ' to ' || max || ')'",
        "min_num <= max_num AND NOT midpoint_num BETWEEN min_num AND max_num",
    )


def unreadable_spreads(header: str) -> Check:
    """Bands whose spread is blank or not a number."""
    spread = _number_text("spread", "spread")
    problem = f"pl_num_problem({spread}, pl_bare({spread}), spread_num)"
    return _check(
        "bands",
        header,
        "spread",
        f"coalesce({problem}, 'missing required value')",
        f"{problem} IS NOT NULL OR pl_text(spread) IS NULL",
    )


def spreads_not_positive(header: str) -> Check:
    """Bands whose spread is zero or below."""
    return _check("bands", header, "spread", "'must be above zero'", f"{_SPREAD} <= 0")


def _band_key(prefix: str = "") -> str:
    return f"lower(trim({prefix}family)), lower(trim({prefix}level)), lower(coalesce(trim({prefix}zone), ''))"


def duplicate_bands(header: str) -> Check:
    """Every band after the first with the same key (family, level, zone), naming the first's row."""
    return _duplicates("bands", _band_key(), "level", header, "duplicate band (family, level, zone)")


def duplicate_people(header: str) -> Check:
    """Every person after the first with the same employee ID, naming the first's row."""
    return _duplicates("people", "trim(person_id)", "person_id", header, "duplicate employee ID")


def _duplicates(kind: str, key: str, column: str, header: str, what: str) -> Check:
    sql = f"""SELECT _row, ?, {column}, '{what}: first on row ' || first_row FROM (
        SELECT _row, {column}, min(_row) OVER (PARTITION BY {key}) AS first_row FROM {kind}_src
        WHERE pl_text({column}) IS NOT NULL) WHERE _row > first_row"""  # noqa: S608
    return Check(sql, (header,))


def problems_table(con: duckdb.DuckDBPyConnection, kind: str, file: str, checks: Sequence[Check]) -> None:
    """Create <kind>_problems (file, row, column, value, problem): the rows of every check."""
    con.execute(
        f"""CREATE OR REPLACE TABLE {kind}_problems AS
        SELECT ?::VARCHAR AS file, _row::BIGINT AS row, col::VARCHAR AS column, val::VARCHAR AS value,
               why::VARCHAR AS problem
        FROM ({" UNION ALL ".join(c.sql for c in checks)}) AS p(_row, col, val, why)""",  # noqa: S608 (fixed names)
        [file, *(p for c in checks for p in c.params)],
    )


def _currency(mapped: bool, default_currency: str | None) -> tuple[str, list[str]]:
    """The currency expression of a typed row (the file's, else the default) and its parameters."""
    default, params = ("NULL", []) if not default_currency else ("?", [default_currency.strip().upper()[:3]])
    return (f"coalesce(upper(pl_text(currency)), {default})" if mapped else default), params


def typed_bands(
    con: duckdb.DuckDBPyConnection,
    ranged: bool,
    midpoint_given: bool,
    currency_mapped: bool,
    default_currency: str | None,
) -> None:
    """Create bands_typed from bands_src: a range from min and max (`ranged`), else from midpoint and spread."""
    if ranged:
        lo, hi = "min_num", "max_num"
    else:  # midpoint and spread: min = 2·mid / (2 + s), max = min · (1 + s), so spread = (max − min) / min
        lo = f"2 * midpoint_num / (2 + {_SPREAD})"
        hi = f"{lo} * (1 + {_SPREAD})"
    given = "midpoint_num" if midpoint_given else "NULL::DOUBLE"
    currency, params = _currency(currency_mapped, default_currency)
    con.execute(
        f"""CREATE OR REPLACE TABLE bands_typed AS
        SELECT _row, trim(family) AS family, trim(level) AS level, pl_text(zone) AS zone,
        {currency} AS currency, {lo} AS min, {hi} AS max,
        coalesce({given}, ({lo} + {hi}) / 2) AS midpoint, {given} IS NOT NULL AS midpoint_given,
        equity_target_num AS equity_target FROM bands_src""",  # noqa: S608
        params,
    )


BONUS = {"amount": "bonus_num", "percent": "base_num * bonus_num / 100", "fraction": "base_num * bonus_num"}
"""A person's bonus as money, by what the bonus column holds (analytics.yourdata.units.UNITS)."""


def typed_people(
    con: duckdb.DuckDBPyConnection,
    person_id_mapped: bool,
    currency_mapped: bool,
    default_currency: str | None,
    bonus_unit: str = "amount",
) -> bool:
    """Create people_typed from people_src, each person joined to their band among the good `bands` (by
    family, level and, when bands have zones, zone); return whether the bands have zones. A bonus given as a
    percent or fraction of base pay becomes money (BONUS). The grouping column is the gender where the file has
    no other."""
    if "bands" not in table_names(con):
        create_empty_bands(con)
    zoned = bool(con.execute("SELECT count(zone) > 0 FROM bands").fetchone()[0])
    person = "trim(person_id)" if person_id_mapped else "'row ' || _row"
    currency, params = _currency(currency_mapped, default_currency)
    zone_match = "lower(coalesce(b.zone, '')) = lower(coalesce(p.zone, ''))" if zoned else "true"
    con.execute(
        f"""CREATE OR REPLACE TABLE people_typed AS
        SELECT p.* REPLACE (coalesce(b.family, p.family) AS family, coalesce(b.level, p.level) AS level,
                            coalesce(p.currency, b.currency) AS currency),
               b._row AS band_row, b.currency AS band_currency, b.min AS band_min, b.max AS band_max,
               b.midpoint AS band_midpoint
        FROM (SELECT _row, {person} AS person_id, trim(family) AS family, trim(level) AS level,
                pl_text(zone) AS zone, {currency} AS currency, base_num AS base,
                {BONUS[bonus_unit]} AS bonus, equity_num AS equity, pl_date_in(start_date_any) AS start_date,
                coalesce(pl_text("group"), pl_text(gender)) AS "group", pl_text(gender) AS gender,
                hours_num AS hours, variable_num AS variable, variable_pct_num AS variable_pct,
                pl_text(category) AS category FROM people_src) p
        LEFT JOIN bands b
          ON lower(b.family) = lower(p.family) AND lower(b.level) = lower(p.level) AND {zone_match}""",  # noqa: S608
        params,
    )
    return zoned


def band_problems(
    con: duckdb.DuckDBPyConnection, file: str, level_header: str, currency_header: str, zoned: bool
) -> None:
    """Add to people_problems each person without a valid band, or paid in another currency than the band."""
    zone_label = " || coalesce(' / ' || zone, '')" if zoned else ""
    con.execute(
        f"""INSERT INTO people_problems
        SELECT ?, _row, ?, family || ' / ' || level{zone_label},
               'no band for this family, level{" and zone" if zoned else ""} among the valid bands'
        FROM people_typed WHERE band_row IS NULL AND family IS NOT NULL AND level IS NOT NULL
          AND family <> '' AND level <> ''
        UNION ALL
        SELECT ?, _row, ?, currency, 'pay in ' || currency || ' but the band is in '
               || band_currency FROM people_typed
        WHERE band_row IS NOT NULL AND currency IS NOT NULL AND band_currency IS NOT NULL
          AND currency <> band_currency""",  # noqa: S608 (fixed names; values are parameters)
        [file, level_header, file, currency_header],
    )


def keep_good_rows(con: duckdb.DuckDBPyConnection, kind: str) -> None:
    """Leave <kind> as the typed rows without a problem (a note is not one), replacing an earlier one."""
    # Bad rows are few: deleting them costs less than copying every good row into a new table.
    con.execute(
        f"DELETE FROM {kind}_typed WHERE _row IN "  # noqa: S608
        f"(SELECT row FROM {kind}_problems WHERE NOT starts_with(problem, ?))",
        [NOTE],
    )
    con.execute(f"DROP TABLE IF EXISTS {kind}")
    con.execute(f"ALTER TABLE {kind}_typed RENAME TO {kind}")


def row_counts(con: duckdb.DuckDBPyConnection, kind: str) -> tuple[int, int, int]:
    """Rows read (non-blank), good rows kept and problems found for a kind being validated."""
    (counts,) = con.execute(
        f"""SELECT (SELECT count(*) FROM {kind}_src), (SELECT count(*) FROM {kind}),
                   (SELECT count(*) FROM {kind}_problems)"""  # noqa: S608
    ).fetchall()
    return counts


def problem_rows(con: duckdb.DuckDBPyConnection, checked: Checked, limit: int | None = None) -> pd.DataFrame:
    """A checked file's problems as file, row, column, value, problem, in file order (all by default)."""
    columns = ", ".join(f'"{c}"' for c in PROBLEM_COLUMNS)  # "column" and "row" are SQL keywords
    sql = f"SELECT {columns} FROM {checked.problems} ORDER BY 2, 3"  # noqa: S608
    if limit is None:
        return con.execute(sql).df()
    return con.execute(sql + " LIMIT ?", [limit]).df()


# Analyses


def band_ladder(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Each band with midpoint, spread, progression and overlap with the level below, and its people.

    people, below_min, above_max and cost_to_min (what raising everyone below to the minimum
    costs, in the band's currency) count the band's validated people.
    """
    return query(
        con,
        """
    WITH b AS (
        SELECT *, try_cast(regexp_extract(level, '(\\d+)', 1) AS INTEGER) AS level_no FROM bands),
    f AS (SELECT family, zone, currency, bool_and(level_no IS NOT NULL) AS numbered FROM b GROUP BY ALL),
    o AS (
        SELECT b.*, row_number() OVER (PARTITION BY b.family, b.zone, b.currency
            ORDER BY CASE WHEN f.numbered THEN b.level_no END, b.midpoint, b.level) AS step
        FROM b JOIN f ON f.family = b.family AND f.zone IS NOT DISTINCT FROM b.zone
                      AND f.currency = b.currency),
    p AS (
        SELECT band_row, count(*) AS people, count(*) FILTER (base < band_min) AS below_min,
               count(*) FILTER (base > band_max) AS above_max,
               coalesce(sum(greatest(band_min - base, 0)), 0) AS cost_to_min
        FROM people GROUP BY band_row)
    SELECT o.family, o.zone, o.level, o.step, o.currency, o.min, o.max, o.midpoint, o.midpoint_given,
           (o.max - o.min) / o.min AS spread,
           (o.midpoint - lag(o.midpoint) OVER w) / lag(o.midpoint) OVER w AS progression,
           (lag(o.max) OVER w - o.min) / (o.max - o.min) AS overlap_with_previous,
           o.equity_target, coalesce(p.people, 0) AS people, coalesce(p.below_min, 0) AS below_min,
           coalesce(p.above_max, 0) AS above_max, coalesce(p.cost_to_min, 0) AS cost_to_min, o._row AS file_row
    FROM o LEFT JOIN p ON p.band_row = o._row
    WINDOW w AS (PARTITION BY o.family, o.zone, o.currency ORDER BY o.step)
    ORDER BY o.family, o.zone NULLS FIRST, o.currency, o.step""",
    )


def people_positions(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every person on their band: compa-ratio, penetration, position and the raise to the minimum."""
    return query(
        con,
        """
        SELECT person_id, family, level, zone, currency, base, bonus, equity, start_date, "group",
               band_min AS min, band_max AS max, band_midpoint AS midpoint,
               base / band_midpoint AS compa_ratio,
               (base - band_min) / (band_max - band_min) AS penetration,
               CASE WHEN abs((base - band_min) / (band_max - band_min) - 0.5) <= 1e-9 THEN 'middle'
                    WHEN base < band_min THEN 'below' WHEN base > band_max THEN 'above'
                    WHEN (base - band_min) / (band_max - band_min) < 0.5 THEN 'lower'
                    ELSE 'upper' END AS position,
               greatest(band_min - base, 0) AS raise_to_min, _row AS file_row
        FROM people ORDER BY _row""",
    )


def range_summary(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Per currency: people, below the minimum, within, above the maximum, and the cost to the minimum."""
    return query(
        con,
        """
        SELECT currency, count(*) AS people, count(*) FILTER (base < band_min) AS below_min,
               count(*) FILTER (base BETWEEN band_min AND band_max) AS within,
               count(*) FILTER (base > band_max) AS above_max,
               coalesce(sum(greatest(band_min - base, 0)), 0) AS cost_to_min,
               median(base / band_midpoint) AS median_compa_ratio
        FROM people GROUP BY currency ORDER BY currency""",
    )


def group_comparison(con: duckdb.DuckDBPyConnection, min_group: int = MIN_GROUP) -> pd.DataFrame:
    """Median compa-ratio per level and group; groups under min_group people are suppressed.

    A suppressed row keeps its level and group but has no count and no median, and its note
    says SUPPRESSED, so the table, the chart and the download hide the same figures.
    """
    return query(
        con,
        """
        WITH g AS (
            SELECT level, coalesce("group", $not_stated) AS "group", count(*) AS n,
                   median(base / band_midpoint) AS median_compa_ratio,
                   try_cast(regexp_extract(level, '(\\d+)', 1) AS INTEGER) AS level_no
            FROM people GROUP BY ALL)
        SELECT level, "group",
               CASE WHEN n >= $min THEN n END AS people,
               CASE WHEN n >= $min THEN median_compa_ratio END AS median_compa_ratio,
               n >= $min AS shown,
               CASE WHEN n >= $min THEN '' ELSE $suppressed END AS note
        FROM g ORDER BY level_no NULLS LAST, level, "group" """,
        {"min": min_group, "suppressed": SUPPRESSED, "not_stated": NOT_STATED},
    )
