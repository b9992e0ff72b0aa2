"""The Career paths chart: the moves between roles that the sources name, as a Sankey diagram.

Each role's node carries its reported pay of one component, the same for every role (base salary or total
pay): one short line in its label (analytics.careers.tables), every range or single figure of that
component with its source in its hover, or that the role has none.
DataFrames from analytics.careers.queries and analytics.roles.queries in, a `go.Figure` out.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from analytics.careers.tables import DEFAULT_COMPONENT, NO_PAY, no_figure, ranges_of, role_pay_label, singles_of
from analytics.db import records
from analytics.format import STATISTIC_LABELS, money, wrap
from analytics.plot import role_color

NO_PAY_TEXT = NO_PAY


def _path_rgba(color: str, alpha: float) -> str:
    """A #RRGGBB colour with transparency."""
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def role_pay_text(
    ranges: Sequence[dict],
    role: str,
    figures: Sequence[dict] | None = None,
    most: int = 3,
    component: str | None = None,
) -> str:
    """A role's reported pay for a hover: its ranges, market-wide first, else up to `most` single figures; of one
    component when given (saying so when the role has none of it), else of any. ranges and figures are records
    (analytics.db.records: career_path_sankey reads them once for every role)."""
    lines = [
        f"{r['company']}: {money(r['min_usd'])} – {money(r['max_usd'])}{'+' if r['max_is_lower_bound'] else ''} "
        f"a year ({r['component']})<br>Source: {wrap(r['source_title'], 56)}"
        for r in ranges_of(ranges, role, component)
    ]
    if figures is None:
        singles, more = [], 0
    elif component is None:
        singles, more = [f for f in figures if f["role"] == role], 0
    else:
        singles, more = singles_of(figures, role, component)
    if not lines:
        lines = [
            f"{' '.join(p for p in (r['company'], r['level']) if isinstance(p, str))}: "
            f"{STATISTIC_LABELS.get(r['statistic'], r['statistic'])} {r['component']} {money(r['annual_usd'])}"
            f"{' (derived)' if r['derived'] else ''}, {r['year']}<br>Source: {wrap(r['source_title'], 56)}"
            for r in singles[:most]
        ]
        more += max(0, len(singles) - most)
    elif len(singles):
        more += len(singles)
    if lines and more:
        plural = "s" if more > 1 else ""
        lines.append(f"+ {more} more single figure{plural} (medians, averages)<br>on the Levels and Pay mix pages")
    return "<br>".join(lines) or (NO_PAY_TEXT if component is None else no_figure(component))


def career_path_sankey(
    paths: pd.DataFrame,
    ranges: pd.DataFrame,
    highlight: list[str] | tuple[str, ...] = (),
    figures: pd.DataFrame | None = None,
    dark: bool = False,
    component: str = DEFAULT_COMPONENT,
) -> go.Figure:
    """The career paths as a Sankey in role colours, each node labelled with its role's reported pay of one
    component (analytics.careers.tables.COMPONENTS), or that it has none of it.

    One diagram for every width: the page lets a narrow screen scroll it sideways rather than draw a
    second one. Chosen roles and their paths stand out. Every link has the value 1: it is a path
    named in a source, not a count of people. `dark` picks label colours for the dark theme.
    """
    fig = go.Figure()
    if paths.empty:
        return fig
    # Read once as records for every role's label and hover.
    range_rows = records(ranges)
    figure_rows = records(figures) if figures is not None else []
    seniority = {
        **dict(zip(paths.from_role, paths.from_seniority, strict=True)),
        **dict(zip(paths.to_role, paths.to_seniority, strict=True)),
    }
    nodes = sorted(seniority, key=lambda role: (seniority[role], role))
    index = {role: i for i, role in enumerate(nodes)}
    lit = set(highlight)
    touches = [bool(lit & {a, b}) for a, b in zip(paths.from_role, paths.to_role, strict=True)]
    pay = {r: role_pay_label(range_rows, figure_rows, r, component) for r in nodes}
    # Seven columns share about 800 px: names wrap short.
    labels = [f"<b>{wrap(r, 11)}</b><br>{pay[r]}" for r in nodes]
    ink, halo = ("#FAFAFA", "#0E1117") if dark else ("#111111", "#FFFFFF")
    fig.add_sankey(
        orientation="h",
        arrangement="snap",
        textfont=dict(size=11, color=ink, shadow=f"0 0 3px {halo}"),
        node=dict(
            label=labels,
            pad=16,
            thickness=14,
            align="left",
            sort="input",
            line=dict(width=0),
            color=[role_color(r) if r in lit else _path_rgba(role_color(r), 0.55) for r in nodes],
            customdata=[
                f"<b>{r}</b>{' (chosen)' if r in lit else ''}<br>Reported {component} pay: "
                f"{role_pay_text(range_rows, r, figure_rows, component=component)}"
                for r in nodes
            ],
            hovertemplate="%{customdata}<extra></extra>",
        ),
        link=dict(
            source=[index[r] for r in paths.from_role],
            target=[index[r] for r in paths.to_role],
            value=[1] * len(paths),
            hovertemplate="%{customdata}<extra></extra>",
            color=[
                _path_rgba(role_color(a), 0.45) if on else "rgba(140,140,140,0.18)"
                for a, on in zip(paths.from_role, touches, strict=True)
            ],
            customdata=[
                f"<b>{wrap(f'{p.from_role} → {p.to_role}', 60)}</b><br>"
                f"{wrap(p.note, 60)}<br>Source: {wrap(p.source_title, 60)} "
                f"({p.source_publisher})"
                for p in paths.itertuples()
            ],
        ),
    )
    fig.update_layout(
        height=560, margin=dict(l=10, r=10, t=24, b=10), paper_bgcolor="rgba(0,0,0,0)", hoverlabel=dict(align="left")
    )
    return fig
