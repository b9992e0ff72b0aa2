"""Market rules, text and tables: labels, the industry-detail rule, pay per year or hour, the sentences
and captions the page shows, and download frames.

A top-coded wage (`lower_bound`) reads "≥ $239,200", never as an exact figure; a value BLS
did not release reads "not released", never 0. A download holds the table's text as shown and, beside it,
the same figures as numbers with their codes and source; each table's columns are described once here
(analytics.columns) for the screen and the files.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analytics.columns import CODE, COUNT, FLAG, MONEY, PERCENT, Column, Table, common, table
from analytics.format import HOURS_PER_YEAR, MARKET, NOT_RELEASED, PER, md, money, wage_text
from analytics.market.ingest import ALL_INDUSTRIES, NATIONAL
from analytics.metrics import HOURLY_PAY, YEARLY_PAY, PayRange, range_penetration
from analytics.realterms.view import MoneyView
from analytics.urlstate import Parsed

STATS = ("p10", "p25", "p50", "p75", "p90", "mean")
STAT_LABELS = {
    "p10": "10th percentile",
    "p25": "25th percentile",
    "p50": "Median",
    "p75": "75th percentile",
    "p90": "90th percentile",
    "mean": "Mean",
}
SHORT_LABELS = {"p10": "10th", "p25": "25th", "p50": "Median", "p75": "75th", "p90": "90th", "mean": "Mean"}

AREA_TYPES = {"national": "nation", "state": "state", "metro": "metro area"}
OFF_MAP = ("PR", "GU", "VI")
"""Territories with BLS estimates that the US map cannot draw: their values go in its caption."""
INDUSTRY_NATIONAL_ONLY = (
    "BLS publishes industry detail only for the nation as a whole: showing the cross-industry total for this area."
)


DEFAULT_OCCUPATION = "11-2021"
"""Marketing Managers: the occupation PayLadder maps Product Manager to, shown first wherever one is chosen."""
MAPPED_COMPANIES = (MARKET, "Amazon")
"""Whose reported ranges of the mapped roles are drawn beside the BLS figures: market-wide and Amazon."""
PAY_ANCHOR = "where-does-my-pay-sit"
"""The anchor of the Market page's "Where does my pay sit?" heading: other pages open the page scrolled to it."""
MAPPING_NOTE = (
    "BLS has no product-management occupation, so which occupation stands in for a role is PayLadder's "
    "choice, not BLS's. Bars show the roles' reported ranges (base salary, market-wide and Amazon) from "
    "PayLadder's sources; hover a bar for its source."
)


def occupation_labels(occupations: pd.DataFrame) -> dict[str, str]:
    """Selectbox labels: title and code (and the level above 'detailed'); the PayLadder roles go in a caption."""
    return {
        r.occupation_code: f"{r.occupation_title} ({r.occupation_code})"
        + ("" if r.level == "detailed" else f", {r.level}")
        for r in occupations.itertuples()
    }


def occupation_order(occupations: pd.DataFrame) -> list[str]:
    """Occupation codes with the ones PayLadder maps its roles to first."""
    return [
        *occupations.loc[occupations["mapped"], "occupation_code"],
        *occupations.loc[~occupations["mapped"], "occupation_code"],
    ]


def code_names(frame: pd.DataFrame, code: str, name: str) -> dict[str, str]:
    """A lookup frame (occupations, areas, industries) as code -> name."""
    return dict(zip(frame[code], frame[name], strict=True))


def mapping_caption(occupations: pd.DataFrame, code: str) -> str | None:
    """Which PayLadder roles stand in for an occupation, for under the picker (Markdown); None for an unmapped one."""
    row = occupations.set_index("occupation_code").loc[code]
    if not row["mapped"]:
        return None
    return md(f"PayLadder maps its roles {row['roles']} to this occupation (PayLadder's own choice; see below).")


def area_labels(areas: pd.DataFrame) -> dict[str, str]:
    """Selectbox labels: the area's name and what kind of area it is."""
    return {
        r.area_code: "United States (national)"
        if r.area_type == "national"
        else f"{r.area_name} ({'nonmetro area' if r.nonmetropolitan else AREA_TYPES[r.area_type]})"
        for r in areas.itertuples()
    }


