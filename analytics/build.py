"""Builds the DuckDB warehouse from the curated CSV tables in `data/`, and keeps it healthy.

Every table is checked before anything is written (`analytics.validation`): a bad row stops the
build with the file, the line and the problem, and the current warehouse stays as it was. A
build writes a temporary file, names it after the SHA-256 of its bytes and then atomically
points `data/payladder.duckdb` (a symlink) at it, so a running server picks it up for new
sessions (see `analytics.db`). A content hash of `data/` and of the market release is stored in
the warehouse; the build is skipped when neither changed and the current file still matches its
checksum, and a damaged one is rebuilt from the sources, never copied from. Builds hold a lock,
remove what killed builds left behind when they start, and end on Ctrl-C or SIGTERM with one
line and no temporary file. Run it with `python -m analytics.build [--force] [--no-market]`.
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from analytics.db import (
    DATA_DIR,
    WarehouseError,
    WarehouseInfo,
    build_files,
    build_name,
    check_warehouse,
    current_warehouse,
    file_digest,
    warehouse_path,
)
from analytics.quality import write_quality_flags
from analytics.realterms.ingest import cpi_fingerprint, load_cpi
from analytics.validation import TABLES, BuildError, load_tables

__all__ = ["TABLES", "BuildError", "build", "data_hash", "load_tables", "main", "stored_hash"]

# Bump when the build itself changes what it writes, so old warehouses count as stale.
SCHEMA_VERSION = "3"
Progress = Callable[[str], None]

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


def previous_build(target: Path, progress: Progress = lambda _: None) -> WarehouseInfo | None:
    """The current build if it is intact and in this layout (a symlink to a checksummed file), else None."""
    if not target.is_symlink():
        if target.exists():
            progress(f"{target} is a plain file from an older build; rebuilding")
        return None
    try:
        return check_warehouse(current_warehouse(target))
    except WarehouseError as e:
        progress(f"the current warehouse is unusable ({e}); rebuilding from the sources")
        return None


def stored_hash(target: Path) -> str | None:
    """The data hash recorded in the current, intact build behind this pointer, or None."""
    info = previous_build(Path(target))
    return info.data_hash if info else None


def leftovers(target: Path, keep: Path | None) -> list[Path]:
    """Files of earlier builds beside the pointer: dead builds' temporaries and builds no longer current."""
    parent, name = target.parent, target.name
    found = [
        *parent.glob(f"{name}.tmp-*"),
        *parent.glob(f"{name}.link-*"),
        *parent.glob(f"{target.stem}-*{target.suffix}.wal"),
    ]
    return sorted({*found, *(p for p in build_files(target) if p != keep)})


@contextmanager
def _lock(target: Path, progress: Progress) -> Iterator[None]:
    """Hold the build lock for this pointer (one build at a time; the OS drops it if the build dies)."""
    with target.with_name(target.name + ".lock").open("a") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            progress("another build is running; waiting for it")
            fcntl.flock(f, fcntl.LOCK_EX)
        yield


def _point(target: Path, build_file: Path) -> None:
    """Atomically make the pointer name this build file (a relative symlink, swapped by rename)."""
    link = target.with_name(f"{target.name}.link-{os.getpid()}")
    link.unlink(missing_ok=True)
    os.symlink(build_file.name, link)
    os.replace(link, target)
    fd = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(fd)  # the rename itself survives a crash
    finally:
        os.close(fd)


def build(
    data_dir: Path = DATA_DIR,
    target: Path | None = None,
    *,
    force: bool = False,
    market: bool = True,
    progress: Progress = lambda _: None,
) -> bool:
    """Build the warehouse if data/ changed or the current one is damaged; True when a new one was written."""
    target = Path(target or warehouse_path())
    target.parent.mkdir(parents=True, exist_ok=True)
    fingerprint = market_fingerprint() if market else None
    cpi = cpi_fingerprint()
    digest = data_hash(data_dir, fingerprint, cpi)
    with _lock(target, progress):
        previous = previous_build(target, progress)
        try:
            keep = current_warehouse(target)
        except WarehouseError:
            keep = None
        for path in leftovers(target, keep):
            path.unlink(missing_ok=True)
            progress(f"removed {path.name}, left by an earlier build")
        if previous is not None and previous.data_hash == digest and not force:
            progress(f"warehouse {target} is up to date")
            return False
        tables = load_tables(data_dir)
        tmp = target.with_name(f"{target.name}.tmp-{os.getpid()}")
        try:
            _write(tmp, tables, data_dir, digest, fingerprint, previous, progress, cpi)
            final = build_name(target, file_digest(tmp))
            os.replace(tmp, final)
            _point(target, final)
        finally:
            for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
                leftover.unlink(missing_ok=True)
        for path in leftovers(target, final):
            path.unlink(missing_ok=True)  # a server still reading it keeps its open file
    progress(f"built {final.name}; {target.name} points at it")
    return True


def _write(
    tmp: Path,
    tables: dict,
    data_dir: Path,
    digest: str,
    fingerprint: str | None,
    previous: WarehouseInfo | None,
    progress: Progress,
    cpi: str | None = None,
) -> None:
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
            _load_market(con, previous, fingerprint, progress)
            from analytics.market.ingest import load_family_occupations, load_occupation_map

            progress(f"occupation_map: {load_occupation_map(con, data_dir / 'occupation_map.csv')} rows")
            families = load_family_occupations(con, data_dir / "family_occupations.csv")
            progress(f"family_occupations: {families} rows")
        progress(f"quality_flags: {len(write_quality_flags(con))} rows")
        con.execute(
            "CREATE TABLE build_info AS SELECT ? AS data_hash, ? AS market_fingerprint, now() AS built_at",
            [digest, fingerprint],
        )


def _load_market(
    con: duckdb.DuckDBPyConnection, previous: WarehouseInfo | None, fingerprint: str, progress: Progress
) -> None:
    """Copy the market tables from the previous build when it is intact and of this release, else ingest."""
    from analytics.market import ingest as market

    if previous is not None and previous.market_fingerprint == fingerprint:
        con.execute("ATTACH ? AS old (READ_ONLY)", [str(previous.path)])
        tables = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE database_name = 'old' "
                "AND table_name LIKE 'market\\_%' ESCAPE '\\'"
            ).fetchall()
        ]
        for name in tables:
            con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM old."{name}"')  # noqa: S608 (names from the catalogue)
        con.execute("DETACH old")
        if tables:
            progress(f"market release unchanged: copied {len(tables)} tables from the checked previous build")
            return
    market.load_release(con, progress)


def _interrupted(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # SIGTERM unwinds like Ctrl-C, so the temporary file is removed


def main(argv: list[str] | None = None) -> int:
    """Command line: build the warehouse if stale or damaged, printing progress; one line on failure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
    parser.add_argument("--no-market", action="store_true", help="leave out the BLS market release")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="the folder of CSV tables (default: data/)")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _interrupted)
    unchanged = "the previous warehouse is unchanged"
    try:
        build(args.data, force=args.force, market=not args.no_market, progress=lambda m: print(m, flush=True))
    except KeyboardInterrupt:
        print(f"Build interrupted; {unchanged}.", file=sys.stderr)
        return 130
    except BuildError as e:
        print(f"Warehouse not built; {unchanged}. Fix these rows in data/:\n{e}", file=sys.stderr)
        return 1
    except (duckdb.Error, OSError, ValueError) as e:
        print(f"Warehouse not built; {unchanged}. {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
