"""Plotly figures of a user's bands and people: DataFrame in, go.Figure out; never Streamlit.

Each figure has no title of its own: its title (`*_title`) goes above it as text, which wraps on a phone where
a Plotly title is cut. Legends sit above the plot, clear of the axis labels below it.

`band_chart` draws one family's ladder in one zone: each level's range as a bar from minimum to
maximum with its midpoint, and every person as a dot coloured by where they sit (below, inside,
above). At most MAX_DOTS people are drawn (an even sample, said in the title), so a million-row
file still draws. `group_chart` draws median compa-ratios per level and group; a suppressed group is not
drawn, its level says how many were not shown, and a level with every group suppressed keeps its place with
a note. `market_chart` places each band's midpoint among the BLS percentiles of its own occupation and area.
Levels keep ladder order (the order of the frames they are given) on every axis.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics.format import short_money

MAX_DOTS = 5_000
MAX_MARKET_BANDS = 150
"""Most bands drawn in the market chart (its table and download hold every band)."""
POSITION_COLORS = {"below": "#D55E00", "inside": "#0072B2", "above": "#CC79A7"}
POSITION_NAMES = {"below": "below the minimum", "inside": "inside the range", "above": "above the maximum"}
GROUP_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999933", "#8C8C8C"]
GREY = "#8C8C8C"
BAND_GREY = "rgba(140,140,140,0.35)"
MIDPOINT_BLUE = "#0072B2"
MEDIAN_COLOR = "#808080"  # a mid grey: seen on the light and the dark theme, on a band and off it


def _layout(fig: go.Figure, y_title: str, top: int = 40) -> go.Figure:
    fig.update_layout(
        yaxis_title=y_title,
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        margin={"l": 10, "r": 10, "t": top, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        hovermode="closest",
    )
    return fig


def band_chart_title(ladder: pd.DataFrame, people: pd.DataFrame, family: str, zone: str | None) -> str:
    """The band chart's title: the family, zone and currency, and how many people are drawn when not all."""
    bands = ladder[(ladder["family"] == family) & (ladder["zone"].fillna("") == (zone or ""))]
    currency = bands["currency"].iloc[0] if len(bands) else ""
    title = f"{family}{' · ' + zone if zone else ''}: bands and people ({currency})"
    mine = people[(people["family"] == family) & (people["zone"].fillna("") == (zone or ""))]
    if len(mine) > MAX_DOTS:
        title += f" · every {-(-len(mine) // MAX_DOTS)}th person drawn"
    return title


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
        marker={"color": BAND_GREY},
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
        marker={"symbol": "line-ew-open", "size": 28, "color": MEDIAN_COLOR, "line": {"width": 3}},
    )
    mine = people[(people["family"] == family) & (people["zone"].fillna("") == (zone or ""))]
    if len(mine) > MAX_DOTS:
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
    levels = list(bands["level"])
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=levels, range=[-0.5, len(levels) - 0.5])
    return _layout(fig, f"Base pay ({currency})")


GROUP_TITLE = "Median compa-ratio by level and group"


def group_hidden(groups: pd.DataFrame) -> dict[str, list[str]]:
    """Per level, in ladder order, the groups not shown (fewer than 5 people)."""
    hidden = groups[~groups["shown"]]
    return {str(level): [str(g) for g in part["group"]] for level, part in hidden.groupby("level", sort=False)}


