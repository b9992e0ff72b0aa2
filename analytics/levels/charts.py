"""Plotly figures of the Levels page: pay per level per source, the head-count pyramid, and the
ladders side by side with their approximate equivalences. DataFrames from analytics.levels.queries
and analytics.levels.tables in, a `go.Figure` out; never Streamlit. Each source keeps one colour on
every chart; the company colours are the shared ones from analytics.plot.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from analytics.format import LOW_N, money, short_money
from analytics.levels.tables import (
    DATA_SETS,
    DISPUTED,
    LABELS,
    SPREAD,
    SPREAD_SOURCE,
    disputed_levels,
    ladder_bands,
    low_confidence,
)
from analytics.plot import base_layout, company_color

SOURCE_LABELS = {
    "levelsfyi_kaggle": "levels.fyi (Kaggle)",
    "levelsfyi_kaggle_spread": "levels.fyi spread (Kaggle)",
    "seed_001": "Seed article (PM HQ, 2022)",
}
# Fixed per source so a source keeps its colour on every chart; mid-tones legible on both themes.
SOURCE_COLORS = {
    "levelsfyi_kaggle": "#009E73",
    "levelsfyi_kaggle_spread": "#009E73",
    "kalena_levels": "#CC79A7",
    "promoready_google": "#D55E00",
    "seed_001": "#56B4E9",
}
SYMBOLS = {
    "median": "circle",
    "typical": "diamond",
    "mean": "x",
    "min": "triangle-left",
    "max": "triangle-right",
    "p10": "hourglass",
    "p25": "triangle-up",
    "p75": "triangle-down",
    "p90": "bowtie",
    "top": "star",
}
SHORT = {
    "p10": "10th",
    "p25": "25th",
    "p75": "75th",
    "p90": "90th",
    "top": "top",
    "median": "median",
    "mean": "average",
    "min": "min",
    "max": "max",
    "typical": "reported",
}
GREY = "#8C8C8C"
DISPUTED_COLOR = "#E0294A"  # a red no source uses; legible on light and dark


def source_label(source_id: str, publisher: str) -> str:
    """A short name for a source in legends."""
    return SOURCE_LABELS.get(source_id, publisher.split(" (")[0])


def _log_ticks(lo: float, hi: float) -> tuple[list[float], list[str]]:
    """1-2-3-5 ticks between lo and hi for a log money axis, labelled $50K-style."""
    powers = range(int(math.log10(lo)) - 1, int(math.log10(hi)) + 2)
    values = [v for v in (m * 10**e for e in powers for m in (1, 2, 3, 5)) if lo / 1.25 <= v <= hi * 1.25]
    return values, [short_money(v) for v in values]


def _n_text(n: object) -> str:
    if pd.isna(n):
        return "n not reported"
    return f"n = {int(n):,}" + (" — small sample, low confidence" if n < LOW_N else "")


def _pay_hover(pay: pd.DataFrame) -> list[str]:
    """One hover text per figure, built column-wise."""
    roles = pay["role"].where(pay["role"].notna(), "role not stated")
    when = [
        f"year {int(y)}" if pd.notna(y) else (a if isinstance(a, str) else "undated")
        for y, a in zip(pay["year"], pay["as_of"], strict=True)
    ]
    reported = pay["annual_usd_reported"] if "annual_usd_reported" in pay else pay["annual_usd"]
    return [
        f"<b>{c} {lv}</b> · {role}<br>{LABELS.get(st, st)} {comp}: <b>{money(v)}</b>"
        + (f" (reported {money(r)})" if pd.notna(r) and r != v else "")
        + f"<br>{_n_text(n)} · {w}<br>Source: {t} ({pub})"
        for c, lv, role, st, comp, v, r, n, w, t, pub in zip(
            pay["company"],
            pay["level"],
            roles,
            pay["statistic"],
            pay["component"],
            pay["annual_usd"],
            reported,
            pay["sample_size"],
            when,
            pay["source_title"],
            pay["source_publisher"],
            strict=True,
        )
    ]


def _category(pay: pd.DataFrame) -> pd.Series:
    return pay["company"] + " " + pay["level"]


def _spread_boxes(fig: go.Figure, spread: pd.DataFrame, pay: pd.DataFrame) -> None:
    """levels.fyi-style boxes, 25th to 75th percentile with whiskers to the 10th and 90th, one trace per
    confidence (small samples are open boxes), and an invisible median mark carrying the hover. The line in a
    box is the level's one median of the data set (its own source's, as the mark beside it: one median per
    level and source); the spread's own median, of a slightly different filter, is named in the hover."""
    if spread.empty:
        return
    wide = (
        spread.pivot_table(
            index=["company", "level", "rank"], columns="statistic", values="annual_usd", aggfunc="first"
        )
        .reindex(columns=list(SPREAD))
        .reset_index()
        .dropna(subset=list(SPREAD))
    )
    if wide.empty:
        return
    firsts = spread.groupby(["company", "level"]).first().reset_index()
    wide = wide.merge(
        firsts[["company", "level", "sample_size", "as_of", "source_title", "source_publisher"]],
        on=["company", "level"],
    )
    central = pay[(pay["source_id"] == DATA_SETS[SPREAD_SOURCE]) & (pay["statistic"] == "median")]
    central = central.set_index(["company", "level"])[["annual_usd", "sample_size"]]
    wide = wide.join(
        central.rename(columns={"annual_usd": "central", "sample_size": "central_n"}), on=["company", "level"]
    )
    wide["central"] = wide["central"].fillna(wide["median"])
    wide["category"] = _category(wide)
    color = SOURCE_COLORS[SPREAD_SOURCE]
    small = wide["sample_size"].map(low_confidence).astype(bool)
    for is_small, part in wide.groupby(small.to_numpy(), sort=True):
        fig.add_box(
            y=part["category"],
            q1=part["p25"],
            median=part["central"],
            q3=part["p75"],
            lowerfence=part["p10"],
            upperfence=part["p90"],
            orientation="h",
            width=0.55,
            name=(
                f"levels.fyi spread, n < {LOW_N} (open box)"
                if is_small
                else "levels.fyi spread: box 25th–75th percentile, whiskers 10th–90th"
            ),
            legendgroup="spread",
            line=dict(color=color, width=1.5),
            hoverinfo="skip",
            fillcolor="rgba(0,0,0,0)" if is_small else "rgba(0,158,115,0.42)",
        )
    hover = [
        f"<b>{c} {lv}</b> · total, levels.fyi<br><b>median {money(k)}</b> ({_n_text(kn)})<br>spread: 10th "
        f"{money(a)} · 25th {money(b)} · 75th {money(d)} · 90th {money(e)}<br>({_n_text(n)} with a US metro "
        f"area, submitted {str(w).replace('/', ' to ')}; their median {money(m)})<br>Source: {t} ({p})"
        for c, lv, k, kn, a, b, m, d, e, n, w, t, p in zip(
            wide["company"],
            wide["level"],
            wide["central"],
            wide["central_n"].where(wide["central_n"].notna(), wide["sample_size"]),
            wide["p10"],
            wide["p25"],
            wide["median"],
            wide["p75"],
            wide["p90"],
            wide["sample_size"],
            wide["as_of"],
            wide["source_title"],
            wide["source_publisher"],
            strict=True,
        )
    ]
    fig.add_scatter(
        x=wide["central"],
        y=wide["category"],
        mode="markers",
        showlegend=False,
        marker=dict(size=16, color=color, opacity=0),
        hovertext=hover,
        hoverinfo="text",
        name="spread hover",
    )


