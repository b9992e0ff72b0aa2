"""Builds the DuckDB warehouse from the curated CSV tables in `data/`.

Every table is validated as it loads; a bad row stops the build with the file, the line and
the problem. The build writes a temporary file and renames it into place only when complete,
so a failed or interrupted build leaves the previous warehouse as it was. A content hash of
`data/` (and of the market release) is stored in the warehouse, and the build is skipped when
nothing changed. Run it with `python -m analytics.build [--force] [--no-market]`.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from analytics.db import DATA_DIR, warehouse_path
from analytics.quality import write_quality_flags
from analytics.realterms.cpi import cpi_fingerprint, load_cpi

# Bump when the build itself changes what it writes, so old warehouses count as stale.
SCHEMA_VERSION = "2"

COMPONENTS = frozenset({"base", "bonus", "stock", "sign_on", "total"})
STATISTICS = frozenset({"min", "p10", "p25", "median", "mean", "p75", "p90", "max", "top", "typical", "gap_to_us_mean"})
PERIODS = frozenset({"annual", "weekly", "hourly", "unstated"})


@dataclass(frozen=True)
class Table:
    """How one CSV in data/ is checked and typed."""

    file: str
    key: tuple[str, ...]
    required: tuple[str, ...] = ()
    types: dict[str, str] = field(default_factory=dict)  # column -> "number" | "integer" | "bool"
    choices: dict[str, frozenset] = field(default_factory=dict)
    sources: str | None = "source_id"  # column naming sources, ';'-separated


TABLES: dict[str, Table] = {
    "sources": Table("sources.csv", ("source_id",), ("title", "publisher", "kind"), sources=None),
    "roles": Table("roles.csv", ("role",), ("track",), {"seniority": "integer"},
                   {"track": frozenset({"operations", "strategy", "adjacent"})}),
    "role_profiles": Table("role_profiles.csv", ("comparison", "aspect", "role"), ("description",)),
    "pay_figures": Table(
        "pay_figures.csv",
        ("company", "role", "level", "component", "statistic", "period", "source_id"),
        ("amount_usd",),
        {"amount_usd": "number", "year": "integer", "sample_size": "integer",
         "lower_bound": "bool", "derived": "bool"},
        {"component": COMPONENTS, "statistic": STATISTICS, "period": PERIODS},
    ),
    "levels": Table("levels.csv", ("company", "level", "source_ids"), ("rank", "title"),
                    {"rank": "number"}, sources="source_ids"),
    "level_headcounts": Table("level_headcounts.csv", ("company", "levels", "source_id"),
                              ("hint",), {"lowest_rank": "number", "order_of_magnitude": "integer"}),
    "level_equivalences": Table("level_equivalences.csv", ("company_a", "level_a", "company_b", "level_b"),
                                types={"approximate": "bool"}, sources="source_ids"),
    "career_paths": Table("career_paths.csv", ("from_role", "to_role")),
    "vesting_schedules": Table("vesting_schedules.csv", ("schedule", "year"), ("percent",),
                               {"year": "integer", "percent": "number"}, sources="source_ids"),
    "pay_practices": Table("pay_practices.csv", ("company", "practice", "amount_usd", "effective_from"),
                           ("description",), {"amount_usd": "number"}, sources="source_ids"),
    "payroll_taxes": Table("payroll_taxes.csv", ("tax_year", "tax", "filing_status"), ("rate_percent",),
                           {"tax_year": "integer", "rate_percent": "number", "wage_base": "number",
                            "threshold": "number"}),
}

VIEWS = """
CREATE VIEW figures AS
SELECT f.*,
       CASE f.period WHEN 'annual' THEN 1 WHEN 'weekly' THEN 52 WHEN 'hourly' THEN 2080 END AS annual_factor,
       f.amount_usd * annual_factor AS annual_usd,
       s.title AS source_title, s.publisher AS source_publisher,
       s.published AS source_published, s.link AS source_link, s.kind AS source_kind
FROM pay_figures f JOIN sources s USING (source_id);

