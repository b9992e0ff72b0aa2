"""The Pay gap page under AppTest: the indicators of the hand-computed table on screen, settings, exclusions
kept in the workspace, the sample, and bad inputs that each get a message.

The people are the table of test_paygap_indicators (every figure worked out by hand there), written as a
people file with the headers an HR export has, imported with bands through Your data's import and saved as
a workspace, which the page opens from a link. The page runs through dashboard.py's router.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from analytics.yourdata.pipeline import import_file, new_connection
from analytics.yourdata.store import LOCAL
from tests.helpers import plain, run_page
from tests.test_paygap_indicators import AM, AW, BM, BW, CM, CW, DM, DW, FT, ROWS

HEADER = ["Employee ID", "Job Family", "Level", "Zone", "Currency", "Base Salary", "Variable Pay", "Bonus %"]
HEADER += ["Weekly Hours", "Gender"]
BANDS = "Job Family,Level,Zone,Currency,Min,Max\n" + "".join(
    f"{family},{level},Zone A,EUR,10000,500000\n"
    for family, level in (("Eng", "L1"), ("Eng", "L2"), ("Design", "L1"), ("Sales", "L1"))
)
LINE = (36 * 38 * 40 * 42 * 44) ** (1 / 5)  # Eng · L1 men's geometric mean hourly pay: the pay line (no controls)

WOMEN_MEAN, MEN_MEAN = (sum(AW) + sum(BW) + sum(CW) + sum(DW)) / 24, (sum(AM) + sum(BM) + sum(CM) + sum(DM)) / 26
WOMEN_VARIABLE, MEN_VARIABLE = 17_160 / 5, 26_900 / 6  # test_paygap_indicators.test_variable_pay_gaps_and_shares
INDICATORS = {
    "Mean gap": f"{(MEN_MEAN - WOMEN_MEAN) / MEN_MEAN * 100:.2f}%",
    "Median gap": f"{(38 - 36.5) / 38 * 100:.2f}%",
    "Mean variable-pay gap": f"{(MEN_VARIABLE - WOMEN_VARIABLE) / MEN_VARIABLE * 100:.2f}%",
    "Median variable-pay gap": f"{(4_520 - 2_880) / 4_520 * 100:.2f}%",
    "Received variable pay: women / men": f"{5 / 24 * 100:.2f}% / {6 / 26 * 100:.2f}%",
    "Lower quartile pay band: women / men": f"{7 / 13 * 100:.2f}% / {6 / 13 * 100:.2f}%",
    "Lower middle quartile pay band: women / men": f"{7 / 13 * 100:.2f}% / {6 / 13 * 100:.2f}%",
    "Upper middle quartile pay band: women / men": f"{5 / 12 * 100:.2f}% / {7 / 12 * 100:.2f}%",
    "Upper quartile pay band: women / men": f"{5 / 12 * 100:.2f}% / {7 / 12 * 100:.2f}%",
}


def cell(value) -> str:
    """A number as a CSV cell: whole numbers plain, others as Python writes them (read back exactly)."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def people_csv(rows=ROWS) -> str:
    """The hand-made people as a CSV file an HR system would export (the percent written with %)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for person_id, family, level, gender, base, variable, pct, hours in rows:
        percent = "" if pct is None else f"{cell(pct)}%"
        writer.writerow(
            [person_id, family, level, "Zone A", "EUR", cell(base), cell(variable), percent, cell(hours), gender or ""]
        )
    return out.getvalue()


def save_workspace(store, folder: Path, people: str, name: str = "Hand-made") -> str:
    """Import the bands and this people file as Your data does, save them as a workspace; its id."""
    (folder / "bands.csv").write_text(BANDS, encoding="utf-8")
    (folder / "people.csv").write_text(people, encoding="utf-8")
    con = new_connection()
    import_file(con, folder / "bands.csv")
    import_file(con, folder / "people.csv")
    return store.save(LOCAL, con, name, "bands.csv, people.csv").id


@pytest.fixture
def workspace(workspace_store, tmp_path):
    return save_workspace(workspace_store, tmp_path, people_csv())


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def frame(at, column: str):
    """The first table with this column (AppTest does not expose a dataframe's key)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def click(at, label: str):
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception
    return at


def texts(at) -> list[str]:
    """Every message on the page (errors, warnings, notes), as read."""
    return [plain(m.value) for m in [*at.error, *at.warning, *at.info]]


FILES_ONLY = pytest.mark.parametrize("workspace_store", ["files"], indirect=True)


@FILES_ONLY
def test_the_indicators_read_as_the_hand_computed_figures(workspace, workspace_store):
    at = run_page("pay_gap", workspace=workspace)
    assert at.selectbox(key="paygap_source").value == workspace
    shown = metrics(at)
    assert {k: shown[k] for k in INDICATORS} == INDICATORS
    # Each figure says what it is made of, and where the law asks for it.
    captions = [plain(c.value) for c in at.caption]
    women_hourly, men_hourly = f"{WOMEN_MEAN:.2f}", f"{MEN_MEAN:.2f}"
    assert f"Women {women_hourly}, men {men_hourly} (EUR an hour); 24 women and 26 men counted." in captions
    assert "Women 3,432, men 4,483 (EUR a year); 5 women and 6 men counted." in captions
    markdown = [plain(m.value) for m in at.markdown]
    assert (
        "**Mean gender pay gap (hourly pay)**  \nEU Directive 2023/970 Art. 9(1)(a) · UK regulations 2017 reg. 2(1)(a)"
        in markdown
    )
    assert len(at.get("plotly_chart")) == 3
    categories = frame(at, "Joint pay assessment").set_index("Category")
    assert (
        categories.loc["Eng · L1", "Total gap (%)"] == "5.05%"
        and categories.loc["Eng · L1", "Joint pay assessment"] == "yes"
    )
    assert (
        categories.loc["Eng · L2", "Total gap (%)"] == "4.95%"
        and categories.loc["Eng · L2", "Joint pay assessment"] == "no"
    )
    assert categories.loc["Design · L1", "Total gap (%)"] == "fewer than 5: not shown"
    notes = texts(at)
    assert "1 person: variable pay given as a percent of base and converted." in notes
    assert "Counted but not in the gaps or quartile bands (gender 1 other, 1 not stated)." in notes
    labels = frame(at, "Label in the file").set_index("Label in the file")["Counted as"].to_dict()
    assert labels["Frau"] == "women" and labels["h"] == "men" and labels["(blank)"] == "not stated"


@FILES_ONLY
def test_the_cost_of_closing_and_exclusions_kept_in_the_workspace(workspace, workspace_store):
    at = run_page("pay_gap", workspace=workspace)
    at.multiselect(key="paygap_controls").set_value([]).run()  # no controls: the line is the men's geometric mean
    cost = ((LINE - 34) + (LINE - 36) + (LINE - 38)) * FT
    assert metrics(at)["Cost per year (EUR)"] == f"{cost:,.0f}"
    raises = frame(at, "Raise per year").set_index("Employee ID")
    assert sorted(raises.index) == ["AW2", "AW3", "AW4"]

    at.text_input(key="paygap_exclude_id").input("AW2").run()
    at = click(at, "Exclude")
    assert [plain(e.value) for e in at.error] == ["Write the reason for excluding AW2: it is kept with the report."]
    at.text_input(key="paygap_exclude_reason").input("on parental leave all year").run()
    at = click(at, "Exclude")
    assert not at.error
    # AW2 gets no raise and does not set the line: the other two raises cost the rest.
    assert metrics(at)["Cost per year (EUR)"] == f"{((LINE - 36) + (LINE - 38)) * FT:,.0f}"
    exclusions = frame(at, "Status").set_index("Employee ID")
    assert exclusions.loc["AW2", "Reason"] == "on parental leave all year"
    assert exclusions.loc["AW2", "Status"] == "excluded: no raise, does not set the pay line"
    kept = workspace_store.info(LOCAL, workspace).settings["paygap"]
    assert kept["exclusions"] == {"AW2": "on parental leave all year"} and kept["settings"]["controls"] == []

    # A new session opens the workspace with its exclusion and its settings.
    again = run_page("pay_gap", workspace=workspace)
    assert again.multiselect(key="paygap_controls").value == []
    assert metrics(again)["Cost per year (EUR)"] == f"{((LINE - 36) + (LINE - 38)) * FT:,.0f}"
    again = click(again, "Take back")
    assert workspace_store.info(LOCAL, workspace).settings["paygap"]["exclusions"] == {}
    assert metrics(again)["Cost per year (EUR)"] == f"{cost:,.0f}"
    trail = workspace_store.audit(LOCAL, workspace)["action"].tolist()
    assert trail.count("saved settings") == 2


@FILES_ONLY
def test_settings_change_the_categories_and_never_raise(workspace, workspace_store):
    at = run_page("pay_gap", workspace=workspace)
    at.multiselect(key="paygap_category_by").set_value(["family"]).run()
    assert frame(at, "Joint pay assessment")["Category"].tolist() == ["Design", "Eng", "Sales"]
    at.multiselect(key="paygap_category_by").set_value([]).run()
    assert not at.exception
    assert [plain(w.value) for w in at.warning] == ["Choose at least one column that makes the categories of workers."]
    # Full time of 37.5 hours: the people without hours are paid by 37.5 × 52 hours a year.
    at.multiselect(key="paygap_category_by").set_value(["family", "level"]).run()
    at.number_input(key="paygap_full_time").set_value(37.5).run()
    people = frame(at, "Gender in the file").set_index("Employee ID")
    assert people.loc["AM1", "Total hourly pay"] == pytest.approx(36 * FT / (37.5 * 52))
    assert people.loc["AW1", "Total hourly pay"] == pytest.approx(41.9)  # 20 hours given: unchanged


@FILES_ONLY
def test_the_sample_shows_a_gap_a_flagged_and_a_suppressed_category(workspace_store):
    at = run_page("your_data")
    at = click(at, "Try it with the sample")
    at.switch_page("pages/pay_gap.py").run()
    assert not at.exception, at.exception
    assert at.selectbox(key="paygap_source").value is None  # this session's import
    shown = metrics(at)
    # data/samples/README.md: a gap built in through variable pay (the figures of the generated file)
    assert shown["Mean gap"] == "4.97%" and shown["Median gap"] == "4.52%"
    assert shown["Received variable pay: women / men"] == "70.78% / 78.51%"
    categories = frame(at, "Joint pay assessment").set_index("Category")
    assert categories.loc["Engineering · L3", "Joint pay assessment"] == "yes"
    assert categories.loc["Engineering · L3", "Total gap (%)"] == "9.03%"
    assert categories.loc["Design · L5", "Total gap (%)"] == "fewer than 5: not shown"
    notes = texts(at)
    assert any(n.startswith("25 rows of the people file (synthetic_people.csv) had problems at import") for n in notes)
    assert "227 people have no contracted weekly hours: counted as full time (40 hours)." in notes


@FILES_ONLY
def test_without_people_the_page_says_where_to_import_them(workspace_store):
    at = run_page("pay_gap")
    assert [plain(i.value) for i in at.info][-1].startswith("No people's pay yet. On **Your data**")
    at = run_page("pay_gap", workspace="0" * 32)
    assert "Ignored unknown workspace in the link: '00000000000000000000000000000000'." in texts(at)


def person(person_id, gender, base, hours=None, variable=None):
    return (person_id, "Eng", "L1", gender, base, variable, None, hours)


def women_and_men(women: int, men: int) -> list[tuple]:
    """Women (base 50,000 + 1,000 a person) then men (60,000 + 1,000 a person) in Eng · L1, full time."""
    rows = [person(f"W{i}", "Woman", 50_000 + 1_000 * i) for i in range(women)]
    return rows + [person(f"M{i}", "Man", 60_000 + 1_000 * i) for i in range(men)]


def with_hours(rows, hours):
    return [(*row[:7], hours) for row in rows]


SPELLINGS = [
    person(f"P{i}", label, 50_000 + 1_000 * i)
    for i, label in enumerate(["F", "female", "Woman", "w", "Frau", "M", "male", "Man", "h", "Mann"])
]


@FILES_ONLY
@pytest.mark.parametrize(
    ("rows", "says"),
    [
        (women_and_men(0, 6), "There are no women among the 6 people kept, so there is no gap to compute."),
        (women_and_men(6, 0), "There are no men among the 6 people kept, so there is no gap to compute."),
        (women_and_men(1, 0), "There are no men among the 1 people kept, so there is no gap to compute."),
        (with_hours(women_and_men(6, 6), 0), "12 rows of the people file (people.csv) had problems at import"),
        (with_hours(women_and_men(6, 6), 0), "The people file has no rows"),
        (with_hours(women_and_men(6, 6), None), "No one has contracted weekly hours: everyone counts as full time"),
        (
            women_and_men(6, 6)[:11] + [person("M5", "Man", 65_000, variable=6_500_001)],
            "1 row of the people file (people.csv) had problems at import and is not in this report",
        ),
        (SPELLINGS, "Counted but not in the gaps"),
    ],
    ids=["no women", "no men", "one person", "hours zero", "nobody left", "hours blank", "variable", "spellings"],
)
def test_bad_inputs_each_get_a_message(workspace_store, tmp_path, rows, says):
    at = run_page("pay_gap", workspace=save_workspace(workspace_store, tmp_path, people_csv(rows)))
    assert not at.exception, at.exception
    messages = texts(at)
    if says == "Counted but not in the gaps":  # five spellings of each: nobody is left out, all counted
        labels = frame(at, "Label in the file").set_index("Label in the file")["Counted as"].to_dict()
        assert labels == {"F": "women", "female": "women", "Woman": "women", "w": "women", "Frau": "women"} | {
            "M": "men",
            "male": "men",
            "Man": "men",
            "h": "men",
            "Mann": "men",
        }
        assert not any(says in m for m in messages) and metrics(at)["Mean gap"] != "fewer than 5: not shown"
        return
    assert any(says in m for m in messages), messages


@FILES_ONLY
def test_variable_pay_above_a_hundred_times_base_is_listed_with_its_row(workspace_store, tmp_path):
    rows = women_and_men(6, 6)[:11] + [person("M5", "Man", 65_000, variable=6_500_001)]
    at = run_page("pay_gap", workspace=save_workspace(workspace_store, tmp_path, people_csv(rows)))
    problem = frame(at, "problem").iloc[0].to_dict()
    assert problem == {
        "file": "people.csv",
        "row": 13,
        "column": "Variable Pay",
        "value": "6500001",
        "problem": "variable pay is more than 100 × base pay: check the amount "
        "(a percent written as an amount, or base pay per month?)",
    }
    # Everyone full time, so hourly pay ranks as base does: men 60–64 thousand (M5 left out), women 50–55.
    men, women = sum(range(60, 65)) / 5, sum(range(50, 56)) / 6
    assert metrics(at)["Mean gap"] == f"{(men - women) / men * 100:.2f}%"
    assert frame(at, "In the gaps and bands").set_index("Gender").loc["men", "People"] == 5