def industry_detail(area: str) -> bool:
    """Whether BLS publishes industry detail for an area: for the nation only."""
    return area == NATIONAL


def industry_for(area: str, industry: str, published: set[str]) -> tuple[str, bool]:
    """The industry to show, and whether the chosen one was replaced by the cross-industry total.

    BLS publishes industry detail for the nation only, and not for every occupation and industry.
    """
    if not industry_detail(area):
        return ALL_INDUSTRIES, industry != ALL_INDUSTRIES
    if industry not in published:
        return ALL_INDUSTRIES, True
    return industry, False


def industry_notice(area: str, replaced: bool, occupation_title: str, industry_name: str) -> str | None:
    """Why the chosen industry gave way to all industries, said for the nation only (elsewhere the Industry
    box says that detail is national); None when nothing was replaced."""
    if not replaced or not industry_detail(area):
        return None
    return f"BLS publishes no national estimate for {occupation_title} in “{industry_name}”: showing all industries."


def national_industry_only(parsed: Parsed) -> None:
    """A link's industry for an area other than the nation gives way to the cross-industry total, with a notice."""
    if not industry_detail(parsed.values["area"]) and parsed.values["industry"] != ALL_INDUSTRIES:
        parsed.notices.append(INDUSTRY_NATIONAL_ONLY)
        parsed.values["industry"] = ALL_INDUSTRIES


def industry_options(area: str, spread: pd.DataFrame) -> list[str]:
    """The industries to choose from: those with a national estimate (industry_spread), or only the total."""
    return spread["industry_code"].tolist() if industry_detail(area) else [ALL_INDUSTRIES]


def industry_labels(industries: pd.DataFrame) -> dict[str, str]:
    """Selectbox labels: 'All industries' for BLS's cross-industry total, else the sector's name."""
    return {
        code: "All industries" if code == ALL_INDUSTRIES else sector_name(name)
        for code, name in zip(industries["industry_code"], industries["industry_name"], strict=True)
    }


def sector_shown(industry_code: str, industry_name: str) -> str | None:
    """The industry named in headings and sentences: its sector name, or None for all industries."""
    return None if industry_code == ALL_INDUSTRIES else sector_name(industry_name)


def convert_pay(pay: float | None, basis: str, to: str) -> float | None:
    """The same pay per year or per hour (BLS's 2,080 hours a year); hourly to cents, annual to dollars."""
    if pay is None or basis == to:
        return pay
    return round(pay / HOURS_PER_YEAR, 2) if to == "hourly" else round(pay * HOURS_PER_YEAR)


def with_source(df: pd.DataFrame, source: pd.Series, **context: object) -> pd.DataFrame:
    """The rows shown, with the selection and the BLS source as columns (for downloads)."""
    return df.assign(
        **context,
        source_id=source.name,
        source_title=source["title"],
        source_publisher=source["publisher"],
        source_published=source["published"],
        source_link=source["link"],
    )


def chart_basis(frame: pd.DataFrame) -> str:
    """'annual' unless the cell has hourly wages only (BLS's footnote 4 occupations)."""
    return "hourly" if not frame.empty and frame["annual"].isna().all() and frame["hourly"].notna().any() else "annual"


def wages_released(frame: pd.DataFrame) -> bool:
    """Whether BLS released any wage of the cell (a cell can publish employment and withhold every wage)."""
    return not frame.empty and bool(frame[["annual", "hourly"]].notna().any().any())


def percentile_table(frame: pd.DataFrame, labels: dict[str, str] | None = None) -> pd.DataFrame:
    """The percentiles and mean of one cell as display text; `labels` maps money columns (annual,
    annual_reported, annual_eur, hourly, ...) to headers, by default the annual and hourly wage."""
    labels = labels or {basis: f"{basis.capitalize()} wage" for basis in PER}
    return pd.DataFrame(
        {
            "Statistic": [STAT_LABELS[s] for s in frame["stat"]],
            **{
                label: wage_texts(frame, column, f"{column.split('_')[0]}_lower_bound", column.split("_")[0])
                for column, label in labels.items()
            },
        }
    )


