"""Read an uploaded CSV or .xlsx file into a DuckDB table of text cells, or refuse it with a message.

Every cell is read as text (`c0`, `c1`, ... in file order; the header is row 1) so that numbers,
dates and currencies are parsed once, by stated rules, in `analytics.yourdata.validate`. Limits
are checked before parsing: the file's size first (from the file system, never by reading it),
then the row count, which DuckDB finds while streaming with a LIMIT. CSV: UTF-8 (with or without
a byte-order mark) is read as is, anything that is not valid UTF-8 as Latin-1 (said in a note);
UTF-16 and binary files are refused; the delimiter (comma, semicolon, tab or pipe) is sniffed.
Excel files are read by `analytics.yourdata.excel` (python-calamine: see there why). Every
failure is an `ImportProblem` whose message the page shows as it is.
"""

from __future__ import annotations

import codecs
import csv
import os
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

MAX_BYTES = 200 * 1024 * 1024
"""Largest CSV accepted, in bytes (200 MiB, Streamlit's default upload limit)."""
MAX_XLSX_BYTES = 50 * 1024 * 1024
"""Largest .xlsx accepted, in bytes (compressed)."""
MAX_XLSX_UNPACKED = 600 * 1024 * 1024
"""Largest total uncompressed size of an .xlsx's parts: a zip bomb is refused before reading."""
MAX_ROWS = 1_000_000
"""Most data rows in one file (the header row not counted)."""
MAX_COLUMNS = 200
"""Most columns in one file."""
SAMPLE_BYTES = 64 * 1024
"""How much of a file is read to recognise its type, encoding and delimiter."""
DELIMITERS = ",;\t|"

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File: an encrypted .xlsx or a legacy .xls
BINARY_MAGIC = {
    b"%PDF": "a PDF",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "a program",
    b"MZ": "a Windows program",
    b"\x1f\x8b": "a gzip archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"Rar!": "a RAR archive",
    b"SQLite format 3": "a SQLite database",
}


