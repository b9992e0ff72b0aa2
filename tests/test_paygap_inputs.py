"""Bad inputs to the pay gap report each give a message, never an unhandled exception; gender labels map as stated.

No women, no men, one person, hours all zero or all blank, variable pay above 100 × base, several
currencies, text where a number belongs, no gender column: `build_report` returns a report whose
`problem` (or a note, or a row left out) says what is wrong in plain words, and the workbook and
the HTML still write.
"""

from __future__ import annotations

import datetime as dt
from html import escape

import pandas as pd
import pytest

from analytics.paygap import gender, printable, tables, workbook
from analytics.paygap.definitions import MEN, NOT_STATED, OTHER, UNRECOGNISED, WOMEN
from analytics.paygap.people import PayGapProblem, Settings, prepare
from analytics.paygap.report import build_report

SETTINGS = Settings(reference_date=dt.date(2025, 1, 1))


def people(n_women: int, n_men: int, **columns) -> pd.DataFrame:
    """n_women women then n_men men, full time, base 50,000 + 1,000 a person, in USD."""
    n = n_women + n_men
    frame = pd.DataFrame(
        {
            "person_id": [f"P{i}" for i in range(n)],
            "family": "Eng",
            "level": "L1",
            "zone": "A",
            "base": [50_000 + 1_000 * i for i in range(n)],
            "gender": ["Woman"] * n_women + ["Man"] * n_men,
            "start_date": dt.date(2020, 1, 1),
            "currency": "USD",
        }
    )
    for name, values in columns.items():
        frame[name] = values
    return frame


@pytest.mark.parametrize(
    ("frame", "says"),
    [
        (people(0, 12), "There are no women among the 12 people kept"),
        (people(12, 0), "There are no men among the 12 people kept"),
        (people(1, 0), "There are no men among the 1 people kept"),
        (people(0, 1), "There are no women"),
        (people(6, 6, hours=0), "No one is left to report on: every one of the 12 rows has a problem"),
        (people(6, 6, hours=[0.0] * 6 + [None] * 6), "There are no women among the 6 people kept"),
        (people(6, 6, currency=["USD"] * 6 + ["EUR"] * 6), "People are paid in 2 currencies (EUR 6, USD 6)"),
        (people(6, 6, gender=None), "No one in the file has a gender"),
        (people(6, 6, gender="zzz"), "There are no women"),
        (people(6, 6).drop(columns="gender"), "No one in the file has a gender"),
        (people(6, 6).drop(columns="base"), "no base pay column"),
        (people(6, 6, base="abc"), "No one is left to report on"),
        (people(0, 0), "The people file has no rows"),
    ],
)
def test_a_report_that_cannot_be_made_says_why(frame, says, tmp_path):
    report = build_report(frame, SETTINGS, source_name="people.csv")
    assert report.problem is not None and says in report.problem
    with pytest.raises(PayGapProblem, match="."):
        report.workforce.require()
    # Everything the page offers still works: the counting tables, the workbook and the printable page.
    keys = [s.key for s in tables.sections(report)]
    assert keys == ["People counted", "Gender labels", "Rows left out"]
    assert workbook.write_workbook(report, tmp_path / "r.xlsx").startswith(b"PK")
    assert escape(report.problem) in printable.report_html(report)


def test_every_hour_zero_lists_each_row_left_out():
    report = build_report(people(6, 6, hours=0), SETTINGS)
    left = report.workforce.left_out
    assert len(left) == 12 and set(left["problem"]) == {"contracted weekly hours must be above zero"}
    assert left["row"].tolist() == list(range(1, 13)) and left["column"].eq("hours").all()


def test_every_hour_blank_counts_everyone_full_time_and_says_so():
    report = build_report(people(6, 6, hours=None), SETTINGS)
    assert report.problem is None
    assert any(
        "No one has contracted weekly hours: everyone counts as full time (40 hours" in n
        for n in report.workforce.notes
    )
    assert report.workforce.people["total_hourly"].iloc[0] == pytest.approx(50_000 / (40 * 52))
    # Full time is a setting: 37.5 hours a week makes the same pay 50,000 ÷ (37.5 × 52) an hour.
    report = build_report(people(6, 6, hours=None), Settings(full_time_hours=37.5, reference_date=dt.date(2025, 1, 1)))
    assert report.workforce.people["total_hourly"].iloc[0] == pytest.approx(50_000 / (37.5 * 52))
    # and the printed definition says the hours used
    definitions = tables.definitions_table(report).set_index("Term")["Definition"]
    assert definitions["Full time"].startswith("Contracted weekly hours left blank count as full time: 37.5 hours")
    assert "37.5 hours a week (1,950 hours a year)" in printable.report_html(report)


