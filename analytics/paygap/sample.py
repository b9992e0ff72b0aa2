"""A synthetic people file for "try it with the sample" on the pay gap report: made up by code, labelled so.

The people sit in the valid synthetic bands of analytics.yourdata.samples (same families, levels, zones
and USD ranges), with the columns the pay gap needs: contracted weekly hours, variable pay received in
the year and a gender label. The generator (fixed seed) builds in what the report should find:
- a gap: fewer women at the higher levels (explained), and women paid 1.5% less for the same job (unexplained);
- a flagged category: in Engineering L3 women are paid 12% less, so its gap is well above 5%;
- a suppressed category: Design L5 has few people and almost no women (fewer than 5);
- part-time workers (more women than men), paid for their hours, so hourly and annual pay differ;
- people with no variable pay (women a little more often);
- gender labels in several spellings, a non-binary label and blanks.
`write_sample(path)` writes it as a CSV with the headers an HR export would have; `sample_people()`
returns it as the plain input frame of analytics.paygap.people. Nothing here is anyone's real pay.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

import pandas as pd

from analytics.yourdata.samples import band_ranges, sample_bands

SAMPLE_FILE = "synthetic_paygap_people.csv"
HEADER = [
    "Employee ID",
    "Job Family",
    "Level",
    "Zone",
    "Currency",
    "Base Salary",
    "Variable Pay",
    "Weekly Hours",
    "Start Date",
    "Gender",
]
COLUMNS = ["person_id", "family", "level", "zone", "currency", "base", "variable", "hours", "start_date", "gender"]
WOMEN_SHARE = {"L1": 0.60, "L2": 0.55, "L3": 0.45, "L4": 0.35, "L5": 0.25}
FLAGGED = ("Engineering", "L3")
SUPPRESSED_CATEGORY = ("Design", "L5")
WOMEN_FACTOR, FLAGGED_FACTOR = 0.985, 0.88
WOMEN_LABELS = ["Woman"] * 18 + ["F", "female"]
MEN_LABELS = ["Man"] * 18 + ["M", "male"]


def _valid_bands() -> list[tuple[str, str, str, int, int]]:
    bad = {tuple(r[:3]) for r in sample_bands()[1:] if r[3] != "USD" or int(r[4]) > int(r[5])}
    return [b for b in band_ranges() if b[:3] not in bad]


def sample_rows(n: int = 600, seed: int = 22) -> list[list[str]]:
    """The sample's rows as CSV text cells, header first."""
    rng = random.Random(seed)
    bands = _valid_bands()
    weights = [6 - int(b[1][1:]) for b in bands]  # L1 weighs 5 … L5 weighs 1
    rows = [HEADER]
    for i in range(n):
        family, level, zone, lo, hi = rng.choices(bands, weights=weights)[0]
        share = 0.15 if (family, level) == SUPPRESSED_CATEGORY else WOMEN_SHARE[level]
        draw = rng.random()
        if draw < 0.02:
            label, woman = rng.choice(["Non-binary", "X"]), False
        elif draw < 0.04:
            label, woman = rng.choice(["", "Prefer not to say"]), False
        else:
            woman = rng.random() < share
            label = rng.choice(WOMEN_LABELS if woman else MEN_LABELS)
        full_time_base = lo + (hi - lo) * rng.uniform(0.15, 0.85)
        if woman:
            full_time_base *= FLAGGED_FACTOR if (family, level) == FLAGGED else WOMEN_FACTOR
        part_time = rng.random() < (0.15 if woman else 0.04)
        hours = rng.choice([20, 24, 30, 32]) if part_time else None
        base = round(full_time_base * (hours or 40) / 40, -2)
        received = rng.random() < (0.6 if woman else 0.7)
        variable = round(base * rng.uniform(0.03, 0.15), -2) if received else None
        start = dt.date(2012, 1, 1) + dt.timedelta(days=rng.randrange(0, 5000))
        rows.append(
            [
                f"G{2001 + i}",
                family,
                level,
                zone,
                "USD",
                f"{base:.0f}",
                "" if variable is None else f"{variable:.0f}",
                "" if hours is None else str(hours),
                start.isoformat(),
                label,
            ]
        )
    return rows


def sample_people(n: int = 600, seed: int = 22) -> pd.DataFrame:
    """The sample as the plain input frame of analytics.paygap.people (numbers typed, blanks as None)."""
    rows = sample_rows(n, seed)
    frame = pd.DataFrame(rows[1:], columns=COLUMNS)
    for column in ("base", "variable", "hours"):
        frame[column] = pd.to_numeric(frame[column].replace("", None))
    frame["start_date"] = pd.to_datetime(frame["start_date"]).dt.date
    frame["gender"] = frame["gender"].replace("", None)
    return frame


def write_sample(path: Path, n: int = 600, seed: int = 22) -> Path:
    """Write the synthetic pay gap people file (CSV) to path."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(sample_rows(n, seed))
    return path
