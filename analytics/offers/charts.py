"""The offer calculator's chart: each offer's pay in each of four years, stacked by component.

Built from `analytics.offers.model.compare_offers` (offer, year, component, amount); one colour per
component on every offer, so offers compare at a glance. Never calls Streamlit.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from analytics.format import money, short_money, wrap
from analytics.offers.model import COMPONENTS
from analytics.plot import base_layout, money_axis

# Okabe-Ito mid-tones: distinct for colour-blind readers and on light and dark themes.
COMPONENT_COLORS = {"base": "#0072B2", "bonus": "#56B4E9", "stock": "#009E73", "sign_on": "#E69F00"}


def offer_years_chart(table: pd.DataFrame) -> go.Figure:
    """Stacked horizontal bars of base, bonus, stock and sign-on per offer and year, totals at the ends.

    Horizontal, so the offer names and the totals stay readable on a phone as on a wide screen.
    """
    fig = go.Figure()
    if table.empty:
        return fig
    names = {offer: html.escape(offer) for offer in table["offer"].unique()}  # plotly renders some HTML
    axis = {offer: wrap(name, 12) for offer, name in names.items()}  # a long name wraps rather than being cut
    for component, label in COMPONENTS.items():
        rows = table[table["component"] == component]
        fig.add_bar(
            y=[rows["offer"].map(axis), "Year " + rows["year"].astype(str)],
            x=rows["amount"],
            name=label,
            orientation="h",
            marker_color=COMPONENT_COLORS[component],
            hovertext=[
                f"<b>{names[r.offer]}, year {r.year}</b><br>{label}: {money(r.amount)}<br>Calculated from your inputs"
                for r in rows.itertuples()
            ],
            hoverinfo="text",
        )
    totals = table.groupby(["offer", "year"], sort=False, as_index=False)["amount"].sum()
    fig.add_scatter(
        y=[totals["offer"].map(axis), "Year " + totals["year"].astype(str)],
        x=totals["amount"],
        mode="text",
        text=[f"  {short_money(a)}" for a in totals["amount"]],
        textposition="middle right",
        showlegend=False,
        hovertext=[f"<b>{names[r.offer]}, year {r.year}</b><br>Total: {money(r.amount)}" for r in totals.itertuples()],
        hoverinfo="text",
    )
    base_layout(
        fig,
        height=140 + 34 * len(totals),
        barmode="stack",
        xaxis_title="Pay in the year (USD)",
        legend_traceorder="normal",
    )
    fig.update_yaxes(autorange="reversed", automargin=True)  # first offer, year 1 at the top
    # Room for the totals right of the bars; a floor keeps the axis readable for an offer of $0.
    return money_axis(fig, 0, max(totals["amount"].max(), 10_000) * 1.2)


OFFER_COLORS = ("#0072B2", "#D55E00", "#CC79A7")
"""One colour per offer slot (Okabe-Ito), distinct on light and dark themes and for colour-blind readers."""


def cumulative_chart(table: pd.DataFrame) -> go.Figure:
    """One line per offer: the running total of its pay at the end of each year, each line labelled at its end.

    table holds verdict.cumulative_table rows (offer, year, total, cumulative).
    """
    fig = go.Figure()
    for index, (offer, rows) in enumerate(table.groupby("offer", sort=False)):
        name = html.escape(offer)
        color = OFFER_COLORS[index % len(OFFER_COLORS)]
        fig.add_scatter(
            x=rows["year"],
            y=rows["cumulative"],
            mode="lines+markers+text",
            name=name,
            line={"color": color, "width": 3},
            marker={"size": 8},
            text=[""] * (len(rows) - 1) + [f"{wrap(name, 14)}<br>{money(rows['cumulative'].iloc[-1])}"],
            textposition="middle right",
            cliponaxis=False,
            hovertext=[
                f"<b>{name}</b>, end of year {r.year}<br>Running total: {money(r.cumulative)}"
                f"<br>Year {r.year}: {money(r.total)}"
                for r in rows.itertuples()
            ],
            hoverinfo="text",
        )
    base_layout(fig, height=360, xaxis_title="End of year", yaxis_title="Total paid so far (USD)", showlegend=False)
    # Room right of year 4 for the end labels; the years as whole ticks.
    fig.update_xaxes(tickmode="array", tickvals=[1, 2, 3, 4], ticktext=["1", "2", "3", "4"], range=[0.8, 5.2])
    high = table["cumulative"].max() if not table.empty else 0
    return money_axis(fig, 0, max(high, 10_000), axis="y")
