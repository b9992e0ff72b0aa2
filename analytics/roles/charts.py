"""The Roles and Overview chart: reported pay ranges per role as floating bars with their midpoints.

A DataFrame from analytics.roles.queries in, a `go.Figure` out; never Streamlit.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics.format import STATISTIC_LABELS, money, short_money
from analytics.plot import base_layout, money_axis, range_label, role_color

MIDPOINT_COLOR = "#888888"
"""A mid grey: readable as a line on the white and the dark page and on every role colour."""


def role_range_chart(ranges: pd.DataFrame, marks: pd.DataFrame | None = None) -> go.Figure:
    """Floating min-to-max bars per role with their midpoint, and reported single figures as marks."""
    fig = go.Figure()
    if ranges.empty:
        return fig
    ranges = ranges.assign(
        label=[
            f"{range_label(r)}<br><b>{short_money(r.min_usd)} – {short_money(r.max_usd)}"
            f"{'+' if r.max_is_lower_bound else ''}</b>"
            for _, r in ranges.iterrows()
        ]
    )
    order = list(dict.fromkeys(ranges["label"]))
    for role, rows in ranges.groupby("role", sort=False):
        hover = [
            f"<b>{r.label}</b><br>{money(r.min_usd)} – {money(r.max_usd)}{'+' if r.max_is_lower_bound else ''}"
            f" ({r.component})<br>Midpoint {money(r.midpoint_usd)}<br>Source: {r.source_title} "
            f"({r.source_publisher})"
            for r in rows.itertuples()
        ]
        fig.add_bar(
            y=rows["label"],
            x=rows["max_usd"] - rows["min_usd"],
            base=rows["min_usd"],
            orientation="h",
            name=role,
            marker_color=role_color(role),
            opacity=0.85,
            hovertext=hover,
            hoverinfo="text",
            legendgroup=role,
        )
    fig.add_scatter(
        y=ranges["label"],
        x=ranges["midpoint_usd"],
        mode="markers",
        name="Midpoint",
        marker=dict(symbol="line-ns", size=22, line=dict(width=3, color=MIDPOINT_COLOR)),
        hovertext=[f"Midpoint {money(m)}" for m in ranges["midpoint_usd"]],
        hoverinfo="text",
    )
    hi = ranges["max_usd"].max()
    if marks is not None and not marks.empty:
        label_of = dict(zip(ranges.apply(range_label, axis=1), ranges["label"], strict=True))
        marks = marks.assign(label=marks.apply(range_label, axis=1).map(label_of)).dropna(subset=["label"])
        fig.add_scatter(
            y=marks["label"],
            x=marks["annual_usd"],
            mode="markers",
            name="Reported figure",
            marker=dict(symbol="diamond", size=11, color="#ffffff", line=dict(width=2, color="#333333")),
            hovertext=[
                f"{STATISTIC_LABELS.get(m.statistic, m.statistic)} {m.component}: "
                f"{money(m.annual_usd)}{' (derived)' if m.derived else ''}<br>"
                f"Source: {m.source_title}"
                for m in marks.itertuples()
            ],
            hoverinfo="text",
        )
        hi = max(hi, marks["annual_usd"].max()) if not marks.empty else hi
    base_layout(fig, height=140 + 62 * len(order), barmode="overlay", xaxis_title="Annual pay (USD)")
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1], automargin=True)
    return money_axis(fig, 0, hi)
