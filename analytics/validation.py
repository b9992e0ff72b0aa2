"""What the CSV tables in `data/` must hold, and the reader that checks every row before a build.

Each table's spec states its key, required columns, types, allowed values and the bounds of every
number (numbers must be finite and within them). After each table is read, its references are
checked: roles against roles.csv, companies and levels against levels.csv (a blank company means
market-wide, and a market-wide figure may name any company's level), sources against
sources.csv. Every problem, including a missing file, a file that is not UTF-8 and a table with
no rows, becomes one line naming the file and line, and all of them are raised together as one
`BuildError`, so one run of the build lists everything to fix. A UTF-8 byte-order mark is fine.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

COMPONENTS = frozenset({"base", "bonus", "stock", "sign_on", "total"})
STATISTICS = frozenset({"min", "p10", "p25", "median", "mean", "p75", "p90", "max", "top", "typical", "gap_to_us_mean"})
PERIODS = frozenset({"annual", "weekly", "hourly", "unstated"})
USD = (0, 100_000_000)  # no pay figure in the sources is above $2M; 100M catches typos and overflow
YEARS = (1990, 2030)
RANKS = (1, 50)


@dataclass(frozen=True)
class Table:
    """How one CSV in data/ is checked and typed."""

    file: str
    key: tuple[str, ...]
    required: tuple[str, ...] = ()
    types: dict[str, str] = field(default_factory=dict)  # column -> "number" | "integer" | "bool"
    bounds: dict[str, tuple[float, float]] = field(default_factory=dict)  # column -> (lowest, highest)
    choices: dict[str, frozenset] = field(default_factory=dict)
    sources: str | None = "source_id"  # column naming sources, ';'-separated
    roles: tuple[str, ...] = ()  # columns naming a role in roles.csv (blank: not stated)
    levels: tuple[tuple[str, str | None], ...] = ()  # (company column, level column) pairs in levels.csv
    stored: bool = True  # False: checked here, loaded into the warehouse by another module


TABLES: dict[str, Table] = {
    "sources": Table("sources.csv", ("source_id",), ("title", "publisher", "kind"), sources=None),
    "roles": Table(
        "roles.csv",
        ("role",),
        ("track",),
        {"seniority": "integer"},
        {"seniority": (1, 20)},
        {"track": frozenset({"operations", "strategy", "adjacent"})},
    ),
    "levels": Table(
        "levels.csv",
        ("company", "level", "source_ids"),
        ("rank", "title"),
        {"rank": "number"},
        {"rank": RANKS},
        sources="source_ids",
    ),
    "role_profiles": Table("role_profiles.csv", ("comparison", "aspect", "role"), ("description",), roles=("role",)),
    "pay_figures": Table(
        "pay_figures.csv",
        ("company", "role", "level", "component", "statistic", "period", "source_id"),
        ("amount_usd",),
        {"amount_usd": "number", "year": "integer", "sample_size": "integer", "lower_bound": "bool", "derived": "bool"},
        {"amount_usd": USD, "year": YEARS, "sample_size": (1, 10_000_000)},
        {"component": COMPONENTS, "statistic": STATISTICS, "period": PERIODS},
        roles=("role",),
        levels=(("company", "level"),),
    ),
    "level_headcounts": Table(
        "level_headcounts.csv",
        ("company", "levels", "source_id"),
        ("hint",),
        {"lowest_rank": "number", "order_of_magnitude": "integer"},
        {"lowest_rank": RANKS, "order_of_magnitude": (1, 10_000_000)},
        levels=(("company", None),),
    ),
    "level_equivalences": Table(
        "level_equivalences.csv",
        ("company_a", "level_a", "company_b", "level_b"),
        types={"approximate": "bool"},
        sources="source_ids",
        levels=(("company_a", "level_a"), ("company_b", "level_b")),
    ),
    "career_paths": Table("career_paths.csv", ("from_role", "to_role"), roles=("from_role", "to_role")),
    "vesting_schedules": Table(
        "vesting_schedules.csv",
        ("schedule", "year"),
        ("percent",),
        {"year": "integer", "percent": "number"},
        {"year": (1, 10), "percent": (0, 100)},
        sources="source_ids",
        levels=(("company", None),),
    ),
    "pay_practices": Table(
        "pay_practices.csv",
        ("company", "practice", "amount_usd", "effective_from"),
        ("description",),
        {"amount_usd": "number"},
        {"amount_usd": USD},
        sources="source_ids",
        levels=(("company", None),),
    ),
    "payroll_taxes": Table(
        "payroll_taxes.csv",
        ("tax_year", "tax", "filing_status"),
        ("rate_percent",),
        {"tax_year": "integer", "rate_percent": "number", "wage_base": "number", "threshold": "number"},
        {"tax_year": YEARS, "rate_percent": (0, 100), "wage_base": USD, "threshold": USD},
    ),
    "occupation_map": Table(
        "occupation_map.csv", ("role", "occupation_code"), ("occupation_title", "fit"), roles=("role",), stored=False
    ),
    "family_occupations": Table(
        "family_occupations.csv",
        ("family",),
        ("occupation_code", "occupation_title", "rationale", "chosen_by", "source_id"),
        stored=False,
    ),
}

PANDAS_TYPES = {"number": "Float64", "integer": "Int64", "bool": "boolean"}


class BuildError(Exception):
    """A data problem that stops the build; the message names file, line and problem."""


@dataclass
class Known:
    """What later tables may refer to, filled in as the tables they come from are read."""

    sources: set[str] | None = None
    roles: set[str] | None = None
    levels: set[tuple[str, str]] | None = None  # (company, level)


def read_rows(path: Path, label: str, errors: list[str]) -> tuple[list[str], list[tuple[int, dict]]]:
    """The header and (line, row) pairs of a CSV; problems reading it are appended to errors."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        errors.append(f"{label}, line 1: the file is missing")
        return [], []
    except OSError as e:
        errors.append(f"{label}, line 1: cannot be read ({e.strerror})")
        return [], []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        errors.append(f"{label}, line {line}: not UTF-8 (byte 0x{raw[e.start]:02x}); save the file as UTF-8")
        return [], []
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows: list[tuple[int, dict]] = []
    try:
        header = reader.fieldnames or []
        for row in reader:
            rows.append((reader.line_num, row))
    except csv.Error as e:
        errors.append(f"{label}, line {reader.line_num}: {e}")
        return [], []
    return header, rows


