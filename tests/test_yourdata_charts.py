"""The Your data figures and the text around them: levels in ladder order on every axis, a level whose groups
are all suppressed kept with a note, the 1.0 line under the bars, legends above the plot, the market chart per
band, and the notes and step numbers the page shows."""

from __future__ import annotations

import pandas as pd

from analytics.yourdata import charts, tables
from analytics.yourdata.queries import SUPPRESSED

GROUPS = pd.DataFrame(
    {
        "level": ["P1", "P1", "P2", "P2", "P3", "P4", "P4"],
        "group": ["Man", "Woman", "Man", "not stated", "Woman", "Man", "Woman"],
        "people": pd.array([7, 5, None, None, None, None, None], dtype="Int64"),
        "median_compa_ratio": [0.86, 0.88, None, None, None, None, None],
        "shown": [True, True, False, False, False, False, False],
        "note": ["", "", SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED],
    }
)


def test_a_level_with_every_group_suppressed_keeps_its_place_with_a_note():
    fig = charts.group_chart(GROUPS)
    axis = fig.layout.xaxis
    assert list(axis.categoryarray) == ["P1", "P2", "P3", "P4"]
    assert list(axis.range) == [-0.5, 3.5]  # every level drawn, though only P1 has bars
    assert list(axis.ticktext) == [
        "P1",
        "P2<br><sub>2 not shown</sub>",
        "P3<br><sub>1 not shown</sub>",
        "P4<br><sub>2 not shown</sub>",
    ]
    notes = [(a.x, a.text) for a in fig.layout.annotations]
    assert notes == [
        ("P2", "fewer than 5<br>in every group"),
        ("P3", "fewer than 5<br>in every group"),
        ("P4", "fewer than 5<br>in every group"),
    ]
    assert [(t.name, list(t.x), list(t.y)) for t in fig.data] == [("Man", ["P1"], [0.86]), ("Woman", ["P1"], [0.88])]


def test_the_one_line_is_under_the_bars_and_their_labels_inside_them():
    fig = charts.group_chart(GROUPS)
    (line,) = fig.layout.shapes
    assert (line.y0, line.y1, line.layer) == (1.0, 1.0, "below")
    assert {t.textposition for t in fig.data} == {"inside"}
    assert fig.layout.legend.y == 1.02 and fig.layout.legend.yanchor == "bottom"  # above the plot
    assert fig.layout.title.text is None  # the title is text above the chart: it wraps on a phone


def test_the_group_note_names_every_group_not_shown():
    assert tables.group_note(GROUPS) == (
        "Not shown, fewer than 5 people: P2: Man, not stated; P3: Woman; P4: Man, Woman."
    )
    assert tables.group_note(GROUPS[GROUPS["shown"]]) == ""


LADDER = pd.DataFrame(
    {
        "family": ["Eng"] * 3,
        "zone": ["Seattle"] * 3,
        "level": ["P1", "P2", "P10"],
        "currency": ["USD"] * 3,
        "min": [100.0, 120.0, 300.0],
        "max": [150.0, 180.0, 450.0],
        "midpoint": [125.0, 150.0, 375.0],
    }
)
PEOPLE = pd.DataFrame(
    {
        "person_id": ["a", "b"],
        "family": ["Eng", "Eng"],
        "zone": ["Seattle", "Seattle"],
        "level": ["P10", "P1"],
        "base": [400.0, 90.0],
        "position": ["lower", "below"],
        "compa_ratio": [1.0, 0.7],
        "penetration": [0.6, -0.2],
    }
)


def test_the_band_chart_keeps_the_ladder_order():
    fig = charts.band_chart(LADDER, PEOPLE, "Eng", "Seattle")
    assert list(fig.layout.xaxis.categoryarray) == ["P1", "P2", "P10"]
    assert list(fig.layout.xaxis.range) == [-0.5, 2.5]
    assert charts.band_chart_title(LADDER, PEOPLE, "Eng", "Seattle") == "Eng · Seattle: bands and people (USD)"


PRICING = pd.DataFrame(
    {
        "family": ["Eng", "Eng", "Eng"],
        "zone": ["Seattle", "Seattle", "Zone A"],
        "level": ["P1", "P2", "P1"],
        "priced": [True, True, False],
        "midpoint": [136_500.0, 160_000.0, 90_000.0],
        "occupation_title": ["Software Developers"] * 3,
        "area_name": ["Seattle-Tacoma-Bellevue, WA", "Seattle-Tacoma-Bellevue, WA", None],
        "market_position": [
            "about the 28th percentile",
            "about the 45th percentile",
            "not priced: choose an area for Zone A",
        ],
        "occupation_code": ["15-1252", "15-1252", "15-1252"],
        "area_code": ["0042660", "0042660", None],
        "industry_code": ["000000"] * 3,
        **{
            f"bls_p{p}": [v, v, None]
            for p, v in ((10, 99_190.0), (25, 132_800.0), (50, 167_280.0), (75, 211_860.0), (90, 257_960.0))
        },
    }
)


def test_the_market_chart_draws_each_priced_band_against_its_cell_first_band_on_top():
    fig = charts.market_chart(PRICING)
    assert list(fig.layout.yaxis.categoryarray) == ["Eng · Seattle · P1", "Eng · Seattle · P2"]
    assert fig.layout.yaxis.autorange == "reversed"
    wide, box, median, midpoint = fig.data
    assert list(wide.x) == [99_190.0, 257_960.0, None, 99_190.0, 257_960.0, None]
    assert list(box.x) == [132_800.0, 211_860.0, None, 132_800.0, 211_860.0, None]
    assert list(median.x) == [167_280.0, 167_280.0]
    assert list(midpoint.x) == [136_500.0, 160_000.0]
    assert midpoint.customdata[0].tolist() == [
        "about the 28th percentile",
        "Software Developers, Seattle-Tacoma-Bellevue, WA",
    ]


def test_the_market_note_counts_cells_and_says_why_bands_are_not_priced():
    assert tables.market_note(PRICING) == (
        "2 of 3 bands priced, against 1 occupation in 1 area. 1 band not priced: choose an area for Zone A."
    )
    assert tables.market_note(PRICING[~PRICING["priced"]]) == (
        "No band is priced yet. 1 band not priced: choose an area for Zone A."
    )
    assert tables.any_priced(PRICING) and not tables.any_priced(PRICING[~PRICING["priced"]])


def test_the_market_table_names_the_source_of_priced_rows_only():
    rows = tables.market_rows(PRICING)
    assert rows["source"].tolist() == ["BLS OEWS May 2025 (bls_oews_2025)"] * 2 + [""]
    assert rows["source_id"].tolist()[:2] == ["bls_oews_2025"] * 2 and pd.isna(rows["source_id"].iloc[2])
    assert rows["industry_name"].tolist() == ["All industries (cross-industry total)"] * 3
    shown = tables.market_table(rows).shown(rows)
    assert shown["occupation_title"].tolist() == ["Software Developers"] * 3
    assert shown["area_code"].tolist() == ["0042660", "0042660", None]  # a code stays text


def test_steps_are_numbered_as_shown():
    step = tables.Steps()
    assert [step("Files"), step("Workspaces"), step("Analysis")] == ["1. Files", "2. Workspaces", "3. Analysis"]