def largest_sectors(spread: pd.DataFrame, n: int = 12) -> pd.DataFrame:
    """The n industry sectors (BLS display level 2) employing the most, sorted by median."""
    sectors = spread[(spread["display_level"] == 2) & spread["employment"].notna()]
    return sectors.nlargest(n, "employment").sort_values("p50", na_position="first")


def all_industries_median(spread: pd.DataFrame) -> float | None:
    """The cross-industry median of an industry_spread frame (the chart's reference line), or None."""
    total = spread.loc[spread["industry_code"] == ALL_INDUSTRIES, "p50"]
    return None if total.empty else float(total.iloc[0])


def sector_name(name: str) -> str:
    """'Sector 54 - Professional, ...' -> 'Professional, ...' (BLS's sector numbers stay in the CSV)."""
    return name.split(" - ", 1)[1] if name.startswith("Sector") and " - " in name else name


# --- Reliability, places, pay ranges and penetration words (issue 14) ---

RELEASE_YEAR = 2025
"""BLS OEWS May 2025 wages are 2025 figures: the money view restates them from 2025's CPI-U."""
WAGE_RSE_LIMIT = 10.0
EMPLOYMENT_RSE_LIMIT = 25.0
RELIABILITY_RULE = (
    "Marked less reliable: a wage relative standard error (RSE) above 10% or an employment RSE above 25%, "
    "where BLS's roughly 95% range (the estimate ± 2 RSEs) spans more than ±20% of the wage or ±50% of the "
    "employment. BLS's footnote 3: “The smaller the relative standard error, the more precise the "
    "estimate”; this release publishes nothing with a wage RSE of 30% or an employment RSE of 50% or more "
    "(its highest are 29.9% and 49.9%), so every figure here passed BLS's own bar. The wage RSE is that of "
    "the mean wage."
)
PAY_RANGES: dict[str, PayRange] = {"annual": YEARLY_PAY, "hourly": HOURLY_PAY}
"""The pay a user may type or link, per year or per hour: the two ranges convert into each other at BLS's
2,080 hours, so a pay switched between them stays in range."""
PAY_EXAMPLES = {"annual": 150_000, "hourly": 75}
"""The example in an empty pay box."""


def dated(frame: pd.DataFrame) -> pd.DataFrame:
    """BLS's May 2025 wages with their year, for the money view (ui.money_view)."""
    return frame.assign(year=RELEASE_YEAR)


def less_reliable(employment_rse: float | None, wage_rse: float | None) -> bool:
    """True when BLS's relative standard errors pass RELIABILITY_RULE's limits (unknown RSEs are not flagged)."""
    return bool(
        (employment_rse is not None and not pd.isna(employment_rse) and employment_rse > EMPLOYMENT_RSE_LIMIT)
        or (wage_rse is not None and not pd.isna(wage_rse) and wage_rse > WAGE_RSE_LIMIT)
    )


def place(area_code: str, area_name: str, industry_name: str | None = None) -> str:
    """Where a figure applies, to follow 'for <occupation>': 'in the United States', 'in Ohio, in <industry>'."""
    where = "in the United States" if area_code == NATIONAL else f"in {area_name}"
    return where if industry_name is None else f"{where}, in {industry_name}"


def known_area(area_code: str, area_codes: Sequence[str]) -> str:
    """An area if BLS's release has it, else the nation: a default that holds in any build."""
    return area_code if area_code in area_codes else NATIONAL


def ratio_change(ratio: float) -> str:
    """A ratio of two medians as the change it makes: 0.938 -> '-6.2%'."""
    return f"{ratio - 1:+.1%}"


def area_title(area_code: str, area_name: str) -> str:
    """An area's name for headings: 'United States' for BLS's 'National'."""
    return "United States" if area_code == NATIONAL else area_name


def cell_title(occupation_title: str, area_code: str, area_name: str, sector: str | None = None) -> str:
    """The heading of one cell: 'Marketing Managers, United States', with the sector when one is chosen."""
    title = f"{occupation_title}, {area_title(area_code, area_name)}"
    return title if sector is None else f"{title}, {sector}"


