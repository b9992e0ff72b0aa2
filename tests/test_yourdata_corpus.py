"""A hostile-file corpus generated here runs through the import: a clear message or a correct import, always.

Each case is a file (CSV bytes, an .xlsx built with openpyxl, or a renamed binary) and what must
come of it: refused with a message, imported with a problem, or imported with a given value.
Nothing may raise anything but ImportProblem. Running the whole corpus leaves the warehouse and a workspace saved
before it byte-identical (hashed), and leaves no stray file in the workspace folder.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from analytics.db import warehouse_path
from analytics.export import FORMULA_STARTS
from analytics.yourdata import read
from analytics.yourdata.pipeline import import_file, new_connection
from analytics.yourdata.queries import NOTE, problem_rows
from analytics.yourdata.read import ImportProblem
from analytics.yourdata.samples import BANDS_FILE, SAMPLES_DIR
from analytics.yourdata.store import LOCAL
from analytics.yourdata.store.files import FileStore

HEADER = "Employee ID,Job Family,Level,Zone,Currency,Base Salary,Bonus Target,Start Date,Gender"
GOOD = "E1,Engineering,L3,Zone A,USD,150000,15000,2020-01-15,Woman"


def person(**cells: str) -> str:
    """The GOOD row with some cells replaced, as CSV text (cells quoted when they need it)."""
    names = ["id", "family", "level", "zone", "currency", "base", "bonus", "start", "group"]
    values = dict(zip(names, GOOD.split(","), strict=True)) | cells
    out = []
    for v in values.values():
        out.append('"' + v.replace('"', '""') + '"' if any(c in v for c in ',"\n\r') else v)
    return ",".join(out)


def people_csv(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


def xlsx(rows: list[list], merge: str | None = None, sheets: int = 1) -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    for row in rows:
        ws.append(row)
    if merge:
        ws.merge_cells(merge)
    for i in range(1, sheets):
        book.create_sheet(f"Other {i}").append(["ignored"])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


XLSX_HEADER = HEADER.split(",")
XLSX_GOOD = ["E1", "Engineering", "L3", "Zone A", "USD", 150000, 15000, "2020-01-15", "Woman"]

# Values put in the Base Salary cell: (text, expected base or None, words of the problem).
BASE_VALUES = [
    ("150000", 150000.0, None),
    ("$150,000.00", 150000.0, None),
    ("150000.50", 150000.5, None),
    ("1.5e5", 150000.0, None),
    ("+150000", 150000.0, None),
    ("£150000", 150000.0, None),
    ("150000 €", 150000.0, None),
    (" 150000 ", 150000.0, None),
    ("150,000", 150000.0, None),
    ("1e309", None, "too large"),
    ("NaN", None, "not a number"),
    ("nan", None, "not a number"),
    ("inf", None, "not a number"),
    ("-inf", None, "not a number"),
    ("-0", None, "above zero"),
    ("0", None, "above zero"),
    ("-5", None, "negative"),
    ("-150,000", None, "negative"),
    ("1.234,50", None, "decimal mark"),
    ("1,23", None, "decimal mark"),
    ("abc", None, "not a number"),
    ("", None, "missing"),
    ("   ", None, "missing"),
    ("(100)", None, "not a number"),
    ("0x10", None, "not a number"),
    ("1_000", None, "not a number"),
    ("１２３", None, "not a number"),
    ("١٢٣", None, "not a number"),
    ("12 345", None, "not a number"),
    ("2000000000", None, "too large"),
    ("9" * 400, None, "too large"),
    ("=1+1", None, "not a number"),
    ("$", None, "not a number"),
    ("1.2.3", None, "not a number"),
    ("150000 USD", None, "not a number"),
    ("TRUE", None, "not a number"),
]
BONUS_VALUES = [
    ("", None, None),
    ("-1", None, "negative"),
    ("abc", None, "not a number"),
    ("0", 0.0, None),
    ("-0", 0.0, None),
    ("1e309", None, "too large"),
    ("$1,234.50", 1234.5, None),
]
DATES = [
    ("2020-01-15", "2020-01-15", None),
    ("2020/01/15", "2020-01-15", None),
    ("15.01.2020", "2020-01-15", None),
    ("15 Jan 2020", "2020-01-15", None),
    ("Jan 15, 2020", "2020-01-15", None),
    ("15-Jan-2020", "2020-01-15", None),
    ("01/15/2020", "2020-01-15", None),
    ("15/01/2020", "2020-01-15", None),
    ("05/05/2020", "2020-05-05", None),
    ("2020-01-15 09:30:00", "2020-01-15", None),
    ("2020-01-15T09:30:00", "2020-01-15", None),
    ("03/04/2020", None, "ambiguous"),
    ("2021-02-30", None, "does not parse"),
    ("1800-01-01", None, "outside"),
    ("43845", None, "does not parse"),
    ("yesterday", None, "does not parse"),
    ("2020-13-01", None, "does not parse"),
    ("", None, None),
]
TEXTS = [
    "<script>alert(1)</script>",
    "<b>bold</b>",
    "\u202eevil",
    "💰 team",
    '=HYPERLINK("x")',
    "@SUM(1)",
    "+cmd",
    "-cmd",
    "NULL",
    "O'Brien",
    'say "hi"',
    "a,b",
    "line\nbreak",
    "tab\there",
    "\u200bzero width",
    "e\u0301",
    "שלום",
    "مرحبا",
    "x" * 199,
    "null\\0",
]
CURRENCIES = [
    ("USD", None),
    ("usd", None),
    (" USD ", None),
    ("EUR", "band is in USD"),
    ("XXX", "unknown currency"),
    ("US$", "unknown currency"),
    ("$", "unknown currency"),
    ("", None),
    ("BTC", "unknown currency"),
]


def cases() -> list[tuple[str, object, str, object]]:
    """(id, content bytes or builder, file name, expectation)."""
    out: list[tuple[str, object, str, object]] = []
    add = out.append
    for text, value, why in BASE_VALUES:
        add((f"base {text[:20]!r}", people_csv(person(base=text)), "p.csv", ("value", "base", value, why)))
        # openpyxl stores a text starting with = as a formula; with no cached value it reads as blank.
        add(
            (
                f"base {text[:20]!r} xlsx",
                xlsx([XLSX_HEADER, XLSX_GOOD[:5] + [text] + XLSX_GOOD[6:]]),
                "p.xlsx",
                ("value", "base", value, "missing" if text.startswith("=") else why),
            )
        )
    for text, value, why in BONUS_VALUES:
        add((f"bonus {text!r}", people_csv(person(bonus=text)), "p.csv", ("value", "bonus", value, why)))
    for text, value, why in DATES:
        add((f"date {text!r}", people_csv(person(start=text)), "p.csv", ("value", "start_date", value, why)))
    for text in TEXTS:
        add((f"group {text[:15]!r}", people_csv(person(group=text)), "p.csv", ("value", "group", text.strip(), None)))
        add((f"id {text[:15]!r}", people_csv(person(id=text)), "p.csv", ("value", "person_id", text.strip(), None)))
    for code, why in CURRENCIES:
        add((f"currency {code!r}", people_csv(person(currency=code)), "p.csv", ("value", "currency", "USD", why)))
    add(("family too long", people_csv(person(family="x" * 201)), "p.csv", ("problem", "longer than 200")))
    add(("unknown level", people_csv(person(level="L99")), "p.csv", ("problem", "no band")))
    add(("unknown zone", people_csv(person(zone="Mars")), "p.csv", ("problem", "no band")))
    add(("missing level", people_csv(person(level="")), "p.csv", ("problem", "missing required value")))
    add(("duplicate id", people_csv(GOOD, GOOD), "p.csv", ("problem", "duplicate employee ID: first on row 2")))
    add(("very long cell", people_csv(person(group="y" * 100_000)), "p.csv", ("problem", "longer than 200")))
    add(
        (
            "mixed types",
            people_csv(GOOD, person(id="E2", base="n/a"), person(id="E3", base="2020-01-01")),
            "p.csv",
            ("problem", "not a number"),
        )
    )
    add(("blank rows skipped", people_csv(GOOD, ",,,,,,,,", "", person(id="E2")), "p.csv", ("rows", 2)))
    # Structure and encoding.
    add(("0-byte", b"", "p.csv", ("refused", "empty")))
    add(("blank lines", b"\n\n  \n", "p.csv", ("refused", "blank")))
    add(("header only", people_csv(), "p.csv", ("refused", "no data rows")))
    add(("header only with BOM", b"\xef\xbb\xbf" + people_csv(), "p.csv", ("refused", "no data rows")))
    add(("BOM", b"\xef\xbb\xbf" + people_csv(GOOD), "p.csv", ("rows", 1)))
    add(("CRLF", people_csv(GOOD).replace(b"\n", b"\r\n"), "p.csv", ("rows", 1)))
    add(
        (
            "latin-1",
            people_csv(person(group="Andrés")).decode().encode("latin-1"),
            "p.csv",
            ("value", "group", "Andrés", None),
        )
    )
    late = people_csv(*[person(id=f"E{i}") for i in range(2000)], person(id="Z", group="Zoë"))
    add(("latin-1 after 64 KiB", late.decode().encode("latin-1"), "p.csv", ("rows", 2001)))
    add(("utf-16", people_csv(GOOD).decode().encode("utf-16"), "p.csv", ("refused", "UTF-16")))
    for delim in ";\t|":
        add(
            (
                f"delimiter {delim!r}",
                people_csv(GOOD, header=HEADER).replace(b",", delim.encode()),
                "p.csv",
                ("rows", 1),
            )
        )
    add(
        (
            "semicolon with comma decimals",
            people_csv(person(base="150000,50")).replace(b",", b";").replace(b"150000;50", b"150000,50"),
            "p.csv",
            ("problem", "decimal mark"),
        )
    )
    add(("quoted newline", people_csv(person(family="Eng\nineering")), "p.csv", ("problem", "no band")))
    add(("unbalanced quote", people_csv('E1,"Engineering,L3,Zone A,USD,150000,1,2020-01-15,W'), "p.csv", ("either",)))
    add(("ragged short", people_csv("E1,Engineering,L3"), "p.csv", ("problem", "missing required value")))
    add(("ragged long", people_csv(GOOD + ",extra,cells"), "p.csv", ("rows", 1)))
    add(("duplicate headers", people_csv(GOOD + ",Zone B", header=HEADER + ",Zone"), "p.csv", ("rows", 1)))
    add(("blank header cell", people_csv(GOOD + ",x", header=HEADER + ","), "p.csv", ("rows", 1)))
    add(("blank header row", b",,,\n" + people_csv(GOOD), "p.csv", ("refused", "first row")))
    add(
        (
            "no level column",
            people_csv("E1,Engineering,150000", header="Employee ID,Job Family,Base Salary"),
            "p.csv",
            ("refused", "level"),
        )
    )
    add(
        (
            "201 columns",
            (",".join(f"h{i}" for i in range(201)) + "\n" + ",".join("1" * 201) + "\n").encode(),
            "p.csv",
            ("refused", "columns"),
        )
    )
    add(("line over 4 MiB", people_csv(person(group="z" * (5 * 2**20))), "p.csv", ("refused", "could not be read")))
    add(("NUL bytes", b"a,b\n1,\x00\n", "p.csv", ("refused", "NUL")))
    add(("control bytes", bytes(range(1, 32)) * 50, "p.csv", ("refused", "text")))
    for magic, what in [
        (b"%PDF-1.7", "PDF"),
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (b"\x7fELF", "program"),
        (b"MZ\x90\x00", "Windows"),
        (b"\x1f\x8b\x08", "gzip"),
        (b"GIF89a", "GIF"),
        (b"\xff\xd8\xff\xe0", "JPEG"),
        (b"SQLite format 3\x00", "SQLite"),
        (b"Rar!\x1a", "RAR"),
    ]:
        add((f"renamed {what}", magic + bytes(200), "p.csv", ("refused", what)))
    add(("random binary", bytes((i * 97) % 256 for i in range(5000)), "p.csv", ("refused", "")))
    add(("password-protected", read.OLE + bytes(4000), "p.xlsx", ("refused", "password")))
    # Excel.
    add(("xlsx people", xlsx([XLSX_HEADER, XLSX_GOOD]), "p.xlsx", ("rows", 1)))
    add(("xlsx renamed .csv", xlsx([XLSX_HEADER, XLSX_GOOD]), "p.csv", ("rows", 1)))
    add(
        (
            "xlsx formula",
            xlsx([XLSX_HEADER, XLSX_GOOD[:5] + ["=100000*1.5"] + XLSX_GOOD[6:]]),
            "p.xlsx",
            ("value", "base", None, "missing"),
        )
    )
    add(
        (
            "xlsx merged cells",
            xlsx([XLSX_HEADER, XLSX_GOOD, ["E2"] + XLSX_GOOD[1:]], merge="B2:B3"),
            "p.xlsx",
            ("problem", "missing required value"),
        )
    )
    add(
        (
            "xlsx real date",
            xlsx([XLSX_HEADER, XLSX_GOOD[:7] + [__import__("datetime").date(2020, 1, 15)] + XLSX_GOOD[8:]]),
            "p.xlsx",
            ("value", "start_date", "2020-01-15", None),
        )
    )
    add(
        (
            "xlsx float base",
            xlsx([XLSX_HEADER, XLSX_GOOD[:5] + [150000.25] + XLSX_GOOD[6:]]),
            "p.xlsx",
            ("value", "base", 150000.25, None),
        )
    )
    add(("xlsx two sheets", xlsx([XLSX_HEADER, XLSX_GOOD], sheets=2), "p.xlsx", ("rows", 1)))
    add(("xlsx empty", xlsx([]), "p.xlsx", ("refused", "")))
    add(("xlsx header only", xlsx([XLSX_HEADER]), "p.xlsx", ("refused", "no data rows")))
    add(("xlsx truncated", xlsx([XLSX_HEADER, XLSX_GOOD])[:600], "p.xlsx", ("refused", "damaged")))
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    add(("zip not xlsx", zipped.getvalue(), "p.xlsx", ("refused", "not an .xlsx")))
    # Bands.
    band_header = "Job Family,Level,Zone,Currency,Min,Max,Midpoint"
    for row, expect in [
        ("Eng,L1,,USD,200,100,", ("problem", "minimum above maximum")),
        ("Eng,L1,,USD,100,100,", ("problem", "a band needs a width")),
        ("Eng,L1,,USD,100,200,250", ("problem", "midpoint outside the range")),
        ("Eng,L1,,USX,100,200,", ("problem", "unknown currency")),
        ("Eng,L1,,,100,200,", ("problem", "missing required value")),
        ("Eng,L1,,USD,-100,200,", ("problem", "negative")),
        ("Eng,L1,,USD,abc,200,", ("problem", "not a number")),
        ("Eng,L1,,USD,100,200,150", ("rows", 1)),
    ]:
        add((f"band {row}", f"{band_header}\n{row}\n".encode(), "b.csv", ("bands", *expect)))
    add(
        (
            "band duplicate",
            f"{band_header}\nEng,L1,,USD,1,2,\neng, l1 ,,USD,1,2,\n".encode(),
            "b.csv",
            ("bands", "problem", "duplicate band"),
        )
    )
    for spread, lo in [("50%", 80_000.0), ("0.5", 80_000.0), ("50", 80_000.0)]:
        add(
            (
                f"band spread {spread}",
                f"Family,Level,Currency,Midpoint,Spread\nEng,L1,USD,100000,{spread}\n".encode(),
                "b.csv",
                ("bands", "value", "min", lo, None),
            )
        )
    add(
        (
            "band spread negative",
            b"Family,Level,Currency,Midpoint,Spread\nEng,L1,USD,100000,-5\n",
            "b.csv",
            ("bands", "problem", "must be above zero"),
        )
    )
    return out


CASES = cases()


@pytest.fixture(scope="module")
def guarded(tmp_path_factory):
    """The workspace folder for this module's imports (a temporary one), with one workspace saved in it."""
    folder = tmp_path_factory.mktemp("workspaces")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PAYLADDER_WORKSPACES", str(folder))
        con = new_connection()
        import_file(con, SAMPLES_DIR / BANDS_FILE)
        store = FileStore(folder)
        store.save(LOCAL, con, "Before the corpus", BANDS_FILE)
        store.close()  # closed, so its catalog's bytes stay as they are
        con.close()
        yield folder


