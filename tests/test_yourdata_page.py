"""The Your data page under AppTest: the sample flow, problems, mapping corrections, workspaces, analyses.

The page runs through dashboard.py's router, as every page does.
Expected figures come from the generated sample files in data/samples/ (synthetic): the problems
are the deliberate errors listed in data/samples/README.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics.yourdata.pipeline import import_file, new_connection
from analytics.yourdata.samples import BANDS_FILE, PEOPLE_FILE, SAMPLES_DIR
from analytics.yourdata.store import LOCAL
from tests.helpers import plain, run_page

ROOT = Path(__file__).resolve().parent.parent


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
    groups = frame(at, "Note")
    hidden = groups[groups["Note"] != ""]
    assert set(hidden["Note"]) == {"fewer than 5: not shown"}
    assert hidden["People"].isna().all() and hidden["Median compa-ratio"].isna().all()
    assert len(at.get("plotly_chart")) == 3
    assert frame(at, "Where the midpoint sits")["Where the midpoint sits"].str.len().gt(0).all()


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
    assert any(plain(h.value) == "4. Analysis of workspace “Sample”" for h in at.subheader)
    assert metrics(at)["People"] == "475"
    for unknown in ("gone", "0" * 32):
        at = run_page("your_data", workspace=unknown)
        assert [i.value for i in at.info] == [f"Ignored unknown workspace in the link: '{unknown}'."]
        assert not any(h.value.startswith("4. Analysis") for h in at.subheader)
        assert "workspace" not in at.query_params
