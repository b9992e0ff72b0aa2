"""Plotly figures of the Levels page: pay per level per source, the head-count pyramid, and the
ladders side by side with their approximate equivalences. DataFrames from analytics.levels in, a
`go.Figure` out; never Streamlit. Each source keeps one colour on every chart; the company colours
are the shared ones from analytics.charts.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from analytics.format import LOW_N, STATISTIC_LABELS, money, short_money
from analytics.levels.tables import disputed_levels, ladder_bands, low_confidence
from analytics.plot import base_layout, company_color

SOURCE_LABELS = {"levelsfyi_kaggle": "levels.fyi (Kaggle)", "seed_001": "Seed article (PM HQ, 2022)"}
# Fixed per source so a source keeps its colour on every chart; mid-tones legible on both themes.
SOURCE_COLORS = {"levelsfyi_kaggle": "#009E73", "kalena_levels": "#CC79A7", "promoready_google": "#D55E00",
                 "seed_001": "#56B4E9"}
SYMBOLS = {"median": "circle", "typical": "diamond", "mean": "x", "min": "triangle-left",
           "max": "triangle-right", "p25": "square", "p75": "square", "top": "star"}
GREY = "#8C8C8C"


def source_label(source_id: str, publisher: str) -> str:
    """A short name for a source in legends."""
    return SOURCE_LABELS.get(source_id, publisher.split(" (")[0])


def _log_ticks(lo: float, hi: float) -> tuple[list[float], list[str]]:
    """1-2-3-5 ticks between lo and hi for a log money axis, labelled $50K-style."""
    powers = range(int(math.log10(lo)) - 1, int(math.log10(hi)) + 2)
    values = [v for v in (m * 10 ** e for e in powers for m in (1, 2, 3, 5)) if lo / 1.25 <= v <= hi * 1.25]
    return values, [short_money(v) for v in values]


def _pay_hover(r) -> str:
    n = "n not reported" if pd.isna(r.sample_size) else f"n = {r.sample_size:,}" + (
        " — small sample, low confidence" if r.sample_size < LOW_N else "")
    role = r.role if isinstance(r.role, str) else "role not stated"
    when = r.year if pd.notna(r.year) else (r.as_of if isinstance(r.as_of, str) else "undated")
    return (f"<b>{r.company} {r.level}</b> · {role}<br>{STATISTIC_LABELS.get(r.statistic, r.statistic)} "
            f"{r.component}: <b>{money(r.annual_usd)}</b><br>{n} · year {when}<br>"
            f"Source: {r.source_title} ({r.source_publisher})")


def level_pay_chart(pay: pd.DataFrame, levels: Sequence[str], company: str) -> go.Figure:
    """One company's levels bottom to top, one mark per source and statistic, on a log pay axis."""
    fig = go.Figure()
    for (source, stat), rows in pay.groupby(["source_id", "statistic"], sort=False):
        color, small = SOURCE_COLORS.get(source, GREY), rows["sample_size"].map(low_confidence).astype(bool)
        source_name = source_label(source, rows["source_publisher"].iloc[0])
        name = f"{source_name} · {STATISTIC_LABELS.get(stat, stat)}"
        fig.add_scatter(x=rows["annual_usd"], y=rows["level"], mode="lines", hoverinfo="skip",
                        showlegend=False, line=dict(color=color, width=1.5, dash="dot"), legendgroup=name)
        # Small samples get open marks and a label; the legend shows the ordinary (filled) mark.
        for is_small, part in rows.groupby(small.to_numpy(), sort=True):
            fig.add_scatter(
                x=part["annual_usd"], y=part["level"], mode="markers+text", name=name, legendgroup=name,
                showlegend=bool(not is_small or small.all()), textposition="top center",
                marker=dict(size=11, color=color, line=dict(width=2, color=color),
                            symbol=SYMBOLS.get(stat, "circle") + ("-open" if is_small else "")),
                text=[f"n={n} low" if is_small else "" for n in part["sample_size"]],
                textfont=dict(size=10, color=color), hovertext=[_pay_hover(r) for r in part.itertuples()],
                hoverinfo="text")
    positive = pay["annual_usd"][pay["annual_usd"] > 0]
    lo, hi = (positive.min(), positive.max()) if not positive.empty else (1e5, 1e6)
    empty = [lv for lv in levels if lv not in set(pay["level"])]
    if empty:
        fig.add_scatter(x=[lo / 1.2] * len(empty), y=empty, mode="text", hoverinfo="skip", showlegend=False,
                        text=["no pay reported"] * len(empty), textposition="middle right",
                        textfont=dict(color=GREY, size=11))
    values, labels = _log_ticks(lo, hi)
    base_layout(fig, height=150 + 40 * len(levels) + 22 * len(fig.data),
                title=dict(text=f"{company}: reported pay by level", x=0, y=1, yanchor="top",
                           yref="container", pad=dict(t=8), font=dict(size=15)))
    fig.update_layout(margin=dict(t=40), legend=dict(y=-0.18, yanchor="top", font=dict(size=11)))
    fig.update_xaxes(type="log", tickvals=values, ticktext=labels, title="Annual pay (USD, log scale)",
                     range=[math.log10(lo / 1.25), math.log10(hi * 1.25)])
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=list(levels), automargin=True)
    return fig