def digests(folder: Path) -> dict[Path, str]:
    """SHA-256 of the warehouse and of every workspace saved in folder."""
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in [warehouse_path(), *folder.glob("*.duckdb")]}


def run(path: Path, kind: str):
    """Import the sample bands, then the case file as kind: ('imported', con, Imported) or ('refused', message)."""
    con = new_connection()
    if kind == "people":
        import_file(con, SAMPLES_DIR / BANDS_FILE, kind="bands")
    try:
        return "imported", con, import_file(con, path, path.name, kind=kind)
    except ImportProblem as problem:
        con.close()
        return "refused", None, problem.message


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 200


@pytest.mark.parametrize(("content", "name", "expect"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_hostile_file(tmp_path, guarded, content, name, expect):
    path = tmp_path / name
    path.write_bytes(content)
    kind = "bands" if expect[0] == "bands" else "people"
    expect = expect[1:] if expect[0] == "bands" else expect
    outcome, con, result = run(path, kind)
    if expect[0] == "refused":
        assert outcome == "refused", "imported, but should have been refused"
        assert expect[1].lower() in result.lower() and result.strip()
        return
    if expect[0] == "either":
        assert outcome == "imported" or result.strip()
        return
    assert outcome == "imported", result
    problems = problem_rows(con, result.checked)
    assert (problems["file"] == name).all() and problems["row"].ge(2).all()
    if expect[0] == "rows":
        assert (result.checked.good_rows, len(problems)) == (expect[1], 0), problems.to_dict("records")
    elif expect[0] == "problem":
        assert problems["problem"].str.contains(expect[1], regex=False).any(), problems.to_dict("records")
    else:
        _, field, value, why = expect
        rows = con.execute(f'SELECT "{field}"::VARCHAR FROM {kind}').fetchall()  # noqa: S608
        if why:
            assert rows == [] and problems["problem"].str.contains(why, regex=False).any(), problems.to_dict("records")
        else:
            notes = problems["problem"].str.startswith(NOTE)  # a note keeps its row
            assert notes.all(), problems.to_dict("records")
            formula_like = isinstance(value, str) and value.startswith(FORMULA_STARTS)
            assert notes.any() == formula_like, problems.to_dict("records")
            expected = None if value is None else str(value)
            assert rows == [(expected,)]
    con.close()


def test_limits_are_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(read, "MAX_ROWS", 50)  # the sample bands have 41 rows
    path = tmp_path / "p.csv"
    path.write_bytes(people_csv(*[person(id=f"E{i}") for i in range(51)]))
    assert run(path, "people")[2] == "p.csv has more than 50 data rows (or more); split it into smaller files."
    path.write_bytes(people_csv(*[person(id=f"E{i}") for i in range(50)]))
    assert run(path, "people")[0] == "imported"
    con = new_connection()
    monkeypatch.setattr(read, "MAX_BYTES", 100)
    with pytest.raises(ImportProblem, match=r"p.csv is 0.0 MiB; the limit for a CSV file is 0.0 MiB"):
        read.read_file(con, path, "raw")
    monkeypatch.setattr(read, "MAX_XLSX_UNPACKED", 1000)
    path = tmp_path / "p.xlsx"
    path.write_bytes(xlsx([XLSX_HEADER, XLSX_GOOD]))
    with pytest.raises(ImportProblem, match="unpacks to"):
        read.read_file(con, path, "raw")


def test_a_million_rows_import(tmp_path, guarded):
    from analytics.yourdata.samples import write_synthetic_people

    path = write_synthetic_people(tmp_path / "million.csv", 1_000_000)
    outcome, con, imported = run(path, "people")
    assert outcome == "imported"
    c = imported.checked
    assert (c.rows, c.good_rows, c.problem_count) == (1_000_000, 1_000_000, 0)
    con.close()


def test_warehouse_and_other_workspaces_are_byte_identical(tmp_path, guarded):
    """Every file of the corpus goes through the import here, between two snapshots taken by this test."""
    before = digests(guarded)
    assert len(before) == 3  # the warehouse, and the store's catalog and the workspace saved before the corpus
    for _, content, name, expect in CASES:
        path = tmp_path / name
        path.write_bytes(content)
        _, con, _ = run(path, "bands" if expect[0] == "bands" else "people")
        if con is not None:
            con.close()
    assert digests(guarded) == before
    assert not list(guarded.glob("*.tmp")) and not list(guarded.glob(".*"))