CREATE VIEW ranges AS
SELECT company, role, level, component, period, source_id, year, as_of, sample_size,
       any_value(source_title) AS source_title, any_value(source_publisher) AS source_publisher,
       max(annual_usd) FILTER (statistic = 'min') AS min_usd,
       max(annual_usd) FILTER (statistic = 'max') AS max_usd,
       bool_or(lower_bound) FILTER (statistic = 'max') AS max_is_lower_bound,
       (min_usd + max_usd) / 2 AS midpoint_usd,
       any_value(note) AS note
FROM figures
WHERE statistic IN ('min', 'max') AND annual_usd IS NOT NULL
GROUP BY ALL
HAVING min_usd IS NOT NULL AND max_usd IS NOT NULL;
"""


PANDAS_TYPES = {"number": "Float64", "integer": "Int64", "bool": "boolean"}


class BuildError(Exception):
    """A data problem that stops the build; the message names file, line and problem."""


def read_table(data_dir: Path, name: str, spec: Table, source_ids: set[str] | None) -> pd.DataFrame:
    """Read and validate one CSV; raise BuildError listing every bad row."""
    path = data_dir / spec.file
    errors: list[str] = []
    rows: list[dict] = []
    seen: dict[tuple, int] = {}
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames or []
        missing = [c for c in (*spec.key, *spec.required) if c not in header]
        if missing:
            raise BuildError(f"data/{spec.file}: missing column(s) {', '.join(missing)}")
        for line, raw in enumerate(reader, start=2):
            where = f"data/{spec.file}, line {line}"
            if None in raw or None in raw.values():
                errors.append(f"{where}: expected {len(header)} fields")
                continue
            row, problems = _typed_row(raw, spec, source_ids)
            errors += [f"{where}: {p}" for p in problems]
            key = tuple(raw[c] for c in spec.key)
            if key in seen:
                errors.append(f"{where}: duplicate of line {seen[key]} ({', '.join(spec.key)} = {key})")
            seen.setdefault(key, line)
            rows.append(row)
    if name == "pay_figures":
        errors += _min_above_max(rows, spec.file)
    if errors:
        raise BuildError("\n".join(errors))
    df = pd.DataFrame(rows, columns=header)
    return df.astype({c: PANDAS_TYPES[kind] for c, kind in spec.types.items()})


def _typed_row(raw: dict, spec: Table, source_ids: set[str] | None) -> tuple[dict, list[str]]:
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
            problems.append(f"{col} {value!r} is not a {kind}")
            continue
        if number < 0:
            problems.append(f"{col} {value} is negative")
        row[col] = number
    for col, allowed in spec.choices.items():
        if row.get(col) not in allowed:
            problems.append(f"unknown {col} {row.get(col)!r} (expected one of {', '.join(sorted(allowed))})")
    if spec.sources and source_ids is not None:
        ids = (row.get(spec.sources) or "").split(";")
        problems += [f"source {s!r} is not in data/sources.csv" for s in ids if s not in source_ids]
    return row, problems


def _min_above_max(rows: list[dict], file: str) -> list[str]:
    bounds: dict[tuple, dict[str, float]] = {}
    for row in rows:
        if row["statistic"] in ("min", "max") and isinstance(row["amount_usd"], float):
            group = tuple(row[c] for c in ("company", "role", "level", "component", "period", "source_id"))
            bounds.setdefault(group, {})[row["statistic"]] = row["amount_usd"]
    return [f"data/{file}: min {b['min']:,.0f} is above max {b['max']:,.0f} for {g}"
            for g, b in bounds.items() if "min" in b and "max" in b and b["min"] > b["max"]]


def load_tables(data_dir: Path = DATA_DIR) -> dict[str, pd.DataFrame]:
    """Read and validate every reference table."""
    sources = read_table(data_dir, "sources", TABLES["sources"], None)
    ids = set(sources["source_id"])
    return {"sources": sources} | {
        name: read_table(data_dir, name, spec, ids) for name, spec in TABLES.items() if name != "sources"
    }


def market_fingerprint() -> str | None:
    """The installed BLS release's fingerprint, or None when the package is not installed."""
    try:
        from analytics.market import ingest as market
    except ImportError:
        return None
    try:
        return market.release_fingerprint()
    except (FileNotFoundError, ModuleNotFoundError):
        return None


