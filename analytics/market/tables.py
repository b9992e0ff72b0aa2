"""Market rules and tables: labels, the industry-detail rule, pay per year or hour, download frames.

A top-coded wage (`lower_bound`) reads "≥ $239,200", never as an exact figure; a value BLS
did not release reads "not released", never 0.
"""

from __future__ import annotations

import pandas as pd

from analytics.format import HOURS_PER_YEAR, MARKET, NOT_RELEASED, PER, money, wage_text
from analytics.market.ingest import ALL_INDUSTRIES, NATIONAL
from analytics.metrics import range_penetration

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
INDUSTRY_NATIONAL_ONLY = (
    "BLS publishes industry detail only for the nation as a whole: showing the cross-industry total for this area."
)


DEFAULT_OCCUPATION = "11-2021"
"""Marketing Managers: the occupation PayLadder maps Product Manager to, shown first wherever one is chosen."""


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


def area_labels(areas: pd.DataFrame) -> dict[str, str]:
    """Selectbox labels: the area's name and what kind of area it is."""
    return {
        r.area_code: "United States (national)"
        if r.area_type == "national"
        else f"{r.area_name} ({'nonmetro area' if r.nonmetropolitan else AREA_TYPES[r.area_type]})"
        for r in areas.itertuples()
    }


def industry_for(area: str, industry: str, published: set[str]) -> tuple[str, bool]:
    """The industry to show, and whether the chosen one was replaced by the cross-industry total.

    BLS publishes industry detail for the nation only, and not for every occupation and industry.
    """
    if area != NATIONAL:
        return ALL_INDUSTRIES, industry != ALL_INDUSTRIES
    if industry not in published:
        return ALL_INDUSTRIES, True
    return industry, False


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
PAY_RANGE = {"annual": (0.01, 10_000_000.0), "hourly": (0.01, round(10_000_000.0 / HOURS_PER_YEAR, 2))}
"""Pay a user may type (USD), per year or per hour: above $0, and a job's yearly pay is never above
$10M ($4,807.69 an hour at BLS's 2,080 hours), so a pay converts between the two without leaving the range."""


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


def area_title(area_code: str, area_name: str) -> str:
    """An area's name for headings: 'United States' for BLS's 'National'."""
    return "United States" if area_code == NATIONAL else area_name


def pay_in_range(pay: float | None, basis: str) -> float | None:
    """The pay if it lies in PAY_RANGE for its basis, else None (missing)."""
    if pay is None or pd.isna(pay):
        return None
    low, high = PAY_RANGE[basis]
    return float(pay) if low <= pay <= high else None


def penetration_text(penetration: float) -> str:
    """Range penetration with words at the tails: '−75% (below the minimum)', '450% (above the maximum)'."""
    share = f"{penetration:.0%}".replace("-", "−")
    if penetration < 0:
        return f"{share} (below the minimum)"
    if penetration > 1:
        return f"{share} (above the maximum)"
    return f"{share} (within the range)"


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
    out["Employment"] = [NOT_RELEASED if pd.isna(e) else f"{e:,.0f}" for e in metros["employment"]]
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


def pay_range_message(pay: float, basis: str) -> str:
    """Why a typed or linked pay was ignored, with the range to use."""
    low, high = PAY_RANGE[basis]
    shown = f"${high:,.2f}" if basis == "hourly" else money(high)
    return f"Ignored a pay of {pay:.6g} {PER[basis]}: enter one from ${low:,.2f} to {shown}, or leave it blank."


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