def employment_text(employment: float | None) -> str:
    """BLS's employment estimate for a card or table: '395,240', or 'not released'."""
    return NOT_RELEASED if employment is None or pd.isna(employment) else f"{employment:,.0f}"


def reliability_text(rse: pd.DataFrame) -> str:
    """A cell's relative standard errors (cell_reliability's frame) as a sentence, marked when less reliable;
    empty when BLS published none."""
    if rse.empty:
        return ""
    employment, wage = rse["employment_rse"].iloc[0], rse["wage_rse"].iloc[0]
    mark = "; less reliable by the rule under the metro table." if less_reliable(employment, wage) else "."
    return (
        f"BLS's relative standard errors (smaller is more precise): employment {employment}%, mean wage {wage}%{mark}"
    )


def percentile_caption(basis: str, rse: pd.DataFrame, source: pd.Series) -> str:
    """The caption under the percentile chart (Markdown): how to read it, how reliable it is, and its source."""
    quality = reliability_text(rse)
    hourly_only = "BLS publishes hourly wages only for this occupation. " if basis == "hourly" else ""
    return md(
        f"Thin band: 10th to 90th percentile; box: 25th to 75th; diamond: mean ({basis} wages). A triangle "
        f"marks a top-coded percentile: at least that much.{' ' + quality if quality else ''} "
        f"{hourly_only}Source: {source['title']}, {source['publisher']}. "
    )


def mapping_lines(mapping: pd.DataFrame, ranges: pd.DataFrame) -> str:
    """PayLadder's mapping of roles to the occupation (occupation_roles' frame) as Markdown bullets, saying
    which roles have no reported range (role_ranges' frame) to draw."""
    with_range = set(ranges["role"])
    return "\n".join(
        f"- **PayLadder's mapping: {md(m.role)} ≈ {md(m.occupation_title)}** ({md(m.fit)} fit"
        f"{'' if m.role in with_range else '; no reported range in PayLadder’s sources'}). {md(m.rationale)}"
        for m in mapping.itertuples()
    )


def pay_refusal(pay: float | None, basis: str) -> str | None:
    """Why a pay was ignored, with the range to use; None when it is blank or in its range (PAY_RANGES)."""
    allowed = PAY_RANGES[basis]
    if pay is None or pd.isna(pay) or allowed.contains(pay):
        return None
    low, high = wage_text(allowed.low, basis=basis), wage_text(allowed.high, basis=basis)
    return f"Ignored a pay of {pay:.6g} {PER[basis]}: enter one from {low} to {high}, or leave it blank."


def switched_pay(pay: float | None, basis: str) -> float | None:
    """A pay after the Pay per switch moved to `basis`: the same pay converted from the other basis, or None
    (missing) when it leaves that basis's range."""
    other = "hourly" if basis == "annual" else "annual"
    return PAY_RANGES[basis].check(convert_pay(pay, other, basis))


def pay_input(basis: str, example: float | None = None) -> dict[str, object]:
    """A pay box's bounds, step, example and help for a pay per year or per hour (st.number_input's arguments):
    every page's pay box takes the same range (PAY_RANGES)."""
    allowed = PAY_RANGES[basis]
    return {
        "min_value": allowed.low,
        "max_value": allowed.high,
        "step": 1000.0 if basis == "annual" else 1.0,
        "placeholder": f"e.g. {example or PAY_EXAMPLES[basis]:g}",
        "help": md(f"{allowed.text().capitalize()}; leave blank for none."),
    }


def pay_sentence(pay: float, basis: str, position: str, occupation_title: str, where: str) -> str:
    """Where a pay sits (market_percentile's label) as one Markdown sentence: '**$150,000 a year** is ...'."""
    return (
        f"**{md(wage_text(pay, False, basis))} {PER[basis]}** is **{md(position)}** "
        f"for {md(occupation_title)} {md(where)}."
    )


def ratio_text(ratio: float | None) -> str:
    """A pay's ratio to the median for a card: '1.15', or '–' when BLS gives no exact median."""
    return "–" if ratio is None else f"{ratio:.2f}"