def level_pay_chart(pay: pd.DataFrame, rungs: Mapping[str, Sequence[str]], amount_label: str = "USD") -> go.Figure:
    """Every company's levels on one log pay axis (first company on top, lowest level at the bottom of each):
    the levels.fyi spread as boxes, one mark per other source and statistic, disputed figures in red."""
    fig = go.Figure()
    pay = pay.assign(category=_category(pay))
    disputed = pay["disputed"] if "disputed" in pay else pd.Series(False, index=pay.index)
    spread = pay[(pay["source_id"] == SPREAD_SOURCE) & pay["statistic"].isin(SPREAD)]
    _spread_boxes(fig, spread, pay)
    marks = pay[~pay.index.isin(spread.index) & ~disputed]
    order = {cat: i for i, cat in enumerate(c + " " + lv for c in rungs for lv in rungs[c])}
    for (source, stat), rows in marks.groupby(["source_id", "statistic"], sort=False):
        color, small = SOURCE_COLORS.get(source, GREY), rows["sample_size"].map(low_confidence).to_numpy(bool)
        rows = rows.assign(small=small, order=rows["category"].map(order)).sort_values(["small", "order"])
        # A dotted line joins one source's figures up each company's ladder; a gap separates the companies.
        line = rows.sort_values("order")
        gaps = line["company"].ne(line["company"].shift()).to_numpy()
        xs, ys = [], []
        for x, y, gap in zip(line["annual_usd"], line["category"], gaps, strict=True):
            xs += [None, x] if gap and xs else [x]
            ys += [None, y] if gap and ys else [y]
        name = f"{source_label(source, rows['source_publisher'].iloc[0])} · {LABELS.get(stat, stat)}"
        fig.add_scatter(
            x=xs,
            y=ys,
            mode="lines",
            hoverinfo="skip",
            showlegend=False,
            legendgroup=name,
            line=dict(color=color, width=1.5, dash="dot"),
        )
        # Small samples get open marks and a label; the legend shows the first (ordinary) mark.
        fig.add_scatter(
            x=rows["annual_usd"],
            y=rows["category"],
            mode="markers+text",
            name=name,
            legendgroup=name,
            marker=dict(
                size=11,
                color=color,
                line=dict(width=2, color=color),
                symbol=[SYMBOLS.get(stat, "circle") + ("-open" if s else "") for s in rows["small"]],
            ),
            text=[f"n={n} low" if s else "" for n, s in zip(rows["sample_size"], rows["small"], strict=True)],
            textposition="top center",
            textfont=dict(size=10, color=color),
            hovertext=_pay_hover(rows),
            hoverinfo="text",
        )
    bad = pay[disputed]
    if not bad.empty:
        fig.add_scatter(
            x=bad["annual_usd"],
            y=bad["category"],
            mode="markers+text",
            name=DISPUTED,
            marker=dict(
                size=12,
                color=DISPUTED_COLOR,
                symbol=[SYMBOLS.get(s, "circle") + "-open-dot" for s in bad["statistic"]],
                line=dict(width=2, color=DISPUTED_COLOR),
            ),
            text=[SHORT.get(s, s) for s in bad["statistic"]],
            textposition="bottom center",
            textfont=dict(size=10, color=DISPUTED_COLOR),
            hovertext=[
                h + "<br><b>Disputed</b>: role not stated; below what other sources report "
                "for this level (see Sources & data, quality checks)"
                for h in _pay_hover(bad)
            ],
            hoverinfo="text",
        )
    owners = [c for c in reversed(list(rungs)) for _ in rungs[c]]
    categories = [c + " " + lv for c in reversed(list(rungs)) for lv in rungs[c]]
    positive = pay["annual_usd"][pay["annual_usd"] > 0]
    lo, hi = (positive.min(), positive.max()) if not positive.empty else (1e5, 1e6)
    empty = [c for c in categories if c not in set(pay["category"])]
    if empty:
        fig.add_scatter(
            x=[lo / 1.2] * len(empty),
            y=empty,
            mode="text",
            hoverinfo="skip",
            showlegend=False,
            text=["no pay reported"] * len(empty),
            textposition="middle right",
            textfont=dict(color=GREY, size=11),
        )
    values, labels = _log_ticks(lo, hi)
    legend_rows = sum(bool(t.showlegend is not False and t.name) for t in fig.data)
    base_layout(
        fig,
        height=130 + 28 * len(categories) + 24 * legend_rows,
        boxmode="overlay",
        title=dict(
            text="Reported pay by level, both companies on one axis",
            x=0,
            y=1,
            yanchor="top",
            yref="container",
            pad=dict(t=8),
            font=dict(size=15),
        ),
    )
    # The legend sits under the axis title: 60 px below the plot area, whatever the chart's height.
    fig.update_layout(
        margin=dict(t=40),
        legend=dict(orientation="h", y=-60 / (28 * len(categories)), yanchor="top", font=dict(size=11)),
    )
    fig.update_xaxes(
        type="log",
        tickvals=values,
        ticktext=labels,
        title=f"Annual pay ({amount_label}, log scale)",
        range=[math.log10(lo / 1.25), math.log10(hi * 1.25)],
    )
    ticktext = [
        f'<span style="color:{company_color(c)}"><b>{c}</b></span> {cat[len(c) + 1 :]}'
        for c, cat in zip(owners, categories, strict=True)
    ]
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=categories,
        tickvals=categories,
        ticktext=ticktext,
        automargin=True,
        range=[-0.6, len(categories) - 0.4],
    )
    for i in range(1, len(owners)):
        if owners[i] != owners[i - 1]:  # a rule between the companies
            fig.add_hline(y=i - 0.5, line=dict(color=GREY, width=1))
    return fig