def data_hash(data_dir: Path = DATA_DIR, market: str | None = None, cpi: str | None = None) -> str:
    """A content hash of every CSV in data/, the schema version, the market and the CPI releases."""
    h = hashlib.sha256(f"{SCHEMA_VERSION}|{market}|{cpi}".encode())
    for path in sorted(data_dir.glob("*.csv")):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def stored_hash(target: Path) -> str | None:
    """The data hash recorded in an existing warehouse, or None."""
    if not target.exists():
        return None
    try:
        with duckdb.connect(str(target), read_only=True) as con:
            return con.execute("SELECT data_hash FROM build_info").fetchall()[0][0]
    except duckdb.Error:
        return None


def build(data_dir: Path = DATA_DIR, target: Path | None = None, *, force: bool = False,
          market: bool = True, progress: Callable[[str], None] = lambda _: None) -> bool:
    """Build the warehouse if data/ changed; return True when a new one was written."""
    target = Path(target or warehouse_path())
    fingerprint = market_fingerprint() if market else None
    cpi = cpi_fingerprint()
    digest = data_hash(data_dir, fingerprint, cpi)
    previous = stored_hash(target)
    if previous == digest and not force:
        progress(f"warehouse {target} is up to date")
        return False
    tables = load_tables(data_dir)
    tmp = target.with_name(f"{target.name}.tmp-{os.getpid()}")
    try:
        with duckdb.connect(str(tmp)) as con:
            con.execute("SET enable_progress_bar = false")
            for name, df in tables.items():
                con.register("incoming", df)
                con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM incoming')  # noqa: S608 (names are ours)
                con.unregister("incoming")
                progress(f"{name}: {len(df)} rows")
            con.execute(VIEWS)
            if cpi:
                progress(f"cpi_u: {load_cpi(con)} rows")
            if fingerprint:
                _load_market(con, target if previous else None, fingerprint, progress)
                from analytics.market.ingest import load_occupation_map

                progress(f"occupation_map: {load_occupation_map(con)} rows")
            progress(f"quality_flags: {len(write_quality_flags(con))} rows")
            con.execute("CREATE TABLE build_info AS SELECT ? AS data_hash, ? AS market_fingerprint, "
                        "now() AS built_at", [digest, fingerprint])
        os.replace(tmp, target)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            leftover.unlink(missing_ok=True)
    progress(f"built {target}")
    return True


def _load_market(con: duckdb.DuckDBPyConnection, old: Path | None, fingerprint: str,
                 progress: Callable[[str], None]) -> None:
    """Copy the market tables from the old warehouse when the release is unchanged, else ingest."""
    from analytics.market import ingest as market

    if old is not None:
        con.execute("ATTACH ? AS old (READ_ONLY)", [str(old)])
        same = con.execute("SELECT market_fingerprint FROM old.build_info").fetchall()
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = 'old' "
            "AND table_name LIKE 'market\\_%' ESCAPE '\\'").fetchall()]
        if same and same[0][0] == fingerprint and tables:
            for name in tables:
                con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM old."{name}"')  # noqa: S608 (names from the catalogue)
            con.execute("DETACH old")
            progress(f"market release unchanged: copied {len(tables)} tables")
            return
        con.execute("DETACH old")
    market.load_release(con, progress)


def main(argv: list[str] | None = None) -> int:
    """Command line: build the warehouse if stale, printing progress."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
    parser.add_argument("--no-market", action="store_true", help="leave out the BLS market release")
    args = parser.parse_args(argv)
    try:
        build(force=args.force, market=not args.no_market, progress=lambda m: print(m, flush=True))
    except BuildError as e:
        print(f"Warehouse not built; the previous one is unchanged.\n{e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
