"""Suggesting each job family's BLS occupation and each location's BLS area from the names in a bands file.

Occupations come from data/family_occupations.csv (read back from the warehouse and from the file itself);
areas from the BLS release's area list, whose codes are BLS's (checked against its names here).
"""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from analytics.db import DATA_DIR, warehouse_path
from analytics.market.queries import area_employment, areas, family_occupations
from analytics.yourdata.marketmap import normal, suggest_area, suggest_occupation, suggestions

SEATTLE, AUSTIN, NATIONAL = "0042660", "0012420", "0000000"


@pytest.fixture(scope="module")
def warehouse():
    if not warehouse_path().exists():
        pytest.skip("the warehouse is not built (make warehouse)")
    import duckdb

    with duckdb.connect(str(warehouse_path()), read_only=True) as con:
        yield con


@pytest.fixture(scope="module")
def area_list(warehouse):
    return areas(warehouse)


@pytest.fixture(scope="module")
def sizes(warehouse):
    frame = area_employment(warehouse)
    return dict(zip(frame["area_code"], frame["employment"], strict=True))


def test_the_family_table_is_the_csv_and_every_row_says_why():
    with open(DATA_DIR / "family_occupations.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert all(r["rationale"].strip() and r["source_id"].strip() and r["chosen_by"].strip() for r in rows)
    names = [normal(n) for r in rows for n in [r["family"], *r["aliases"].split(";")] if n.strip()]
    assert len(names) == len(set(names)), "a name suggests two occupations"
    assert {r["family"]: r["occupation_code"] for r in rows if r["family"] in ("Product", "Engineering", "Design")} == {
        "Product": "11-2021",
        "Engineering": "15-1252",
        "Design": "15-1255",
    }


def test_the_warehouse_holds_the_family_table_with_release_titles(warehouse):
    table = family_occupations(warehouse).set_index("family")
    assert table.loc["Engineering", ["occupation_code", "occupation_title"]].tolist() == [
        "15-1252",
        "Software Developers",
    ]
    assert table.loc["Data Science", "occupation_title"] == "Data Scientists"
    assert len(table) == 20


@pytest.mark.parametrize(
    ("family", "code"),
    [
        ("Product", "11-2021"),
        ("Product Management", "11-2021"),
        ("Engineering", "15-1252"),
        ("software-engineering", "15-1252"),
        ("Senior Software Engineering", "15-1252"),  # the longest name found in it
        ("Design", "15-1255"),
        ("Product Design", "15-1255"),  # an alias of Design, though it holds "Product"
        ("Graphic Design", "27-1024"),
        ("Data Science", "15-2051"),
        ("FP&A", "13-2051"),
        ("People Ops", "13-1071"),
        ("Data Engineering", None),  # "data" and "engineering" tie: the user chooses
        ("Widgets", None),
        ("", None),
    ],
)
def test_an_occupation_is_suggested_for_a_family_name(warehouse, family, code):
    assert suggest_occupation(family, family_occupations(warehouse)) == code


@pytest.mark.parametrize(
    ("zone", "code"),
    [
        ("Seattle", SEATTLE),
        ("seattle, wa", SEATTLE),
        ("Tacoma", SEATTLE),  # a principal city other than the first
        ("Austin", AUSTIN),
        ("Austin, TX", AUSTIN),
        ("Austin, WA", None),  # the state written does not fit
        ("Portland", "0038900"),  # Portland-Vancouver-Hillsboro, OR-WA: the larger of the two Portlands
        ("Portland, ME", "0038860"),  # Portland-South Portland, ME
        ("New York", "0035620"),
        ("NYC", "0035620"),
        ("Bay Area", "0041860"),
        ("Washington", "0047900"),  # the city: Washington-Arlington-Alexandria
        ("Washington State", "5300000"),
        ("WA", "5300000"),
        ("Texas", "4800000"),
        ("tx", "4800000"),
        ("Remote", NATIONAL),
        ("US", NATIONAL),
        ("", NATIONAL),
        (None, NATIONAL),
        ("Zone A", None),
        ("London", None),
    ],
)
def test_an_area_is_suggested_for_a_location_name(area_list, sizes, zone, code):
    assert suggest_area(zone, area_list, sizes) == code


def test_the_areas_suggested_are_the_ones_named(area_list):
    names = area_list.set_index("area_code")["area_name"]
    assert names[SEATTLE] == "Seattle-Tacoma-Bellevue, WA"
    assert names[AUSTIN] == "Austin-Round Rock-San Marcos, TX"
    assert names["0038900"] == "Portland-Vancouver-Hillsboro, OR-WA"
    assert names["0038860"] == "Portland-South Portland, ME"


def test_two_metros_sharing_a_city_take_the_larger():
    frame = pd.DataFrame(
        {
            "area_code": ["1", "2", "3"],
            "area_name": ["Springfield, IL", "Springfield, MA", "Springfield nonmetropolitan area"],
            "area_type": ["metro", "metro", "metro"],
            "state_postal": [None, None, None],
            "nonmetropolitan": [False, False, True],
        }
    )
    assert suggest_area("Springfield", frame, {"1": 100.0, "2": 300.0, "3": 900.0}) == "2"
    assert suggest_area("Springfield", frame, {"1": 300.0, "2": 100.0}) == "1"


def test_suggestions_for_the_bands_families_and_zones(warehouse):
    occupations, zones = suggestions(
        ["Design", "Engineering", "Product"],
        ["Austin", "Seattle"],
        family_occupations(warehouse),
        areas(warehouse),
        area_employment(warehouse),
    )
    assert occupations == {"Design": "15-1255", "Engineering": "15-1252", "Product": "11-2021"}
    assert zones == {"Austin": AUSTIN, "Seattle": SEATTLE}


def test_a_family_occupation_with_a_title_not_in_the_release_is_refused(tmp_path):
    import duckdb

    from analytics.market.ingest import load_family_occupations

    bad = tmp_path / "families.csv"
    bad.write_text("family,aliases,occupation_code,occupation_title\nEngineering,,15-1252,Software Engineers\n")
    with duckdb.connect() as mem:
        mem.execute(
            "CREATE TABLE market_occupation AS "
            "SELECT '15-1252' AS occupation_code, 'Software Developers' AS occupation_title"
        )
        with pytest.raises(ValueError, match="Software Engineers"):
            load_family_occupations(mem, bad)
