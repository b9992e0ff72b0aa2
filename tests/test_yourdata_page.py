"""The Your data page under AppTest: the sample flow, problems, mapping corrections, workspaces, analyses.

The page runs through dashboard.py's router, as every page does.
Expected figures come from the generated sample files in data/samples/ (synthetic): the problems
are the deliberate errors listed in data/samples/README.md.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analytics.format import SUPPRESSED
from analytics.yourdata import settings
from analytics.yourdata.pipeline import import_file, new_connection
from analytics.yourdata.samples import BANDS_FILE, PEOPLE_FILE, SAMPLES_DIR
from analytics.yourdata.settings import Settings
from analytics.yourdata.store import LOCAL
from tests import team_files
from tests.helpers import plain, run_page

ROOT = Path(__file__).resolve().parent.parent
COMPA, PENETRATION, START = 1.02, 55.1, dt.date(2019, 8, 17)
"""E1001 of the sample: base 142,500 on Engineering L3 Zone B (111,700 to 167,600, midpoint 139,650)."""


@pytest.fixture
def app(workspace_store):
    return run_page("your_data")


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def frame(at, column: str):
    """The first table with this column (AppTest does not expose a dataframe's key)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def click(at, label: str):
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception
    return at


def test_sample_flow(app):
    at = click(app, "Try it with the sample")
    assert metrics(at) == {"Bands: good rows": "38 of 41", "People's pay: good rows": "475 of 500"}
    problems = frame(at, "problem")
    assert len(problems) == 28
    assert problems.iloc[0].to_dict() == {
        "file": "synthetic_bands.csv",
        "row": 6,
        "column": "Min",
        "value": "260600",
        "problem": "minimum above maximum (173700)",
    }
    at = click(at, "Import the good rows")
    assert {k: v for k, v in metrics(at).items() if "good rows" not in k} == {
        "People": "475",
        "Below their minimum": "51",
        "Above their maximum": "36",
        "Cost to bring everyone to the minimum (USD)": "151,500.00",
    }
    groups = frame(at, "median_compa_ratio")
    hidden = groups[groups["note"] != ""]
    assert set(hidden["note"]) == {"fewer than 5: not shown"}
    assert set(hidden["people"]) == set(hidden["median_compa_ratio"]) == {SUPPRESSED}  # never None
    people = frame(at, "compa_ratio").set_index("person_id")
    assert people.loc["E1001", ["compa_ratio", "penetration", "start_date"]].tolist() == [COMPA, PENETRATION, START]
    # The sample's zones, "Zone A" and "Zone B", name no place: no band is priced until an area is chosen.
    assert len(at.get("plotly_chart")) == 2
    assert set(frame(at, "market_position")["market_position"]) == {
        "not priced: choose an area for Zone A",
        "not priced: choose an area for Zone B",
    }
    assert [plain(c.value) for c in at.caption if "priced" in c.value and "BLS" not in c.value] == [
        "No band is priced yet. 19 bands not priced: choose an area for Zone A. "
        "19 bands not priced: choose an area for Zone B."
    ]
    assert at.selectbox(key="yourdata_area_0").label == "Zone A"
    at.selectbox(key="yourdata_area_0").select("0000000").run()
    assert len(at.get("plotly_chart")) == 3
    market = frame(at, "market_position").set_index(["family", "zone", "level"])
    assert market.loc[("Engineering", "Zone A", "L1"), ["occupation_title", "area_name", "area_code"]].tolist() == [
        "Software Developers",
        "National",
        "0000000",  # a code stays text, its zeros kept
    ]
    assert [plain(c.value) for c in at.caption if "bands priced" in c.value] == [
        "19 of 38 bands priced, against 4 occupations in 1 area. 19 bands not priced: choose an area for Zone B."
    ]


def test_a_mapping_correction_is_checked(app):
    at = click(app, "Try it with the sample")
    at.selectbox(key="yourdata_people_map_level").select("(not in this file)").run()
    assert [w.value for w in at.warning] == ["Choose the column for level."]
    at.selectbox(key="yourdata_people_map_level").select("Level").run()
    assert at.warning.len == 0


def test_workspaces_save_open_rename_delete(app, workspace_store):
    at = click(click(app, "Try it with the sample"), "Import the good rows")
    at.text_input(key="yourdata_save_name").input("../../Sample")
    at = click(at, "Save as a workspace")
    assert [plain(s.value) for s in at.success] == ["Saved workspace “../../Sample”."]
    assert at.selectbox(key="yourdata_workspace").options[0].startswith("../../Sample · saved ")
    (saved,) = workspace_store.list(LOCAL)
    at = click(at, "Open")
    assert at.query_params["workspace"] == saved.id
    assert any(plain(h.value) == "4. Analysis of workspace “../../Sample”" for h in at.subheader)
    at.text_input(key="yourdata_rename_name").input("Renamed")
    at = click(at, "Rename")
    assert at.selectbox(key="yourdata_workspace").options[0].startswith("Renamed · saved ")
    assert any(plain(h.value) == "4. Analysis of workspace “Renamed”" for h in at.subheader)
    at = click(at, "Delete…")
    assert [plain(w.value) for w in at.warning] == [
        "Delete “Renamed” for good? Its data is erased; its history keeps who deleted it."
    ]
    at = click(at, "Cancel")
    assert len(workspace_store.list(LOCAL)) == 1
    at = click(click(at, "Delete…"), "Yes, delete it")
    assert workspace_store.list(LOCAL) == []
    assert not any(h.value.startswith("4. Analysis") for h in at.subheader)
    trail = workspace_store._read("SELECT action FROM payladder_audit WHERE workspace_id = ?", [saved.id])
    assert [a for (a,) in trail] == ["saved", "opened", "renamed", "deleted"]


def test_a_link_opens_a_saved_workspace(workspace_store):
    con = new_connection()
    import_file(con, SAMPLES_DIR / BANDS_FILE)
    import_file(con, SAMPLES_DIR / PEOPLE_FILE)
    saved = workspace_store.save(LOCAL, con, "Sample", f"{BANDS_FILE}, {PEOPLE_FILE}")
    at = run_page("your_data", workspace=saved.id)
    assert any(plain(h.value) == "3. Analysis of workspace “Sample”" for h in at.subheader)  # no import: no step 2
    assert metrics(at)["People"] == "475"
    for unknown in ("gone", "0" * 32):
        at = run_page("your_data", workspace=unknown)
        assert [i.value for i in at.info] == [f"Ignored unknown workspace in the link: '{unknown}'."]
        assert not any(h.value.startswith("4. Analysis") for h in at.subheader)
        assert "workspace" not in at.query_params


def test_steps_are_numbered_without_gaps(app):
    assert [h.value for h in app.subheader] == ["1. Files", "2. Workspaces"]


TEAM_SUGGESTED = {
    "yourdata_occupation_0": "15-1255",  # Design
    "yourdata_occupation_1": "15-1252",  # Engineering
    "yourdata_occupation_2": "11-2021",  # Product
    "yourdata_area_0": "0012420",  # Austin
    "yourdata_area_1": "0042660",  # Seattle
}


def saved_team(store, tmp_path, chosen: dict | None = None):
    """The 40-person team (synthetic) saved as a workspace, with these settings."""
    bands, people = team_files.write(tmp_path)
    con = new_connection()
    import_file(con, bands, default_currency="USD")
    import_file(con, people)
    return store.save(LOCAL, con, "Team", "team_bands.csv, team_people.csv", chosen)


def pickers(at) -> dict[str, str]:
    return {k: at.selectbox(key=k).value for k in TEAM_SUGGESTED}


def test_a_workspace_without_settings_opens_with_the_suggestions(workspace_store, tmp_path):
    saved = saved_team(workspace_store, tmp_path)
    at = run_page("your_data", workspace=saved.id)
    assert pickers(at) == TEAM_SUGGESTED
    assert [at.selectbox(key=k).label for k in TEAM_SUGGESTED] == [
        "Design",
        "Engineering",
        "Product",
        "Austin",
        "Seattle",
    ]
    assert [plain(c.value) for c in at.caption if "bands priced" in c.value] == [
        "24 of 24 bands priced, against 3 occupations in 2 areas."
    ]


def test_a_workspace_link_restores_its_settings_and_an_owner_s_change_is_kept(workspace_store, tmp_path):
    chosen = Settings({"Design": "27-1024"}, {"Austin": "0000000"}, "Engineering", "Seattle")
    saved = saved_team(workspace_store, tmp_path, chosen.to_json())
    at = run_page("your_data", workspace=saved.id)
    assert pickers(at) == {**TEAM_SUGGESTED, "yourdata_occupation_0": "27-1024", "yourdata_area_0": "0000000"}
    assert (at.selectbox(key="yourdata_family").value, at.selectbox(key="yourdata_zone").value) == (
        "Engineering",
        "Seattle",
    )
    market = frame(at, "market_position").set_index(["family", "zone", "level"])
    assert market.loc[("Design", "Austin", "P1"), ["occupation_title", "area_name", "area_code"]].tolist() == [
        "Graphic Designers",
        "National",
        "0000000",
    ]
    at.selectbox(key="yourdata_occupation_0").select("15-1255").run()
    assert not at.exception
    kept = settings.saved(workspace_store.info(LOCAL, saved.id))
    assert kept.occupations["Design"] == "15-1255" and kept.areas["Austin"] == "0000000"
    again = run_page("your_data", workspace=saved.id)  # a reload: a new session from the link
    assert pickers(again) == {**TEAM_SUGGESTED, "yourdata_area_0": "0000000"}
    trail = workspace_store._read("SELECT action FROM payladder_audit WHERE workspace_id = ?", [saved.id])
    assert [a for (a,) in trail] == ["saved", "opened", "saved settings", "opened"]


def test_a_file_without_a_currency_column_and_a_bonus_in_percent(app, tmp_path):
    bands, people = team_files.write(tmp_path)
    imports = app.session_state["_state"]["yourdata"]["import"]
    imports.open_file("bands", bands, bands.name, "bands-upload", uploaded=True)
    imports.open_file("people", people, people.name, "people-upload", uploaded=True)
    at = app.run()
    currency = at.selectbox(key="yourdata_currency")
    assert (currency.value, currency.options[:2]) == (None, ["USD", "EUR"])
    assert at.radio(key="yourdata_people_bonus_unit").value == "percent"  # bonus_target_pct, values 10 to 20
    assert [w.value for w in at.warning] == ["Choose the column for currency, or one currency for the whole file."]
    assert not any(h.value.endswith("Every row checked") for h in at.subheader)
    currency.select("USD").run()
    assert at.warning.len == 0
    assert metrics(at) == {"Bands: good rows": "24 of 24", "People's pay: good rows": "40 of 40"}
    at = click(at, "Import the good rows")
    people = frame(at, "bonus").set_index("person_id")
    assert people.loc["T101", ["base", "bonus"]].tolist() == [152_300.0, 15_230.0]  # 10% of base
    at.radio(key="yourdata_people_bonus_unit").set_value("amount").run()
    assert frame(at, "bonus").set_index("person_id").loc["T101", "bonus"] == 10.0