def headcount_pyramid(counts: pd.DataFrame) -> go.Figure:
    """The head-count hints as a centred pyramid whose widths grow with the order of magnitude (log)."""
    widths = counts["order_of_magnitude"].map(lambda m: math.log10(m) + 1)
    labels = [f"{r.levels}: {r.hint}" for r in counts.itertuples()]
    hover = [f"<b>{r.levels}</b>: “{r.hint}”<br>~{r.order_of_magnitude:,}: the order of magnitude implied "
             f"by the hint, not a count<br>Source: {r.source_title}, {r.as_of}" for r in counts.itertuples()]
    fig = go.Figure(go.Bar(
        y=labels, x=widths, base=-widths / 2, orientation="h", opacity=0.85, hovertext=hover,
        hoverinfo="text", marker_color=[company_color(c) for c in counts["company"]], textposition="inside",
        text=[f"~{m:,}" for m in counts["order_of_magnitude"]], insidetextanchor="middle"))
    base_layout(fig, height=90 + 44 * len(counts), showlegend=False)
    fig.update_layout(margin=dict(t=10))
    fig.update_xaxes(showticklabels=False, zeroline=False, showgrid=False,
                     title="Width: order of magnitude, log scale<br>(approximate, not a count)")
    fig.update_yaxes(categoryorder="array", categoryarray=labels[::-1], automargin=True)
    return fig


def _rung_text(rows: pd.DataFrame, disputed: bool) -> str:
    """'L5 PM II / Senior Product Manager (sources differ)', wrapped, the level in bold."""
    titles = " / ".join(dict.fromkeys(p for title in rows["title"] for p in title.split(" / ")))
    level = rows["level"].iloc[0]
    lines = textwrap.wrap(f"{level} {titles}{' (sources differ)' if disputed else ''}", 25)
    return "<br>".join([f"<b>{level}</b>{lines[0][len(level):]}", *lines[1:]])


def _rung_hover(rows: pd.DataFrame) -> str:
    lines = [f"<b>{rows['company'].iloc[0]} {rows['level'].iloc[0]}</b>"]
    for r in rows.itertuples():
        extra = "".join(f"<br>   {label}: {v}" for label, v in (("PM titles", r.pm_titles), ("Who", r.who),
                                                                 ("Note", r.note)) if isinstance(v, str))
        when = r.as_of if isinstance(r.as_of, str) else "undated"
        lines.append(f"{r.title} — {'; '.join(r.sources)} ({when}){extra}")
    return "<br>".join(lines)