def annual_equivalent(pay: float, basis: str) -> str | None:
    """An hourly pay's annual equivalent for a card ('$166,795'); None for a pay that is already annual."""
    return None if basis == "annual" else money(convert_pay(pay, basis, "annual"))


def penetration_text(penetration: float) -> str:
    """Range penetration with words at the tails: '−75% (below the minimum)', '450% (above the maximum)'."""
    share = f"{penetration:.0%}".replace("-", "−")
    if penetration < 0:
        return f"{share} (below the minimum)"
    if penetration > 1:
        return f"{share} (above the maximum)"
    return f"{share} (within the range)"


def state_map_caption(states: pd.DataFrame, basis: str, source_title: str) -> str:
    """The caption under the state map (Markdown): the territories it cannot draw, with their values."""
    off_map = states[states["state_postal"].isin(OFF_MAP) & states["value"].notna()]
    territories = "; ".join(f"{r.area_name} {wage_text(r.value, r.lower_bound, basis)}" for r in off_map.itertuples())
    return md(
        f"Cross-industry, {basis} wages. Grey: no published estimate. "
        + (f"Off the map: {territories}. " if territories else "")
        + f"Source: {source_title}. "
    )


def state_values(states: pd.DataFrame, basis: str) -> pd.DataFrame:
    """The map's values as a table: state, postal code and the wage as text (`shown`)."""
    shown = [wage_text(v, b, basis) for v, b in zip(states["value"], states["lower_bound"], strict=True)]
    return states.assign(shown=shown)[["area_name", "state_postal", "shown"]]


def wage_texts(frame: pd.DataFrame, column: str, lower_bound: str, basis: str) -> list[str]:
    """A money column as display text: wage_text for USD columns, '≥ 220,345 EUR' for a money view currency column."""
    suffix = column.rsplit("_", 1)[-1]
    currency = (
        suffix if "_" in column and len(suffix) == 3 and suffix not in ("p10", "p25", "p50", "p75", "p90") else None
    )
    return [
        currency_text(v, b, currency, basis) if currency else wage_text(v, b, basis)
        for v, b in zip(frame[column], frame[lower_bound], strict=True)
    ]


def metro_table(metros: pd.DataFrame, basis: str, value_columns: dict[str, str]) -> pd.DataFrame:
    """The metro list as display text: rank, area, the wage (each money column), employment, RSEs, reliability."""
    out = pd.DataFrame(
        {
            "Rank": [
                f"{'Highest' if e == 'top' else 'Lowest'} {r}"
                for e, r in zip(metros["extreme"], metros["rank"], strict=True)
            ],
            "Area": metros["area_name"].tolist(),
        }
    )
    for column, label in value_columns.items():
        out[label] = wage_texts(metros, column, "lower_bound", basis)
    out["Employment"] = [employment_text(e) for e in metros["employment"]]
    out["Employment RSE"] = [rse_text(x) for x in metros["employment_rse"]]
    out["Wage RSE"] = [rse_text(x) for x in metros["wage_rse"]]
    out["Reliability"] = [
        "less reliable" if less_reliable(e, w) else ""
        for e, w in zip(metros["employment_rse"], metros["wage_rse"], strict=True)
    ]
    return out


def rse_text(rse: float | None) -> str:
    """A relative standard error as '2.3%', or 'not released'."""
    return NOT_RELEASED if rse is None or pd.isna(rse) else f"{rse:.1f}%"


def currency_text(value: float | None, lower_bound: bool, code: str, basis: str = "annual") -> str:
    """An amount in another currency for tables: '≥ 220,345 EUR', '40.28 EUR' an hour, or 'not released'."""
    if value is None or pd.isna(value):
        return NOT_RELEASED
    return f"{'≥ ' if lower_bound else ''}{value:,.{2 if basis == 'hourly' else 0}f} {code.upper()}"


