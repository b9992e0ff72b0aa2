"""Offer tables: what the user entered, each offer beside reported pay, and the vesting presets' sources.

Pure pandas; the frames go to the page's tables and downloads.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analytics.format import LOW_N, STATISTIC_LABELS, md, money_md
from analytics.offers.codec import CUSTOM, OfferInput
from analytics.offers.model import VESTING_PRESETS, Offer, compare_offers, offer_years


def inputs_table(inputs: Sequence[OfferInput]) -> pd.DataFrame:
    """One row per offer with what the user entered, for the download beside the results."""
    return pd.DataFrame(
        [
            {
                "offer": s.name.strip(),
                "input_base": s.base,
                "input_bonus": f"{s.bonus_percent:g}% of base" if s.bonus_mode == "percent" else s.bonus_amount,
                "input_equity_grant": s.equity,
                "input_schedule": s.schedule,
                "input_vesting_percents": "/".join(f"{p:g}" for p in s.percents),
                "input_sign_on": "/".join(f"{v:.0f}" for v in s.sign_on),
                "input_refresher": s.refresher,
                "input_company": s.company,
                "input_level": s.level,
            }
            for s in inputs
        ]
    )


def versus_reported(offer: str, first_year: float, figures: pd.DataFrame) -> pd.DataFrame:
    """Set an offer's first-year total beside reported totals: difference, ratio, when and confidence.

    figures holds rows of queries.reported_level_totals, after the money view (annual_usd may be
    restated in today's dollars, annual_usd_reported, factor and currency columns are kept at the
    end). difference is first year minus the reported figure; ratio is first year ÷ reported.
    when is the data's date (as_of, else the year, else "not stated"); confidence flags small
    (n < LOW_N) or unreported samples.
    """
    out = figures.assign(offer=offer, compared_with=figures["company"] + " " + figures["level"], first_year=first_year)
    out["difference"] = first_year - out["annual_usd"]
    out["ratio"] = first_year / out["annual_usd"]
    out["when"] = [
        a if isinstance(a, str) else "not stated" if pd.isna(y) else str(int(y))
        for a, y in zip(out["as_of"], out["year"], strict=True)
    ]
    out["confidence"] = [
        "n not reported" if pd.isna(n) else f"n = {int(n)}, low confidence" if n < LOW_N else f"n = {int(n)}"
        for n in out["sample_size"]
    ]
    columns = [
        "offer",
        "compared_with",
        "first_year",
        "role",
        "statistic",
        "annual_usd",
        "difference",
        "ratio",
        "when",
        "year",
        "as_of",
        "sample_size",
        "confidence",
        "derived",
        "source_title",
        "source_publisher",
        "source_link",
        "note",
    ]
    view = [c for c in out.columns if c not in (*columns, "company", "level", "source_id")]
    return out[columns + view].reset_index(drop=True)


def preset_sources(schedules: pd.DataFrame) -> dict[str, str]:
    """Name the source of each schedule choice, from queries.vesting_schedule_sources rows."""
    out = {CUSTOM: "Your own yearly percents; they must add to 100."}
    for preset, percents in VESTING_PRESETS.items():
        same = schedules[[tuple(p) == tuple(float(x) for x in percents) for p in schedules["percents"]]]
        named = same[same["schedule"] == preset]
        if not named.empty:
            row = named.iloc[0]
            when = f", {row['as_of']}" if isinstance(row["as_of"], str) else ""
            out[preset] = f"Reported by {row['publishers']}{when} (vesting_schedules)."
        elif not same.empty:
            row = same.iloc[0]
            out[preset] = (
                f"An even split; {row['schedule']} per {row['publishers']}, {row['as_of']} (vesting_schedules)."
            )
        else:
            out[preset] = "An even split, not a reported company schedule."
    return out


def versus_line(row) -> str:
    """One reported figure beside the offer, in Markdown words, with its source, date and sample size."""
    gap = (
        "the same as"
        if row.difference == 0
        else f"{money_md(abs(row.difference))} " + ("above" if row.difference > 0 else "below")
    )
    what = (
        "Reported total (statistic not stated)"
        if row.statistic == "typical"
        else f"{STATISTIC_LABELS.get(row.statistic, row.statistic)} total"
    )
    role = f", {md(row.role)}" if isinstance(row.role, str) else ""
    n = f"**{row.confidence}**" if "low" in row.confidence else row.confidence
    when = "date not stated" if row.when == "not stated" else f"data as of {md(row.when)}"
    reported = getattr(row, "annual_usd_reported", None)
    if reported is not None and not pd.isna(reported) and reported != row.annual_usd:
        what_year = f" in {int(row.year)}" if not pd.isna(row.year) else ""
        role += f" (reported {money_md(reported)}{what_year}, restated in today's dollars)"
    return (
        f"- {what}{role}: **{money_md(row.annual_usd)}**. Yours is {gap} (ratio {row.ratio:.2f}). "
        f"Source: {md(row.source_publisher)}, {when}, {n}."
    )


def split_offers(
    inputs: Sequence[OfferInput], problems: Sequence[dict[str, str]]
) -> tuple[list[OfferInput], list[str]]:
    """The offers to compare (no problems) and the names of those left out (or 'Offer i' when unnamed)."""
    valid = [state for state, found in zip(inputs, problems, strict=True) if not found]
    left_out = [
        state.name.strip() or f"Offer {i}"
        for i, (state, found) in enumerate(zip(inputs, problems, strict=True), start=1)
        if found
    ]
    return valid, left_out


def years_table(offers: Sequence[Offer]) -> pd.DataFrame:
    """One row per offer and year: the total first after the year (so a phone shows it), then its parts."""
    return pd.concat([offer_years(o).assign(offer=o.name) for o in offers], ignore_index=True)[
        ["offer", "year", "total", "base", "bonus", "stock", "sign_on"]
    ]


def comparison_download(offers: Sequence[Offer], inputs: Sequence[OfferInput]) -> pd.DataFrame:
    """The comparison as downloaded: each offer, year and component with what the user entered."""
    return (
        compare_offers(offers)
        .merge(inputs_table(inputs), on="offer", how="left")
        .assign(source="Calculated from your inputs (PayLadder offer calculator; see its assumptions)")
    )