def test_variable_pay_above_a_hundred_times_base_is_left_out_with_its_reason():
    variable = [None] * 11 + [61_000 * 100 + 1]  # P11's base is 50,000 + 11 × 1,000
    report = build_report(people(6, 6, variable=variable), SETTINGS)
    assert report.problem is None
    left = report.workforce.left_out
    assert left["person_id"].tolist() == ["P11"] and left["column"].tolist() == ["variable"]
    assert "variable pay is more than 100 × base pay" in left["problem"].iloc[0]
    assert len(report.workforce.people) == 11
    # 100 × base exactly is allowed
    report = build_report(people(6, 6, variable=[None] * 11 + [61_000 * 100]), SETTINGS)
    assert report.workforce.left_out.empty


def test_other_row_problems_are_listed_and_the_rest_reported():
    frame = people(7, 7)
    frame["base"] = frame["base"].astype(object)
    frame.loc[0, "base"] = "abc"
    frame.loc[1, "base"] = -5
    frame.loc[2, "person_id"] = "P3"  # a repeated ID: the second one is left out
    frame["hours"] = [None] * 13 + [200]
    frame["currency"] = ["USD"] * 12 + ["EUR", "USD"]
    report = build_report(frame, Settings(reference_date=dt.date(2025, 1, 1), currency="USD"))
    problems = report.workforce.left_out[["person_id", "column", "problem"]].values.tolist()
    assert problems == [
        ["P0", "base", "not a number"],
        ["P1", "base", "base pay must be above zero"],
        ["P3", "person_id", "duplicate employee ID: first on row 3"],
        ["P12", "currency", "paid in EUR; this report is in USD"],
        ["P13", "hours", "more than 168 contracted hours a week"],
    ]
    assert len(report.workforce.people) == 9 and report.problem is None


def test_settings_that_make_no_sense_raise_value_error():
    with pytest.raises(ValueError, match="full time"):
        prepare(people(6, 6), Settings(full_time_hours=0))
    with pytest.raises(ValueError, match="categories"):
        prepare(people(6, 6), Settings(category_by=("salary",)))
    with pytest.raises(ValueError, match="controls"):
        prepare(people(6, 6), Settings(controls=("gender",)))


@pytest.mark.parametrize(
    ("labels", "group"),
    [
        (["F", "female", "Woman", "w", "Frau", "FEMALE ", "Femme", "mujer", "Weiblich", "kvinna"], WOMEN),
        (["M", "male", "Man", "h", "Mann", " MALE", "Homme", "hombre", "Männlich", "mężczyzna"], MEN),
        (["X", "D", "Non-binary", "nonbinary", "Diverse", "genderqueer", "Agender", "Other"], OTHER),
        ([None, "", "  ", "Prefer not to say", "N/A", "unknown", "Declined"], NOT_STATED),
        (["zzz", "Mx", "42"], UNRECOGNISED),
    ],
)
def test_gender_labels_in_many_spellings(labels, group):
    assert [gender.gender_of(label) for label in labels] == [group] * len(labels)


def test_unrecognised_labels_are_counted_and_named():
    frame = people(6, 6)
    frame["gender"] = ["F", "female", "Woman", "w", "Frau", "zzz"] + ["M", "male", "Man", "h", "Mann", "Non-binary"]
    report = build_report(frame, SETTINGS)
    counts = report.workforce.people["gender"].value_counts().to_dict()
    assert counts == {WOMEN: 5, MEN: 5, UNRECOGNISED: 1, OTHER: 1}
    assert any("“zzz” (1)" in note and "not recognised" in note for note in report.workforce.notes)
    labels = tables.label_table(report)
    assert labels.loc[labels["Label in the file"] == "zzz", "Counted as"].tolist() == [UNRECOGNISED]
    headcount = tables.headcount_table(report).set_index("Gender")["People"].to_dict()
    assert headcount[WOMEN] == 5 and headcount[OTHER] == 1 and headcount[UNRECOGNISED] == 1


def test_full_time_equivalent_base_is_paid_for_the_hours():
    frame = people(6, 6, hours=[20] + [None] * 11)
    report = build_report(frame, Settings(reference_date=dt.date(2025, 1, 1), base_is_full_time_equivalent=True))
    first = report.workforce.people.iloc[0]
    # 50,000 full-time equivalent at 20 of 40 hours: 25,000 paid, 25,000 ÷ (20 × 52) an hour
    assert first["basic_annual"] == pytest.approx(25_000)
    assert first["total_hourly"] == pytest.approx(50_000 / (40 * 52))


def test_tenure_is_counted_to_the_reference_date():
    frame = people(6, 6)
    frame["start_date"] = ["2020-01-01", None, "2026-01-01", "not a date"] + ["2024-01-01"] * 8
    report = build_report(frame, SETTINGS)
    tenure = report.workforce.people["tenure_years"]
    assert tenure.iloc[0] == pytest.approx((dt.date(2025, 1, 1) - dt.date(2020, 1, 1)).days / 365.25)
    assert tenure.iloc[1:4].isna().all()
    notes = " ".join(report.workforce.notes)
    assert "1 start date is not a date" in notes and "1 person starts after the reference date 2025-01-01" in notes