def wage_labels(view: object, column: str, label: str | None = None) -> dict[str, str]:
    """Headers of a money column under the money view (ui.money_view): the amount shown, the reported
    amount beside it when restated in today's dollars, and the other currency when one is chosen."""
    label = label or f"{column.capitalize()} wage"
    if not view.adjusted and view.currency == "USD":
        return {column: label}
    out = {column: f"{label}, {view.today_label}" if view.adjusted else label}
    if view.adjusted:
        out[f"{column}_reported"] = f"{label}, as reported (May 2025)"
    if view.currency != "USD":
        out[f"{column}_{view.currency.lower()}"] = f"{label} ({view.currency})"
    return out


def penetration_table(ranges: pd.DataFrame, annual_pay: float) -> pd.DataFrame:
    """An annual pay's range penetration in each mapped role range (role_ranges' frame), with words at the tails."""
    return pd.DataFrame(
        {
            "Mapped role range": [
                f"{r.role} ({'market-wide' if r.company == MARKET else r.company})" for r in ranges.itertuples()
            ],
            "Range": [f"{money(r.min_usd)} – {money(r.max_usd)}" for r in ranges.itertuples()],
            "Your pay's range penetration": [
                penetration_text(range_penetration(annual_pay, r.min_usd, r.max_usd)) for r in ranges.itertuples()
            ],
        }
    )


# --- Download frames and the columns of each table (issue 21) ---

BLS = "bls_oews_2025"
UNITS = {"annual": "USD a year", "hourly": "USD an hour"}
CONTEXT = {
    c.name: c
    for c in (
        Column(
            "occupation_code",
            "Occupation code",
            CODE,
            meaning="BLS's Standard Occupational Classification code (text: a spreadsheet may read 11-2021 as a "
            "date; the occupation's title is beside it).",
            source=f"{BLS} OCC_CODE",
            screen=False,
        ),
        Column(
            "occupation_title", "Occupation", meaning="BLS's occupation title.", source=f"{BLS} OCC_TITLE", screen=False
        ),
        Column(
            "area_code",
            "Area code",
            CODE,
            meaning="BLS's area code (text with its leading zeros: 0042660; the area's name is beside it).",
            source=f"{BLS} AREA",
            screen=False,
        ),
        Column("area_name", "Area", meaning="BLS's area name.", source=f"{BLS} AREA_TITLE", screen=False),
        Column(
            "industry_code",
            "Industry code",
            CODE,
            meaning="BLS's industry code (NAICS-based, text; the industry's name is beside it).",
            source=f"{BLS} NAICS",
            screen=False,
        ),
        Column("industry_name", "Industry", meaning="BLS's industry title.", source=f"{BLS} NAICS_TITLE", screen=False),
        Column(
            "measure",
            "BLS measure",
            CODE,
            meaning="Which wage statistic, per year or per hour (annual_p50 is the annual median).",
            screen=False,
        ),
        Column("basis", "Pay basis", meaning="annual or hourly wages.", screen=False),
        common("year", meaning="The year of the wages: BLS OEWS May 2025.", screen=False),
    )
}
"""The selection and release a market download carries beside its figures (with_source's context)."""
SOURCE = tuple(
    common(n, screen=False)
    for n in ("source_id", "source_title", "source_publisher", "source_published", "source_link")
)


def _file_only(*columns: Column) -> tuple[Column, ...]:
    return tuple(c.but(screen=False, width=None) for c in columns)


def wage_column(name: str, header: str, basis: str, meaning: str) -> Column:
    """A BLS wage as a number for the files (the screen shows it as text): whole dollars a year, or dollars and
    cents an hour."""
    return Column(
        name,
        header,
        MONEY,
        UNITS[basis],
        meaning,
        f"{BLS} {name.upper()}",
        decimals=2 if basis == "hourly" else 0,
        screen=False,
    )


def floor_column(name: str, what: str) -> Column:
    """Whether a wage is BLS's top-code floor."""
    return Column(
        name,
        f"{what} is a floor",
        FLAG,
        meaning=f"Yes where BLS top-codes the {what.lower()}: the true figure is at least the number given.",
        screen=False,
    )


def text_columns(labels: dict[str, str], meaning: str) -> list[Column]:
    """The wage columns as the screen shows them (text: '≥ $239,200', 'not released'), headed by their labels."""
    return [Column(label, label, meaning=meaning) for label in labels.values()]


