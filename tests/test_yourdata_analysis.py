"""Analyses of a small hand-made bands file and people file, checked to the cent.

Every expected figure below is worked out by hand from the two files in this module (the
working is in the comments), and the vectorised SQL is checked against analytics.metrics.
"""

from __future__ import annotations

import math

import pytest

from analytics import metrics
from analytics.db import connect, warehouse_path
from analytics.yourdata import analysis, queries
from analytics.yourdata.pipeline import import_file, new_connection
from tests import team_files

BANDS = """Job Family,Level,Zone,Currency,Range Min,Range Max,Midpoint
Eng,L1,,USD,100000,150000,
Eng,L2,,USD,"120,000","180,000",
Eng,L3,,USD,150000,225000,180000
"""
# L1 midpoint 125,000; L2 150,000 (progression 0.2, overlap (150,000 − 120,000) / 60,000 = 0.5);
# L3 midpoint given as 180,000 (progression 0.2, overlap (180,000 − 150,000) / 75,000 = 0.4).
PEOPLE = """Employee ID,Job Family,Level,Base Salary,Gender
A1,Eng,L1,95000,Woman
A2,Eng,L1,125000,Man
A3,Eng,L1,160000,Woman
B1,Eng,L2,$110000.50,Woman
B2,Eng,L2,120000,Woman
B3,Eng,L2,135000,Woman
B4,Eng,L2,150000,Woman
B5,Eng,L2,165000,Woman
B6,Eng,L2,180000,Woman
B7,Eng,L2,140000,Man
B8,Eng,L2,200000,Man
C1,eng,l3,140000,
"""


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    folder = tmp_path_factory.mktemp("handmade")
    (folder / "bands.csv").write_text(BANDS)
    (folder / "people.csv").write_text(PEOPLE)
    con = new_connection()
    bands = import_file(con, folder / "bands.csv")
    people = import_file(con, folder / "people.csv")
    assert (bands.kind, bands.checked.problem_count, people.kind, people.checked.problem_count) == (
        "bands",
        0,
        "people",
        0,
    )
    yield con
    con.close()


def test_band_ladder(con):
    df = queries.band_ladder(con)
    assert df["level"].tolist() == ["L1", "L2", "L3"]
    assert df["midpoint"].tolist() == [125_000.0, 150_000.0, 180_000.0]
    assert df["midpoint_given"].tolist() == [False, False, True]
    assert df["spread"].tolist() == [0.5, 0.5, 0.5]
    assert math.isnan(df["progression"][0]) and df["progression"][1:].round(12).tolist() == [0.2, 0.2]
    assert math.isnan(df["overlap_with_previous"][0])
    assert df["overlap_with_previous"][1:].round(12).tolist() == [0.5, 0.4]
    assert df["people"].tolist() == [3, 8, 1]
    assert df["below_min"].tolist() == [1, 1, 1]
    assert df["above_max"].tolist() == [1, 1, 0]
    assert df["cost_to_min"].tolist() == [5_000.0, 9_999.50, 10_000.0]


def test_ladder_matches_the_scalar_formulas(con):
    df = queries.band_ladder(con)
    for prev, row in zip(df.iloc[:-1].itertuples(), df.iloc[1:].itertuples(), strict=True):
        assert row.spread == pytest.approx(metrics.range_spread(row.min, row.max), abs=1e-12)
        assert row.progression == pytest.approx(metrics.midpoint_progression(prev.midpoint, row.midpoint), abs=1e-12)
        assert row.overlap_with_previous == pytest.approx(
            metrics.range_overlap(prev.min, prev.max, row.min, row.max), abs=1e-12
        )


def test_people_positions(con):
    df = queries.people_positions(con).set_index("person_id")
    assert df.loc["A1", ["compa_ratio", "penetration", "position", "raise_to_min"]].tolist() == [
        0.76,
        -0.1,
        "below",
        5_000.0,
    ]
    assert df.loc["A2", ["compa_ratio", "penetration", "position"]].tolist() == [1.0, 0.5, "middle"]
    assert df.loc["A3", "position"] == "above"
    assert df.loc["A3", ["compa_ratio", "penetration"]].astype(float).round(12).tolist() == [1.28, 1.2]
    # B1: 110,000.50 / 150,000 and (110,000.50 − 120,000) / 60,000.
    assert df.loc["B1", "compa_ratio"] == pytest.approx(0.7333366666666667, abs=1e-15)
    assert df.loc["B1", "penetration"] == pytest.approx(-0.16665833333333334, abs=1e-15)
    assert df.loc["B1", "raise_to_min"] == 9_999.50
    assert df.loc["B6", ["penetration", "position"]].tolist() == [1.0, "upper"]  # at the maximum: inside
    # C1's band (matched without case: "eng", "l3") has the given midpoint 180,000.
    assert df.loc["C1", ["family", "level", "midpoint", "raise_to_min"]].tolist() == ["Eng", "L3", 180_000.0, 10_000.0]
    assert df.loc["C1", "compa_ratio"] == pytest.approx(140_000 / 180_000, abs=1e-15)


