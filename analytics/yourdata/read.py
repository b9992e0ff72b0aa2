"""Read an uploaded CSV or .xlsx file into a DuckDB table of text cells, or refuse it with a message.

Every cell is read as text (`c0`, `c1`, ... in file order; the header is row 1) so that numbers,
dates and currencies are parsed once, by stated rules, in `analytics.yourdata.validate`. Limits
are checked before parsing: the file's size first (from the file system, never by reading it),
then the row count, which DuckDB finds while streaming with a LIMIT. CSV: UTF-8 (with or without
a byte-order mark) is read as is, anything that is not valid UTF-8 as Latin-1 (said in a note);
UTF-16 and binary files are refused; the delimiter (comma, semicolon, tab or pipe) is sniffed.
A line ends at a line feed, a carriage return and line feed, or a carriage return alone (as in
Excel and Python's csv), whatever the file's first line uses, so a line ending never changes a
value; a carriage return alone in a file of line feeds is named in a note, so that the rows it
split are checked. A byte-order mark inside a cell (left where files were joined) is removed, with a note. A
quote opened and never closed is refused, naming its line, rather than read as one cell holding
the rest of the file. Excel files are read by `analytics.yourdata.excel` (python-calamine: see
there why). Every failure is an `ImportProblem` whose message the page shows as it is; it names
the file as uploaded, with control characters made visible (`visible`), and never a path on the
server.
"""

from __future__ import annotations

import codecs
import csv
import os
import re
import unicodedata
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
MAX_XLSX_CELLS = 3_000_000
"""Most cells in an .xlsx's first sheet, counted as rows × columns from its first to its last used cell:
the reader holds them all at once, at about 70 bytes each (a million rows of three columns; a CSV has
no such limit)."""
MAX_XLSX_TEXT = 100 * 1024 * 1024
"""Most text an .xlsx's first sheet may hold, in bytes: its cells' own text and shared strings, each copy
counted, as the reader holds them."""
SAMPLE_BYTES = 64 * 1024
"""How much of a file is read to recognise its type, encoding and delimiter."""
MAX_LINE = 4 * 1024 * 1024
"""Longest line (a row, or a quoted cell's part of one) accepted in a CSV, in bytes."""
DELIMITERS = ",;\t|"
INVISIBLE = {"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"}
"""Unicode categories shown by their code in a file name: controls, format characters (a right-to-left
override, a byte-order mark, zero-width characters), private use, unassigned, line and paragraph breaks."""
BOM = "\ufeff"
CHUNK = 1024 * 1024
_LINE_END = re.compile(rb"\r\n|\r|\n")

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


def visible(name: str) -> str:
    """A file name as shown: every control or format character written as its code ([U+202E]), so a
    name cannot reorder, hide or break what is shown around it."""
    return "".join(f"[U+{ord(ch):04X}]" if unicodedata.category(ch) in INVISIBLE else ch for ch in name)


def file_size(path: Path) -> int:
    """The size of a file in bytes, from the file system (the file is not read)."""
    return os.stat(path).st_size


def read_file(con: duckdb.DuckDBPyConnection, path: Path, table: str, filename: str | None = None) -> RawTable:
    """Read a CSV or .xlsx at path into `table` (replaced) on con; raise ImportProblem if it cannot."""
    name = visible(filename or Path(path).name)
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
            raise ImportProblem(_csv_problem(path, name, message, attempt, delim)) from None
    if encoding == "latin-1":
        notes.append(
            f"{name} is not UTF-8; it was read as Latin-1 (ISO 8859-1). Check accented letters in the preview."
        )
    survey = _survey(path)
    line_ends = _line_end_note(path, name, survey)
    if line_ends:
        notes.append(line_ends)
    if survey.quotes % 2:  # quotes come in pairs: an odd count may be a quote DuckDB read to the end of the file
        line = _open_quote(path, encoding, delim)
        if line:
            raise ImportProblem(_unclosed(name, line))
    raw = RawTable(name, table, [], 0, "csv", encoding, delim, notes=notes)
    if encoding == "utf-8" and survey.bom_inside:
        _remove_boms(con, raw)
    return raw


def _csv_into(
    con: duckdb.DuckDBPyConnection, path: Path, table: str, encoding: str, delim: str, parallel: bool = True
) -> None:
    # header=false: the header is row 1 of the table, so duplicate or blank headers survive as typed.
    # strict_mode=false + null_padding keep ragged rows instead of skipping them silently.
    # new_line='\n' is DuckDB's single-character mode, which ends a line at \n, \r\n or a lone \r;
    # sniffed as \r\n, a lone \r would end a line and swallow the next line's first character.
    # The table name is checked to be an identifier by read_file; values go in as parameters.
    con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(
        f"CREATE TABLE {table} AS SELECT * FROM read_csv(?, header=false, all_varchar=true, "  # noqa: S608
        "auto_detect=true, delim=?, quote='\"', escape='\"', encoding=?, strict_mode=false, "
        "null_padding=true, max_line_size=?, parallel=?, new_line='\\n') LIMIT ?",
        [str(path), delim, encoding, MAX_LINE, parallel, MAX_ROWS + 2],
    )


def _csv_problem(path: Path, name: str, message: str, encoding: str, delim: str) -> str:
    """What to tell the user about a CSV DuckDB could not read: the line at fault where it can be found,
    and never the server's path of the file (DuckDB names it, and names line 1 for a long line)."""
    line = _open_quote(path, encoding, delim) if _count(path, b'"') % 2 else None
    if line:
        return _unclosed(name, line)
    if "maximum line size" in message.lower():
        line = _long_line(path)
        where = f"line {line:,} is" if line else "a row is"
        return (
            f"{name} could not be read as CSV: {where} longer than {_mib(MAX_LINE)}, the limit for one line. "
            "Is a cell pasted by mistake, or a quote left open?"
        )
    line = _open_quote(path, encoding, delim)
    if line:
        return _unclosed(name, line)
    text = _first_line(message)
    for secret in sorted({str(path), str(Path(path).resolve()), str(Path(path).parent)}, key=len, reverse=True):
        text = text.replace(secret, name)
    return f"{name} could not be read as CSV: {text}"


