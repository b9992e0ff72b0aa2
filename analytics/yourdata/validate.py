"""Validate a mapped bands or people file in DuckDB SQL over the whole file, naming every problem.

Each check is one set-based query over all rows (never a Python loop per row), so a million
rows validate in seconds. A problem names the file, the row (the header is row 1, as in a
spreadsheet), the column as headed in the file, the value and why. Rows with any problem are
left out of the good table and listed in the problems table: nothing is dropped silently. The
rules for numbers, dates and currencies are in `analytics.yourdata.rules`. Band keys are
(family, level, zone) compared without case or surrounding spaces; of repeated keys or
employee IDs the first row is kept and each later one is a problem naming it.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from analytics.yourdata import rules
from analytics.yourdata.columns import fields, header_labels
from analytics.yourdata.read import ImportProblem, RawTable

PROBLEM_COLUMNS = ["file", "row", "column", "value", "problem"]
AMOUNTS = {"bands": ("min", "max", "midpoint", "equity_target"), "people": ("base", "bonus", "equity")}
POSITIVE = {"min", "max", "midpoint", "base"}  # must be above zero; others may be zero
TEXTS = {
    "bands": ("family", "level", "zone", "currency"),
    "people": ("person_id", "family", "level", "zone", "currency", "group"),
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


def problems_frame(con: duckdb.DuckDBPyConnection, checked: Checked, limit: int | None = None) -> pd.DataFrame:
    """The problems as file, row, column, value, problem, in file order (all of them by default)."""
    columns = ", ".join(f'"{c}"' for c in PROBLEM_COLUMNS)  # "column" and "row" are SQL keywords
    sql = f"SELECT {columns} FROM {checked.problems} ORDER BY 2, 3"  # noqa: S608
    if limit is None:
        return con.execute(sql).df()
    return con.execute(sql + " LIMIT ?", [limit]).df()


def _q(value: str, params: list) -> str:
    """A `?` placeholder for a value from the file (a header or a name), its value kept in params.

    Statements are built in text order, so params line up with the placeholders.
    """
    params.append(value)
    return "?"


def _source(con: duckdb.DuckDBPyConnection, raw: RawTable, mapping: dict[str, int | None], kind: str) -> dict:
    """Create <kind>_src: _row, each field's text (NULL when unmapped) and the parsed amounts and date.

    Blank rows are skipped.
    """
    cols = [
        f'c{mapping[f.name]} AS "{f.name}"' if mapping.get(f.name) is not None else f'NULL::VARCHAR AS "{f.name}"'
        for f in fields(kind)
    ]
    every = " AND ".join(f"coalesce(trim(c{i}), '') = ''" for i in range(len(raw.headers)))
    amounts = [*AMOUNTS[kind], *(["spread"] if kind == "bands" else [])]
    # Each value is parsed once, into a column, from the file's cell (c<i>); the problem checks
    # then read those columns, and only look at the text again where a value did not parse.
    text = {f.name: f"c{mapping[f.name]}" if mapping.get(f.name) is not None else "NULL::VARCHAR" for f in fields(kind)}
    nums = ", ".join(f"pl_num(pl_bare({_number_text(text[c], c)})) AS {c}_num" for c in amounts)
    date = (
        f", pl_date_any({text['start_date']}, pl_date1({text['start_date']})) AS start_date_any"
        if kind == "people"
        else ""
    )
    con.execute(f"""CREATE OR REPLACE TABLE {kind}_src AS
        SELECT rowid + 1 AS _row, {", ".join(cols)}, {nums}{date} FROM {raw.table}
        WHERE rowid > 0 AND NOT ({every})""")  # noqa: S608
    labels = header_labels(raw.headers)
    return {f.name: labels[mapping[f.name]] for f in fields(kind) if mapping.get(f.name) is not None}


# A spread ending in % is a percent; without, up to 5 is a fraction (0.6 = 60%), above 5 a percent.
_SPREAD = (
    "(CASE WHEN trim(spread) LIKE '%\\%%' ESCAPE '\\' OR spread_num > 5 THEN spread_num / 100 ELSE spread_num END)"
)


def _number_text(expr: str, field: str) -> str:
    """The text to parse as a number: a spread may end in %, which is read as a percent."""
    return f"regexp_replace(trim({expr}), '%$', '')" if field == "spread" else expr


def _check(src: str, label: str, value: str, why: str, where: str) -> str:
    """One check: (row, column label placeholder, value, why) for every row of src where `where` holds.

    Only field names and constant SQL reach this text; file values arrive as `?` parameters.
    """
    return f"SELECT _row, {label}, {value}, {why} FROM {src} WHERE {where}"  # noqa: S608


def _checks(kind: str, names: dict[str, str], params: list, default_currency: str | None) -> list[str]:
    """SELECT statements yielding (row, column, value, problem) from <kind>_src; values go to params."""
    src = f"{kind}_src"
    required = [
        f.name
        for f in fields(kind)
        if f.required and f.name in names and not (f.name == "currency" and default_currency)
    ]
    out = [_check(src, _q(names[c], params), c, "'missing required value'", f"pl_text({c}) IS NULL") for c in required]
    for c in TEXTS[kind]:
        if c in names:
            out.append(
                _check(
                    src,
                    _q(names[c], params),
                    f"left(\"{c}\", 80) || '…'",
                    f"'longer than {rules.MAX_TEXT} characters'",
                    f'length("{c}") > {rules.MAX_TEXT}',
                )
            )
    for c in AMOUNTS[kind]:
        if c in names:
            problem = f"pl_num_problem({c}, pl_bare({c}), {c}_num)"
            out.append(_check(src, _q(names[c], params), c, problem, f"{problem} IS NOT NULL"))
            out.append(_check(src, _q(names[c], params), c, "'negative'", f"{c}_num < 0"))
            if c in POSITIVE:
                out.append(_check(src, _q(names[c], params), c, "'must be above zero'", f"{c}_num = 0"))
    if "currency" in names:
        out.append(
            _check(
                src,
                _q(names["currency"], params),
                "currency",
                "'unknown currency (not an ISO 4217 code)'",
                "pl_text(currency) IS NOT NULL AND upper(trim(currency)) NOT IN (FROM pl_currency)",
            )
        )
    if kind == "people" and "start_date" in names:
        problem = "pl_date_problem_of(start_date, start_date_any)"
        out.append(_check(src, _q(names["start_date"], params), "start_date", problem, f"{problem} IS NOT NULL"))
    if kind == "bands":
        out += _band_checks(names, params)
    return out


def _band_checks(names: dict[str, str], params: list) -> list[str]:
    src, out = "bands_src", []
    ranged = "min" in names and "max" in names
    if ranged:
        out += [
            _check(src, _q(names[c], params), c, "'missing required value'", f"pl_text({c}) IS NULL")
            for c in ("min", "max")
        ]
        out.append(
            _check(src, _q(names["min"], params), "min", "'minimum above maximum (' || max || ')'", "min_num > max_num")
        )
        out.append(
            _check(
                src,
                _q(names["min"], params),
                "min",
                "'minimum equals maximum: a band needs a width'",
                "min_num = max_num AND min_num > 0",
            )
        )
        if "midpoint" in names:
            out.append(
                _check(
                    src,
                    _q(names["midpoint"], params),
                    "midpoint",
                    "'midpoint outside the range (' || min || ' to ' || max || ')'",
                    "min_num <= max_num AND NOT midpoint_num BETWEEN min_num AND max_num",
                )
            )
    elif "spread" in names:
        spread = _number_text("spread", "spread")
        problem = f"pl_num_problem({spread}, pl_bare({spread}), spread_num)"
        out.append(
            _check(
                src,
                _q(names["spread"], params),
                "spread",
                f"coalesce({problem}, 'missing required value')",
                f"{problem} IS NOT NULL OR pl_text(spread) IS NULL",
            )
        )
        out.append(_check(src, _q(names["spread"], params), "spread", "'must be above zero'", f"{_SPREAD} <= 0"))
        out.append(
            _check(
                src, _q(names["midpoint"], params), "midpoint", "'missing required value'", "pl_text(midpoint) IS NULL"
            )
        )
    return out


def _key(prefix: str = "") -> str:
    return f"lower(trim({prefix}family)), lower(trim({prefix}level)), lower(coalesce(trim({prefix}zone), ''))"


def _duplicates(kind: str, names: dict[str, str], params: list) -> str:
    """Every row after the first with the same band key (bands) or employee ID (people)."""
    if kind == "bands":
        key, column, what = _key(), "level", "duplicate band (family, level, zone)"
    elif "person_id" in names:
        key, column, what = "trim(person_id)", "person_id", "duplicate employee ID"
    else:
        return ""
    return f"""SELECT _row, {_q(names[column], params)}, {column}, '{what}: first on row ' || first_row FROM (
        SELECT _row, {column}, min(_row) OVER (PARTITION BY {key}) AS first_row FROM {kind}_src
        WHERE pl_text({column}) IS NOT NULL) WHERE _row > first_row"""  # noqa: S608


def validate(
    con: duckdb.DuckDBPyConnection,
    raw: RawTable,
    mapping: dict[str, int | None],
    kind: str,
    decimal: str = ".",
    default_currency: str | None = None,
) -> Checked:
    """Check every row of a mapped file; create <kind> (good rows, typed) and <kind>_problems on con.

    People are matched to the good rows of the `bands` table already on con (validate bands first);
    a person whose band is missing there is a problem.
    """
    if default_currency and default_currency.strip().upper() not in rules.CURRENCIES:
        raise ImportProblem(f"{default_currency!r} is not an ISO 4217 currency code (for example USD, EUR, GBP).")
    rules.install(con, decimal)
    names = _source(con, raw, mapping, kind)
    params: list = [raw.filename]
    checks = _checks(kind, names, params, default_currency)
    duplicate = _duplicates(kind, names, params)
    if duplicate:
        checks.append(duplicate)
    con.execute(
        f"""CREATE OR REPLACE TABLE {kind}_problems AS
        SELECT ?::VARCHAR AS file, _row::BIGINT AS row, col::VARCHAR AS column, val::VARCHAR AS value,
               why::VARCHAR AS problem
        FROM ({" UNION ALL ".join(checks)}) AS p(_row, col, val, why)""",  # noqa: S608 (fixed names)
        params,
    )
    params = []
    build = _typed_bands if kind == "bands" else _typed_people
    typed = build(names, default_currency, params)
    zoned = False
    if kind == "people":
        typed, zoned = _with_bands(con, typed)
    con.execute(f"CREATE OR REPLACE TABLE {kind}_typed AS {typed}", params)
    if kind == "people":
        _band_problems(con, names, raw.filename, zoned)
    # Bad rows are few: deleting them costs less than copying every good row into a new table.
    con.execute(f"DELETE FROM {kind}_typed WHERE _row IN (SELECT row FROM {kind}_problems)")  # noqa: S608
    con.execute(f"DROP TABLE IF EXISTS {kind}")
    con.execute(f"ALTER TABLE {kind}_typed RENAME TO {kind}")
    rows = con.execute(f"SELECT count(*) FROM {kind}_src").fetchone()[0]  # noqa: S608
    con.execute(f"DROP TABLE {kind}_src")
    good = con.execute(f"SELECT count(*) FROM {kind}").fetchone()[0]  # noqa: S608
    count = con.execute(f"SELECT count(*) FROM {kind}_problems").fetchone()[0]  # noqa: S608
    return Checked(kind, kind, f"{kind}_problems", rows, good, count)


def _currency(names: dict[str, str], default_currency: str | None, params: list) -> str:
    default = "NULL" if not default_currency else _q(default_currency.strip().upper()[:3], params)
    return f"coalesce(upper(pl_text(currency)), {default})" if "currency" in names else default


def _typed_bands(names: dict[str, str], default_currency: str | None, params: list) -> str:
    if "min" in names and "max" in names:
        lo, hi = "min_num", "max_num"
    else:  # midpoint and spread: min = 2·mid / (2 + s), max = min · (1 + s), so spread = (max − min) / min
        lo = f"2 * midpoint_num / (2 + {_SPREAD})"
        hi = f"{lo} * (1 + {_SPREAD})"
    given = "midpoint_num" if "midpoint" in names else "NULL::DOUBLE"
    return f"""SELECT _row, trim(family) AS family, trim(level) AS level, pl_text(zone) AS zone,
        {_currency(names, default_currency, params)} AS currency, {lo} AS min, {hi} AS max,
        coalesce({given}, ({lo} + {hi}) / 2) AS midpoint, {given} IS NOT NULL AS midpoint_given,
        equity_target_num AS equity_target FROM bands_src"""  # noqa: S608


def _typed_people(names: dict[str, str], default_currency: str | None, params: list) -> str:
    person = "trim(person_id)" if "person_id" in names else "'row ' || _row"
    return f"""SELECT _row, {person} AS person_id, trim(family) AS family, trim(level) AS level,
        pl_text(zone) AS zone, {_currency(names, default_currency, params)} AS currency, base_num AS base,
        bonus_num AS bonus, equity_num AS equity, pl_date_in(start_date_any) AS start_date,
        pl_text("group") AS "group" FROM people_src"""  # noqa: S608


def _with_bands(con: duckdb.DuckDBPyConnection, typed: str) -> tuple[str, bool]:
    """The people query joined to their bands (by family, level and, when bands have zones, zone)."""
    has_bands = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'bands'").fetchone()[0]
    if not has_bands:
        con.execute(
            "CREATE OR REPLACE TABLE bands AS SELECT NULL::BIGINT AS _row, NULL AS family, "
            "NULL AS level, NULL AS zone, NULL AS currency, NULL::DOUBLE AS min, NULL::DOUBLE AS max, "
            "NULL::DOUBLE AS midpoint, NULL::BOOLEAN AS midpoint_given, NULL::DOUBLE AS equity_target "
            "WHERE false"
        )
    zoned = bool(con.execute("SELECT count(zone) > 0 FROM bands").fetchone()[0])
    zone_match = "lower(coalesce(b.zone, '')) = lower(coalesce(p.zone, ''))" if zoned else "true"
    sql = f"""SELECT p.* REPLACE (coalesce(b.family, p.family) AS family, coalesce(b.level, p.level) AS level,
                            coalesce(p.currency, b.currency) AS currency),
               b._row AS band_row, b.currency AS band_currency, b.min AS band_min, b.max AS band_max,
               b.midpoint AS band_midpoint
        FROM ({typed}) p LEFT JOIN bands b
          ON lower(b.family) = lower(p.family) AND lower(b.level) = lower(p.level) AND {zone_match}"""  # noqa: S608
    return sql, zoned


def _band_problems(con: duckdb.DuckDBPyConnection, names: dict[str, str], file: str, zoned: bool) -> None:
    """Add a problem for each person without a valid band, or paid in another currency than the band."""
    zone_label = " || coalesce(' / ' || zone, '')" if zoned else ""
    params = [file, names.get("level", "level"), file, names.get("currency", "currency")]
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
        params,
    )
