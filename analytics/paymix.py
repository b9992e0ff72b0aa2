"""Pay mix: base, stock and bonus medians per company and level, first-year or four-year basis.

The figures are medians of levels.fyi submissions (source `levelsfyi_kaggle`). Each part is a
median over submissions, so base + stock + bonus does not add up to the reported total median;
the chart shows that total as its own marker.

The first-year view rests on one assumption, which the page states: the reported stock per
year is a four-year average of the grant (grant / 4). The grant is then stock/yr × 4, and the
stock that vests in year 1 is grant × year-1 percent = stock/yr × 4 × pct1 / 100, on the
company's schedule from the warehouse table `vesting_schedules`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import duckdb
import pandas as pd
import plotly.graph_objects as go

from analytics.charts import base_layout, company_color, money, money_axis, short_money
from analytics.db import query
from analytics.offers import VESTING_PRESETS, YEARS

SOURCE_ID = "levelsfyi_kaggle"
LOW_N = 20
"""Fewer submissions than this at a level: low confidence, flagged on the chart and in the table."""

PARTS = ("base", "stock", "bonus")
SHOWN_COLUMNS = ("base_median", "stock_shown", "bonus_shown")
PART_LABELS = {"base": "Base salary", "stock": "Stock", "bonus": "Bonus"}
# Okabe-Ito tones not used for the companies (orange, blue), readable on light and dark themes.
PART_COLORS = {"base": "#56B4E9", "stock": "#009E73", "bonus": "#CC79A7"}
BASIS_LABELS = {"average": "Four-year average", "first_year": "First-year pay"}


def level_pay_mix(con: duckdb.DuckDBPyConnection, companies: Sequence[str], levels: Sequence[str],
                  source_id: str = SOURCE_ID) -> pd.DataFrame:
    """One row per company and level: total, base, stock/yr and bonus medians, bonus mean and n."""
    return query(con, """
        SELECT f.company, f.level,
               max(f.annual_usd) FILTER (component = 'total' AND statistic = 'median') AS total_median,
               max(f.annual_usd) FILTER (component = 'base' AND statistic = 'median') AS base_median,
               max(f.annual_usd) FILTER (component = 'stock' AND statistic = 'median') AS stock_median,
               max(f.annual_usd) FILTER (component = 'bonus' AND statistic = 'median') AS bonus_median,
               max(f.annual_usd) FILTER (component = 'bonus' AND statistic = 'mean') AS bonus_mean,
               max(f.sample_size) AS sample_size, any_value(f.year) AS year, any_value(f.as_of) AS as_of,
               f.source_id, any_value(f.source_title) AS source_title,
               any_value(f.source_publisher) AS source_publisher
        FROM figures f
        LEFT JOIN (SELECT company, level, min(rank) AS rank FROM levels GROUP BY ALL) l USING (company, level)
        WHERE f.source_id = $source AND f.level IS NOT NULL AND f.annual_usd IS NOT NULL
          AND list_contains($companies, f.company) AND list_contains($levels, f.level)
        GROUP BY f.company, f.level, f.source_id
        ORDER BY f.company, min(l.rank), f.level
    """, {"source": source_id, "companies": list(companies), "levels": list(levels)})


def vesting_schedule_table(con: duckdb.DuckDBPyConnection, companies: Sequence[str]) -> pd.DataFrame:
    """One row per company vesting schedule: percent vesting in years 1-4, with its sources."""
    return query(con, """
        SELECT v.company, v.schedule,
               max(v.percent) FILTER (year = 1) AS year_1, max(v.percent) FILTER (year = 2) AS year_2,
               max(v.percent) FILTER (year = 3) AS year_3, max(v.percent) FILTER (year = 4) AS year_4,
               any_value(v.as_of) AS as_of, any_value(v.note) AS note, any_value(v.source_ids) AS source_ids,
               (SELECT string_agg(s.title || ' (' || s.publisher || ')', '; ' ORDER BY s.source_id)
                FROM sources s WHERE list_contains(string_split(any_value(v.source_ids), ';'), s.source_id)
               ) AS sources
        FROM vesting_schedules v
        WHERE list_contains($companies, v.company)
        GROUP BY v.company, v.schedule
        ORDER BY v.company, v.schedule
    """, {"companies": list(companies)})


def sign_on_practices(con: duckdb.DuckDBPyConnection, companies: Sequence[str]) -> pd.DataFrame:
    """Sign-on bonus practices per company, with the amount only where a source gives one."""
    return query(con, """
        SELECT p.company, p.practice, p.description, p.amount_usd, p.effective_from, p.source_ids,
               (SELECT string_agg(s.title || ' (' || s.publisher || ')', '; ' ORDER BY s.source_id)
                FROM sources s WHERE list_contains(string_split(p.source_ids, ';'), s.source_id)) AS sources
        FROM pay_practices p
        WHERE p.practice LIKE 'sign-on%' AND list_contains($companies, p.company)
        ORDER BY p.company
    """, {"companies": list(companies)})


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


def first_year_stock(stock_per_year: float, year_1_percent: float) -> float:
    """Stock vesting in year 1, taking the reported stock/yr as grant / 4: stock/yr × 4 × pct1 / 100."""
    return stock_per_year * YEARS * year_1_percent / 100


def pay_mix_shown(mix: pd.DataFrame, schedules: pd.DataFrame, chosen: Mapping[str, str],
                  basis: str = "average", bonus: str = "median") -> pd.DataFrame:
    """The mix as shown: chosen stock basis and bonus statistic, the sum and each part's share of it."""
    picked = schedules[schedules["schedule"].isin(list(chosen.values()))]
    picked = picked.rename(columns={"schedule": "vesting_schedule", "year_1": "year_1_percent",
                                    "sources": "vesting_sources"})
    out = mix.merge(picked[["company", "vesting_schedule", "year_1_percent", "vesting_sources"]],
                    on="company", how="left")
    out["stock_first_year"] = [first_year_stock(s, p) if pd.notna(s) and pd.notna(p) else float("nan")
                               for s, p in zip(out["stock_median"], out["year_1_percent"], strict=True)]
    out["pay_basis"] = BASIS_LABELS[basis]
    out["stock_shown"] = out["stock_first_year"] if basis == "first_year" else out["stock_median"]
    out["bonus_statistic"] = bonus
    out["bonus_shown"] = out["bonus_mean"] if bonus == "mean" else out["bonus_median"]
    out["sum_shown"] = out[list(SHOWN_COLUMNS)].sum(axis=1, min_count=1)
    for part, column in zip(PARTS, SHOWN_COLUMNS, strict=True):
        out[f"{part}_share"] = 100 * out[column] / out["sum_shown"]
    out["low_confidence"] = out["sample_size"] < LOW_N
    return out[["company", "level", "sample_size", "low_confidence", "pay_basis", "base_median",
                "stock_median", "vesting_schedule", "year_1_percent", "stock_first_year", "stock_shown",
                "bonus_median", "bonus_mean", "bonus_statistic", "bonus_shown", "sum_shown",
                "base_share", "stock_share", "bonus_share", "total_median", "year", "as_of",
                "source_id", "source_title", "source_publisher", "vesting_sources"]]


