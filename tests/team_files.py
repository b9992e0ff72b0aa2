"""A realistic small team's files, as a new user would bring them: synthetic, made up by code (fixed seed).

Three job families (Product, Engineering, Design) in two offices (Seattle, Austin), levels P1 to P4:
24 bands and 40 people. The files look as HR tools export them: snake_case headers, no currency
column (the amounts are US dollars, said nowhere in the file), a bonus target as a percent of base
(`bonus_target_pct`: 10 means 10%), some genders left blank. The bands file lists levels as people
type them, not in ladder order, and Austin's bands are lower than Seattle's. Nothing here is anyone's
real pay.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

FAMILIES = {"Product": 128_000, "Engineering": 136_000, "Design": 104_000}
"""P1 midpoint in Seattle, per family."""
LOCATIONS = {"Seattle": 1.0, "Austin": 0.88}
LEVELS = ("P1", "P3", "P2", "P4")  # as typed into the sheet, not in ladder order
STEP, SPREAD = 0.2, 0.5  # midpoint progression between levels; range spread (max − min) / min
BONUS = {"P1": 10, "P2": 10, "P3": 15, "P4": 20}
BANDS_HEADER = ["job_family", "job_level", "location", "range_min", "range_max"]
PEOPLE_HEADER = [
    "employee_id",
    "job_family",
    "job_level",
    "location",
    "base_salary",
    "bonus_target_pct",
    "gender",
    "hire_date",
]
PEOPLE = 40


def bands() -> list[tuple[str, str, str, int, int]]:
    """(family, level, location, min, max) of the 24 bands, in the order of the file."""
    out = []
    for family, first in FAMILIES.items():
        for location, factor in LOCATIONS.items():
            for level in LEVELS:
                mid = first * (1 + STEP) ** (int(level[1:]) - 1) * factor
                low = round(2 * mid / (2 + SPREAD), -3)
                out.append((family, level, location, int(low), int(round(low * (1 + SPREAD), -3))))
    return out


def people(seed: int = 20) -> list[list[str]]:
    """The 40 people (header first): every family, location and level has someone; a few sit outside
    their band; some genders are blank."""
    rng = random.Random(seed)
    every = bands()
    rows = [PEOPLE_HEADER]
    for i in range(PEOPLE):
        family, level, location, low, high = every[i % len(every)] if i < len(every) else rng.choice(every)
        base = round(low + (high - low) * rng.uniform(-0.1, 1.1), -2)
        gender = rng.choices(["Woman", "Man", ""], weights=[45, 45, 10])[0]
        hired = f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        rows.append(
            [f"T{101 + i}", family, level, location, f"{base:.0f}", str(BONUS[level]), gender, hired],
        )
    return rows


def write(folder: Path) -> tuple[Path, Path]:
    """Write team_bands.csv and team_people.csv into folder; their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = folder / "team_bands.csv", folder / "team_people.csv"
    band_rows = [BANDS_HEADER, *([f, lv, loc, str(lo), str(hi)] for f, lv, loc, lo, hi in bands())]
    for path, rows in zip(paths, (band_rows, people()), strict=True):
        with open(path, "w", newline="", encoding="utf-8") as f:
            csv.writer(f, lineterminator="\n").writerows(rows)
    return paths
