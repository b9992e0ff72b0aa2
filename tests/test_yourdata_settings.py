"""How a workspace is analysed, kept with it: settings to and from the store's JSON and the page's pickers,
restored on open, saved on change by an editor and never by a viewer."""

from __future__ import annotations

import pytest

from analytics.yourdata import settings
from analytics.yourdata.pipeline import import_file, new_connection
from analytics.yourdata.read import ImportProblem
from analytics.yourdata.settings import NOT_PRICED, Settings
from analytics.yourdata.store import LOCAL, Identity
from tests import team_files

FAMILIES, ZONES = ["Design", "Engineering", "Product"], ["Austin", "Seattle"]
SUGGESTED = (
    {"Design": "15-1255", "Engineering": "15-1252", "Product": "11-2021"},
    {"Austin": "0012420", "Seattle": "0042660"},
)
KNOWN_OCCUPATIONS = {"15-1255", "15-1252", "11-2021", "27-1024"}
KNOWN_AREAS = {"0012420", "0042660", "0000000"}


def test_settings_go_to_json_and_back():
    chosen = Settings({"Design": "27-1024", "Product": NOT_PRICED}, {"": "0000000", "Austin": "0012420"}, "Design", "")
    assert chosen.to_json() == {
        "version": 1,
        "market": {
            "occupations": {"Design": "27-1024", "Product": ""},
            "areas": {"": "0000000", "Austin": "0012420"},
        },
        "band_chart": {"family": "Design", "zone": ""},
    }
    assert Settings.from_json(chosen.to_json()) == chosen


@pytest.mark.parametrize(
    "stored", [None, [], "text", {"market": "x"}, {"market": {"occupations": {"A": 1}}}, {"band_chart": []}]
)
def test_malformed_settings_read_as_not_set(stored):
    assert Settings.from_json(stored) == Settings()


def test_the_page_shows_what_was_saved_else_the_suggestion():
    saved = Settings({"Design": "27-1024", "Product": NOT_PRICED, "Engineering": "99-9999"}, {"Seattle": "0000000"})
    values = settings.page_values(saved, FAMILIES, ZONES, SUGGESTED, KNOWN_OCCUPATIONS, KNOWN_AREAS)
    assert values == {
        "family": None,
        "zone": None,
        "occupation_0": "27-1024",  # Design as saved
        "occupation_1": "15-1252",  # Engineering: a code the release lacks gives way to the suggestion
        "occupation_2": NOT_PRICED,  # Product: saved as not priced
        "area_0": "0012420",  # Austin: nothing saved, the suggestion
        "area_1": "0000000",  # Seattle as saved
    }
    assert settings.from_page(values, FAMILIES, ZONES) == Settings(
        {"Design": "27-1024", "Engineering": "15-1252", "Product": NOT_PRICED},
        {"Austin": "0012420", "Seattle": "0000000"},
    )


def test_nothing_suggested_reads_not_priced():
    values = settings.page_values(Settings(), ["Widgets"], ["Zone A"], ({}, {"Zone A": None}), set(), set())
    assert values == {"family": None, "zone": None, "occupation_0": NOT_PRICED, "area_0": NOT_PRICED}


def test_the_band_chart_keeps_a_choice_while_it_is_one():
    assert settings.chart_choice("Engineering", FAMILIES) == "Engineering"
    assert settings.chart_choice("Sales", FAMILIES) == "Design"
    assert settings.chart_choice(None, FAMILIES) == "Design"
    assert settings.chart_choice("x", []) is None


@pytest.fixture
def saved_team(workspace_store, tmp_path):
    bands, people = team_files.write(tmp_path)
    con = new_connection()
    import_file(con, bands, default_currency="USD")
    import_file(con, people)
    chosen = Settings({"Design": "27-1024"}, {"Austin": "0012420"}, "Design", "Austin")
    info = workspace_store.save(LOCAL, con, "Team", "team_bands.csv, team_people.csv", chosen.to_json())
    con.close()
    return workspace_store, info


def test_a_workspace_opens_with_its_settings(saved_team):
    store, info = saved_team
    assert settings.saved(store.info(LOCAL, info.id)) == Settings(
        {"Design": "27-1024"}, {"Austin": "0012420"}, "Design", "Austin"
    )
    assert settings.saved(None) == Settings()
    assert settings.since(info, FAMILIES, ZONES) == ("workspace", info.id, info.saved_at)
    assert settings.since(None, FAMILIES, ZONES) == ("import", tuple(FAMILIES), tuple(ZONES))