class ImportProblem(Exception):
    """A file that cannot be imported, with a plain message for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class RawTable:
    """An imported file: its DuckDB table of text cells c0..cN, headers and what was noticed."""

    filename: str
    table: str
    headers: list[str]
    rows: int
    kind: str  # "csv" or "xlsx"
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    notes: list[str] = field(default_factory=list)


def file_size(path: Path) -> int:
    """The size of a file in bytes, from the file system (the file is not read)."""
    return os.stat(path).st_size


def read_file(con: duckdb.DuckDBPyConnection, path: Path, table: str, filename: str | None = None) -> RawTable:
    """Read a CSV or .xlsx at path into `table` (replaced) on con; raise ImportProblem if it cannot."""
    name = filename or Path(path).name
    if not table.isidentifier():
        raise ValueError(f"table name {table!r} is not an identifier")
    size = file_size(path)
    if size == 0:
        raise ImportProblem(f"{name} is empty (0 bytes).")
    with open(path, "rb") as f:
        head = f.read(SAMPLE_BYTES)
    if head.startswith(b"PK\x03\x04"):
        from analytics.yourdata.excel import read_xlsx  # here: excel imports this module's shared parts

        raw = read_xlsx(con, Path(path), table, name, size)
    else:
        _refuse_binary(head, name)
        if size > MAX_BYTES:
            raise ImportProblem(
                f"{name} is {_mib(size)}; the limit for a CSV file is {_mib(MAX_BYTES)}. "
                "Split it or drop unused columns."
            )
        raw = _read_csv(con, Path(path), table, name, head, size)
    _check_shape(con, raw)
    return raw


def _refuse_binary(head: bytes, name: str) -> None:
    if head.startswith(OLE):
        raise ImportProblem(
            f"{name} is a password-protected Excel file or an old .xls workbook. "
            "Remove the password, or save it as .xlsx or CSV, and upload it again."
        )
    for magic, what in BINARY_MAGIC.items():
        if head.startswith(magic):
            raise ImportProblem(f"{name} is {what}, not a CSV or Excel file.")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportProblem(f"{name} is UTF-16 text. Save it as CSV UTF-8 (or plain CSV) and upload it again.")
    if b"\x00" in head:
        raise ImportProblem(f"{name} is not a text file (it holds NUL bytes): upload a CSV or .xlsx file.")
    text = head.decode("latin-1")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n\x0c")
    if controls > len(text) * 0.01:
        raise ImportProblem(f"{name} does not look like text (it holds control bytes): upload a CSV or .xlsx file.")


def _encoding(head: bytes, size: int) -> str:
    """utf-8 if the sample decodes as UTF-8 (a sequence cut at the sample's end allowed), else latin-1."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=len(head) >= size)
    except UnicodeDecodeError:
        return "latin-1"
    return "utf-8"


def _delimiter(text: str) -> str:
    """The sniffed delimiter among DELIMITERS, judged on whole lines of the sample; comma if unclear."""
    lines = text.splitlines()[:50]
    if len(lines) > 1 and len(text) >= SAMPLE_BYTES:
        lines = lines[:-1]  # the last line of a cut sample may be partial
    sample = "\n".join(lines)
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        counts = {d: lines[0].count(d) for d in DELIMITERS} if lines else {}
        best = max(counts, key=counts.get, default=",")
        return best if counts.get(best) else ","


def _read_csv(con: duckdb.DuckDBPyConnection, path: Path, table: str, name: str, head: bytes, size: int) -> RawTable:
    encoding = _encoding(head, size)
    text = head.decode(encoding, errors="ignore").lstrip("\ufeff")
    if not text.strip():
        raise ImportProblem(f"{name} holds only blank lines.")
    delim = _delimiter(text)
    notes, retry_latin = [], False
    attempts = [(encoding, True), (encoding, False), ("latin-1", True), ("latin-1", False)]
    for attempt, parallel in attempts:
        if attempt == "latin-1" and encoding != "latin-1" and not retry_latin:
            continue
        try:
            _csv_into(con, path, table, attempt, delim, parallel)
            encoding = attempt
            break
        except duckdb.Error as error:
            message = str(error)
            retry_latin = attempt == "utf-8" and "unicode" in message.lower()
            if retry_latin:
                continue  # valid UTF-8 at the start, not later on: the file is Latin-1
            if parallel and "parallel=false" in message:
                continue  # quoted line breaks in a ragged file need the single-threaded reader
            raise ImportProblem(f"{name} could not be read as CSV: {_first_line(message)}") from None
    if encoding == "latin-1":
        notes.append(
            f"{name} is not UTF-8; it was read as Latin-1 (ISO 8859-1). Check accented letters in the preview."
        )
    return RawTable(name, table, [], 0, "csv", encoding, delim, notes=notes)


def _csv_into(
    con: duckdb.DuckDBPyConnection, path: Path, table: str, encoding: str, delim: str, parallel: bool = True
) -> None:
    # header=false: the header is row 1 of the table, so duplicate or blank headers survive as typed.
    # strict_mode=false + null_padding keep ragged rows instead of skipping them silently.
    # The table name is checked to be an identifier by read_file; values go in as parameters.
    con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(
        f"CREATE TABLE {table} AS SELECT * FROM read_csv(?, header=false, all_varchar=true, "  # noqa: S608
        "auto_detect=true, delim=?, quote='\"', escape='\"', encoding=?, strict_mode=false, "
        "null_padding=true, max_line_size=4194304, parallel=?) LIMIT ?",
        [str(path), delim, encoding, parallel, MAX_ROWS + 2],
    )


def _first_line(message: str) -> str:
    """The first line of a DuckDB error, without its class prefix."""
    line = message.strip().splitlines()[0] if message.strip() else "unknown error"
    return line.split("Error: ", 1)[-1]


def _mib(size: int) -> str:
    """A size in MiB for a message: 200 MiB, 0.4 MiB."""
    mib = size / 2**20
    return f"{mib:,.0f} MiB" if mib >= 10 else f"{mib:,.1f} MiB"


def _too_many(name: str, rows: int) -> str:
    return f"{name} has more than {MAX_ROWS:,} data rows ({rows:,}); split it into smaller files."


def _too_wide(name: str, cols: int) -> str:
    return f"{name} has {cols:,} columns; the limit is {MAX_COLUMNS}. Keep the columns PayLadder maps."


def _check_shape(con: duckdb.DuckDBPyConnection, raw: RawTable) -> None:
    """Fill in headers and row count; refuse a file without a header, without data or over a limit."""
    columns = [r[0] for r in con.execute(f"DESCRIBE {raw.table}").fetchall()]
    if len(columns) > MAX_COLUMNS:
        raise ImportProblem(_too_wide(raw.filename, len(columns)))
    # Name columns by position: headers may be blank, repeated or hostile, so they are data, not SQL.
    for i, old in enumerate(columns):
        if old != f"c{i}":
            con.execute(f'ALTER TABLE {raw.table} RENAME COLUMN "{old}" TO c{i}')
    total = con.execute(f"SELECT count(*) FROM {raw.table}").fetchone()[0]  # noqa: S608
    if total == 0:
        raise ImportProblem(f"{raw.filename} has no rows.")
    header = con.execute(f"SELECT * FROM {raw.table} LIMIT 1").fetchone()  # noqa: S608
    if all(h is None or not str(h).strip() for h in header):
        raise ImportProblem(f"{raw.filename} has a blank first row: the first row must hold the column names.")
    if total - 1 > MAX_ROWS:
        raise ImportProblem(_too_many(raw.filename, total - 1).replace(f"({total - 1:,})", "(or more)"))
    if total == 1:
        raise ImportProblem(f"{raw.filename} has a header row but no data rows.")
    raw.headers = [("" if h is None else str(h).strip()) for h in header]
    raw.rows = total - 1
    dupes = sorted({h for h in raw.headers if h and raw.headers.count(h) > 1})
    if dupes:
        raw.notes.append(
            f"{raw.filename} repeats the column name(s) {', '.join(map(repr, dupes))}; "
            "each is listed with its column number."
        )
