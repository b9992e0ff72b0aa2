"""What a file's amounts are in: one currency for a bands file without a currency column, and a bonus given as
money or as a percent of base pay (recognised by header and values, asked when unsure, converted exactly).

The people files here are written by hand; tests/team_files.py's is synthetic. Every converted bonus is
base × percent ÷ 100 worked out by hand.
"""

from __future__ import annotations

import pytest

from analytics.yourdata import queries
from analytics.yourdata.columns import check_mapping, guess_mapping
from analytics.yourdata.pipeline import import_file, new_connection
from analytics.yourdata.read import read_file
from analytics.yourdata.rules import CURRENCIES
from analytics.yourdata.session import ImportSession
from analytics.yourdata.units import asked_units, asks_currency, currency_choices, guess_unit, unit_problems
from analytics.yourdata.validate import validate
from tests import team_files

BANDS = "Job Family,Level,Currency,Min,Max\nEng,L1,USD,100000,150000\nEng,L2,USD,120000,180000\n"


def test_every_currency_is_offered_the_most_used_first():
    choices = currency_choices()
    assert choices[:3] == ["USD", "EUR", "GBP"]
    assert sorted(choices) == sorted(CURRENCIES) and len(choices) == len(set(choices))


def test_only_a_bands_file_without_a_currency_column_asks_for_one():
    assert asks_currency("bands", guess_mapping(["Family", "Level", "Min", "Max"], "bands"))
    assert not asks_currency("bands", guess_mapping(["Family", "Level", "Currency", "Min", "Max"], "bands"))
    assert not asks_currency("people", guess_mapping(["Family", "Level", "Base"], "people"))  # the band's


def test_a_bands_file_without_a_currency_waits_for_one():
    bands = guess_mapping(["Family", "Level", "Min", "Max"], "bands")
    assert check_mapping(bands, "bands") == ["Choose the column for currency, or one currency for the whole file."]
    assert check_mapping(bands, "bands", default_currency="USD") == []


@pytest.mark.parametrize(
    ("header", "cells", "unit"),
    [
        ("bonus_target_pct", ["10", "15", "20"], "percent"),
        ("Bonus %", ["10", "12.5"], "percent"),
        ("Target bonus", ["10%", "15%"], "percent"),  # a % sign in the cells
        ("Bonus Target", ["14200", "9600"], "amount"),
        ("Bonus", ["$12,000.00", "8,500"], "amount"),
        ("Bonus", ["10", "15"], None),  # $10 or 10%? ask
        ("Bonus amount", ["10", "15"], None),
        ("bonus_pct", ["0.1", "0.15"], None),  # 0.1% or 10%? ask
        ("bonus_pct", ["12000"], None),  # a percent header over money: ask
        ("bonus_pct", [], "percent"),
        ("Bonus", ["", " "], None),
    ],
)
def test_a_bonus_unit_is_guessed_from_header_and_cells(header, cells, unit):
    assert guess_unit(header, cells) == unit


def test_comma_decimal_cells_are_read_for_the_guess():
    assert guess_unit("Bonus", ["12.000,00"], decimal=",") == "amount"
    assert guess_unit("Bonus", ["12,5"], decimal=",") is None


def test_bonus_target_pct_is_recognised_and_asked_about():
    headers = team_files.PEOPLE_HEADER
    mapping = guess_mapping(headers, "people")
    assert headers[mapping["bonus"]] == "bonus_target_pct"
    assert asked_units("people", mapping) == ["bonus"]
    assert asked_units("bands", guess_mapping(["Family", "Level", "Currency", "Min", "Max"], "bands")) == []
    assert unit_problems("people", mapping, {}) == [
        "Say whether the bonus target column holds an amount of money or a percent of base pay."
    ]
    assert unit_problems("people", mapping, {"bonus": "percent"}) == []


@pytest.fixture
def banded(tmp_path):
    con = new_connection()
    (tmp_path / "bands.csv").write_text(BANDS)
    import_file(con, tmp_path / "bands.csv")
    yield con, tmp_path
    con.close()


def people_bonus(con, tmp_path, text: str, units: dict) -> dict[str, float | None]:
    (tmp_path / "people.csv").write_text(text)
    raw = read_file(con, tmp_path / "people.csv", "raw_people")
    checked = validate(con, raw, guess_mapping(raw.headers, "people"), "people", units=units)
    assert checked.problem_count == 0, queries.problem_rows(con, checked)
    rows = con.execute("SELECT person_id, bonus FROM people ORDER BY person_id").fetchall()
    return dict(rows)


def test_a_percent_of_base_becomes_money(banded):
    con, folder = banded
    text = "id,family,level,base,bonus_target_pct\nA,Eng,L1,120000,10\nB,Eng,L2,150000,12.5%\nC,Eng,L1,110000,\n"
    # A: 120,000 × 10 ÷ 100; B: 150,000 × 12.5 ÷ 100 (the % sign read); C: no bonus.
    assert people_bonus(con, folder, text, {"bonus": "percent"}) == {"A": 12_000.0, "B": 18_750.0, "C": None}


def test_a_fraction_of_base_becomes_money(banded):
    con, folder = banded
    text = "id,family,level,base,bonus\nA,Eng,L1,120000,0.1\nB,Eng,L2,150000,0.125\n"
    assert people_bonus(con, folder, text, {"bonus": "fraction"}) == {"A": 12_000.0, "B": 18_750.0}


def test_an_amount_stays_money(banded):
    con, folder = banded
    text = "id,family,level,base,bonus\nA,Eng,L1,120000,10\n"
    assert people_bonus(con, folder, text, {"bonus": "amount"}) == {"A": 10.0}
    assert people_bonus(con, folder, text, {}) == {"A": 10.0}


def test_the_session_waits_for_the_bonus_unit(tmp_path):
    bands, people = team_files.write(tmp_path)
    session = ImportSession()
    session.open_file("bands", bands, bands.name, "b")
    session.open_file("people", people, people.name, "p")
    mappings = {kind: guess_mapping(raw.headers, kind) for kind, raw in session.raws.items()}
    bonus = mappings["people"]["bonus"]
    assert session.cells("people", bonus, rows=3) == ["10", "15", "10"]
    session.check(mappings, ".", "USD", {"people": {"bonus": None}})
    assert list(session.checked) == ["bands"]  # people wait until the unit is said
    session.check(mappings, ".", "USD", {"people": {"bonus": "percent"}})
    assert {k: c.good_rows for k, c in session.checked.items()} == {"bands": 24, "people": 40}
    first = session.con.execute("SELECT base, bonus FROM people WHERE person_id = 'T101'").fetchone()
    assert first == (152_300.0, 15_230.0)  # 152,300 × 10 ÷ 100
    session.con.close()