def percentile_rows(frame: pd.DataFrame, labels: dict[str, str], source: pd.Series, **context: object) -> pd.DataFrame:
    """One cell's percentiles as the page shows them (percentile_table), with the figures as numbers, the
    selection's codes and names and the source beside: the table and its download."""
    numbers = with_source(frame, source, **context).reset_index(drop=True)
    return pd.concat([percentile_table(frame, labels), numbers], axis=1)


def percentile_columns(view: MoneyView, labels: dict[str, str]) -> Table:
    """The columns of percentile_rows' frame under the money view."""
    described = table(
        Column("Statistic", "Statistic", meaning="A percentile of the wages, or their mean."),
        *text_columns(labels, "The wage as shown: ≥ marks a top-coded floor; not released when BLS withheld it."),
        wage_column("annual", "Annual wage", "annual", "The annual wage as a number (blank when not released)."),
        floor_column("annual_lower_bound", "Annual wage"),
        wage_column("hourly", "Hourly wage", "hourly", "The hourly wage as a number (blank when not released)."),
        floor_column("hourly_lower_bound", "Hourly wage"),
        Column(
            "employment",
            "Employment",
            COUNT,
            "jobs",
            "BLS's employment estimate for the occupation, area and industry.",
            f"{BLS} TOT_EMP",
            screen=False,
        ),
        *(CONTEXT[n] for n in ("occupation_code", "occupation_title", "area_code", "area_name")),
        *(CONTEXT[n] for n in ("industry_code", "industry_name", "year")),
        *SOURCE,
    )
    return view.table(described, ["annual", "hourly"])


def penetration_rows(ranges: pd.DataFrame, annual_pay: float) -> pd.DataFrame:
    """The pay's penetration in each mapped role range as shown (penetration_table), with the numbers beside."""
    numbers = ranges.reset_index(drop=True).assign(
        annual_pay=annual_pay,
        penetration=[range_penetration(annual_pay, r.min_usd, r.max_usd) for r in ranges.itertuples()],
    )
    return pd.concat([penetration_table(ranges, annual_pay), numbers], axis=1)


def penetration_columns(view: MoneyView) -> Table:
    """The columns of penetration_rows' frame under the money view (the ranges' amounts restated by it)."""
    pay_figures = "data/pay_figures.csv amount_usd"
    described = table(
        Column("Mapped role range", "Mapped role range", meaning="A PayLadder role mapped to the occupation."),
        Column("Range", "Range", meaning="The role's reported minimum – maximum a year."),
        Column(
            "Your pay's range penetration",
            "Your pay's range penetration",
            meaning="(your annual pay − minimum) ÷ (maximum − minimum), with words at the tails.",
        ),
        Column(
            "annual_pay", "Your annual pay", MONEY, "USD a year", "The pay you entered, per year.", "", screen=False
        ),
        *_file_only(common("role"), common("company")),
        Column("min_usd", "Minimum", MONEY, "USD a year", "The range's minimum.", pay_figures, screen=False),
        Column("max_usd", "Maximum", MONEY, "USD a year", "The range's maximum.", pay_figures, screen=False),
        Column(
            "penetration",
            "Range penetration",
            PERCENT,
            "%",
            "(your annual pay − minimum) ÷ (maximum − minimum); 0% is the minimum, 100% the maximum.",
            "derived",
            fraction=True,
            decimals=0,
            screen=False,
        ),
        common("year", screen=False),
        common("source_title", screen=False),
        "source_id",
    )
    return view.table(described, ["min_usd", "max_usd"])


def state_rows(states: pd.DataFrame, basis: str, source: pd.Series, **context: object) -> pd.DataFrame:
    """The map's values as the page shows them (state_values' text in `shown`), with the numbers and source."""
    return with_source(states, source, **context).assign(shown=state_values(states, basis)["shown"])


