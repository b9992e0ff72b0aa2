"""Plotly figure builders: a DataFrame in, a `go.Figure` out; never Streamlit.

One colour per role and per company, the same on every page. The colours are mid-tones from a
colour-blind-safe palette, readable on Streamlit's light and dark backgrounds; figures keep a
transparent background so the app's theme shows through.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

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
COMPANY_COLORS = {"Market-wide": "#8C8C8C", "Amazon": "#E68A00", "Google": "#3B7DDD"}
FALLBACK_COLOR = "#8C8C8C"

STATISTIC_LABELS = {"min": "Minimum", "p25": "25th percentile", "median": "Median", "mean": "Average",
                    "p75": "75th percentile", "max": "Maximum", "top": "Top earners",
                    "typical": "Reported figure", "gap_to_us_mean": "Gap to US average"}


def role_color(role: str) -> str:
    """The role's colour on every page."""
    return ROLE_COLORS.get(role, FALLBACK_COLOR)


def company_color(company: str) -> str:
    """The company's colour on every page."""
    return COMPANY_COLORS.get(company, FALLBACK_COLOR)


def money(x: float | None) -> str:
    """Full dollars for labels and hovers: $148,688."""
    return "–" if x is None or pd.isna(x) else f"${x:,.0f}"


def short_money(x: float) -> str:
    """Compact dollars for axes: $57.5K, $1.3M."""
    for div, suffix in ((1e6, "M"), (1e3, "K")):
        if abs(x) >= div:
            return f"${x / div:,.1f}".rstrip("0").rstrip(".") + suffix
    return f"${x:,.0f}"


def money_ticks(lo: float, hi: float, count: int = 6) -> tuple[list[float], list[str]]:
    """Round tick values between lo and hi, labelled $57.5K-style."""
    span = max(hi - lo, 1.0)
    raw = span / count
    step = min(m * 10 ** math.floor(math.log10(raw)) for m in (1, 2, 2.5, 5, 10)
                if m * 10 ** math.floor(math.log10(raw)) >= raw)
    first = math.floor(lo / step) * step
    values = [first + i * step for i in range(int((hi - first) / step) + 2)]
    return values, [short_money(v) for v in values]


def money_axis(fig: go.Figure, lo: float, hi: float, axis: str = "x") -> go.Figure:
    """Label a money axis with $57.5K-style ticks and a little room at both ends."""
    values, labels = money_ticks(lo, hi)
    pad = (hi - lo) * 0.04 or hi * 0.04
    update = dict(tickvals=values, ticktext=labels, range=[max(lo - pad, 0) if lo >= 0 else lo - pad, hi + pad])
    fig.update_xaxes(**update) if axis == "x" else fig.update_yaxes(**update)
    return fig


def base_layout(fig: go.Figure, height: int, **layout) -> go.Figure:
    """Shared layout: transparent background, readable margins, legend on top."""
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=40, b=10), paper_bgcolor="rgba(0,0,0,0)",
                      plot_bgcolor="rgba(0,0,0,0)", hoverlabel=dict(align="left"),
                      legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0), **layout)
    return fig


def range_label(row: pd.Series) -> str:
    """Axis label: the role, and the company or level when there is one, wrapped for narrow screens."""
    where = [p for p in (row.get("company"), row.get("level")) if isinstance(p, str) and p != "Market-wide"]
    return wrap(row["role"] + (f" · {' '.join(where)}" if where else ""))


