"""Plotly figures and display text for the Market page (BLS OEWS May 2025): a DataFrame in, a figure out.

A top-coded wage (`lower_bound`) is only a floor and reads "≥ $239,200", never as an exact
figure; a value BLS did not release reads "not released", never 0. Charts use the annual scale
unless the occupation has hourly wages only. Roles drawn beside the BLS figures are PayLadder's
own mapping of a role to an occupation, and every such row says so.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics.format import MARKET, NOT_RELEASED, PER, money, short_money, short_wage, wage_text, wrap
from analytics.market.tables import SHORT_LABELS, STAT_LABELS, STATS, less_reliable, rse_text, sector_name
from analytics.plot import base_layout, money_axis, role_color

BLS_COLOR = "#4477AA"  # Paul Tol's bright blue: BLS's measured wages, on every Market chart
BLS_BAND = "rgba(68,119,170,0.30)"
LOW_COLOR = "#CC6677"  # Paul Tol's rose: the lowest-paying metro areas
MISSING_COLOR = "#BBBBBB"
SOURCE = "BLS OEWS, May 2025"


def _points(frame: pd.DataFrame, basis: str) -> dict[str, tuple[float, bool]]:
    """stat -> (value, lower_bound) for the released values of one basis."""
    rows = zip(frame["stat"], frame[basis], frame[f"{basis}_lower_bound"], strict=True)
    return {s: (float(v), bool(b)) for s, v, b in rows if not pd.isna(v)}


def _bls_band(fig: go.Figure, y0: str, pts: dict[str, tuple[float, bool]], basis: str) -> None:
    """The BLS row: a thin 10th-90th band, a 25th-75th box, percentile ticks with labels, the mean."""
    pct = {s: pts[s] for s in STATS[:5] if s in pts}
    values = [v for v, _ in pct.values()]
    if len(values) >= 2:
        fig.add_bar(
            y=[y0],
            x=[max(values) - min(values)],
            base=[min(values)],
            orientation="h",
            width=0.1,
            marker_color=BLS_BAND,
            hoverinfo="skip",
            showlegend=False,
        )
    if "p25" in pct and "p75" in pct:
        fig.add_bar(
            y=[y0],
            x=[pct["p75"][0] - pct["p25"][0]],
            base=[pct["p25"][0]],
            orientation="h",
            width=0.24,
            marker=dict(color=BLS_BAND, line=dict(color=BLS_COLOR, width=2)),
            hoverinfo="skip",
            showlegend=False,
        )
    stats = list(pct)
    # A top-coded value is already its tight floor (ingest raises it to the highest percentile
    # published below it), so it is drawn at that floor and labelled "≥".
    x = [pct[s][0] for s in stats]
    text = [f"{SHORT_LABELS[s]}<br>{short_wage(pct[s][0], pct[s][1], basis)}" for s in stats]
    hover = [
        f"{STAT_LABELS[s]}: {wage_text(pct[s][0], pct[s][1], basis)} {PER[basis]}"
        f"{' (top-coded by BLS: at least this)' if pct[s][1] else ''}<br>Source: {SOURCE}"
        for s in stats
    ]
    # Top-coded percentiles on one spot: label them once, together.
    for i in range(len(stats)):
        same = [j for j in range(len(stats)) if x[j] == x[i] and pct[stats[j]][1] and pct[stats[i]][1]]
        if len(same) > 1:
            text[i] = (
                ""
                if i != same[0]
                else text[i].replace(SHORT_LABELS[stats[i]], ", ".join(SHORT_LABELS[stats[j]] for j in same), 1)
            )
    fig.add_scatter(
        y=[y0] * len(stats),
        x=x,
        mode="markers+text",
        name="BLS percentiles",
        text=text,
        marker=dict(
            symbol=["triangle-right" if pct[s][1] else "line-ns" for s in stats],
            size=30,
            color=BLS_COLOR,
            line=dict(width=3, color=BLS_COLOR),
        ),
        textposition=["top center" if i % 2 == 0 else "bottom center" for i in range(len(stats))],
        textfont=dict(size=11),
        showlegend=False,
        hoverinfo="text",
        hovertext=hover,
        cliponaxis=False,
    )
    if "mean" in pts:
        mean = wage_text(*pts["mean"], basis)
        fig.add_scatter(
            y=[y0],
            x=[pts["mean"][0]],
            mode="markers",
            name="BLS mean",
            showlegend=False,
            marker=dict(symbol="diamond", size=11, color="#ffffff", line=dict(width=2, color=BLS_COLOR)),
            hovertext=[f"Mean: {mean} {PER[basis]}<br>Source: {SOURCE}"],
            hoverinfo="text",
        )


def _company(company: str) -> str:
    return "market-wide" if company == MARKET else company


def percentile_chart(
    frame: pd.DataFrame,
    basis: str,
    bls_label: str,
    mapping: pd.DataFrame | None = None,
    ranges: pd.DataFrame | None = None,
    pay: float | None = None,
) -> go.Figure:
    """BLS's 10th-90th percentile band of one cell, with PayLadder's mapped role ranges and a pay beneath it.

    `mapping` is occupation_roles' frame, `ranges` role_ranges' (annual USD; drawn only on the annual scale).
    """
    fig = go.Figure()
    pts = _points(frame, basis)
    y0 = wrap(f"BLS: {bls_label}", 28)
    rows, hi = [y0], max([v for v, _ in pts.values()] + [1.0])
    _bls_band(fig, y0, pts, basis)
    if basis == "annual" and ranges is not None and not ranges.empty and mapping is not None:
        fits = dict(zip(mapping["role"], mapping["fit"], strict=True))
        occupation = mapping["occupation_title"].iloc[0]
        for r in ranges.itertuples():
            # The range goes into the row's label, not beside the bar, where the median line would cross it.
            span = f"{short_money(r.min_usd)} – {short_money(r.max_usd)}"
            y = f"{wrap(f'{r.role} ({_company(r.company)})', 28)}<br>{span}"
            mapped = f"PayLadder's mapping: {r.role} ≈ {occupation}"
            rows.append(y)
            hi = max(hi, r.max_usd)
            fig.add_bar(
                y=[y],
                x=[r.max_usd - r.min_usd],
                base=[r.min_usd],
                orientation="h",
                width=0.4,
                marker_color=role_color(r.role),
                opacity=0.85,
                name=wrap(mapped, 44),
                legendgroup=r.role,
                showlegend=r.role not in rows_seen(fig),
                hoverinfo="text",
                hovertext=[
                    f"<b>{mapped}</b> ({fits.get(r.role)} fit, PayLadder's own choice)<br>"
                    f"Reported range ({r.component}, {_company(r.company)}): "
                    f"{money(r.min_usd)} – {money(r.max_usd)}<br>Source: {r.source_title}"
                ],
            )
    if "p50" in pts and len(rows) > 1:  # the BLS median carried down across the role rows
        fig.add_shape(
            type="line",
            x0=pts["p50"][0],
            x1=pts["p50"][0],
            y0=-0.5,
            y1=len(rows) - 1.5,
            line=dict(color=BLS_COLOR, dash="dot", width=1.5),
        )
    if pay is not None:
        hi = max(hi, pay * 1.05)
        fig.add_vline(x=pay, line=dict(color="#D55E00", dash="dash", width=2))
        fig.add_annotation(
            x=pay,
            y=0,
            yref="paper",
            yanchor="bottom",
            xanchor="left",
            showarrow=False,
            text="Your pay",
            font=dict(color="#D55E00"),
        )  # below the labels of the BLS row
    base_layout(fig, height=170 + 85 * len(rows), barmode="overlay", xaxis_title=f"{basis.capitalize()} wage (USD)")
    fig.update_layout(legend=dict(y=-0.25, yanchor="top", font=dict(size=11)), margin=dict(t=55, b=10, r=35))
    fig.update_yaxes(categoryorder="array", categoryarray=rows[::-1], automargin=True)
    return money_axis(fig, 0, hi * 1.1, ticks=5, hourly=basis == "hourly")  # room for the 90th's label


def rows_seen(fig: go.Figure) -> set[str]:
    """Legend groups already shown in a figure (one legend entry per role)."""
    return {t.legendgroup for t in fig.data if t.showlegend is not False and t.legendgroup}


def state_map(df: pd.DataFrame, basis: str, stat: str, occupation: str) -> go.Figure:
    """A US choropleth of one statistic by state (locationmode USA-states); no estimate shows grey."""
    fig = go.Figure()
    released, missing = df[df["value"].notna()], df[df["value"].isna()]
    if not released.empty:
        lo, hi = released["value"].min(), released["value"].max()
        fig.add_choropleth(
            locations=released["state_postal"],
            z=released["value"],
            locationmode="USA-states",
            colorscale="Viridis",
            zmin=lo,
            zmax=hi,
            marker_line_color="#ffffff",
            marker_line_width=0.6,
            name=STAT_LABELS[stat],
            colorbar=dict(
                orientation="h",
                x=0.5,
                xanchor="center",
                y=-0.02,
                yanchor="top",
                thickness=12,
                len=0.9,
                nticks=5,
                tickprefix="$",
                tickformat=",.0f" if basis == "hourly" else "~s",
                title=dict(text=f"{STAT_LABELS[stat]}, {basis} (USD)", side="top"),
            ),
            hovertext=[
                f"<b>{r.area_name}</b><br>{STAT_LABELS[stat]}: "
                f"{wage_text(r.value, r.lower_bound, basis)} {PER[basis]}"
                f"{' (top-coded)' if r.lower_bound else ''}<br>Source: {SOURCE}"
                for r in released.itertuples()
            ],
            hoverinfo="text",
        )
    if not missing.empty:
        fig.add_choropleth(
            locations=missing["state_postal"],
            z=[0] * len(missing),
            locationmode="USA-states",
            showscale=False,
            colorscale=[[0, MISSING_COLOR], [1, MISSING_COLOR]],
            marker_line_color="#ffffff",
            marker_line_width=0.6,
            name="No estimate",
            hoverinfo="text",
            hovertext=[
                f"<b>{r.area_name}</b><br>{STAT_LABELS[stat]}: "
                f"{NOT_RELEASED if r.footnote == '8' else 'no BLS estimate'}"
                for r in missing.itertuples()
            ],
        )
    title = wrap(f"{occupation}: {STAT_LABELS[stat].lower()} by state", 60)
    base_layout(fig, height=460, title=dict(text=title, font=dict(size=14)))
    fig.update_layout(margin=dict(l=0, r=0, t=50, b=10))
    fig.update_geos(scope="usa", bgcolor="rgba(0,0,0,0)", showlakes=False, landcolor="rgba(0,0,0,0)")
    return fig


def metro_chart(df: pd.DataFrame, basis: str, stat: str) -> go.Figure:
    """Bars for the highest- and lowest-paying metro areas on one statistic, highest first.

    Hover gives each area's employment and BLS's relative standard errors; a hatched bar is an
    estimate `tables.less_reliable` flags.
    """
    fig = go.Figure()
    weak = [less_reliable(e, w) for e, w in zip(df["employment_rse"], df["wage_rse"], strict=True)]
    # Employment and the wage RSE under each area's name: a 160-job metro should not read like San Jose.
    df = df.assign(
        weak=weak,
        label=[
            f"{wrap(r.area_name, 30)}<br><span style='font-size:10px'>"
            f"{'jobs not released' if pd.isna(r.employment) else f'{r.employment:,.0f} jobs'} · wage RSE "
            f"{rse_text(r.wage_rse)}</span>"
            for r in df.itertuples()
        ],
    )
    for extreme, name, color in (("top", "Highest", BLS_COLOR), ("bottom", "Lowest", LOW_COLOR)):
        rows = df[df["extreme"] == extreme]
        fig.add_bar(
            y=rows["label"],
            x=rows["value"],
            orientation="h",
            name=name,
            marker_color=color,
            marker_pattern_shape=["/" if w else "" for w in rows["weak"]],
            text=[short_wage(r.value, r.lower_bound, basis) + (" *" if r.weak else "") for r in rows.itertuples()],
            textposition="outside",
            cliponaxis=False,
            hoverinfo="text",
            hovertext=[
                f"<b>{r.area_name}</b><br>{STAT_LABELS[stat]}: "
                f"{wage_text(r.value, r.lower_bound, basis)} {PER[basis]}"
                f"{' (top-coded: at least this)' if r.lower_bound else ''}<br>"
                f"Employment: {NOT_RELEASED if pd.isna(r.employment) else f'{r.employment:,.0f}'} · "
                f"RSE employment {rse_text(r.employment_rse)}, wage {rse_text(r.wage_rse)}"
                f"{'<br><b>Less reliable</b> (hatched)' if r.weak else ''}<br>Source: {SOURCE}"
                for r in rows.itertuples()
            ],
        )
    base_layout(fig, height=130 + 44 * len(df), xaxis_title=f"{STAT_LABELS[stat]}, {basis} (USD)")
    fig.update_layout(margin=dict(r=60))
    fig.update_yaxes(categoryorder="array", categoryarray=df["label"].tolist()[::-1], automargin=True)
    return money_axis(fig, 0, (df["value"].max() if not df.empty else 1.0) * 1.15, ticks=5, hourly=basis == "hourly")


def industry_chart(sectors: pd.DataFrame, basis: str, total_median: float | None) -> go.Figure:
    """Median per industry sector with 25th-75th whiskers, and the cross-industry median as a line."""
    fig = go.Figure()
    shown = sectors[sectors["p50"].notna()]
    labels = [f"{wrap(sector_name(r.industry_name), 32)}<br>{r.employment:,.0f} jobs" for r in shown.itertuples()]
    plus = (shown["p75"] - shown["p50"]).where(shown["p75"].notna(), 0)
    minus = (shown["p50"] - shown["p25"]).where(shown["p25"].notna(), 0)
    fig.add_scatter(
        y=labels,
        x=shown["p50"],
        mode="markers",
        name="Median, 25th–75th",
        hoverinfo="text",
        marker=dict(
            size=11,
            color=BLS_COLOR,
            symbol=["triangle-right-open" if b else "circle" for b in shown["p50_lower_bound"]],
        ),
        error_x=dict(type="data", array=plus.tolist(), arrayminus=minus.tolist(), color=BLS_COLOR, thickness=2),
        hovertext=[
            f"<b>{r.industry_name}</b><br>Employment: {r.employment:,.0f}<br>"
            f"25th: {wage_text(r.p25, r.p25_lower_bound, basis)} · "
            f"median: {wage_text(r.p50, r.p50_lower_bound, basis)} · "
            f"75th: {wage_text(r.p75, r.p75_lower_bound, basis)}<br>Source: {SOURCE}"
            for r in shown.itertuples()
        ],
    )
    if total_median is not None:
        fig.add_vline(
            x=total_median,
            line=dict(color="#666666", dash="dot"),
            annotation_text="All industries",
            annotation_position="top",
        )
    base_layout(fig, height=150 + 56 * len(shown), xaxis_title=f"{basis.capitalize()} wage (USD)", showlegend=False)
    fig.update_layout(margin=dict(t=30))
    fig.update_yaxes(automargin=True)
    values = pd.concat([shown["p25"], shown["p50"], shown["p75"]]).dropna()
    lo, hi = (values.min(), values.max()) if not values.empty else (0.0, 1.0)
    return money_axis(fig, lo * 0.95, hi * 1.03, ticks=5, hourly=basis == "hourly")
