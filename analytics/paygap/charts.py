"""Plotly figures of the pay gap report: DataFrame in, go.Figure out; never Streamlit.

`quartile_chart` draws the four quartile pay bands as stacked bars of women's and men's shares;
`category_gap_chart` draws each category's mean gap on total hourly pay with the ±5% lines of
Article 10; `decomposition_chart` draws the explained and unexplained parts with their confidence
intervals, for everyone and each decomposed category. A suppressed band or category gets no bar and
no value: its axis label reads SUPPRESSED, so the figure's data hold nothing the tables hide.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics.format import wrap
from analytics.paygap.decomposition import Decomposition
from analytics.paygap.definitions import JOINT_ASSESSMENT_THRESHOLD, SUPPRESSED
from analytics.plot import base_layout

WOMEN_COLOR, MEN_COLOR = "#E69F00", "#0072B2"
FLAGGED_COLOR, UNFLAGGED_COLOR = "#D55E00", "#8C8C8C"
EXPLAINED_COLOR, UNEXPLAINED_COLOR = "#009E73", "#CC79A7"


def _label(text: str, hidden: bool) -> str:
    return f"{wrap(text, 28)}<br><sub>{SUPPRESSED}</sub>" if hidden else wrap(text, 28)


def _margins(fig: go.Figure) -> go.Figure:
    """Room for the title and legend above, and axis labels that are never cut off."""
    fig.update_yaxes(automargin=True)
    fig.update_xaxes(automargin=True)
    return fig.update_layout(margin={"t": 90, "b": 40}, legend={"traceorder": "normal"})


def quartile_chart(bands: pd.DataFrame) -> go.Figure:
    """Women's and men's shares of each quartile pay band as stacked bars, the upper band on top."""
    rows = bands.iloc[::-1]
    labels = [_label(f"{r.name.capitalize()} quartile", not r.shown) for r in rows.itertuples()]
    shown = rows["shown"].to_numpy()
    fig = go.Figure()
    for column, name, color in (("women_pct", "women", WOMEN_COLOR), ("men_pct", "men", MEN_COLOR)):
        values = rows[column].where(shown)
        fig.add_bar(
            y=[label for label, ok in zip(labels, shown, strict=True) if ok],
            x=values[shown].tolist(),
            name=name,
            orientation="h",
            marker={"color": color},
            text=[f"{v:.0f}%" for v in values[shown]],
            textposition="inside",
            hovertemplate=f"{name}: %{{x:.1f}}%<extra></extra>",
        )
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=labels, tickvals=labels, ticktext=labels)
    fig.update_xaxes(range=[0, 100], ticksuffix="%", title="Share of the band")
    base_layout(fig, 320, barmode="stack", title="Women and men in each quartile pay band")
    return _margins(fig)


def category_gap_chart(categories: pd.DataFrame, overall: float | None = None) -> go.Figure:
    """Each category's mean gap on total hourly pay as a bar, with the ±5% joint-assessment lines."""
    rows = categories.iloc[::-1]
    labels = [_label(r.category, not r.shown) for r in rows.itertuples()]
    shown = rows["shown"].to_numpy()
    visible = rows[shown]
    fig = go.Figure()
    fig.add_bar(
        y=[label for label, ok in zip(labels, shown, strict=True) if ok],
        x=visible["total_gap"].tolist(),
        orientation="h",
        name="mean gap, total hourly pay",
        marker={"color": [FLAGGED_COLOR if f else UNFLAGGED_COLOR for f in visible["joint_assessment"]]},
        customdata=visible[["basic_gap"]].to_numpy(),
        hovertemplate="%{y}: total %{x:.1f}%, basic %{customdata[0]:.1f}%<extra></extra>",
    )
    fig.add_scatter(
        y=[label for label, ok in zip(labels, shown, strict=True) if ok],
        x=visible["basic_gap"].tolist(),
        mode="markers",
        name="mean gap, basic hourly pay",
        marker={"symbol": "line-ns-open", "size": 14, "color": "#333333", "line": {"width": 2}},
        hoverinfo="skip",
    )
    for x in (JOINT_ASSESSMENT_THRESHOLD, -JOINT_ASSESSMENT_THRESHOLD):
        fig.add_vline(
            x=x,
            line_dash="dash",
            line_color=FLAGGED_COLOR,
            annotation_text=f"{x:+g}%",
            annotation_position="top",
        )
    if overall is not None and pd.notna(overall):
        fig.add_vline(x=overall, line_dash="dot", line_color="#333333", annotation_text=f"all: {overall:.1f}%")
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=labels, tickvals=labels, ticktext=labels)
    fig.update_xaxes(ticksuffix="%", title="(men − women) ÷ men × 100; above 0: women paid less", zeroline=True)
    height = max(320, 120 + 28 * len(rows))
    base_layout(fig, height, title="Gap per category of workers (orange: joint pay assessment)")
    return _margins(fig)


def decomposition_chart(overall: Decomposition | None, categories: list[Decomposition]) -> go.Figure:
    """Explained and unexplained parts as percent gaps with 95% intervals, for everyone and each category."""
    scopes = [x for x in [overall, *categories] if x is not None and x.estimated]
    left = [x.scope for x in [overall, *categories] if x is not None and not x.estimated]
    labels = [wrap(x.scope, 28) for x in scopes][::-1]
    fig = go.Figure()
    for attr, name, color in (
        ("explained", "explained", EXPLAINED_COLOR),
        ("unexplained", "unexplained", UNEXPLAINED_COLOR),
    ):
        pct = [getattr(x, attr).percent for x in scopes][::-1]
        fig.add_bar(
            y=labels,
            x=[p[0] for p in pct],
            name=name,
            orientation="h",
            marker={"color": color},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": [p[2] - p[0] for p in pct],
                "arrayminus": [p[0] - p[1] for p in pct],
                "color": "#333333",
            },
            hovertemplate=f"%{{y}}: {name} %{{x:.1f}}%<extra></extra>",
        )
    fig.add_vline(x=0, line_color="#8C8C8C")
    title = "Explained and unexplained gap (percent, 95% interval)"
    if left:
        title += f" · {len(left)} not decomposed (too few people)"
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=labels)
    fig.update_xaxes(ticksuffix="%", title="Gap in percent: 100 × (1 − e^(−log points))")
    base_layout(fig, max(300, 120 + 40 * len(scopes)), barmode="group", title=title)
    return _margins(fig)
