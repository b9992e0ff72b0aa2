"""Benchmarks: print a table of timings, each against a baseline measured in the same run.

Run with `make bench`. Timings are measured, never asserted: tests do not depend on them.
Synthetic rows (for the scaling case) are generated here, labelled synthetic, and never written
to data/ or the warehouse that users see.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from analytics.build import build, load_tables
from analytics.db import DATA_DIR, connect, warehouse_path
from analytics.levels.queries import companies
from analytics.roles import queries
from bench.timing import median_ms


def synthetic_figures(n: int, seed: int = 7) -> pd.DataFrame:
    """n SYNTHETIC min/max figure pairs for the scaling benchmark (not reference data)."""
    rng = np.random.default_rng(seed)
    lo = rng.integers(30_000, 300_000, n)
    groups = pd.DataFrame(
        {
            "company": rng.choice(["Synthetic A", "Synthetic B", "Synthetic market"], n),
            "role": rng.choice(["Synthetic role " + str(i) for i in range(50)], n),
            "level": rng.choice([f"L{i}" for i in range(3, 13)], n),
            "source_id": [f"synthetic_{i}" for i in range(n)],
        }
    )
    return pd.concat(
        [
            groups.assign(statistic="min", annual_usd=lo),
            groups.assign(statistic="max", annual_usd=lo + rng.integers(1_000, 200_000, n)),
        ]
    )


def ranges_duckdb(con: duckdb.DuckDBPyConnection, df: pd.DataFrame) -> pd.DataFrame:
    return con.execute("""
        SELECT company, role, level, source_id,
               max(annual_usd) FILTER (statistic = 'min') AS lo, max(annual_usd) FILTER (statistic = 'max') AS hi,
               (lo + hi) / 2 AS mid
        FROM df GROUP BY ALL""").df()


def ranges_pandas(df: pd.DataFrame) -> pd.DataFrame:
    wide = df.pivot_table(
        index=["company", "role", "level", "source_id"], columns="statistic", values="annual_usd", aggfunc="max"
    ).reset_index()
    return wide.assign(mid=(wide["min"] + wide["max"]) / 2)


def main() -> None:
    rows: list[tuple[str, str, float, str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "bench.duckdb"
        build_ms = median_ms(lambda: build(DATA_DIR, target, force=True, market=False), repeat=3)
        rows.append(
            (
                "reference warehouse build",
                "build.build (no market)",
                build_ms,
                "read + validate CSVs only",
                median_ms(lambda: load_tables(DATA_DIR), repeat=3),
            )
        )
        skip_ms = median_ms(lambda: build(DATA_DIR, target, market=False))
        rows.append(("up-to-date check", "build.build, unchanged data", skip_ms, "full build", build_ms))
    con = connect(warehouse_path())
    roles, firms = queries.role_names(con), companies(con)
    rows.append(
        (
            "role ranges query",
            "queries.role_ranges",
            median_ms(lambda: queries.role_ranges(con, roles, firms)),
            "SELECT 1 round trip",
            median_ms(lambda: con.cursor().execute("SELECT 1").fetchall()),
        )
    )
    for n in (10_000, 1_000_000):
        df = synthetic_figures(n)
        mem = duckdb.connect()
        duck_ms = median_ms(lambda mem=mem, df=df: ranges_duckdb(mem, df), 3)
        rows.append(
            (
                f"ranges over {n:,} SYNTHETIC pairs",
                "DuckDB GROUP BY",
                duck_ms,
                "pandas pivot_table",
                median_ms(lambda df=df: ranges_pandas(df), 3),
            )
        )
    try:
        from bench.market import market_rows

        rows += market_rows(con)
    except ImportError:
        pass
    print(f"{'case':38} {'measured':32} {'ms':>10}   {'baseline':30} {'ms':>10} {'ratio':>7}")
    for case, what, ms, base, base_ms in rows:
        print(f"{case:38} {what:32} {ms:10.2f}   {base:30} {base_ms:10.2f} {ms / base_ms:7.2f}")


if __name__ == "__main__":
    main()