def read_table(data_dir: Path, name: str, spec: Table, known: Known, errors: list[str]) -> pd.DataFrame | None:
    """Read and check one CSV, appending every problem to errors; the typed table, or None if unreadable."""
    label = f"data/{spec.file}"
    header, raw_rows = read_rows(data_dir / spec.file, label, errors)
    if not header:
        if not any(e.startswith(label) for e in errors):
            errors.append(f"{label}, line 1: the file is empty (no header)")
        return None
    missing = [c for c in (*spec.key, *spec.required) if c not in header]
    if missing:
        errors.append(f"{label}, line 1: missing column(s) {', '.join(missing)}")
        return None
    if not raw_rows:
        errors.append(f"{label}, line 2: no rows (the table must have at least one)")
    rows: list[dict] = []
    seen: dict[tuple, int] = {}
    for line, raw in raw_rows:
        where = f"{label}, line {line}"
        if None in raw or None in raw.values():
            errors.append(f"{where}: expected {len(header)} fields")
            continue
        row, problems = _typed_row(raw, spec, known)
        errors += [f"{where}: {p}" for p in problems]
        key = tuple(raw[c] for c in spec.key)
        if key in seen:
            errors.append(f"{where}: duplicate of line {seen[key]} ({', '.join(spec.key)} = {key})")
        seen.setdefault(key, line)
        rows.append(row | {"_line": line})
    if name == "pay_figures":
        errors += _min_above_max(rows, label)
    df = pd.DataFrame(rows, columns=[*header, "_line"]).drop(columns="_line")
    return df.astype({c: PANDAS_TYPES[kind] for c, kind in spec.types.items()})