def headcount_pyramid(counts: pd.DataFrame) -> go.Figure:
    """The head-count hints as a centred pyramid whose widths grow with the order of magnitude (log)."""
    widths = counts["order_of_magnitude"].map(lambda m: math.log10(m) + 1)
    labels = [f"{r.levels}: {r.hint}" for r in counts.itertuples()]
    hover = [
        f"<b>{r.levels}</b>: “{r.hint}”<br>~{r.order_of_magnitude:,}: the order of magnitude implied "
        f"by the hint, not a count<br>Source: {r.source_title}, {r.as_of}"
        for r in counts.itertuples()
    ]
    fig = go.Figure(
        go.Bar(
            y=labels,
            x=widths,
            base=-widths / 2,
            orientation="h",
            opacity=0.85,
            hovertext=hover,
            hoverinfo="text",
            marker_color=[company_color(c) for c in counts["company"]],
            textposition="inside",
            text=[f"~{m:,}" for m in counts["order_of_magnitude"]],
            insidetextanchor="middle",
        )
    )
    base_layout(fig, height=90 + 44 * len(counts), showlegend=False)
    fig.update_layout(margin=dict(t=10))
    fig.update_xaxes(
        showticklabels=False,
        zeroline=False,
        showgrid=False,
        title="Width: order of magnitude, log scale<br>(approximate, not a count)",
    )
    fig.update_yaxes(categoryorder="array", categoryarray=labels[::-1], automargin=True)
    return fig