def group_chart(groups: pd.DataFrame) -> go.Figure:
    """Median compa-ratio per level and group; suppressed groups are counted under their level, not drawn, and a
    level with every group suppressed keeps its place on the axis with a note."""
    fig = go.Figure()
    levels = [str(level) for level in dict.fromkeys(groups["level"])]
    for i, (group, part) in enumerate(groups.groupby("group", sort=True)):
        shown = part[part["shown"]]
        if shown.empty:
            continue  # nothing to draw, so no legend entry; the colours stay those of every group in order
        fig.add_bar(
            x=shown["level"].astype(str),
            y=shown["median_compa_ratio"],
            name=str(group),
            marker={"color": GROUP_COLORS[i % len(GROUP_COLORS)]},
            text=[f"{v:.2f}" for v in shown["median_compa_ratio"]],
            textposition="inside",
            insidetextanchor="end",
            textangle=0,
            customdata=shown[["people"]].to_numpy(),
            hovertemplate=f"{group}, %{{x}}: median %{{y:.3f}} (%{{customdata[0]}} people)<extra></extra>",
        )
    hidden = group_hidden(groups)
    # A suppressed group is counted under its level's label, never drawn: no bar, no value.
    ticks = [f"{level}<br><sub>{len(hidden[level])} not shown</sub>" if level in hidden else level for level in levels]
    empty = [level for level in levels if not groups.loc[groups["level"].astype(str) == level, "shown"].any()]
    for level in empty:
        fig.add_annotation(
            x=level,
            y=0,
            yanchor="bottom",
            text="fewer than 5<br>in every group",
            showarrow=False,
            font={"size": 11, "color": GREY},
        )
    fig.add_hline(y=1.0, line_dash="dot", line_color=GREY, layer="below")
    fig.update_layout(barmode="group", uniformtext={"minsize": 9, "mode": "hide"})
    fig.update_xaxes(
        type="category",
        categoryorder="array",
        categoryarray=levels,
        tickvals=levels,
        ticktext=ticks,
        range=[-0.5, len(levels) - 0.5],
    )
    top = max([1.1, *groups["median_compa_ratio"].dropna()]) * 1.05
    fig.update_yaxes(range=[0, top])
    return _layout(fig, "Median compa-ratio (1 = midpoint)")


def _band_label(row) -> str:
    return " · ".join(str(x) for x in (row.family, row.zone, row.level) if isinstance(x, str) and x)


def market_chart(pricing: pd.DataFrame) -> go.Figure:
    """Each priced band's midpoint (a dot) against its own cell's BLS percentiles: a thin line from the 10th to
    the 90th, a thick one from the 25th to the 75th and a tick at the median; first band at the top."""
    priced = pricing[pricing["priced"]].head(MAX_MARKET_BANDS)
    labels = [_band_label(r) for r in priced.itertuples()]
    cells = [f"{r.occupation_title}, {r.area_name}" for r in priced.itertuples()]
    fig = go.Figure()
    for low, high, name, width in (
        ("bls_p10", "bls_p90", "BLS 10th to 90th", 2),
        ("bls_p25", "bls_p75", "BLS 25th to 75th", 9),
    ):
        xs, ys = [], []
        for label, lo, hi in zip(labels, priced[low], priced[high], strict=True):
            if pd.notna(lo) and pd.notna(hi):
                xs += [lo, hi, None]
                ys += [label, label, None]
        fig.add_scatter(
            x=xs,
            y=ys,
            mode="lines",
            name=name,
            line={"color": BAND_GREY if width > 2 else GREY, "width": width},
            hoverinfo="skip",
        )
    fig.add_scatter(
        x=priced["bls_p50"],
        y=labels,
        mode="markers",
        name="BLS median",
        marker={"symbol": "line-ns-open", "size": 14, "color": MEDIAN_COLOR, "line": {"width": 3}},
        customdata=[
            [c, short_money(v) if pd.notna(v) else "not released"]
            for c, v in zip(cells, priced["bls_p50"], strict=True)
        ],
        hovertemplate="%{customdata[0]}: median %{customdata[1]}<extra></extra>",
    )
    fig.add_scatter(
        x=priced["midpoint"],
        y=labels,
        mode="markers",
        name="band midpoint",
        marker={"size": 9, "color": MIDPOINT_BLUE},
        customdata=priced[["market_position"]].assign(cell=cells).to_numpy(),
        hovertemplate="%{y}: %{x:,.0f}, %{customdata[0]} for %{customdata[1]}<extra></extra>",
    )
    fig.update_yaxes(
        type="category", categoryorder="array", categoryarray=labels, autorange="reversed", automargin=True
    )
    fig.update_xaxes(tickformat="$,.0f", title="Annual pay (USD)")
    fig.update_layout(height=max(320, 120 + 22 * len(priced)))
    return _layout(fig, "")


def market_title(pricing: pd.DataFrame) -> str:
    """The market chart's title, saying how many bands it leaves out."""
    priced = int(pricing["priced"].sum())
    title = "Band midpoints against BLS wages of each band's occupation and area"
    if priced > MAX_MARKET_BANDS:
        title += f" (the first {MAX_MARKET_BANDS:,} of {priced:,} priced bands drawn)"
    return title
