"""Offer tables and the rules behind the screen: which fields the form shows, each offer's headline totals,
each offer beside reported pay, the years table, and the vesting presets' sources.

Pure pandas; the frames go to the page's tables and downloads, the words beside them. Each table's columns
are described once here (analytics.columns) for the screen and the files.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import pandas as pd

from analytics.columns import FLAG, MONEY, NUMBER, YEAR, Column, Table, common, table
from analytics.format import LOW_N, STATISTIC_LABELS, md, money, money_md
from analytics.levels.tables import DATA_SETS
from analytics.offers.codec import CUSTOM, OfferInput
from analytics.offers.model import VESTING_PRESETS, Offer, offer_summary, offer_years
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


def one_per_data_set(figures: pd.DataFrame) -> pd.DataFrame:
    """The reported figures without a statistic that a source's other filter of the same data set repeats (the
    levels.fyi percentiles' own median beside the data set's median: DATA_SETS), as the Levels page shows them."""
    parent = figures["source_id"].map(DATA_SETS)
    own = set(zip(figures["source_id"], figures["statistic"], strict=True))
    repeated = [p in DATA_SETS.values() and (p, s) in own for p, s in zip(parent, figures["statistic"], strict=True)]
    return figures[[not r for r in repeated]]


def versus_reported(offer: str, first_year: float, figures: pd.DataFrame) -> pd.DataFrame:
    """Set an offer's first-year total beside reported totals: difference, ratio, when and confidence.

    figures holds rows of queries.reported_level_totals, after the money view (annual_usd may be
    restated in today's dollars, annual_usd_reported, factor and currency columns are kept at the
    end). difference is first year minus the reported figure; ratio is first year ÷ reported.
    when is the data's date (as_of, else the year, else "not stated"); confidence flags small
    (n < LOW_N) or unreported samples.
    """
    figures = one_per_data_set(figures)
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
        "source_id",
        "note",
    ]
    view = [c for c in out.columns if c not in (*columns, "company", "level")]
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


CALCULATED = "Calculated from your inputs (PayLadder offer calculator; see its assumptions)"


def comparison_download(years: pd.DataFrame, inputs: Sequence[OfferInput]) -> pd.DataFrame:
    """The years table as shown and downloaded (years_table's rows, after the money view): each offer and year,
    with what the user entered beside it (a bonus amount as money, not 24000.0)."""
    entered = inputs_table(inputs)
    entered["input_bonus"] = [b if isinstance(b, str) else f"{money(b)} a year" for b in entered["input_bonus"]]
    return years.merge(entered, on="offer", how="left").assign(source=CALCULATED)


YOURS = "your input"
PARTS = {
    "base": ("Base", "Base salary in the year."),
    "bonus": ("Bonus", "Target bonus in the year."),
    "stock": ("Stock", "Stock vesting in the year (grant and refreshers, per the schedule)."),
    "sign_on": ("Sign-on", "Sign-on bonus paid in the year."),
}
"""The parts of a year's pay in the years table: header and meaning."""


def years_columns(view: MoneyView) -> Table:
    """The columns of the offers' years (comparison_download's frame) under the offers' money view (own_money):
    the total first after the year, so a phone shows it, then its parts and what was entered."""
    described = table(
        Column("offer", "Offer", meaning="The offer's name.", pinned=True),
        Column("year", "Year", YEAR, meaning="Year of the offer (1 to 4).", width="small"),
        Column("total", "Total", MONEY, "USD", "The year's pay: base + bonus + stock + sign-on.", "derived"),
        *(Column(c, label, MONEY, "USD", meaning, "derived from your inputs") for c, (label, meaning) in PARTS.items()),
        Column("input_base", "Base salary entered", MONEY, "USD a year", "The base salary you entered.", YOURS),
        Column("input_bonus", "Target bonus entered", meaning="The target bonus you entered.", source=YOURS),
        Column("input_equity_grant", "Stock grant entered", MONEY, "USD", "The grant value, over 4 years.", YOURS),
        Column("input_schedule", "Vesting schedule entered", meaning="The vesting schedule chosen.", source=YOURS),
        Column("input_vesting_percents", "Vesting percents", meaning="Percent vesting in years 1/2/3/4.", source=YOURS),
        Column("input_sign_on", "Sign-on entered", meaning="Sign-on bonus in years 1/2/3/4, USD.", source=YOURS),
        Column("input_refresher", "Yearly refresher entered", MONEY, "USD", "The yearly refresher grant.", YOURS),
        Column("input_company", "Company entered", meaning="The company chosen (optional).", source=YOURS),
        Column("input_level", "Level entered", meaning="The level chosen (optional).", source=YOURS),
        Column("source", "Source", meaning="Where the figures come from."),
        note=CALCULATED,
    )
    screen = {"offer", "year", "total", *PARTS}
    described = replace(described, columns=tuple(c.but(screen=c.name in screen) for c in described.columns))
    return view.table(described, ["total"])


def reported_columns(view: MoneyView) -> Table:
    """The columns of the offers beside reported pay (reported_table's frame) under the money view."""
    described = table(
        Column("offer", "Offer", meaning="The offer's name.", pinned=True),
        Column("compared_with", "Compared with", meaning="The company and level of the reported figures."),
        Column("statistic", "Reported", meaning="Which statistic the source reports."),
        Column("annual_usd", "Reported total", MONEY, "USD a year", "The reported total pay.", "data/pay_figures.csv"),
        Column("difference", "Difference", MONEY, "USD a year", "Your first year − the reported total.", "derived"),
        Column("ratio", "Ratio", NUMBER, meaning="Your first year ÷ the reported total.", source="derived"),
        Column("when", "Data as of", meaning="When the source's data is from; not stated when it gives no date."),
        Column("confidence", "Sample size", meaning=f"n reports behind the figure; low confidence below {LOW_N}."),
        common("source_publisher", header="Source"),
        Column("role", "Role reported", meaning="The role the source reports; blank when it states none."),
        Column(
            "first_year", "Your first year", MONEY, "USD", "Your offer's first-year total.", "your input", screen=False
        ),
        common("year", screen=False),
        common("as_of", screen=False),
        common("sample_size", screen=False),
        Column("derived", "Derived", FLAG, meaning="Yes when computed from the source's other figures.", screen=False),
        common("source_title", header="Source title", screen=False),
        "source_link",
        "source_id",
        common("note", screen=False),
    )
    return view.table(described, ["annual_usd"])


def after_tax_columns() -> Table:
    """The columns of the after-tax table (offers.aftertax.after_tax_download's frame)."""
    tax = "tenforty 2025.12 and data/payroll_taxes.csv"
    described = table(
        Column("offer", "Offer", meaning="The offer's name.", pinned=True),
        Column("year", "Year", YEAR, meaning="Year of the offer (1 to 4)."),
        Column("total", "Gross total", MONEY, "USD", "The year's pay before tax.", "derived from your inputs"),
        Column(
            "take_home",
            "Take-home",
            MONEY,
            "USD",
            "Gross minus the taxes beside it; blank where state income tax is not covered.",
            tax,
            blank="",
        ),
        Column("federal_income_tax", "Federal income tax", MONEY, "USD", "US federal income tax.", tax),
        Column(
            "state_income_tax",
            "State income tax",
            MONEY,
            "USD",
            "State income tax; blank where not covered.",
            tax,
            blank="",
        ),
        Column("social_security", "Social Security", MONEY, "USD", "Social Security tax.", "data/payroll_taxes.csv"),
        Column("medicare", "Medicare", MONEY, "USD", "Medicare tax.", "data/payroll_taxes.csv"),
        Column(
            "additional_medicare",
            "Additional Medicare",
            MONEY,
            "USD",
            "Additional Medicare tax.",
            "data/payroll_taxes.csv",
        ),
        Column("calendar_year", "Calendar year", YEAR, meaning="The calendar year the offer year falls in."),
        Column("income_tax_year", "Income tax rules of", YEAR, meaning="Whose year's income tax rules are used."),
        Column("payroll_year", "Payroll rules of", YEAR, meaning="Whose year's payroll tax rules are used."),
        Column("state", "State", meaning="The offer's work state, whose income tax is worked out (postal code)."),
        Column("filing_status", "Filing status", meaning="The filing status worked out for.", screen=False),
        Column("notes", "Notes", meaning="What the tax calculation notes for the year.", screen=False),
        sources=("tenforty_2025_12", "ssa_cbb", "irs_tc751", "irs_additional_medicare"),
        note=CALCULATED,
    )
    return described


def side_by_side_columns(wide: pd.DataFrame) -> Table:
    """The columns of gross and take-home per offer side by side (offers.aftertax.side_by_side's frame)."""
    return table(
        Column("year", "Year", meaning="Year of the offer (1 to 4), then the sum of the four.", pinned=True),
        *(
            Column(
                c,
                c,
                MONEY,
                "USD",
                "The year's pay before tax."
                if c.endswith("gross")
                else "Gross minus taxes; blank where the state's income tax is not covered.",
                "derived from your inputs" if c.endswith("gross") else "tenforty 2025.12 and data/payroll_taxes.csv",
                blank="",
            )
            for c in wide.columns
            if c != "year"
        ),
        note=CALCULATED,
    )


def scenario_columns(headings: Sequence[str], compare_label: str) -> Table:
    """The columns of the share-price scenarios (offers.scenarios.scenario_table's frame)."""
    return table(
        Column("offer", "Offer", meaning="The offer's name.", pinned=True),
        *(
            Column(h, h, MONEY, "USD", f"{compare_label} with the grant's value moved so.", "derived from your inputs")
            for h in headings
        ),
        note=CALCULATED,
    )