def ladder_chart(ladder: pd.DataFrame, equivalences: pd.DataFrame) -> go.Figure:
    """The ladders side by side, rungs at each company's own level number, joined by approximate equivalences.

    A title that one source gives to several levels (a band) is drawn as a shaded box with a legend
    entry instead of being repeated on every rung.
    """
    fig, companies = go.Figure(), list(dict.fromkeys(ladder["company"]))
    xs = {c: i for i, c in enumerate(companies)}
    disputed = set(map(tuple, disputed_levels(ladder)[["company", "level"]].to_numpy()))
    bands = ladder_bands(ladder)
    key = ["company", "source_ids", "title"]
    band_keys = set(map(tuple, bands[key].to_numpy()))
    own_titles = ladder[[k not in band_keys for k in map(tuple, ladder[key].to_numpy())]]
    rungs: dict[tuple[str, str], float] = {}
    for company in companies:
        groups = list(ladder[ladder["company"] == company].groupby("level", sort=False))
        ys = [rows["rank"].iloc[0] for _, rows in groups]
        rungs.update({(company, level): y for (level, _), y in zip(groups, ys, strict=True)})
        own = [own_titles[own_titles.index.isin(rows.index)] for _, rows in groups]
        texts = [_rung_text(o if not o.empty else rows, (company, lv) in disputed)
                 for o, (lv, rows) in zip(own, groups, strict=True)]
        # An en space between the rung and every line of its label, on whichever side the label sits.
        pad = "{}\u2002" if xs[company] == 0 else "\u2002{}"
        texts = ["<br>".join(pad.format(line) for line in t.split("<br>")) for t in texts]
        rung = dict(symbol="line-ew", size=28, line=dict(width=4, color=company_color(company)))
        fig.add_scatter(x=[xs[company]] * len(groups), y=ys, mode="markers+text", showlegend=False,
                        text=texts, marker=rung,
                        textposition="middle left" if xs[company] == 0 else "middle right",
                        textfont=dict(size=11), hovertext=[_rung_hover(rows) for _, rows in groups],
                        hoverinfo="text")
    for b in bands.itertuples():
        x, color = xs[b.company], company_color(b.company)
        fig.add_shape(type="rect", x0=x - 0.2, x1=x + 0.2, y0=b.low - 0.3, y1=b.high + 0.3,
                      layer="below", line=dict(width=1, color=color, dash="dot"), fillcolor=color,
                      opacity=0.2)
        fig.add_scatter(x=[None], y=[None], mode="markers",
                        marker=dict(symbol="square", size=12, color=color, opacity=0.4),
                        name=f"{b.company} {b.first}–{b.last}: “{b.title}”<br>({'; '.join(b.sources)}, {b.as_of})")
    for i, e in enumerate(e for e in equivalences.itertuples()
                          if (e.company_a, e.level_a) in rungs and (e.company_b, e.level_b) in rungs):
        x0, x1 = xs[e.company_a], xs[e.company_b]
        y0, y1 = rungs[(e.company_a, e.level_a)], rungs[(e.company_b, e.level_b)]
        fig.add_scatter(x=[x0, (x0 + x1) / 2, x1], y=[y0, (y0 + y1) / 2, y1], mode="lines+text",
                        line=dict(color=GREY, width=2, dash="dash"), text=["", "≈ approximate", ""],
                        textposition="top center", textfont=dict(size=11, color=GREY), hoverinfo="text",
                        hovertext=f"{e.company_a} {e.level_a} ≈ {e.company_b} {e.level_b} (approximate)<br>"
                                  f"{e.note}<br>Sources: {e.sources}",
                        name="≈ approximate equivalence", legendgroup="equivalence", showlegend=i == 0)
    ys = list(rungs.values()) or [0.0]
    base_layout(fig, height=150 + 54 * (max(ys) - min(ys) + 1))
    fig.update_layout(margin=dict(t=30), legend=dict(y=-0.02, yanchor="top", font=dict(size=11)))
    fig.update_xaxes(range=[-1.75, len(companies) - 1 + 1.75], tickvals=list(xs.values()), side="top",
                     ticktext=[f"<b>{c}</b>" for c in companies], showgrid=False, zeroline=False)
    fig.update_yaxes(visible=False, range=[min(ys) - 0.7, max(ys) + 0.7])
    return fig