def test_positions_match_pay_position(con):
    df = queries.people_positions(con)
    for row in df[df["midpoint"] == (df["min"] + df["max"]) / 2].itertuples():
        expected = metrics.pay_position(row.base, row.min, row.max)
        assert (row.compa_ratio, row.penetration, row.position) == pytest.approx(
            (expected["compa_ratio"], expected["penetration"], expected["zone"]), abs=1e-12
        )


def test_range_summary_to_the_cent(con):
    df = queries.range_summary(con)
    assert df[["currency", "people", "below_min", "within", "above_max", "cost_to_min"]].values.tolist() == [
        ["USD", 12, 3, 7, 2, 24_999.50]
    ]  # 5,000 + 9,999.50 + 10,000


def test_groups_under_five_are_suppressed(con):
    df = queries.group_comparison(con)
    assert df[["level", "group", "shown", "note"]].values.tolist() == [
        ["L1", "Man", False, queries.SUPPRESSED],
        ["L1", "Woman", False, queries.SUPPRESSED],
        ["L2", "Man", False, queries.SUPPRESSED],
        ["L2", "Woman", True, ""],
        ["L3", "not stated", False, queries.SUPPRESSED],
    ]
    woman = df[(df["level"] == "L2") & (df["group"] == "Woman")].iloc[0]
    # Median base of six women in L2: (135,000 + 150,000) / 2 = 142,500; / 150,000 = 0.95.
    assert (woman["people"], woman["median_compa_ratio"]) == (6, pytest.approx(0.95, abs=1e-12))
    hidden = df[~df["shown"]]
    assert hidden["people"].isna().all() and hidden["median_compa_ratio"].isna().all()


# BLS OEWS May 2025, Marketing Managers (11-2021), national, all industries, annual wages as
# published (p50 and p90 are also asserted from the release in tests/test_market.py).
PUBLISHED = {10: 90_260.0, 25: 123_020.0, 50: 166_790.0, 75: 216_410.0, 90: 293_610.0}


@pytest.fixture(scope="module")
def warehouse():
    if not warehouse_path().exists():
        pytest.skip("the warehouse is not built (make warehouse)")
    with connect() as con:
        yield con


def test_market_percentile_of_band_midpoints(tmp_path, warehouse):
    (tmp_path / "bands.csv").write_text(
        "Job Family,Level,Currency,Min,Max\n"
        "Mkt,L1,USD,133432,200148\n"  # midpoint 166,790: the published median
        "Mkt,L2,USD,153280,229920\n"  # midpoint 191,600: halfway from p50 to p75 → 62.5th
        "Mkt,L3,USD,250000,350000\n"  # midpoint 300,000: above the published 90th
        "Mkt,L4,EUR,100000,150000\n"
    )
    con = new_connection()
    import_file(con, tmp_path / "bands.csv")
    df = analysis.market_pricing(con, warehouse, {"Mkt": "11-2021"}, {"": "0000000"}, "000000").set_index("level")
    assert {p: df[f"bls_p{p}"]["L1"] for p in PUBLISHED} == PUBLISHED
    assert df.loc[["L1", "L2"], "market_percentile"].tolist() == [50.0, 62.5]
    assert df.loc[["L1", "L2", "L3", "L4"], "market_position"].tolist() == [
        "at the 50th percentile",
        "about the 63rd percentile",
        "above the 90th percentile",
        "not priced: BLS wages are in US dollars",
    ]
    assert df.loc[["L1", "L2", "L3", "L4"], "priced"].tolist() == [True, True, True, False]
    assert df.loc[["L3", "L4"], "market_percentile"].isna().all()
    assert df.loc["L1", "ratio_to_market_median"] == 1.0


# BLS OEWS May 2025, all industries, annual medians as published, per occupation and metro area:
# Seattle-Tacoma-Bellevue, WA (0042660) and Austin-Round Rock-San Marcos, TX (0012420).
MEDIANS = {
    ("11-2021", "0042660"): 175_850.0,
    ("11-2021", "0012420"): 164_920.0,
    ("15-1252", "0042660"): 167_280.0,
    ("15-1252", "0012420"): 134_120.0,
    ("15-1255", "0042660"): 133_760.0,
    ("15-1255", "0012420"): 119_950.0,
}
TEAM_OCCUPATIONS = {"Product": "11-2021", "Engineering": "15-1252", "Design": "15-1255"}
TEAM_AREAS = {"Seattle": "0042660", "Austin": "0012420"}


