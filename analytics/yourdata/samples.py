"""Generate the synthetic sample files in data/samples/ and large synthetic files for benchmarks.

Everything here is made up by code (a fixed seed), labelled synthetic in the file names and in
data/samples/README.md: 40 bands (four job families, levels L1 to L5, two location zones, in
USD) and 500 people, with a few deliberate errors listed in SAMPLE_ERRORS so that a new user
sees the problems table at work. The people also have what the pay gap report reads (gender,
contracted weekly hours, variable pay received), drawn with a second generator so the other columns
stay as they were; see `pay_gap_cells` for the gap built in. Run `python -m analytics.yourdata.samples` to rewrite them.
`write_synthetic_people` writes a large error-free people file with DuckDB (for bench/ and the
million-row test) in the sample's valid bands.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

import duckdb

from analytics.db import DATA_DIR

SAMPLES_DIR = DATA_DIR / "samples"
BANDS_FILE, PEOPLE_FILE = "synthetic_bands.csv", "synthetic_people.csv"
FAMILIES = {"Product Management": 112_000, "Engineering": 118_000, "Design": 96_000, "Data Science": 110_000}
LEVELS = ("L1", "L2", "L3", "L4", "L5")
ZONES = {"Zone A": 1.0, "Zone B": 0.85}
STEP, SPREAD = 0.18, 0.5  # midpoint progression between levels; range spread (max − min) / min
BAND_HEADER = ["Job Family", "Level", "Zone", "Currency", "Min", "Max", "Equity Target"]
PEOPLE_HEADER = [
    "Employee ID",
    "Job Family",
    "Level",
    "Zone",
    "Currency",
    "Base Salary",
    "Bonus Target",
    "Equity",
    "Start Date",
    "Gender",
    "Weekly Hours",
    "Variable Pay",
]
DUPLICATE_BAND = ["Data Science", "L2", "Zone A", "USD", "99000", "150000", "10000"]


PEOPLE_ERRORS = [  # (column, value) put on a person in a valid band: every error is seen on its own
    (5, "abc"),
    (5, "-1000"),
    (8, "2021-02-30"),
    (0, lambda rows: rows[1][0]),
    (2, "L9"),
    (5, ""),
    (4, "EUR"),
    (8, "03/04/2021"),
    (6, "1.234,50"),
    (5, "1e309"),
]


def band_ranges() -> list[tuple[str, str, str, int, int]]:
    """(family, level, zone, min, max) of the 40 synthetic bands, in ladder order."""
    out = []
    for family, first_mid in FAMILIES.items():
        for zone, factor in ZONES.items():
            for i, level in enumerate(LEVELS):
                mid = first_mid * (1 + STEP) ** i * factor
                lo = round(2 * mid / (2 + SPREAD), -2)
                out.append((family, level, zone, int(lo), int(round(lo * (1 + SPREAD), -2))))
    return out


def sample_bands() -> list[list[str]]:
    """The bands rows (header first) with the deliberate errors of SAMPLE_ERRORS['bands']."""
    rows = [BAND_HEADER]
    for family, level, zone, lo, hi in band_ranges():
        rows.append([family, level, zone, "USD", str(lo), str(hi), str(round(lo * 0.1, -3))[:-2]])
    rows[5][4], rows[5][5] = rows[5][5], rows[5][4]  # Product Management L5 Zone A: min above max
    rows[29][3] = "USX"  # Design L4 Zone B: unknown currency
    rows.append(DUPLICATE_BAND)  # a second Data Science L2 Zone A
    return rows


def sample_people(n: int = 500, seed: int = 11) -> list[list[str]]:
    """The people rows (header first) with the deliberate errors of SAMPLE_ERRORS['people']."""
    rng = random.Random(seed)
    bands = band_ranges()
    weights = [5, 4, 3, 2, 1] * 8  # fewer people the higher the level
    rows = [PEOPLE_HEADER]
    for i in range(n):
        family, level, zone, lo, hi = rng.choices(bands, weights=weights)[0]
        base = round(lo + (hi - lo) * rng.uniform(-0.12, 1.08), -2)
        gender = rng.choices(["Woman", "Man", "Non-binary", ""], weights=[47, 48, 3, 2])[0]
        start = f"{rng.randint(2012, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        rows.append(
            [
                f"E{1001 + i}",
                family,
                level,
                zone,
                "USD",
                f"{base:.0f}",
                f"{round(base * 0.1, -2):.0f}",
                f"{round(base * rng.uniform(0, 0.3), -3):.0f}",
                start,
                gender,
            ]
        )
    bad = {tuple(r[:3]) for r in sample_bands()[1:] if r[3] != "USD" or int(r[4]) > int(r[5])}
    ok = [i for i in range(1, n + 1) if tuple(rows[i][1:4]) not in bad]
    for k, (col, value) in enumerate(PEOPLE_ERRORS):
        i = ok[7 * (k + 1)]
        rows[i][col] = value(rows) if callable(value) else value
    rows[ok[90]][5] = f"${float(rows[ok[90]][5]):,.2f}"  # a formatted amount, read by the stated rule
    for row, cells in zip(rows[1:], pay_gap_cells(rows[1:], seed), strict=True):
        row.extend(cells)
    return rows


FLAGGED = ("Engineering", "L3")
"""The category whose women receive almost no variable pay: its gap is well above 5%."""


def pay_gap_cells(rows: list[list[str]], seed: int) -> list[list[str]]:
    """Weekly hours and variable pay received for each person row, from a generator of their own.

    What the pay gap report should find: men receive variable pay more often (80% against 70%) and more
    of it (6–14% of base against 3–10%), which gives a gap; in FLAGGED women receive 0–2%, so that
    category is flagged; Zone B's contracts are 37.5 hours a week and Zone A's are left blank (full time).
    The categories with few women (the L5s, and bands the sample's errors reject) are suppressed.
    """
    rng = random.Random(seed * 1_000 + 22)
    out = []
    for row in rows:
        family, level, zone, base, gender = row[1], row[2], row[3], row[5], row[9]
        woman = gender == "Woman"
        received = rng.random() < (0.7 if woman else 0.8)
        low, high = (0.0, 0.02) if woman and (family, level) == FLAGGED else (0.03, 0.10) if woman else (0.06, 0.14)
        share = rng.uniform(low, high)
        amount = _plain_number(base)
        variable = "" if not received or amount is None else f"{round(amount * share, -2):.0f}"
        out.append(["37.5" if zone == "Zone B" else "", variable])
    return out


def _plain_number(text: str) -> float | None:
    """A base written as plain digits, else None (the deliberate errors get no variable pay)."""
    return float(text) if text.isdigit() else None


def write_samples(folder: Path = SAMPLES_DIR) -> tuple[Path, Path]:
    """Write the two sample files; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = folder / BANDS_FILE, folder / PEOPLE_FILE
    for path, rows in zip(paths, (sample_bands(), sample_people()), strict=True):
        with open(path, "w", newline="", encoding="utf-8") as f:
            csv.writer(f, lineterminator="\n").writerows(rows)
    return paths


def write_synthetic_people(path: Path, n: int) -> Path:
    """Write n error-free synthetic people in the sample bands to a CSV at path, with DuckDB."""
    bad = {tuple(r[:3]) for r in sample_bands()[1:] if r[3] != "USD" or int(r[4]) > int(r[5])}
    bands = [b for b in band_ranges() if b[:3] not in bad]
    with duckdb.connect() as con:
        con.execute("SET enable_progress_bar = false")
        con.execute("CREATE TABLE b(k INTEGER, family VARCHAR, level VARCHAR, zone VARCHAR, lo DOUBLE, hi DOUBLE)")
        con.executemany("INSERT INTO b VALUES (?, ?, ?, ?, ?, ?)", [[i, *b] for i, b in enumerate(bands)])
        # hash(i) gives the same pseudo-random draws on every run and with any number of threads.
        con.execute(
            """COPY (
            SELECT 'P' || lpad(i::VARCHAR, 8, '0') AS "Employee ID", family AS "Job Family", level AS "Level",
                   zone AS "Zone", 'USD' AS "Currency",
                   round(lo + (hi - lo) * ((hash(i, 1) % 1200) / 1000.0 - 0.1), -2)::BIGINT AS "Base Salary",
                   round(lo * 0.1, -2)::BIGINT AS "Bonus Target", (hash(i, 2) % 40) * 1000 AS "Equity",
                   DATE '2012-01-01' + (hash(i, 3) % 5000)::INTEGER AS "Start Date",
                   CASE hash(i, 4) % 100 WHEN 0 THEN 'Non-binary' ELSE
                        CASE WHEN hash(i, 4) % 2 = 0 THEN 'Woman' ELSE 'Man' END END AS "Gender"
            FROM range(?) r(i) JOIN b ON b.k = hash(i, 0) % ? ORDER BY i) TO ? (HEADER, DELIMITER ',')""",
            [n, len(bands), str(path)],
        )
    return path


if __name__ == "__main__":
    for written in write_samples():
        print(f"wrote {written}")
