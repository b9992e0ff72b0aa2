"""The import session without Streamlit: take files, map, check (again only when the inputs change), save, show.

Expected figures come from the generated sample files in data/samples/ (synthetic): the problems
are the deliberate errors listed in data/samples/README.md.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from analytics.yourdata import queries, read
from analytics.yourdata.columns import guess_mapping
from analytics.yourdata.samples import BANDS_FILE, PEOPLE_FILE, SAMPLES_DIR
from analytics.yourdata.session import ImportSession, after_delete, default_currency
from analytics.yourdata.store import LOCAL, NotFound

BANDS_CSV = "Job Family,Level,Currency,Min,Max\nEng,L1,USD,100,200\nEng,L2,USD,300,250\n"


@dataclass
class Upload:
    """What an uploader hands over: an id per upload, a name, a size and the bytes."""

    file_id: str
    name: str
    data: bytes
    size: int | None = None

    def __post_init__(self):
        self.size = len(self.data) if self.size is None else self.size

    def getbuffer(self) -> memoryview:
        return memoryview(self.data)


@pytest.fixture
def session():
    imports = ImportSession()
    yield imports
    imports.con.close()


def guessed(imports: ImportSession) -> dict[str, dict[str, int | None]]:
    return {kind: guess_mapping(raw.headers, kind) for kind, raw in imports.raws.items()}


def test_the_sample_is_read_checked_and_its_problems_listed(session):
    session.open_sample()
    assert {kind: (raw.filename, raw.rows) for kind, raw in session.raws.items()} == {
        "bands": (BANDS_FILE, 41),
        "people": (PEOPLE_FILE, 500),
    }
    session.check(guessed(session), ".", None)
    assert session.error is None
    assert {k: (c.rows, c.good_rows, c.bad_rows) for k, c in session.checked.items()} == {
        "bands": (41, 38, 3),
        "people": (500, 475, 25),
    }
    problems = session.problems()
    assert len(problems) == 28
    assert problems.iloc[0].to_dict() == {
        "file": BANDS_FILE,
        "row": 6,
        "column": "Min",
        "value": "260600",
        "problem": "minimum above maximum (173700)",
    }
    assert list(problems["file"].drop_duplicates()) == [BANDS_FILE, PEOPLE_FILE]  # bands first
    assert len(queries.people_positions(session.con)) == 475


def test_a_preview_shows_the_first_rows_under_the_files_headers(session):
    session.open_sample()
    preview = session.preview("bands", rows=2)
    assert preview.to_dict("records") == [
        {
            "Job Family": "Product Management",
            "Level": "L1",
            "Zone": "Zone A",
            "Currency": "USD",
            "Min": "89600",
            "Max": "134400",
            "Equity Target": "9000",
        },
        {
            "Job Family": "Product Management",
            "Level": "L2",
            "Zone": "Zone A",
            "Currency": "USD",
            "Min": "105700",
            "Max": "158600",
            "Equity Target": "11000",
        },
    ]


def test_files_are_validated_again_only_when_the_inputs_change(session):
    session.open_sample()
    mappings = guessed(session)
    session.check(mappings, ".", None)
    first = session.checked["bands"]
    session.check(guessed(session), ".", None)  # equal inputs, new objects
    assert session.checked["bands"] is first
    session.check(mappings, ",", None)
    assert session.checked["bands"] is not first
    second = session.checked["bands"]
    session.check(mappings, ",", "USD")
    assert session.checked["bands"] is not second
    third = session.checked["bands"]
    session.check({**mappings, "bands": {**mappings["bands"], "zone": None}}, ",", "USD")
    assert session.checked["bands"] is not third
    fourth = session.checked["bands"]
    session.open_sample()  # the same files taken again are new versions: checked again
    assert session.checked == {}
    session.check(guessed(session), ",", "USD")
    assert session.checked["bands"] is not fourth


def test_people_wait_for_their_mapping_and_for_bands(session):
    session.open_sample()
    mappings = guessed(session)
    session.check(mappings, ".", None)
    session.check({**mappings, "people": {**mappings["people"], "level": None}}, ".", None)
    assert list(session.checked) == ["bands"]
    assert queries.people_positions(session.con).empty  # the people checked before are not kept
    session.check({**mappings, "bands": {**mappings["bands"], "min": None}}, ".", None)
    assert session.checked == {}
    assert not session.waiting_for_bands


def test_an_upload_is_read_once_and_its_copy_deleted(session):
    upload = Upload("id-1", "bands.csv", BANDS_CSV.encode())
    session.take_upload("bands", upload)
    source = session.sources["bands"]
    assert (source.id, source.uploaded, source.error, source.raw.rows) == ("id-1", True, None, 2)
    assert list(session.folder.iterdir()) == []
    session.take_upload("bands", upload)  # every rerun hands the same file over again
    assert session.sources["bands"] is source
    session.check(guessed(session), ".", None)
    assert session.checked["bands"].good_rows == 1
    assert session.problems()["problem"].tolist() == ["minimum above maximum (250)"]


def test_the_sample_stays_while_the_uploader_holds_the_same_file(session):
    upload = Upload("id-1", "bands.csv", BANDS_CSV.encode())
    session.take_upload("bands", upload)
    session.open_sample()
    session.take_upload("bands", upload)
    assert session.sources["bands"].id == "sample-bands"
    session.take_upload("bands", None)  # removing the upload leaves the sample
    assert session.sources["bands"].id == "sample-bands"


def test_removing_an_upload_forgets_it_and_the_check(session):
    session.take_upload("bands", Upload("id-1", "bands.csv", BANDS_CSV.encode()))
    session.check(guessed(session), ".", None)
    assert session.checked
    session.take_upload("bands", None)
    assert (session.sources, session.checked, session.raws) == ({}, {}, {})


def test_people_without_bands_wait_for_them(session):
    session.take_upload("people", Upload("id-2", PEOPLE_FILE, (SAMPLES_DIR / PEOPLE_FILE).read_bytes()))
    assert session.waiting_for_bands
    session.check(guessed(session), ".", None)
    assert session.checked == {}


def test_a_file_that_cannot_be_taken_says_why(session):
    session.take_upload("bands", Upload("id-1", "big.csv", b"x", size=read.MAX_BYTES + 1))
    assert session.sources["bands"].error == "big.csv is 200 MiB; the limit is 200 MiB."
    session.take_upload("people", Upload("id-2", "empty.csv", b""))
    assert session.sources["people"].error == "empty.csv is empty (0 bytes)."
    assert session.raws == {}


def test_a_default_currency_that_is_no_code_is_a_message(session):
    session.open_sample()
    session.check(guessed(session), ".", "XYZ")
    assert (session.checked, session.error) == (
        {},
        "'XYZ' is not an ISO 4217 currency code (for example USD, EUR, GBP).",
    )


def test_save_and_show_this_import_or_a_workspace(session, workspace_store):
    store = workspace_store
    session.open_sample()
    session.check(guessed(session), ".", None)
    saved = session.save(store, LOCAL, "Sample", settings={"area": "0042660"})
    assert (saved.name, saved.files, saved.bands, saved.people, saved.problems, saved.settings) == (
        "Sample",
        f"{BANDS_FILE}, {PEOPLE_FILE}",
        38,
        475,
        28,
        {"area": "0042660"},
    )
    with pytest.raises(read.ImportProblem, match="already exists"):
        session.save(store, LOCAL, "Sample")
    assert session.shown(None, False, store, LOCAL) is None
    shown = session.shown(None, True, store, LOCAL)
    assert (shown.label, shown.con, shown.workspace) == ("this import", session.con, None)
    shown = session.shown(saved.id, True, store, LOCAL)
    assert (shown.label, shown.workspace.id) == ("workspace “Sample”", saved.id)
    assert len(queries.band_ladder(shown.con)) == 38
    assert session.shown(saved.id, True, store, LOCAL).con is shown.con  # read once while unchanged
    store.rename(LOCAL, saved.id, "Renamed")
    assert session.shown(saved.id, True, store, LOCAL).label == "workspace “Renamed”"
    store.delete(LOCAL, saved.id)
    with pytest.raises(NotFound):
        session.shown(saved.id, True, store, LOCAL)
    assert session.con.execute("SELECT 1").fetchone() == (1,)  # the import's connection stays open


def test_deleting_the_opened_workspace_closes_it():
    assert after_delete("a", "a") is None
    assert after_delete("c", "a") == "c"


@pytest.mark.parametrize(("text", "code"), [(" usd ", "USD"), ("", None), ("  ", None), (None, None)])
def test_default_currency(text, code):
    assert default_currency(text) == code
