"""Plotly figure builders: a DataFrame in, a `go.Figure` out; never Streamlit.

One colour per role and per company, the same on every page. The colours are mid-tones from a
colour-blind-safe palette, readable on Streamlit's light and dark backgrounds; figures keep a
transparent background so the app's theme shows through.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics.format import MARKET, wrap

# Okabe-Ito and Plotly "Safe" mid-tones: distinct for colour-blind readers, legible on both themes.
ROLE_COLORS = {
    "Product Coordinator": "#E69F00",
    "Assistant/Associate Product Manager": "#56B4E9",
    "Product Manager": "#009E73",
    "Senior Product Manager": "#CC79A7",
    "Group Product Manager": "#D55E00",
    "Director of Product": "#0072B2",
    "VP of Product": "#AA4499",
    "Chief Product Officer": "#882255",
    "Technical Product Manager": "#44AA99",
    "Product Operations": "#999933",
    "Program Manager": "#DDCC77",
    "Customer Success": "#88CCEE",
    "Marketing Operations": "#117733",
    "UX Research": "#332288",
}
COMPANY_COLORS = {MARKET: "#8C8C8C", "Amazon": "#E68A00", "Google": "#3B7DDD"}
FALLBACK_COLOR = "#8C8C8C"


def role_color(role: str) -> str:
    """The role's colour on every page."""
    return ROLE_COLORS.get(role, FALLBACK_COLOR)


def company_color(company: str) -> str:
    """The company's colour on every page."""
    return COMPANY_COLORS.get(company, FALLBACK_COLOR)


def money_axis(
    fig: go.Figure, lo: float, hi: float, axis: str = "x", ticks: int = 7, hourly: bool = False
) -> go.Figure:
    """A money axis with compact round ticks ($150k, $1.2M; $80 an hour) and a little room at both ends."""
    pad = (hi - lo) * 0.04 or hi * 0.04
    update = dict(
        tickprefix="$",
        tickformat=",.0f" if hourly else "~s",
        nticks=ticks,
        range=[max(lo - pad, 0) if lo >= 0 else lo - pad, hi + pad],
    )
    fig.update_xaxes(**update) if axis == "x" else fig.update_yaxes(**update)
    return fig


def base_layout(fig: go.Figure, height: int, **layout) -> go.Figure:
    """Shared layout: transparent background, readable margins, legend on top."""
    fig.update_layout(
        height=height,
        margin=dict(l=10, r=10, t=40, b=10),
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        hoverlabel=dict(align="left"),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
        **layout,
    )
    return fig


def range_label(row: pd.Series) -> str:
    """Axis label: the role, and the company or level when there is one, wrapped for narrow screens."""
    where = [p for p in (row.get("company"), row.get("level")) if isinstance(p, str) and p != MARKET]
    return wrap(row["role"] + (f" · {' '.join(where)}" if where else ""))
