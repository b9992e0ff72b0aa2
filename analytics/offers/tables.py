"""Offer tables and the rules behind the screen: which fields the form shows, each offer's headline totals,
each offer beside reported pay, the years table, and the vesting presets' sources.

Pure pandas; the frames go to the page's tables and downloads, the words beside them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import pandas as pd

from analytics.format import LOW_N, STATISTIC_LABELS, md, money, money_md
from analytics.offers.codec import CUSTOM, OfferInput
from analytics.offers.model import VESTING_PRESETS, Offer, compare_offers, offer_summary, offer_years
from analytics.realterms.adjust import REPORTED
from analytics.realterms.view import MoneyView

YEAR_ROWS = ((1, 2), (3, 4))
"""The form's yearly inputs in rows of two, so narrow screens stack them in year order."""


def company_levels(ladders: pd.DataFrame) -> dict[str, list[str]]:
    """Each company's level labels in ladder order, from levels.queries.levels_by_company rows."""
    return {company: rows["level"].tolist() for company, rows in ladders.groupby("company", sort=False)}


def level_choices(levels: Mapping[str, Sequence[str]], company: str) -> list[str]:
    """The level picker's options for a company: not set ("") first, then its levels (none without a company)."""
    return ["", *levels.get(company, [])]


def bonus_field(state: OfferInput) -> tuple[str, str, str]:
    """The bonus input in use: its label, its form field and the key of its problem in validate_offer."""
    if state.bonus_mode == "percent":
        return "Target bonus (% of base)", "bonus_percent", "bonus_percent"
    return "Target bonus (USD a year)", "bonus_amount", "bonus_target"


def vest_rows(state: OfferInput) -> tuple[tuple[int, int], ...]:
    """The yearly vesting inputs to show, in rows of two: only a Custom schedule has them."""
    return YEAR_ROWS if state.schedule == CUSTOM else ()


def display_name(state: OfferInput, slot: int) -> str:
    """An offer's name as the page names it: 'Offer 2' while it has none."""
    return state.name.strip() or f"Offer {slot}"


def work_states(inputs: Sequence[OfferInput]) -> dict[str, str]:
    """Each offer's work state (the state whose income tax applies), by its name."""
    return {state.name.strip(): state.work_state for state in inputs}


def offer_slots(inputs: Sequence[OfferInput]) -> dict[str, int]:
    """Each offer's form slot (1, 2, 3) by its name, so its widgets keep their keys whatever the order shown."""
    return {state.name.strip(): slot for slot, state in enumerate(inputs, start=1)}


def headline(offer: Offer) -> list[tuple[str, str, str | None]]:
    """An offer's headline metrics as (label, value, help): first-year total, four-year total and average."""
    summary, first = offer_summary(offer), offer_years(offer).iloc[0]
    parts = f"Base {money(first.base)} + bonus {money(first.bonus)} + stock {money(first.stock)}"
    return [
        ("First-year total", money(summary["first_year_total"]), f"{parts} + sign-on {money(first.sign_on)}"),
        ("Four-year total", money(summary["four_year_total"]), None),
        ("Four-year average", money(summary["four_year_average"]), "Four-year total ÷ 4"),
    ]


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
            out[preset] = f"Reported by {row['publishers']}{when}."
        elif not same.empty:
            row = same.iloc[0]
            out[preset] = f"An even split; {row['schedule']} per {row['publishers']}, {row['as_of']}."
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


@dataclass(frozen=True)
class Placed:
    """An offer to set beside reported pay: its name, first-year total, company and level."""

    offer: str
    first_year: float
    company: str
    level: str


def placed(inputs: Sequence[OfferInput], offers: Sequence[Offer]) -> list[Placed]:
    """The offers with a company and a level chosen, in the order of `offers` (each matched to its input by name)."""
    by_name = {state.name.strip(): state for state in inputs}
    chosen = [(offer, by_name[offer.name]) for offer in offers]
    return [
        Placed(offer.name, offer_summary(offer)["first_year_total"], state.company, state.level)
        for offer, state in chosen
        if state.company and state.level
    ]


def unplaced_note(inputs: Sequence[OfferInput], offers: Sequence[Offer]) -> str | None:
    """What to do for the offers without a company and a level, in Markdown (None when every offer has both)."""
    shown = {p.offer for p in placed(inputs, offers)}
    names = [md(offer.name) for offer in offers if offer.name not in shown]
    return f"Choose a company and level for {', '.join(names)} to set it beside reported pay." if names else None


def no_reported_note(offer: Placed) -> str:
    """Say that the warehouse has no reported figure for an offer's company and level, in Markdown."""
    return f"**{md(offer.offer)}**: no reported figure for this company and level ({offer.company} {offer.level})."


def versus_text(table: pd.DataFrame) -> str:
    """One offer's first year against reported totals (its versus_reported rows), in Markdown lines."""
    first = table.iloc[0]
    return f"**{md(first.offer)}**, first year {money_md(first.first_year)}, against {first.compared_with}:\n" + (
        "\n".join(versus_line(row) for row in table.itertuples())
    )


def reported_table(tables: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """The offers' versus_reported rows in one table, with the statistics named as the page names them."""
    table = pd.concat(tables, ignore_index=True)
    return table.assign(statistic=table["statistic"].map(lambda s: STATISTIC_LABELS.get(s, s)))


def split_offers(
    inputs: Sequence[OfferInput], problems: Sequence[dict[str, str]]
) -> tuple[list[OfferInput], list[str]]:
    """The offers to compare (no problems) and the names of those left out (or 'Offer i' when unnamed)."""
    valid = [state for state, found in zip(inputs, problems, strict=True) if not found]
    left_out = [
        display_name(state, i) for i, (state, found) in enumerate(zip(inputs, problems, strict=True), start=1) if found
    ]
    return valid, left_out


def own_money(view: MoneyView) -> MoneyView:
    """The money view of the user's own figures: converted to the chosen currency, never restated in today's
    dollars (they are typed in today's)."""
    return replace(view, mode=REPORTED)


def gross_years(years: pd.DataFrame) -> pd.DataFrame:
    """Each offer year's gross pay (offer, year, total) from years_table: what take-home pay is worked out on."""
    return years[["offer", "year", "total"]]


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
