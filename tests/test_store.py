"""The workspace store, one suite run against both backends: DuckDB files and PostgreSQL.

Who may see what is checked in the library: an owner, a viewer, an editor and a stranger each get
exactly what their role allows, and a stranger's refusal reads as "no such workspace". Saves are
exclusive for a new name and atomic under races and kills; deletion erases the data; the audit trail
records every action without a pay value.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import psycopg
import pytest

from analytics.yourdata.pipeline import import_file, new_connection
from analytics.yourdata.read import ImportProblem
from analytics.yourdata.samples import BANDS_FILE, PEOPLE_FILE, SAMPLES_DIR
from analytics.yourdata.store import LOCAL, NO_SUCH, Identity, NameTaken, NotFound
from analytics.yourdata.store.files import FileStore
from analytics.yourdata.store.postgres import PostgresStore
from tests.postgres_server import drop_store_tables

ROOT = Path(__file__).resolve().parent.parent
ANA = Identity.signed_in("Ana@Example.com", "sub-ana", "Ana")
BEN = Identity.signed_in("ben@example.com", "sub-ben", "Ben")
CY = Identity.signed_in(None, "sub-cy", "Cy")
SAMPLE = {"bands": 38, "people": 475, "problems": 28}  # data/samples: 38 of 41 bands and 475 of 500 people import


@pytest.fixture(scope="module")
def sample():
    """The sample bands and people, imported (good rows and problems)."""
    con = new_connection()
    import_file(con, SAMPLES_DIR / BANDS_FILE)
    import_file(con, SAMPLES_DIR / PEOPLE_FILE)
    yield con
    con.close()


@pytest.fixture(scope="module")
def bands_only():
    """The sample bands alone: a second, different data set."""
    con = new_connection()
    import_file(con, SAMPLES_DIR / BANDS_FILE)  # an empty people table is made beside the bands
    yield con
    con.close()


@pytest.fixture(params=["files", "postgresql"])
def backend(request, tmp_path):
    """(kind, how to open the store again): a fresh folder, or a fresh PostgreSQL catalog."""
    if request.param == "files":
        folder = tmp_path / "ws"
        return "files", lambda: FileStore(folder)
    url = request.getfixturevalue("postgres_url")
    drop_store_tables(url)
    return "postgresql", lambda: PostgresStore(url)


@pytest.fixture
def store(backend):
    return backend[1]()


def counts(info) -> dict[str, int]:
    return {"bands": info.bands, "people": info.people, "problems": info.problems}


def test_the_owner_saves_lists_opens_renames_and_deletes(store, sample):
    saved = store.save(ANA, sample, "Sample 2026", "synthetic_bands.csv, synthetic_people.csv", {"area": "0042660"})
    assert (saved.name, saved.owner, saved.role, counts(saved)) == ("Sample 2026", "ana@example.com", "owner", SAMPLE)
    assert saved.settings == {"area": "0042660"}
    assert [w.id for w in store.list(ANA)] == [saved.id]
    with store.open(ANA, saved.id) as con:
        assert con.execute("SELECT count(*) FROM people WHERE base < band_min").fetchall() == [(51,)]
        assert con.execute("SELECT count(*) FROM problems WHERE kind = 'people'").fetchall() == [(25,)]
    with pytest.raises(NameTaken, match="already exists"):
        store.save(ANA, sample, "SAMPLE  2026", "x")  # names compare case-blind, spaces folded
    assert store.rename(ANA, saved.id, "Renamed").name == "Renamed"
    store.delete(ANA, saved.id)
    assert store.list(ANA) == []
    with pytest.raises(NotFound):
        store.open(ANA, saved.id)


def test_a_stranger_cannot_list_open_guess_download_or_change_it(store, sample):
    saved = store.save(ANA, sample, "Private", "x")
    assert store.list(BEN) == [] and store.list(CY) == []
    refusals = [
        lambda: store.info(BEN, saved.id),
        lambda: store.open(BEN, saved.id),
        lambda: store.record(BEN, saved.id, "downloaded", "people.csv"),
        lambda: store.save_into(BEN, saved.id, settings={"x": 1}),
        lambda: store.rename(BEN, saved.id, "Mine now"),
        lambda: store.delete(BEN, saved.id),
        lambda: store.share(BEN, saved.id, "ben@example.com", "editor"),
        lambda: store.unshare(BEN, saved.id, "ana@example.com"),
        lambda: store.access(BEN, saved.id),
        lambda: store.audit(BEN, saved.id),
        lambda: store.info(BEN, "0" * 32),  # a workspace that does not exist reads the same
        lambda: store.info(BEN, "' OR 1=1 --"),
    ]
    for refuse in refusals:
        with pytest.raises(NotFound) as refusal:
            refuse()
        assert refusal.value.message == NO_SUCH
    assert store.info(ANA, saved.id).name == "Private"  # nothing changed


def test_a_viewer_opens_it_read_only_and_loses_it_when_unshared(store, sample):
    saved = store.save(ANA, sample, "Shared", "x")
    store.share(ANA, saved.id, " BEN@example.com ", "viewer")
    assert [(w.name, w.role, w.owner) for w in store.list(BEN)] == [("Shared", "viewer", "ana@example.com")]
    with store.open(BEN, saved.id) as con:
        assert con.execute("SELECT count(*) FROM bands").fetchall() == [(38,)]
    store.record(BEN, saved.id, "downloaded", "people_on_bands.csv")
    with pytest.raises(ImportProblem, match="view this workspace but not change it"):
        store.save_into(BEN, saved.id, settings={"x": 1})
    for owner_only in (
        lambda: store.rename(BEN, saved.id, "x"),
        lambda: store.delete(BEN, saved.id),
        lambda: store.share(BEN, saved.id, "cy@example.com", "viewer"),
        lambda: store.audit(BEN, saved.id),
    ):
        with pytest.raises(ImportProblem, match="Only the workspace's owner"):
            owner_only()
    assert store.list(CY) == []  # shared with Ben, not with everyone
    store.unshare(ANA, saved.id, "ben@example.com")
    assert store.list(BEN) == []
    with pytest.raises(NotFound):
        store.open(BEN, saved.id)


def test_an_editor_saves_data_and_settings_but_cannot_share(store, sample, bands_only):
    saved = store.save(ANA, sample, "Team bands", "x")
    store.share(ANA, saved.id, "ben@example.com", "editor")
    assert store.access(ANA, saved.id) == [("ben@example.com", "editor")]
    after = store.save_into(BEN, saved.id, bands_only, "bands.csv", {"area": "0012420"})
    assert (counts(after), after.saved_by, after.settings) == (
        {"bands": 38, "people": 0, "problems": 3},
        "ben@example.com",
        {"area": "0012420"},
    )
    assert store.save_into(ANA, saved.id, settings={"area": "0000000"}).people == 0  # settings alone keep the data
    with store.open(ANA, saved.id) as con:
        assert con.execute("SELECT count(*) FROM people").fetchall() == [(0,)]
    with pytest.raises(ImportProblem, match="Only the workspace's owner"):
        store.share(BEN, saved.id, "cy@example.com", "viewer")


def test_names_are_per_owner(store, sample):
    mine, theirs = store.save(ANA, sample, "Q3", "x"), store.save(BEN, sample, "q3", "x")
    assert mine.id != theirs.id and [w.name for w in store.list(ANA)] == ["Q3"]
    other = store.save(ANA, sample, "Q4", "x")
    with pytest.raises(NameTaken, match="already exists"):
        store.rename(ANA, other.id, "q3")


@pytest.mark.parametrize(
    ("person", "role", "message"),
    [
        ("not an address", "viewer", "e-mail address"),
        ("ben@example.com", "owner", "viewer or editor"),
        ("ana@example.com", "viewer", "own this workspace"),
        ("x@y.z" + "z" * 260, "viewer", "e-mail address"),
    ],
)
def test_sharing_takes_an_address_and_a_role(store, sample, person, role, message):
    saved = store.save(ANA, sample, "W", "x")
    with pytest.raises(ImportProblem, match=message):
        store.share(ANA, saved.id, person, role)


def test_the_audit_trail_records_who_did_what_and_no_pay(store, sample, backend):
    saved = store.save(ANA, sample, "Audited", "x")
    store.share(ANA, saved.id, "ben@example.com", "viewer")
    store.open(BEN, saved.id).close()
    store.record(BEN, saved.id, "downloaded", "people_on_bands.csv")
    store.rename(ANA, saved.id, "Audited 2")
    store.unshare(ANA, saved.id, "ben@example.com")
    trail = store.audit(ANA, saved.id)
    assert list(zip(trail["actor"], trail["action"], strict=True)) == [
        ("ana@example.com", "saved"),
        ("ana@example.com", "shared"),
        ("ben@example.com", "opened"),
        ("ben@example.com", "downloaded"),
        ("ana@example.com", "renamed"),
        ("ana@example.com", "unshared"),
    ]
    assert trail["detail"].tolist()[:2] == ["38 bands, 475 people, 28 problems", "with ben@example.com as viewer"]
    pay = {f"{v:.0f}" for v in sample.execute("SELECT base FROM people").df()["base"]}
    assert not any(p in " ".join(trail["detail"]) for p in pay)
    store.delete(ANA, saved.id)
    with pytest.raises(NotFound):
        store.audit(ANA, saved.id)  # the workspace is gone; its trail stays in the catalog
    kept = backend[1]()._read("SELECT actor, action FROM payladder_audit WHERE workspace_id = ?", [saved.id])
    assert kept[-1] == ("ana@example.com", "deleted")


def test_deleting_erases_the_data(store, sample, backend, tmp_path):
    saved = store.save(ANA, sample, "Erase me", "x")
    kept = store.save(ANA, sample, "Keep me", "x")
    store.delete(ANA, saved.id)
    if backend[0] == "files":
        assert not [p for p in (tmp_path / "ws").iterdir() if saved.id in p.name]
        assert len([p for p in (tmp_path / "ws").iterdir() if kept.id in p.name]) == 1
    else:
        rows = store._read("SELECT count(*) FROM payladder_data WHERE workspace_id = ?", [saved.id])
        assert rows == [(0,)]
    assert counts(store.info(ANA, kept.id)) == SAMPLE


def test_two_saves_of_one_new_name_at_once_never_lose_data_silently(store, sample, bands_only):
    """50 rounds of two threads saving one new name: one whole workspace and one clear refusal each time."""
    for round_ in range(50):
        outcomes = []

        def save(data, files, name=f"Race {round_}", outcomes=outcomes):
            try:
                outcomes.append(("saved", store.save(ANA, data, name, files)))
            except NameTaken as taken:
                outcomes.append(("refused", taken.message))

        threads = [threading.Thread(target=save, args=a) for a in ((sample, "sample"), (bands_only, "bands"))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(kind for kind, _ in outcomes) == ["refused", "saved"], outcomes
        saved = next(info for kind, info in outcomes if kind == "saved")
        refusal = next(message for kind, message in outcomes if kind == "refused")
        assert "just saved by someone else" in refusal or "already exists" in refusal
        people = 475 if saved.files == "sample" else 0
        assert store.info(ANA, saved.id).people == people
        with store.open(ANA, saved.id) as con:
            assert con.execute("SELECT count(*) FROM people").fetchall() == [(people,)]
    assert len(store.list(ANA)) == 50


def test_replacing_at_once_leaves_one_whole_workspace(store, sample, bands_only, backend, tmp_path):
    first = store.save(ANA, sample, "Replaced", "sample")
    errors = []

    def replace(data, files):
        try:
            for _ in range(5):
                store.save(ANA, data, "Replaced", files, overwrite=True)
        except Exception as error:  # collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=replace, args=a) for a in ((sample, "sample"), (bands_only, "bands"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    (info,) = store.list(ANA)
    assert info.id == first.id and info.people == (475 if info.files == "sample" else 0)
    with store.open(ANA, info.id) as con:
        assert con.execute("SELECT count(*) FROM people").fetchall() == [(info.people,)]
    if backend[0] == "files":  # one data file and the catalog: no temporary file, no old version left
        assert sorted(p.suffix for p in (tmp_path / "ws").iterdir() if not p.name.startswith("catalog")) == [".duckdb"]


def test_files_and_folder_are_readable_by_their_owner_only(backend, sample, tmp_path):
    if backend[0] != "files":
        pytest.skip("PostgreSQL keeps no files of PayLadder's")
    store = backend[1]()
    store.save(ANA, sample, "Private", "x")
    folder = tmp_path / "ws"
    assert folder.stat().st_mode & 0o777 == 0o700
    assert {p.stat().st_mode & 0o777 for p in folder.iterdir()} == {0o600}


KILLED_SAVE = """
import sys
from analytics.yourdata.pipeline import import_file, new_connection
from analytics.yourdata.store import Identity
from analytics.yourdata.store.files import FileStore
from analytics.yourdata.store.postgres import PostgresStore
from tests.postgres_server import drop_store_tables
store = PostgresStore(sys.argv[1]) if sys.argv[1].startswith("postgresql") else FileStore(sys.argv[1])
con = new_connection()
import_file(con, sys.argv[2] + "/bands.csv", kind="bands")
import_file(con, sys.argv[2] + "/people.csv", kind="people")
print("ready", flush=True)
while True:
    store.save(Identity("ana@example.com", "Ana"), con, "Killed", "big", overwrite=True)
