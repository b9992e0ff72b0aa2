"""Plotly figures of a user's bands and people: DataFrame in, go.Figure out; never Streamlit.

`band_chart` draws one family's ladder in one zone: each level's range as a bar from minimum to
maximum with its midpoint, and every person as a dot coloured by where they sit (below, inside,
above). At most MAX_DOTS people are drawn (an even sample, said in the title), so a million-row
file still draws. `group_chart` draws median compa-ratios per level and group and writes
"fewer than 5: not shown" where a group is suppressed. `market_chart` places band midpoints
against the BLS percentiles of the chosen occupation.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics.format import short_money

MAX_DOTS = 5_000
POSITION_COLORS = {"below": "#D55E00", "inside": "#0072B2", "above": "#CC79A7"}
POSITION_NAMES = {"below": "below the minimum", "inside": "inside the range", "above": "above the maximum"}
GROUP_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999933", "#8C8C8C"]
PERCENTILE_DASH = {10: "dot", 25: "dash", 50: "solid", 75: "dash", 90: "dot"}


def _layout(fig: go.Figure, title: str, y_title: str) -> go.Figure:
    fig.update_layout(
        title=title,
        yaxis_title=y_title,
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        legend={"orientation": "h", "y": -0.15},
        hovermode="closest",
    )
    return fig


def band_chart(ladder: pd.DataFrame, people: pd.DataFrame, family: str, zone: str | None) -> go.Figure:
    """One family's bands in one zone as ranges, with every person as a dot on their band."""
    bands = ladder[(ladder["family"] == family) & (ladder["zone"].fillna("") == (zone or ""))]
    currency = bands["currency"].iloc[0] if len(bands) else ""
    fig = go.Figure()
    fig.add_bar(
        x=bands["level"],
        y=bands["max"] - bands["min"],
        base=bands["min"],
        name="band (min to max)",
        marker={"color": "rgba(140,140,140,0.35)"},
        width=0.6,
        customdata=bands[["min", "max", "midpoint"]].to_numpy(),
        hovertemplate="%{x}: %{customdata[0]:,.0f} to %{customdata[1]:,.0f}, "
        "midpoint %{customdata[2]:,.0f}<extra></extra>",
    )
    fig.add_scatter(
        x=bands["level"],
        y=bands["midpoint"],
        mode="markers",
        name="midpoint",
        marker={"symbol": "line-ew-open", "size": 28, "color": "#333333", "line": {"width": 2}},
    )
    mine = people[(people["family"] == family) & (people["zone"].fillna("") == (zone or ""))]
    sampled = len(mine) > MAX_DOTS
    if sampled:
        mine = mine.iloc[:: -(-len(mine) // MAX_DOTS)]
    where = mine["position"].map(lambda p: p if p in ("below", "above") else "inside")
    for key, name in POSITION_NAMES.items():
        part = mine[where == key]
        fig.add_scatter(
            x=part["level"],
            y=part["base"],
            mode="markers",
            name=f"people {name}",
            marker={"size": 7, "opacity": 0.7, "color": POSITION_COLORS[key]},
            customdata=part[["person_id", "compa_ratio", "penetration"]].to_numpy(),
            hovertemplate="%{customdata[0]}: %{y:,.0f}, compa-ratio %{customdata[1]:.2f}, "
            "penetration %{customdata[2]:.0%}<extra></extra>",
        )
    fig.update_layout(scattermode="group", barmode="overlay")
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=list(bands["level"]))
    title = f"{family}{' · ' + zone if zone else ''}: bands and people ({currency})"
    if sampled:
        title += f" · every {-(-len(people[people['family'] == family]) // MAX_DOTS)}th person drawn"
    return _layout(fig, title, f"Base pay ({currency})")


def group_chart(groups: pd.DataFrame) -> go.Figure:
    """Median compa-ratio per level and group; suppressed groups are labelled, not drawn."""
    fig = go.Figure()
    levels = list(dict.fromkeys(groups["level"]))
    for i, (group, part) in enumerate(groups.groupby("group", sort=True)):
        shown = part[part["shown"]]
        fig.add_bar(
            x=shown["level"],
            y=shown["median_compa_ratio"],
            name=str(group),
            marker={"color": GROUP_COLORS[i % len(GROUP_COLORS)]},
            text=[f"{v:.2f}" for v in shown["median_compa_ratio"]],
            textposition="outside",
            customdata=shown[["people"]].to_numpy(),
            hovertemplate=f"{group}, %{{x}}: median %{{y:.3f}} (%{{customdata[0]}} people)<extra></extra>",
        )
    hidden = groups[~groups["shown"]].groupby("level", sort=False)["group"].apply(lambda g: ", ".join(map(str, g)))
    # A suppressed group is named under its level's label, never drawn: no bar, no value.
    ticks = [f"{level}<br><sub>not shown: {hidden[level]}</sub>" if level in hidden else level for level in levels]
    fig.add_hline(y=1.0, line_dash="dot", line_color="#8C8C8C")
    fig.update_layout(barmode="group")
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=levels, tickvals=levels, ticktext=ticks)
    return _layout(
        fig,
        "Median compa-ratio by level and group (fewer than 5 people: not shown)",
        "Median compa-ratio (1 = at the midpoint)",
    )


def market_chart(pricing: pd.DataFrame, occupation: str, area: str) -> go.Figure:
    """Each US-dollar band's midpoint as a dot against the BLS percentile lines of one occupation and area."""
    usd = pricing[pricing["currency"] == "USD"].iloc[::-1]  # first band at the top
    labels = [
        " · ".join(str(x) for x in (r.family, r.zone, r.level) if isinstance(x, str) and x) for r in usd.itertuples()
    ]
    fig = go.Figure()
    fig.add_scatter(
        y=labels,
        x=usd["midpoint"],
        mode="markers",
        name="band midpoint",
        marker={"size": 9, "color": "#0072B2"},
        customdata=usd[["market_position"]].to_numpy(),
        hovertemplate="%{y}: %{x:,.0f}, %{customdata[0]}<extra></extra>",
    )
    for p, dash in PERCENTILE_DASH.items():
        column = f"bls_p{p}"
        if column in usd and usd[column].notna().any():
            value = float(usd[column].iloc[0])
            capped = bool(usd[f"{column}_top_coded"].iloc[0])
            fig.add_vline(
                x=value,
                line_dash=dash,
                line_color="#8C8C8C",
                annotation_textangle=-90,
                annotation_text=f"{p}th{' ≥' if capped else ''} {short_money(value)}",
                annotation_position="top",
                annotation_font_size=10,
            )
    fig.update_yaxes(type="category", automargin=True)
    fig.update_layout(height=max(320, 140 + 18 * len(usd)))
    fig = _layout(fig, f"Band midpoints against BLS percentiles: {occupation}, {area}", "")
    return fig.update_layout(xaxis={"tickformat": "$,.0f", "title": "Annual pay (USD)"}, margin={"t": 110})