def wrap(text: str, width: int = 22) -> str:
    """Break a label into lines of about width characters, for Plotly (<br>)."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + len(word) >= width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join([*lines, line])


def role_range_chart(ranges: pd.DataFrame, marks: pd.DataFrame | None = None) -> go.Figure:
    """Floating min-to-max bars per role with their midpoint, and reported single figures as marks."""
    fig = go.Figure()
    if ranges.empty:
        return fig
    ranges = ranges.assign(label=[
        f"{range_label(r)}<br><b>{short_money(r.min_usd)} – {short_money(r.max_usd)}"
        f"{'+' if r.max_is_lower_bound else ''}</b>"
        for _, r in ranges.iterrows()])
    order = list(dict.fromkeys(ranges["label"]))
    for role, rows in ranges.groupby("role", sort=False):
        hover = [
            f"<b>{r.label}</b><br>{money(r.min_usd)} – {money(r.max_usd)}{'+' if r.max_is_lower_bound else ''}"
            f" ({r.component})<br>Midpoint {money(r.midpoint_usd)}<br>Source: {r.source_title} "
            f"({r.source_publisher})" for r in rows.itertuples()]
        fig.add_bar(y=rows["label"], x=rows["max_usd"] - rows["min_usd"], base=rows["min_usd"],
                    orientation="h", name=role, marker_color=role_color(role), opacity=0.85,
                    hovertext=hover, hoverinfo="text", legendgroup=role)
    fig.add_scatter(y=ranges["label"], x=ranges["midpoint_usd"], mode="markers", name="Midpoint",
                    marker=dict(symbol="line-ns", size=22, line=dict(width=3, color="#333333")),
                    hovertext=[f"Midpoint {money(m)}" for m in ranges["midpoint_usd"]], hoverinfo="text")
    hi = ranges["max_usd"].max()
    if marks is not None and not marks.empty:
        label_of = dict(zip(ranges.apply(range_label, axis=1), ranges["label"], strict=True))
        marks = marks.assign(label=marks.apply(range_label, axis=1).map(label_of)).dropna(subset=["label"])
        fig.add_scatter(y=marks["label"], x=marks["annual_usd"], mode="markers", name="Reported figure",
                        marker=dict(symbol="diamond", size=11, color="#ffffff", line=dict(width=2, color="#333333")),
                        hovertext=[f"{STATISTIC_LABELS.get(m.statistic, m.statistic)} {m.component}: "
                                   f"{money(m.annual_usd)}{' (derived)' if m.derived else ''}<br>"
                                   f"Source: {m.source_title}" for m in marks.itertuples()], hoverinfo="text")
        hi = max(hi, marks["annual_usd"].max()) if not marks.empty else hi
    base_layout(fig, height=140 + 62 * len(order), barmode="overlay", xaxis_title="Annual pay (USD)")
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1], automargin=True)
    return money_axis(fig, 0, hi)


NO_PAY_TEXT = "no pay figure in the sources"


def _path_wrap(text: str, width: int = 60) -> str:
    """Break a long label or hover line with <br>, so it fits a narrow screen."""
    import textwrap

    lines = textwrap.wrap(str(text).replace("/", "/ "), width, break_long_words=False)
    return "<br>".join(line.replace("/ ", "/") for line in lines)


def _path_rgba(color: str, alpha: float) -> str:
    """A #RRGGBB colour with transparency."""
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def role_pay_text(ranges: pd.DataFrame, role: str, figures: pd.DataFrame | None = None, most: int = 3) -> str:
    """A role's reported pay for a hover: its ranges, market-wide first, else up to `most` single figures."""
    rows = ranges[ranges["role"] == role]
    rows = rows.sort_values("company", key=lambda c: c != "Market-wide", kind="stable")
    lines = [f"{r.company}: {money(r.min_usd)} – {money(r.max_usd)}{'+' if r.max_is_lower_bound else ''} "
             f"a year ({r.component})<br>Source: {_path_wrap(r.source_title, 56)}" for r in rows.itertuples()]
    singles = figures[figures["role"] == role] if figures is not None else pd.DataFrame()
    if not lines:
        lines = [f"{' '.join(p for p in (r.company, r.level) if isinstance(p, str))}: "
                 f"{STATISTIC_LABELS.get(r.statistic, r.statistic)} {r.component} {money(r.annual_usd)}"
                 f"{' (derived)' if r.derived else ''}, {r.year}<br>Source: {_path_wrap(r.source_title, 56)}"
                 for r in singles.head(most).itertuples()]
        singles = singles.iloc[most:]
    if lines and len(singles):
        plural = "s" if len(singles) > 1 else ""
        lines.append(f"+ {len(singles)} more single figure{plural} (medians, averages)<br>"
                     "on the Levels and Pay mix pages")
    return "<br>".join(lines) or NO_PAY_TEXT


def career_path_sankey(paths: pd.DataFrame, ranges: pd.DataFrame, highlight: list[str] | tuple[str, ...] = (),
                       figures: pd.DataFrame | None = None, vertical: bool = False) -> go.Figure:
    """The career paths as a Sankey in role colours; chosen roles and their paths stand out.

    Left to right for wide screens; top-down (vertical=True) for phones, where seven seniority
    columns side by side would not leave room for the labels. Every link has the value 1: it is
    a path named in a source, not a count of people.
    """
    fig = go.Figure()
    if paths.empty:
        return fig
    seniority = {**dict(zip(paths.from_role, paths.from_seniority, strict=True)),
                 **dict(zip(paths.to_role, paths.to_seniority, strict=True))}
    nodes = sorted(seniority, key=lambda role: (seniority[role], role))
    index = {role: i for i, role in enumerate(nodes)}
    lit = set(highlight)
    touches = [bool(lit & {a, b}) for a, b in zip(paths.from_role, paths.to_role, strict=True)]
    # Phones: "Ops" keeps six labels apart in one row; the hover gives the full name.
    labels = [_path_wrap(r.replace("Operations", "Ops"), 10) if vertical else _path_wrap(r, 12)
              for r in nodes]
    fig.add_sankey(
        orientation="v" if vertical else "h", arrangement="snap", textfont=dict(size=12),
        node=dict(label=labels, pad=18 if vertical else 12,
                  thickness=14, align="left", sort="input", line=dict(width=0),
                  color=[role_color(r) if r in lit else _path_rgba(role_color(r), 0.4) for r in nodes],
                  customdata=[f"<b>{r}</b>{' (chosen)' if r in lit else ''}<br>Reported pay: "
                              f"{role_pay_text(ranges, r, figures)}" for r in nodes],
                  hovertemplate="%{customdata}<extra></extra>"),
        link=dict(source=[index[r] for r in paths.from_role], target=[index[r] for r in paths.to_role],
                  value=[1] * len(paths), hovertemplate="%{customdata}<extra></extra>",
                  color=[_path_rgba(role_color(a), 0.45) if on else "rgba(140,140,140,0.18)"
                         for a, on in zip(paths.from_role, touches, strict=True)],
                  customdata=[f"<b>{_path_wrap(f'{p.from_role} → {p.to_role}')}</b><br>"
                              f"{_path_wrap(p.note)}<br>Source: {_path_wrap(p.source_title)} "
                              f"({p.source_publisher})"
                              for p in paths.itertuples()]))
    margin = dict(l=10, r=40, t=10, b=10) if vertical else dict(l=10, r=10, t=10, b=10)
    fig.update_layout(height=640 if vertical else 460, margin=margin, paper_bgcolor="rgba(0,0,0,0)",
                      hoverlabel=dict(align="left"))
    return fig