def _unclosed(name: str, line: int) -> str:
    return (
        f'{name} could not be read as CSV: the quotes from line {line:,} on do not pair up: a cell opens with " '
        'and is never closed (or has a " inside it that is not doubled). Fix the quote and upload it again.'
    )


def _lines(path: Path):
    """The file's lines' lengths in bytes, one by one, ending a line as DuckDB is told to (\n, \r\n, \r)."""
    length, after_cr = 0, False
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            if after_cr and chunk.startswith(b"\n"):
                chunk = chunk[1:]  # the line feed of a \r\n cut between two chunks
            after_cr = chunk.endswith(b"\r")
            *ended, rest = chunk.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
            for part in ended:
                yield length + len(part)
                length = 0
            length += len(rest)
    if length:
        yield length


def _long_line(path: Path) -> int | None:
    """The number of the first line longer than MAX_LINE bytes (DuckDB names line 1 whatever it is), or None."""
    return next((i for i, length in enumerate(_lines(path), start=1) if length > MAX_LINE), None)


def _open_quote(path: Path, encoding: str, delim: str) -> int | None:
    """The line on which the row whose quotes do not pair up starts, by Python's csv reader, or None."""
    with open(path, encoding=encoding, errors="replace", newline="") as f:
        reader = csv.reader(f, delimiter=delim, quotechar='"', doublequote=True, strict=True)
        start = 1
        try:
            for _ in reader:
                start = reader.line_num + 1
        except csv.Error as error:  # "unexpected end of data", "',' expected after '\"'"; not a long field
            return start if "end of data" in str(error) or "expected after" in str(error) else None
    return None


@dataclass
class _Survey:
    """What one pass over a CSV's bytes found: how many quotes and line ends, and a byte-order mark after
    the start."""

    quotes: int = 0
    returns: int = 0
    pairs: int = 0
    """Carriage returns followed by a line feed."""
    feeds: int = 0
    bom_inside: bool = False


def _survey(path: Path) -> _Survey:
    found, last = _Survey(), b""
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            found.quotes += chunk.count(b'"')
            found.returns += chunk.count(b"\r")
            found.feeds += chunk.count(b"\n")
            found.pairs += chunk.count(b"\r\n") + (last.endswith(b"\r") and chunk.startswith(b"\n"))
            if not found.bom_inside:  # a mark at the very start is the file's own; one cut in two counts
                found.bom_inside = (last[-2:] + chunk).find(codecs.BOM_UTF8, 0 if last else 1) >= 0
            last = chunk
    return found


def _count(path: Path, byte: bytes) -> int:
    """How many times a byte occurs in the file."""
    total = 0
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            total += chunk.count(byte)
    return total


def _lone_returns(path: Path, first: int = 5) -> list[int]:
    """The numbers of the first lines that end with a carriage return alone."""
    found, line, held = [], 1, b""
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            data, held = held + chunk, b""
            if data.endswith(b"\r"):
                data, held = data[:-1], b"\r"  # it may be the first half of a \r\n
            for end in _LINE_END.finditer(data):
                if end[0] == b"\r":
                    found.append(line)
                    if len(found) == first:
                        return found
                line += 1
    return found + [line] if held else found


def _line_end_note(path: Path, name: str, survey: _Survey) -> str | None:
    """A note naming the lines that end with a carriage return alone in a file whose other lines end with a
    line feed (CR LF or LF): each was read as the end of a row, which a stray one inside a value is not."""
    lone = survey.returns - survey.pairs
    if not lone or not survey.feeds:
        return None  # no lone CR, or every line ends with one (an old Mac file)
    lines = _lone_returns(path)
    listed = ", ".join(f"{n:,}" for n in lines) + (f" and {lone - len(lines):,} more" if lone > len(lines) else "")
    return (
        f"{name} ends line(s) {listed} with a carriage return alone, where its other lines end with a line "
        "feed. Each was read as the end of a row, as Excel does: check those rows and the ones after them."
    )


def _remove_boms(con: duckdb.DuckDBPyConnection, raw: RawTable) -> None:
    """Remove byte-order marks inside cells (the file holds one past its start), with a note if any was."""
    columns = [r[0] for r in con.execute(f"DESCRIBE {raw.table}").fetchall()]
    holds = " OR ".join(f'contains("{c}", $bom)' for c in columns)
    count = " + ".join(f'coalesce(contains("{c}", $bom)::INTEGER, 0)' for c in columns)
    cells, first = con.execute(
        f"SELECT sum({count}), min(rowid) + 1 FROM {raw.table} WHERE {holds}",  # noqa: S608 (names from DuckDB)
        {"bom": BOM},
    ).fetchone()
    if not cells:
        return
    sets = ", ".join(f'"{c}" = replace("{c}", $bom, \'\')' for c in columns)
    con.execute(f"UPDATE {raw.table} SET {sets} WHERE {holds}", {"bom": BOM})  # noqa: S608
    raw.notes.append(_bom_note(raw.filename, cells, first))


def _bom_note(name: str, cells: int, first_row: int) -> str:
    return (
        f"{name} has {cells:,} cell(s) holding a byte-order mark (U+FEFF, an invisible character often left "
        f"where two files were joined), the first on row {first_row:,}. It was removed, so a value reads the "
        "same with or without it (an employee ID repeated with one is still a duplicate)."
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
