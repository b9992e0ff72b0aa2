"""The pay mix as shown: chosen stock basis (four-year average or first year) and bonus statistic.

Pure pandas over analytics.paymix.queries' frames. The first-year view rests on one
assumption, which the page states: the reported stock per year is a four-year average of the
grant (grant / 4), so the stock vesting in year 1 is stock/yr × 4 × year-1 percent / 100.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from analytics.format import LOW_N
from analytics.offers.model import VESTING_PRESETS, YEARS

PARTS = ("base", "stock", "bonus")


SHOWN_COLUMNS = ("base_median", "stock_shown", "bonus_shown")


BASIS_LABELS = {"average": "Four-year average", "first_year": "First-year pay"}


def default_schedules(schedules: pd.DataFrame) -> dict[str, str]:
    """Each company's default schedule: the one the offer calculator presets, else its first."""
    out: dict[str, str] = {}
    for company, rows in schedules.groupby("company", sort=True):
        preset = [s for s in rows["schedule"] if s in VESTING_PRESETS]
        out[company] = preset[0] if preset else rows["schedule"].iloc[0]
    return out


def schedule_options(schedules: pd.DataFrame, company: str) -> list[str]:
    """A company's schedules, its default first."""
    names = schedules.loc[schedules["company"] == company, "schedule"].tolist()
    default = default_schedules(schedules).get(company)
    return sorted(names, key=lambda name: (name != default, name))


def chosen_schedules(schedules: pd.DataFrame, remembered: Sequence[str]) -> dict[str, str]:
    """One schedule per company: the last remembered one that is the company's, else the company's default."""
    return {
        company: next((s for s in reversed(remembered) if s in schedule_options(schedules, company)), default)
        for company, default in default_schedules(schedules).items()
    }


def first_year_stock(stock_per_year: float, year_1_percent: float) -> float:
    """Stock vesting in year 1, taking the reported stock/yr as grant / 4: stock/yr × 4 × pct1 / 100."""
    return stock_per_year * YEARS * year_1_percent / 100


def pay_mix_shown(
    mix: pd.DataFrame, schedules: pd.DataFrame, chosen: Mapping[str, str], basis: str = "average", bonus: str = "median"
) -> pd.DataFrame:
    """The mix as shown: chosen stock basis and bonus statistic, the sum and each part's share of it."""
    picked = schedules[schedules["schedule"].isin(list(chosen.values()))]
    picked = picked.rename(
        columns={"schedule": "vesting_schedule", "year_1": "year_1_percent", "sources": "vesting_sources"}
    )
    out = mix.merge(
        picked[["company", "vesting_schedule", "year_1_percent", "vesting_sources"]], on="company", how="left"
    )
    out["stock_first_year"] = [
        first_year_stock(s, p) if pd.notna(s) and pd.notna(p) else float("nan")
        for s, p in zip(out["stock_median"], out["year_1_percent"], strict=True)
    ]
    out["pay_basis"] = BASIS_LABELS[basis]
    out["stock_shown"] = out["stock_first_year"] if basis == "first_year" else out["stock_median"]
    out["bonus_statistic"] = bonus
    out["bonus_shown"] = out["bonus_mean"] if bonus == "mean" else out["bonus_median"]
    out["sum_shown"] = out[list(SHOWN_COLUMNS)].sum(axis=1, min_count=1)
    for part, column in zip(PARTS, SHOWN_COLUMNS, strict=True):
        out[f"{part}_share"] = 100 * out[column] / out["sum_shown"]
    out["low_confidence"] = out["sample_size"] < LOW_N
    return out[
        [
            "company",
            "level",
            "sample_size",
            "low_confidence",
            "pay_basis",
            "base_median",
            "stock_median",
            "vesting_schedule",
            "year_1_percent",
            "stock_first_year",
            "stock_shown",
            "bonus_median",
            "bonus_mean",
            "bonus_statistic",
            "bonus_shown",
            "sum_shown",
            "base_share",
            "stock_share",
            "bonus_share",
            "total_median",
            "year",
            "as_of",
            "source_id",
            "source_title",
            "source_publisher",
            "vesting_sources",
        ]
    ]