@pytest.fixture(scope="module")
def team(tmp_path_factory):
    """The realistic 40-person team's files (tests/team_files.py: synthetic), imported; USD for the bands file,
    which has no currency column, and the bonus as a percent of base."""
    bands, people = team_files.write(tmp_path_factory.mktemp("team"))
    con = new_connection()
    import_file(con, bands, default_currency="USD")
    import_file(con, people)
    yield con
    con.close()


def test_each_band_is_priced_against_its_own_occupation_and_area(team, warehouse):
    df = analysis.market_pricing(team, warehouse, TEAM_OCCUPATIONS, TEAM_AREAS)
    assert len(df) == 24 and df["priced"].all()
    cells = {(r.family, r.zone): (r.occupation_code, r.area_code, r.bls_p50) for r in df.itertuples()}
    assert cells == {
        (family, zone): (
            TEAM_OCCUPATIONS[family],
            TEAM_AREAS[zone],
            MEDIANS[TEAM_OCCUPATIONS[family], TEAM_AREAS[zone]],
        )
        for family in TEAM_OCCUPATIONS
        for zone in TEAM_AREAS
    }
    assert set(zip(df["occupation_title"], df["area_name"], strict=True)) >= {
        ("Software Developers", "Seattle-Tacoma-Bellevue, WA"),
        ("Marketing Managers", "Austin-Round Rock-San Marcos, TX"),
        ("Web and Digital Interface Designers", "Austin-Round Rock-San Marcos, TX"),
    }
    eng = df[df["family"] == "Engineering"].set_index(["zone", "level"])
    # Seattle P1: midpoint (109,000 + 164,000) / 2 = 136,500, between Software Developers' published 25th
    # (132,800) and median (167,280) in Seattle: 25 + 25 × 3,700 / 34,480.
    assert eng.loc[("Seattle", "P1"), "midpoint"] == 136_500.0
    assert eng.loc[("Seattle", "P1"), "market_percentile"] == pytest.approx(25 + 25 * 3_700 / 34_480, abs=1e-12)
    assert eng.loc[("Seattle", "P1"), "market_position"] == "about the 28th percentile"
    # Austin P1: (96,000 + 144,000) / 2 = 120,000, between Austin's 25th (104,000) and median (134,120).
    assert eng.loc[("Austin", "P1"), "market_percentile"] == pytest.approx(25 + 25 * 16_000 / 30_120, abs=1e-12)
    assert eng.loc[("Austin", "P1"), "ratio_to_market_median"] == pytest.approx(120_000 / 134_120, abs=1e-15)


def test_bands_keep_ladder_order_though_the_file_lists_levels_out_of_order(team, warehouse):
    # team_bands.csv lists each family and location's levels as P1, P3, P2, P4.
    assert queries.band_ladder(team)["level"].tolist() == ["P1", "P2", "P3", "P4"] * 6
    df = analysis.market_pricing(team, warehouse, TEAM_OCCUPATIONS, TEAM_AREAS)
    assert df[["family", "zone", "level"]].drop_duplicates(["family", "zone"]).values.tolist() == [
        ["Design", "Austin", "P1"],
        ["Design", "Seattle", "P1"],
        ["Engineering", "Austin", "P1"],
        ["Engineering", "Seattle", "P1"],
        ["Product", "Austin", "P1"],
        ["Product", "Seattle", "P1"],
    ]
    assert df["level"].tolist() == ["P1", "P2", "P3", "P4"] * 6


def test_a_band_without_an_occupation_or_an_area_says_so(team, warehouse):
    df = analysis.market_pricing(team, warehouse, {**TEAM_OCCUPATIONS, "Design": ""}, {"Seattle": "0042660"})
    by = df.groupby(["family", "zone"])["market_position"].agg(set).to_dict()
    assert by[("Design", "Seattle")] == {"not priced: choose an occupation for Design"}
    assert by[("Engineering", "Austin")] == {"not priced: choose an area for Austin"}
    assert df.loc[~df["priced"], ["bls_p50", "market_percentile"]].isna().all().all()
    assert df.loc[~df["priced"], "occupation_code"].isna().sum() == 8  # Design's, in both places
    assert analysis.cells_priced(df) == (2, 1)


def test_a_cell_bls_does_not_publish_says_so(team, warehouse):
    # Web and Digital Interface Designers: BLS publishes no estimate for the Abilene, TX metro (0010180).
    df = analysis.market_pricing(team, warehouse, TEAM_OCCUPATIONS, {**TEAM_AREAS, "Austin": "0010180"})
    design = df[(df["family"] == "Design") & (df["zone"] == "Austin")]
    assert set(design["market_position"]) == {
        "not priced: BLS publishes no estimate for Web and Digital Interface Designers in Abilene, TX"
    }