def _rung_text(rows: pd.DataFrame, disputed: bool) -> str:
    """'L5 PM II / Senior Product Manager (sources differ)', wrapped, the level in bold."""
    titles = " / ".join(dict.fromkeys(p for title in rows["title"] for p in title.split(" / ")))
    level = rows["level"].iloc[0]
    lines = textwrap.wrap(f"{level} {titles}{' (sources differ)' if disputed else ''}", 25)
    return "<br>".join([f"<b>{level}</b>{lines[0][len(level) :]}", *lines[1:]])


def _rung_hover(rows: pd.DataFrame) -> str:
    lines = [f"<b>{rows['company'].iloc[0]} {rows['level'].iloc[0]}</b>"]
    for r in rows.itertuples():
        extra = "".join(
            f"<br>   {label}: {v}"
            for label, v in (("PM titles", r.pm_titles), ("Who", r.who), ("Note", r.note))
            if isinstance(v, str)
        )
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
        texts = [
            _rung_text(o if not o.empty else rows, (company, lv) in disputed)
            for o, (lv, rows) in zip(own, groups, strict=True)
        ]
        # An en space between the rung and every line of its label, on whichever side the label sits.
        pad = "{}\u2002" if xs[company] == 0 else "\u2002{}"
        texts = ["<br>".join(pad.format(line) for line in t.split("<br>")) for t in texts]
        rung = dict(symbol="line-ew", size=28, line=dict(width=4, color=company_color(company)))
        fig.add_scatter(
            x=[xs[company]] * len(groups),
            y=ys,
            mode="markers+text",
            showlegend=False,
            text=texts,
            marker=rung,
            textposition="middle left" if xs[company] == 0 else "middle right",
            textfont=dict(size=11),
            hovertext=[_rung_hover(rows) for _, rows in groups],
            hoverinfo="text",
        )
    for b in bands.itertuples():
        x, color = xs[b.company], company_color(b.company)
        fig.add_shape(
            type="rect",
            x0=x - 0.2,
            x1=x + 0.2,
            y0=b.low - 0.3,
            y1=b.high + 0.3,
            layer="below",
            line=dict(width=1, color=color, dash="dot"),
            fillcolor=color,
            opacity=0.2,
        )
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="markers",
            marker=dict(symbol="square", size=12, color=color, opacity=0.4),
            name=f"{b.company} {b.first}–{b.last}: “{b.title}”<br>({'; '.join(b.sources)}, {b.as_of})",
        )
    for i, e in enumerate(
        e for e in equivalences.itertuples() if (e.company_a, e.level_a) in rungs and (e.company_b, e.level_b) in rungs
    ):
        x0, x1 = xs[e.company_a], xs[e.company_b]
        y0, y1 = rungs[(e.company_a, e.level_a)], rungs[(e.company_b, e.level_b)]
        fig.add_scatter(
            x=[x0, (x0 + x1) / 2, x1],
            y=[y0, (y0 + y1) / 2, y1],
            mode="lines+text",
            line=dict(color=GREY, width=2, dash="dash"),
            text=["", "≈ approximate", ""],
            textposition="top center",
            textfont=dict(size=11, color=GREY),
            hoverinfo="text",
            hovertext=f"{e.company_a} {e.level_a} ≈ {e.company_b} {e.level_b} (approximate)<br>"
            f"{e.note}<br>Sources: {e.sources}",
            name="≈ approximate equivalence",
            legendgroup="equivalence",
            showlegend=i == 0,
        )
    ys = list(rungs.values()) or [0.0]
    base_layout(fig, height=150 + 54 * (max(ys) - min(ys) + 1))
    fig.update_layout(margin=dict(t=30), legend=dict(y=-0.02, yanchor="top", font=dict(size=11)))
    fig.update_xaxes(
        range=[-1.75, len(companies) - 1 + 1.75],
        tickvals=list(xs.values()),
        side="top",
        ticktext=[f"<b>{c}</b>" for c in companies],
        showgrid=False,
        zeroline=False,
    )
    fig.update_yaxes(visible=False, range=[min(ys) - 0.7, max(ys) + 0.7])
    return fig
