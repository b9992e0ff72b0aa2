"""The pay mix as shown: chosen stock basis (four-year average or first year) and bonus statistic.

Pure pandas over analytics.paymix.queries' frames. The first-year view rests on one
assumption, which the page states: the reported stock per year is a four-year average of the
grant (grant / 4), so the stock vesting in year 1 is stock/yr × 4 × year-1 percent / 100. The columns of
the mix and of the vesting schedules are described once here (analytics.columns) for the screen and the files.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from analytics.columns import FLAG, MONEY, PERCENT, Column, Table, common, table
from analytics.format import LOW_N
from analytics.offers.model import VESTING_PRESETS, YEARS
from analytics.realterms.view import MoneyView

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


LEVELSFYI = "levels.fyi submissions (Kaggle), median of"
MONEY_COLUMNS = {
    "base_median": ("Base median", f"{LEVELSFYI} base salary.", "the median base salary of the submissions"),
    "stock_median": ("Stock/yr median", f"{LEVELSFYI} stock grant value per year.", "the median stock per year"),
    "stock_first_year": (
        "First-year stock (derived)",
        "derived: stock/yr median × 4 × year-1 percent ÷ 100",
        "the stock vesting in year 1, taking the reported stock/yr as a four-year average of the grant",
    ),
    "stock_shown": ("Stock shown", "stock_median or stock_first_year", "the stock in the stack: per the basis chosen"),
    "bonus_median": ("Bonus median", f"{LEVELSFYI} bonus.", "the median bonus"),
    "bonus_mean": ("Bonus mean", "levels.fyi submissions (Kaggle), mean of bonus.", "the mean bonus"),
    "bonus_shown": ("Bonus shown", "bonus_median or bonus_mean", "the bonus in the stack: the statistic chosen"),
    "sum_shown": ("Sum shown", "derived: base + stock shown + bonus shown", "the sum of the three parts shown"),
    "total_median": ("Reported total median", f"{LEVELSFYI} total pay.", "the median total of the submissions"),
}
"""Each money column of the mix: its header, where it comes from, and what it is."""


def mix_table(view: MoneyView) -> Table:
    """The columns of the pay mix (pay_mix_shown's frame) under the money view."""
    money = [
        Column(name, header, MONEY, "USD a year", f"{meaning[0].upper()}{meaning[1:]}.", source)
        for name, (header, source, meaning) in MONEY_COLUMNS.items()
    ]
    shares = [
        Column(
            f"{part}_share",
            f"{part.title()} share",
            PERCENT,
            "%",
            f"{part.title()} shown as a share of the sum shown.",
            "derived",
        )
        for part in PARTS
    ]
    by_name = {c.name: c for c in money}
    described = table(
        "company",
        "level",
        common("sample_size", meaning="levels.fyi submissions at the level (US, title Product Manager)."),
        Column("low_confidence", "Low n", FLAG, meaning=f"Yes when fewer than {LOW_N} submissions: low confidence."),
        Column("pay_basis", "Stock counted as", meaning="Four-year average or first-year pay.", screen=False),
        by_name["base_median"],
        by_name["stock_median"],
        Column("vesting_schedule", "Vesting schedule", meaning="The company's vesting schedule used for year 1."),
        Column(
            "year_1_percent",
            "Year-1 vesting",
            PERCENT,
            "%",
            "The percent of the grant that vests in year 1 under that schedule.",
            "data/vesting_schedules.csv percent",
            decimals=0,
        ),
        by_name["stock_first_year"],
        by_name["stock_shown"],
        by_name["bonus_median"],
        by_name["bonus_mean"],
        Column("bonus_statistic", "Bonus statistic shown", meaning="median or mean.", screen=False),
        by_name["bonus_shown"],
        by_name["sum_shown"],
        *shares,
        by_name["total_median"],
        "year",
        common("as_of", header="Submissions", meaning="The months of the submissions."),
        "source_title",
        "source_publisher",
        Column("vesting_sources", "Vesting source", meaning="The sources of the vesting schedule."),
        "source_id",
    )
    return view.table(described, list(MONEY_COLUMNS))


def schedules_table() -> Table:
    """The columns of the vesting schedules in the sources (paymix.queries.vesting_schedule_table)."""
    return table(
        "company",
        Column("schedule", "Schedule", meaning="The schedule's name.", source="data/vesting_schedules.csv schedule"),
        *(
            Column(
                f"year_{i}",
                f"Year {i}",
                PERCENT,
                "%",
                f"The percent of a grant that vests in year {i}.",
                "data/vesting_schedules.csv percent",
                decimals=0,
            )
            for i in range(1, YEARS + 1)
        ),
        common("as_of", source="data/vesting_schedules.csv as_of"),
        common("note", source="data/vesting_schedules.csv note"),
        Column("sources", "Source", meaning="The sources that report the schedule."),
        "source_ids",
    )
