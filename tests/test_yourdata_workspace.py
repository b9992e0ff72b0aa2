"""Workspaces: save, list, open, rename, delete; names that cannot escape; concurrent saves never corrupt."""

from __future__ import annotations

import hashlib
import threading

import pytest

from analytics.db import warehouse_path
from analytics.yourdata import workspace
from analytics.yourdata.pipeline import import_file, new_connection
from analytics.yourdata.read import ImportProblem
from analytics.yourdata.samples import BANDS_FILE, PEOPLE_FILE, SAMPLES_DIR


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv(workspace.WORKSPACES_ENV, str(tmp_path / "ws"))
    return tmp_path / "ws"


@pytest.fixture(scope="module")
def sample():
    con = new_connection()
    import_file(con, SAMPLES_DIR / BANDS_FILE)
    import_file(con, SAMPLES_DIR / PEOPLE_FILE)
    yield con
    con.close()


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("My bands 2026", "my-bands-2026"),
        ("../../x", "x"),
        ("a/b\\c", "a-b-c"),
        ("Ünïcødé", "unicde"),
        ("x\x00y", "xy"),
        ("  spaced   out  ", "spaced-out"),
        ("x" * 80, "x" * 60),
        ("nul.txt", "nul-txt"),
    ],
)
def test_slug(name, slug):
    assert workspace.slug(name) == slug


@pytest.mark.parametrize("name", ["CON", "con", "NUL", "COM1", "lpt9", "💰", "..", "."])
def test_reserved_and_empty_slugs_get_a_hash(name):
    stem = workspace.slug(name)
    assert stem.split("-")[0] in {"con", "nul", "com1", "lpt9", "workspace"} and len(stem.split("-")[-1]) == 10


def test_save_list_open_rename_delete(folder, sample):
    saved = workspace.save(sample, "Sample 2026", "synthetic_bands.csv, synthetic_people.csv")
    assert (saved.slug, saved.name, saved.bands, saved.people, saved.problems) == (
        "sample-2026",
        "Sample 2026",
        38,
        475,
        28,
    )
    assert [w.slug for w in workspace.list_workspaces()] == ["sample-2026"]
    with workspace.open_workspace("sample-2026") as con:
        assert con.execute("SELECT count(*) FROM people WHERE base < band_min").fetchall() == [(51,)]
    with pytest.raises(ImportProblem, match="already exists"):
        workspace.save(sample, "sample 2026", "x")
    renamed = workspace.rename("sample-2026", "Renamed")
    assert (renamed.slug, renamed.name, renamed.people) == ("renamed", "Renamed", 475)
    assert sorted(p.name for p in folder.iterdir()) == ["renamed.duckdb"]
    workspace.delete("renamed")
    assert workspace.list_workspaces() == []
    with pytest.raises(ImportProblem, match="no longer exists"):
        workspace.open_workspace("renamed")


@pytest.mark.parametrize("stem", ["../x", "a/b", "", "X", ".hidden", "a" * 90, "x\x00"])
def test_stems_from_outside_are_refused(folder, stem):
    with pytest.raises(ImportProblem):
        workspace.open_workspace(stem)
    with pytest.raises(ImportProblem):
        workspace.delete(stem)


def test_two_sessions_saving_at_once_never_corrupt(folder, sample):
    other = new_connection()
    import_file(other, SAMPLES_DIR / BANDS_FILE)
    errors = []

    def save(con):
        try:
            for _ in range(5):
                workspace.save(con, "Shared", "x", overwrite=True)
        except Exception as error:  # collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=save, args=(c,)) for c in (sample, other)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    info = workspace.list_workspaces()
    assert len(info) == 1 and info[0].bands == 38 and info[0].people in (0, 475)
    assert sorted(p.name for p in folder.iterdir()) == ["shared.duckdb"]  # no temporary file left
    other.close()


def test_a_damaged_file_is_listed_not_raised(folder, sample):
    workspace.save(sample, "Good", "x")
    (folder / "broken.duckdb").write_bytes(b"not a database")
    names = {w.slug: w.name for w in workspace.list_workspaces()}
    assert names == {"good": "Good", "broken": "broken (damaged: cannot be read)"}
    with pytest.raises(ImportProblem, match="cannot be read"):
        workspace.open_workspace("broken")


def test_the_warehouse_is_not_touched(folder, sample):
    before = hashlib.sha256(warehouse_path().read_bytes()).hexdigest()
    workspace.save(sample, "W", "x")
    workspace.rename("w", "W2")
    workspace.delete("w2")
    assert hashlib.sha256(warehouse_path().read_bytes()).hexdigest() == before


NAMES = [
    "../../x",
    "..",
    ".",
    "CON",
    "con",
    "NUL",
    "nul.txt",
    "COM1",
    "LPT9.csv",
    "a/b",
    "a\\b",
    "/etc/passwd",
    "C:\\Windows",
    "x\x00y",
    "💰💰",
    "\u202eevil",
    "~",
    "$HOME",
    "name with spaces",
    "Ünïcødé",
    "x" * 80,
    "-leading dash",
    ".hidden",
    "*?<>|",
    "🙂 bands 2025",
    "",
    "   ",
    "\x00",
    "x" * 81,
]


@pytest.mark.parametrize("name", NAMES)
def test_hostile_names_stay_inside_and_leave_other_workspaces_alone(folder, sample, name):
    kept = workspace.save(sample, "Kept", "x")
    before = hashlib.sha256((folder / f"{kept.slug}.duckdb").read_bytes()).hexdigest()
    try:
        saved = workspace.save(sample, name, "x", overwrite=True)
    except ImportProblem as problem:  # empty, control-only or too long: a message, never a file
        assert problem.message and sorted(p.name for p in folder.iterdir()) == ["kept.duckdb"]
    else:
        path = (folder / f"{saved.slug}.duckdb").resolve()
        assert path.parent == folder.resolve() and path.exists() and saved.slug != "kept"
        assert saved.name == workspace.clean_name(name) and saved.bands == 38
    assert hashlib.sha256((folder / "kept.duckdb").read_bytes()).hexdigest() == before