def test_an_owner_s_change_is_saved_into_the_workspace(saved_team):
    store, info = saved_team
    changed = Settings({"Design": "15-1255"}, {"Austin": "0012420"}, "Engineering", "Seattle")
    settings.keep(LOCAL, store, store.info(LOCAL, info.id), changed)
    after = store.info(LOCAL, info.id)
    assert settings.saved(after) == changed
    assert after.version == info.version  # settings only: the data is not saved again
    assert after.saved_at > info.saved_at
    settings.keep(LOCAL, store, None, Settings())  # an import not saved: nothing to save into
    assert settings.saved(store.info(LOCAL, info.id)) == changed


def test_a_viewer_s_choices_stay_theirs(workspace_store, tmp_path):
    owner, viewer = Identity("owner@example.com", "Owner"), Identity("viewer@example.com", "Viewer")
    bands, people = team_files.write(tmp_path)
    con = new_connection()
    import_file(con, bands, default_currency="USD")
    import_file(con, people)
    shared = workspace_store.save(owner, con, "Shared", "team files", Settings({"Design": "27-1024"}).to_json())
    con.close()
    workspace_store.share(owner, shared.id, viewer.key, "viewer")
    settings.keep(viewer, workspace_store, workspace_store.info(viewer, shared.id), Settings({"Design": "15-1255"}))
    assert settings.saved(workspace_store.info(owner, shared.id)) == Settings({"Design": "27-1024"})
    workspace_store.share(owner, shared.id, viewer.key, "editor")
    settings.keep(viewer, workspace_store, workspace_store.info(viewer, shared.id), Settings({"Design": "15-1255"}))
    assert settings.saved(workspace_store.info(owner, shared.id)) == Settings({"Design": "15-1255"})
    trail = workspace_store.audit(owner, shared.id)
    assert trail[["actor", "action"]].values.tolist()[-1] == ["viewer@example.com", "saved settings"]
    workspace_store.share(owner, shared.id, viewer.key, "viewer")
    with pytest.raises(ImportProblem):  # and the store itself refuses a viewer
        workspace_store.save_into(viewer, shared.id, settings={})


def test_what_happens_to_choices_is_said():
    assert settings.keeping(None) == "They are saved with this import when you save it as a workspace."


def test_the_import_s_settings_follow_the_page_only_while_it_shows_the_import(saved_team):
    store, info = saved_team
    current = Settings({"Design": "15-1255"})
    assert settings.for_import(None, current, {"old": 1}) == current.to_json()
    assert settings.for_import(info, current, {"old": 1}) == {"old": 1}


def test_the_zones_of_a_ladder_none_first():
    import pandas as pd

    ladder = pd.DataFrame({"zone": ["Seattle", None, "Austin", "Seattle"]})
    assert settings.zones_of(ladder) == ["", "Austin", "Seattle"]


def test_a_copy_of_an_opened_workspace_keeps_its_data_problems_and_the_settings_shown(workspace_store, tmp_path):
    from analytics.yourdata.samples import BANDS_FILE, PEOPLE_FILE, SAMPLES_DIR

    con = new_connection()
    import_file(con, SAMPLES_DIR / BANDS_FILE)
    import_file(con, SAMPLES_DIR / PEOPLE_FILE)
    original = workspace_store.save(LOCAL, con, "Sample", "sample files")
    con.close()
    viewer = Identity("viewer@example.com", "Viewer")
    workspace_store.share(LOCAL, original.id, viewer.key, "viewer")
    opened = workspace_store.open(viewer, original.id)
    mine = Settings({"Engineering": "15-1252"}, {"Zone A": "0000000"})
    copy = workspace_store.save(viewer, opened, "My copy", original.files, mine.to_json())
    opened.close()
    assert (copy.owner, copy.role) == ("viewer@example.com", "owner")
    assert (
        (copy.bands, copy.people, copy.problems)
        == (original.bands, original.people, original.problems)
        == (38, 475, 28)
    )
    assert settings.saved(copy) == mine
    data = workspace_store.open(viewer, copy.id)
    assert data.execute("SELECT count(*) FROM problems").fetchone()[0] == 28
    data.close()