def state_columns(view: MoneyView, basis: str, stat: str) -> Table:
    """The columns of state_rows' frame under the money view."""
    label = STAT_LABELS[stat]
    described = table(
        Column("area_name", "State", meaning="The state or territory.", source=f"{BLS} AREA_TITLE"),
        Column("state_postal", "Postal code", CODE, meaning="The state's postal abbreviation."),
        Column("shown", label, meaning="The wage as shown: ≥ marks a top-coded floor; not released when withheld."),
        wage_column("value", label, basis, f"The {label.lower()} as a number, all industries."),
        floor_column("lower_bound", label),
        CONTEXT["area_code"],
        *(CONTEXT[n] for n in ("occupation_code", "occupation_title", "measure", "year")),
        *SOURCE,
    )
    return view.table(described, ["value"])


def metro_rows(metros: pd.DataFrame, basis: str, labels: dict[str, str], source: pd.Series, **context) -> pd.DataFrame:
    """The metro list as the page shows it (metro_table), with the numbers, codes and source beside."""
    numbers = with_source(metros, source, **context).reset_index(drop=True).drop(columns=["area_name"])
    return pd.concat([metro_table(metros, basis, labels), numbers], axis=1)


def metro_columns(view: MoneyView, basis: str, stat: str, labels: dict[str, str]) -> Table:
    """The columns of metro_rows' frame under the money view."""
    label = STAT_LABELS[stat]
    rse = "BLS's relative standard error of the {}, in percent of it (smaller is more precise)."
    described = table(
        Column("Rank", "Rank", meaning="Among the highest- or lowest-paying areas on the statistic."),
        Column("Area", "Area", meaning="The metropolitan or nonmetropolitan area.", source=f"{BLS} AREA_TITLE"),
        *text_columns(labels, "The wage as shown: ≥ marks a top-coded floor (its rank is a floor too)."),
        Column("Employment", "Employment", meaning="BLS's employment estimate, as shown."),
        Column("Employment RSE", "Employment RSE", meaning=rse.format("employment") + " As shown."),
        Column("Wage RSE", "Wage RSE", meaning=rse.format("mean wage") + " As shown."),
        Column("Reliability", "Reliability", meaning=RELIABILITY_RULE),
        Column("extreme", "Highest or lowest", meaning="top: highest-paying; bottom: lowest-paying.", screen=False),
        Column("rank", "Rank number", COUNT, meaning="The area's rank among them.", screen=False),
        CONTEXT["area_code"],
        wage_column("value", label, basis, f"The {label.lower()} as a number."),
        floor_column("lower_bound", label),
        Column("employment", "Employment", COUNT, "jobs", "BLS's employment estimate.", f"{BLS} TOT_EMP", screen=False),
        Column(
            "employment_rse", "Employment RSE", PERCENT, "%", rse.format("employment"), f"{BLS} EMP_PRSE", screen=False
        ),
        Column("wage_rse", "Wage RSE", PERCENT, "%", rse.format("mean wage"), f"{BLS} MEAN_PRSE", screen=False),
        *(CONTEXT[n] for n in ("occupation_code", "occupation_title", "measure", "year")),
        *SOURCE,
    )
    return view.table(described, ["value"])


def industry_columns(view: MoneyView, basis: str) -> Table:
    """The columns of the industry figures' download (largest_sectors with with_source's context)."""
    stats = [
        wage_column(stat, STAT_LABELS[stat], basis, f"The {STAT_LABELS[stat].lower()} {basis} wage in the industry.")
        for stat in ("mean", *STATS[:5])
    ]
    floors = [floor_column(f"{stat}_lower_bound", STAT_LABELS[stat]) for stat in ("mean", *STATS[:5])]
    described = table(
        CONTEXT["industry_code"].but(screen=True),
        CONTEXT["industry_name"].but(screen=True),
        Column("display_level", "BLS display level", COUNT, meaning="BLS's industry hierarchy: 2 is a sector."),
        Column("employment", "Employment", COUNT, "jobs", "BLS's employment estimate.", f"{BLS} TOT_EMP"),
        *stats,
        *floors,
        *(CONTEXT[n] for n in ("occupation_code", "occupation_title", "area_code", "basis", "year")),
        *SOURCE,
    )
    return view.table(described, ["mean", *STATS[:5]])