"""


def test_a_save_killed_midway_leaves_the_previous_version(backend, sample, tmp_path):
    """A process saving in a loop is killed with SIGKILL while a save is under way; the workspace is whole."""
    kind, reopen = backend
    store = reopen()
    before = store.save(ANA, sample, "Killed", "sample")
    (tmp_path / "bands.csv").write_text("job_family,level,zone,currency,min,max\nProduct,P3,Seattle,USD,90000,500000\n")
    rows = "\n".join(f"P{i},Product,P3,Seattle,USD,{100_000 + i}" for i in range(300_000))
    (tmp_path / "people.csv").write_text("employee_id,job_family,level,zone,currency,base_salary\n" + rows + "\n")
    where = str(tmp_path / "ws") if kind == "files" else store.url
    store.close()  # one process uses a file store at a time
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_SAVE, where, str(tmp_path)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + 120
        while not mid_save(kind, tmp_path / "ws", where):  # kill only while a save is under way
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.005)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    store = reopen()  # as a restarted server would: the file store removes what the kill left
    info = store.info(ANA, before.id)
    with store.open(ANA, before.id) as con:
        people = con.execute("SELECT count(*) FROM people").fetchall()[0][0]
    assert (info.files, people) in (("sample", 475), ("big", 300_000))
    if kind == "files":
        assert sorted(p.suffix for p in (tmp_path / "ws").iterdir() if not p.name.startswith("catalog")) == [".duckdb"]


def mid_save(kind: str, folder: Path, url: str) -> bool:
    """A save is under way: a temporary file exists, or a PayLadder transaction is inserting data."""
    if kind == "files":
        return any(p.name.endswith(".tmp") for p in folder.iterdir())
    with psycopg.connect(url) as con:
        rows = con.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'payladder' "
            "AND state IN ('active', 'idle in transaction') AND query LIKE 'INSERT INTO payladder_data%'"
        ).fetchall()
    return rows[0][0] > 0


def test_identities():
    assert (ANA.key, ANA.name) == ("ana@example.com", "Ana")
    assert (CY.key, CY.name) == ("sub:sub-cy", "Cy")
    with pytest.raises(ValueError):
        Identity.signed_in(None, None)


def test_workspaces_saved_before_owners_are_adopted_by_the_local_owner(tmp_path, sample):
    """A folder of workspaces from before the catalog: each becomes the local owner's, nothing lost."""
    folder = tmp_path / "ws"
    folder.mkdir()
    with duckdb.connect(str(folder / "my-bands.duckdb")) as old:  # the earlier format: one file per name
        old.execute("CREATE TABLE workspace(name VARCHAR, saved_at VARCHAR, files VARCHAR)")
        old.execute("INSERT INTO workspace VALUES ('My bands', '2026-11-30 09:00 UTC', 'bands.csv')")
        for table, sql in (
            ("bands", "SELECT * FROM bands"),
            ("people", "SELECT * FROM people"),
            ("problems", "SELECT 'bands' AS kind, * FROM bands_problems"),
        ):
            rows = sample.cursor().sql(sql).arrow()  # noqa: F841 (read by name below)
            old.execute(f"CREATE TABLE {table} AS SELECT * FROM rows")  # noqa: S608 (fixed names)
    (folder / "broken.duckdb").write_bytes(b"not a database")
    store = FileStore(folder)
    (info,) = store.list(LOCAL)
    assert (info.name, info.owner, info.saved_at, info.files, counts(info)) == (
        "My bands",
        "local",
        "2026-11-30 09:00 UTC",
        "bands.csv",
        {"bands": 38, "people": 475, "problems": 3},
    )
    with store.open(LOCAL, info.id) as con:
        assert con.execute("SELECT count(*) FROM people WHERE base < band_min").fetchall() == [(51,)]
    assert not (folder / "my-bands.duckdb").exists() and (folder / "broken.duckdb").exists()
    assert store.audit(LOCAL, info.id)["action"].tolist() == ["adopted", "opened"]
    store.close()
    assert [w.name for w in FileStore(folder).list(LOCAL)] == ["My bands"]  # adopted once
