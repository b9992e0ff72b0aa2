"""The pay gap fields through Your data's import, and the page's session without Streamlit.

A people file with gender, weekly hours, variable pay (an amount or a percent) and a category is
validated like the rest of the file (file, row, column as headed, value, why), typed into the people
table and read back by analytics.paygap.queries; FTE fractions are converted as stated; the report's
session keeps exclusions in a workspace its editor may change and only for the session otherwise.
"""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.paygap import tables
from analytics.paygap.people import Settings
from analytics.paygap.queries import people_currencies, people_for_paygap, people_problems
from analytics.paygap.report import build_report
from analytics.paygap.session import IMPORT, PayGapSession, Source, saved_values, settings_from, source_of
from analytics.yourdata.pipeline import import_file, new_connection
from analytics.yourdata.queries import problem_rows
from analytics.yourdata.session import ImportSession, Shown
from analytics.yourdata.store import LOCAL, Identity
from analytics.yourdata.store.files import FileStore

BANDS = "Job Family,Level,Zone,Currency,Min,Max\nEng,L1,Zone A,USD,10000,500000\nEng,L2,Zone A,USD,10000,500000\n"
HEADER = "Employee ID,Job Family,Level,Zone,Currency,Base Salary,Variable Pay,Bonus %,Weekly Hours,Sex,Job Category"


def imported(tmp_path, *rows: str, header: str = HEADER):
    """Import the bands and a people file of these rows; the connection and the people file's check."""
    (tmp_path / "bands.csv").write_text(BANDS)
    (tmp_path / "people.csv").write_text("\n".join([header, *rows]) + "\n")
    con = new_connection()
    import_file(con, tmp_path / "bands.csv")
    return con, import_file(con, tmp_path / "people.csv")


def test_the_pay_gap_columns_are_typed_and_stored(tmp_path):
    con, people = imported(
        tmp_path,
        "E1,Eng,L1,Zone A,USD,100000,5000,,40,Woman,A",
        "E2,Eng,L1,Zone A,USD,100000,,10%,20,M,A",
        "E3,Eng,L2,Zone A,USD,90000,0,,,,",
    )
    assert {k: people.mapping[k] for k in ("gender", "hours", "variable", "variable_pct", "category", "group")} == {
        "gender": 9,
        "hours": 8,
        "variable": 6,
        "variable_pct": 7,
        "category": 10,
        "group": None,
    }
    assert people.checked.bad_rows == 0
    rows = con.execute(
        'SELECT person_id, gender, hours, variable, variable_pct, category, "group" FROM people ORDER BY _row'
    ).fetchall()
    assert rows == [
        ("E1", "Woman", 40.0, 5000.0, None, "A", "Woman"),  # the group comparison falls back to gender
        ("E2", "M", 20.0, None, 10.0, "A", "M"),
        ("E3", None, None, 0.0, None, None, None),
    ]
    frame = people_for_paygap(con)
    assert frame["gender"].tolist()[:2] == ["Woman", "M"] and frame["gender"].isna().tolist() == [False, False, True]
    assert frame["variable_pct"].tolist()[1] == 10.0
    assert people_currencies(con) == ["USD"] and people_problems(con).empty


def test_every_bad_value_is_a_problem_with_its_row_and_why(tmp_path):
    con, people = imported(
        tmp_path,
        "E1,Eng,L1,Zone A,USD,100000,5000,,40,Woman,A",
        "E2,Eng,L1,Zone A,USD,100000,,10%,0,Man,A",
        "E3,Eng,L1,Zone A,USD,100000,10000001,,200,Man,",
        "E4,Eng,L1,Zone A,USD,100000,,10001,1,F,",
        "E5,Eng,L1,Zone A,USD,100000,abc,x,-3,M," + "y" * 201,
    )
    problems = problem_rows(con, people.checked)
    assert problems.values.tolist() == [
        ["people.csv", 3, "Weekly Hours", "0", "must be above zero"],
        ["people.csv", 4, "Variable Pay", "10000001", VARIABLE_TOO_BIG],
        ["people.csv", 4, "Weekly Hours", "200", "more than 168 contracted hours a week"],
        ["people.csv", 5, "Bonus %", "10001", VARIABLE_TOO_BIG],
        [
            "people.csv",
            5,
            "Weekly Hours",
            "1",
            "an FTE fraction (at most 1.5) among weekly hours: write weekly hours, or FTEs for everyone",
        ],
        ["people.csv", 6, "Bonus %", "x", "not a number"],
        ["people.csv", 6, "Job Category", "y" * 80 + "…", "longer than 200 characters"],
        ["people.csv", 6, "Variable Pay", "abc", "not a number"],
        ["people.csv", 6, "Weekly Hours", "-3", "negative"],
    ]
    assert people_problems(con).values.tolist() == problems.values.tolist()
    assert people.checked.good_rows == 1
    # 100 × base exactly is allowed, as the report allows it
    con, people = imported(tmp_path, "E1,Eng,L1,Zone A,USD,100000,10000000,10000,40,Woman,A")
    assert people.checked.bad_rows == 0


VARIABLE_TOO_BIG = (
    "variable pay is more than 100 × base pay: check the amount "
    "(a percent written as an amount, or base pay per month?)"
)


