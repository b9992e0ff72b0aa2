"""The Pay mix chart: base, stock and bonus stacked per company level, the reported total as a marker.

A frame from analytics.paymix.tables.pay_mix_shown in, a `go.Figure` out; never Streamlit.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics.format import money, short_money
from analytics.paymix.tables import BASIS_LABELS, PARTS, SHOWN_COLUMNS
from analytics.plot import base_layout, company_color, money_axis

PART_LABELS = {"base": "Base salary", "stock": "Stock", "bonus": "Bonus"}


# Okabe-Ito tones not used for the companies (orange, blue), readable on light and dark themes.
PART_COLORS = {"base": "#56B4E9", "stock": "#009E73", "bonus": "#CC79A7"}
BAR_WIDTH, MARKER_OFFSET = 0.5, 0.4
"""Stacks fill half a row; the total marker's centre sits 0.4 of a row above the stack's centre."""
MARKER_LINE = "#888888"
"""The marker's outline: a mid grey, visible on the light and the dark page."""


def _stock_note(row: pd.Series, basis: str) -> str:
    """Hover line saying how the stock figure was reached."""
    if basis != "first_year":
        return f"Stock per year (median): {money(row.stock_median)}"
    if pd.isna(row.year_1_percent):
        return "No vesting schedule in the sources: first-year stock not shown"
    return (
        f"First-year stock (derived): {money(row.stock_first_year)}<br>"
        f"= {money(row.stock_median)}/yr × 4 × {row.year_1_percent:g}% ({row.vesting_schedule})"
    )


def _hover(row: pd.Series, part: str, basis: str) -> str:
    """The hover text of one part of one stack."""
    if part == "stock":
        what = _stock_note(row, basis)
    elif part == "bonus":
        what = f"Bonus median {money(row.bonus_median)}; mean {money(row.bonus_mean)}"
    else:
        what = f"Base salary (median): {money(row.base_median)}"
    n = f"n = {row.sample_size:,.0f} submissions" + (" (low confidence)" if row.low_confidence else "")
    return (
        f"<b>{row.company} {row.level}</b><br>{what}<br>{row[f'{part}_share']:.0f}% of the sum shown "
        f"({money(row.sum_shown)})<br>{n}<br>Source: {row.source_title} ({row.source_publisher})"
    )


def pay_mix_chart(shown: pd.DataFrame, view: str = "amount") -> go.Figure:
    """Horizontal stacks of base, stock and bonus per company level; the reported total median as a marker."""
    fig = go.Figure()
    if shown.empty:
        return fig
    basis = "first_year" if shown["pay_basis"].iloc[0] == BASIS_LABELS["first_year"] else "average"
    labels = (shown["company"] + " " + shown["level"]).tolist()
    ticks = [
        f"<span style='color:{company_color(r.company)}'><b>{r.company}</b></span> {r.level}<br>"
        f"n={r.sample_size:,.0f}{' · low n' if r.low_confidence else ''}"
        for r in shown.itertuples()
    ]
    for part, column in zip(PARTS, SHOWN_COLUMNS, strict=True):
        values = shown[f"{part}_share"] if view == "share" else shown[column]
        text = [f"{v:.0f}%" if view == "share" else short_money(v) for v in values.fillna(0)]
        name = PART_LABELS[part] + (" (first year)" if part == "stock" and basis == "first_year" else "")
        fig.add_bar(
            y=labels,
            x=values,
            orientation="h",
            name=name,
            marker_color=PART_COLORS[part],
            width=BAR_WIDTH,
            text=text,
            textposition="inside",
            insidetextanchor="middle",
            textangle=0,
            hovertext=[_hover(r, part, basis) for _, r in shown.iterrows()],
            hoverinfo="text",
        )
    if view == "share":
        base_layout(
            fig,
            height=110 + 52 * len(shown),
            barmode="stack",
            xaxis_title="Share of the sum of the medians shown (%)",
            uniformtext=dict(minsize=10, mode="hide"),
        )
        fig.update_xaxes(range=[0, 100.5], dtick=25, ticksuffix="%")
        fig.update_layout(margin_r=24)  # room for the "100%" tick label at the edge
    else:
        # The marker sits just above its stack (a second, hidden y axis aligned with the category
        # rows), so it never covers the part labels inside the bars.
        n = len(labels)
        marker = dict(symbol="diamond", size=11, color="#ffffff", line=dict(width=2, color=MARKER_LINE))
        fig.add_scatter(
            y=[n - 1 - i + MARKER_OFFSET for i in range(n)],
            x=shown["total_median"],
            yaxis="y2",
            mode="markers",
            name="Reported total median",
            marker=marker,
            hoverinfo="text",
            hovertext=[
                f"<b>{r.company} {r.level}</b><br>Reported total median "
                f"{money(r.total_median)} (its own median, not the sum of the parts)"
                f"<br>n = {r.sample_size:,.0f}"
                f"<br>Source: {r.source_title}"
                for r in shown.itertuples()
            ],
        )
        hi = max(shown["sum_shown"].max(), shown["total_median"].max())
        base_layout(
            fig,
            height=110 + 52 * len(shown),
            barmode="stack",
            xaxis_title="Annual pay (USD)",
            uniformtext=dict(minsize=10, mode="hide"),
        )
        money_axis(fig, 0, hi)
        fig.update_layout(yaxis2=dict(overlaying="y", range=[-0.5, n - 0.5], visible=False, fixedrange=True))
        fig.update_layout(yaxis_range=[-0.5, n - 0.5])
    fig.update_layout(
        yaxis=dict(categoryorder="array", categoryarray=labels[::-1], tickvals=labels, ticktext=ticks, automargin=True)
    )
    fig.update_layout(legend_traceorder="normal")  # base, stock, bonus as stacked, not reversed
    return fig