def _stock_note(row: pd.Series, basis: str) -> str:
    """Hover line saying how the stock figure was reached."""
    if basis != "first_year":
        return f"Stock per year (median): {money(row.stock_median)}"
    if pd.isna(row.year_1_percent):
        return "No vesting schedule in the sources: first-year stock not shown"
    return (f"First-year stock (derived): {money(row.stock_first_year)}<br>"
            f"= {money(row.stock_median)}/yr × 4 × {row.year_1_percent:g}% ({row.vesting_schedule})")


def _hover(row: pd.Series, part: str, basis: str) -> str:
    """The hover text of one part of one stack."""
    if part == "stock":
        what = _stock_note(row, basis)
    elif part == "bonus":
        what = f"Bonus median {money(row.bonus_median)}; mean {money(row.bonus_mean)}"
    else:
        what = f"Base salary (median): {money(row.base_median)}"
    n = f"n = {row.sample_size:,.0f} submissions" + (" (low confidence)" if row.low_confidence else "")
    return (f"<b>{row.company} {row.level}</b><br>{what}<br>{row[f'{part}_share']:.0f}% of the sum shown "
            f"({money(row.sum_shown)})<br>{n}<br>Source: {row.source_title} ({row.source_publisher})")


def pay_mix_chart(shown: pd.DataFrame, view: str = "amount") -> go.Figure:
    """Horizontal stacks of base, stock and bonus per company level; the reported total median as a marker."""
    fig = go.Figure()
    if shown.empty:
        return fig
    basis = "first_year" if shown["pay_basis"].iloc[0] == BASIS_LABELS["first_year"] else "average"
    labels = (shown["company"] + " " + shown["level"]).tolist()
    ticks = [f"<span style='color:{company_color(r.company)}'><b>{r.company}</b></span> {r.level}<br>"
             f"n={r.sample_size:,.0f}{' · low n' if r.low_confidence else ''}" for r in shown.itertuples()]
    for part, column in zip(PARTS, SHOWN_COLUMNS, strict=True):
        values = shown[f"{part}_share"] if view == "share" else shown[column]
        text = [f"{v:.0f}%" if view == "share" else short_money(v) for v in values.fillna(0)]
        name = PART_LABELS[part] + (" (first year)" if part == "stock" and basis == "first_year" else "")
        fig.add_bar(y=labels, x=values, orientation="h", name=name, marker_color=PART_COLORS[part],
                    text=text, textposition="inside", insidetextanchor="middle", textangle=0,
                    hovertext=[_hover(r, part, basis) for _, r in shown.iterrows()], hoverinfo="text")
    if view == "share":
        base_layout(fig, height=110 + 52 * len(shown), barmode="stack",
                    xaxis_title="Share of the sum of the medians shown (%)",
                    uniformtext=dict(minsize=10, mode="hide"))
        ticks = [0, 25, 50, 75, 100]
        fig.update_xaxes(range=[0, 100.5], tickvals=ticks, ticktext=[f"{t}%" for t in ticks])
        fig.update_layout(margin_r=24)  # room for the "100%" tick label at the edge
    else:
        marker = dict(symbol="diamond", size=12, color="#ffffff", line=dict(width=2, color="#333333"))
        fig.add_scatter(y=labels, x=shown["total_median"], mode="markers", name="Reported total median",
                        marker=marker, hoverinfo="text",
                        hovertext=[f"<b>{r.company} {r.level}</b><br>Reported total median "
                                   f"{money(r.total_median)} (its own median, not the sum of the parts)"
                                   f"<br>n = {r.sample_size:,.0f}"
                                   f"<br>Source: {r.source_title}" for r in shown.itertuples()])
        hi = max(shown["sum_shown"].max(), shown["total_median"].max())
        base_layout(fig, height=110 + 52 * len(shown), barmode="stack", xaxis_title="Annual pay (USD)",
                    uniformtext=dict(minsize=10, mode="hide"))
        money_axis(fig, 0, hi)
    fig.update_yaxes(categoryorder="array", categoryarray=labels[::-1], tickvals=labels, ticktext=ticks,
                     automargin=True)
    fig.update_layout(legend_traceorder="normal")  # base, stock, bonus as stacked, not reversed
    return fig