def _typed_row(raw: dict, spec: Table, known: Known) -> tuple[dict, list[str]]:
    problems = [f"{c} is empty" for c in spec.required if not raw[c].strip()]
    row: dict = {c: (v.strip() or None) for c, v in raw.items()}
    for col, kind in spec.types.items():
        value = row.get(col)
        if value is None:
            continue
        if kind == "bool":
            if value not in ("true", "false"):
                problems.append(f"{col} must be true or false, not {value!r}")
            row[col] = value == "true"
            continue
        try:
            number = float(value.replace(",", "")) if kind == "number" else int(value)
        except ValueError:
            problems.append(f"{col} {value!r} is not a{'n' if kind == 'integer' else ''} {kind}")
            row[col] = None
            continue
        low, high = spec.bounds.get(col, (-math.inf, math.inf))
        if not math.isfinite(number):
            problems.append(f"{col} {value!r} is not a finite number")
            number = None
        elif number < 0 and low >= 0:
            problems.append(f"{col} {value} is negative")
            number = None
        elif not low <= number <= high:
            problems.append(f"{col} {value} is outside {_bound(low)} to {_bound(high)}")
            number = None
        row[col] = number
    for col, allowed in spec.choices.items():
        if row.get(col) not in allowed:
            problems.append(f"unknown {col} {row.get(col)!r} (expected one of {', '.join(sorted(allowed))})")
    if spec.sources and known.sources is not None:
        ids = (row.get(spec.sources) or "").split(";")
        problems += [f"source {s!r} is not in data/sources.csv" for s in ids if s not in known.sources]
    if known.roles is not None:
        problems += [
            f"unknown {col} {row[col]!r} (not in data/roles.csv)"
            for col in spec.roles
            if row.get(col) is not None and row[col] not in known.roles
        ]
    if known.levels is not None:
        problems += _unknown_levels(row, spec, known.levels)
    return row, problems


def _bound(x: float) -> str:
    """A bound as a reader writes it: 1990, 2.5, 100,000,000."""
    return f"{x:,.0f}" if abs(x) >= 10_000 else f"{x:g}"


def _unknown_levels(row: dict, spec: Table, levels: set[tuple[str, str]]) -> list[str]:
    problems = []
    companies = {c for c, _ in levels}
    for company_col, level_col in spec.levels:
        company, level = row.get(company_col), row.get(level_col) if level_col else None
        if company is not None and company not in companies:
            problems.append(f"unknown company {company!r} (not in data/levels.csv; leave it blank for market-wide)")
        elif level is not None and not any(lv == level and company in (None, c) for c, lv in levels):
            problems.append(f"unknown level {level!r}{f' for {company}' if company else ''} (not in data/levels.csv)")
    return problems


def _min_above_max(rows: list[dict], label: str) -> list[str]:
    bounds: dict[tuple, dict[str, tuple[float, int]]] = {}
    for row in rows:
        if row["statistic"] in ("min", "max") and isinstance(row["amount_usd"], float):
            group = tuple(row[c] for c in ("company", "role", "level", "component", "period", "source_id"))
            bounds.setdefault(group, {})[row["statistic"]] = (row["amount_usd"], row["_line"])
    return [
        f"{label}, line {b['min'][1]}: min {b['min'][0]:,.0f} is above max {b['max'][0]:,.0f} "
        f"(line {b['max'][1]}) for {' · '.join(str(g) for g in group if g)}"
        for group, b in bounds.items()
        if "min" in b and "max" in b and b["min"][0] > b["max"][0]
    ]


def load_tables(data_dir: Path) -> dict[str, pd.DataFrame]:
    """Read and check every reference table; raise BuildError listing every problem in every file."""
    errors: list[str] = []
    known = Known()
    tables: dict[str, pd.DataFrame] = {}
    for name, spec in TABLES.items():
        df = read_table(data_dir, name, spec, known, errors)
        if df is None:
            continue
        if name == "sources":
            known.sources = set(df["source_id"].dropna())
        elif name == "roles":
            known.roles = set(df["role"].dropna())
        elif name == "levels":
            known.levels = set(zip(df["company"], df["level"], strict=True))
        if spec.stored:
            tables[name] = df
    if errors:
        raise BuildError("\n".join(errors))
    return tables