def test_fte_fractions_are_read_as_a_share_of_full_time(tmp_path):
    rows = [f"W{i},Eng,L1,Zone A,USD,{50_000 + 1_000 * i},,,{0.5 if i == 0 else 1},Woman," for i in range(5)]
    rows += [f"M{i},Eng,L1,Zone A,USD,{60_000 + 1_000 * i},,,1,Man," for i in range(5)]
    con, people = imported(tmp_path, *rows)
    assert people.checked.bad_rows == 0  # every value a fraction: FTEs, not a problem
    report = build_report(con, Settings(reference_date=dt.date(2025, 1, 1), full_time_hours=37.5))
    first = report.workforce.people.iloc[0]
    assert first["hours"] == 0.5 * 37.5 and first["total_hourly"] == pytest.approx(50_000 / (18.75 * 52))
    assert "Hours are read as FTE fractions (every value is at most 1.5): weekly hours = fraction × 37.5." in (
        report.workforce.notes
    )
    # Read as weekly hours when the analyst says so: 0.5 and 1 hour a week are then kept as they are.
    weekly = build_report(con, Settings(reference_date=dt.date(2025, 1, 1), hours_are="weekly"))
    assert weekly.workforce.people.iloc[0]["hours"] == 0.5
    assert not any("FTE" in n for n in weekly.workforce.notes)


def test_a_workspace_keeps_the_people_s_problems(tmp_path):
    con, _ = imported(tmp_path, "E1,Eng,L1,Zone A,USD,100000,5000,,0,Woman,A")
    store = FileStore(tmp_path / "ws")
    saved = store.save(LOCAL, con, "W", "people.csv")
    opened = store.open(LOCAL, saved.id)
    assert people_problems(opened).values.tolist() == [["people.csv", 2, "Weekly Hours", "0", "must be above zero"]]
    assert tables.import_note(people_problems(opened)) == (
        "1 row of the people file (people.csv) had problems at import and is not in this report: 1 problem, "
        "listed below and on Your data."
    )


def test_settings_become_settings_or_say_what_to_change():
    values = saved_values(None)
    assert values["reference_date"] == dt.date.today() and values["category_by"] == ["family", "level"]
    settings, wrong = settings_from(values)
    assert wrong is None and settings.controls == ("level", "family", "zone", "tenure")
    assert settings_from(values | {"category_by": []}) == (
        None,
        "Choose at least one column that makes the categories of workers.",
    )
    settings, wrong = settings_from(values | {"full_time": 37.5, "hours_are": "fte", "currency": "EUR"})
    assert (settings.full_time_hours, settings.hours_are, settings.currency) == (37.5, "fte", "EUR")


def test_exclusions_are_kept_with_a_workspace_its_editor_may_change_and_for_the_session_otherwise(tmp_path):
    con, _ = imported(tmp_path, "E1,Eng,L1,Zone A,USD,100000,5000,,40,Woman,A")
    store = FileStore(tmp_path / "ws")
    saved = store.save(LOCAL, con, "W", "people.csv", {"area": "0000000"})
    ben = Identity("ben@example.com", "Ben")
    store.share(LOCAL, saved.id, ben.key, "viewer")
    values = saved_values(None)

    def source(who) -> Source:
        info = store.info(who, saved.id)
        return source_of(Shown(store.open(who, saved.id), "w", info), ImportSession())

    mine, theirs = PayGapSession(), PayGapSession()
    assert mine.exclude(source(LOCAL), store, LOCAL, " E1 ", "  ", values) == (
        "Write the reason for excluding E1: it is kept with the report."
    )
    assert (
        mine.exclude(source(LOCAL), store, LOCAL, "", "why", values)
        == "Write the employee ID of the person to exclude."
    )
    assert mine.exclude(source(LOCAL), store, LOCAL, " E1 ", " on  leave ", values) is None
    kept = store.info(LOCAL, saved.id).settings
    assert kept["area"] == "0000000"  # Your data's settings stay
    assert kept["paygap"]["exclusions"] == {"E1": "on leave"}
    assert kept["paygap"]["settings"]["reference_date"] == dt.date.today().isoformat()
    assert saved_values(source(LOCAL))["reference_date"] == dt.date.today()

    # A viewer sees the saved exclusion, and keeps their own for the session: the workspace does not change.
    viewing = source(ben)
    assert not viewing.saved and theirs.exclusions(viewing) == {"E1": "on leave"}
    assert theirs.exclude(viewing, store, ben, "E2", "left in March", values) is None
    assert theirs.exclusions(source(ben)) == {"E1": "on leave", "E2": "left in March"}
    assert store.info(LOCAL, saved.id).settings["paygap"]["exclusions"] == {"E1": "on leave"}
    assert theirs.where_kept(viewing).startswith("You can view this workspace but not change it")

    assert mine.include(source(LOCAL), store, LOCAL, "E1", values) is None
    assert store.info(LOCAL, saved.id).settings["paygap"]["exclusions"] == {}


def test_the_report_is_computed_once_per_source_settings_and_exclusions(tmp_path):
    con, _ = imported(tmp_path, "E1,Eng,L1,Zone A,USD,100000,5000,,40,Woman,A")
    imports = ImportSession()
    source = Source(IMPORT, Shown(con, "this import"), ("v", 1), "people.csv", dt.date(2025, 4, 5))
    session = PayGapSession()
    settings, _ = settings_from(saved_values(None))
    first = session.report(source, settings, {})
    assert session.report(source, settings, {}) is first
    assert session.report(source, settings, {"E1": "x"}) is not first
    assert first.source_name == "people.csv" and first.source_date == dt.date(2025, 4, 5)
    assert source_of(Shown(con, "this import"), imports).key is IMPORT
