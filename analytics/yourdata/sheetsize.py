"""How large an .xlsx's first sheet is, measured from its XML before any reader builds it.

python-calamine (see `analytics.yourdata.excel`) holds a whole sheet in memory, as a grid from its
first to its last used cell, at about 70 bytes a cell (measured) plus every cell's own copy of its
text; so a small file can still ask for gigabytes: 200 columns of 197,200 rows without cell
references pack into 1.7 MB and took 2.9 GB. `scan` streams what calamine would read (the shared
strings and the first sheet, a megabyte at a time), places the cells as calamine will, and refuses
the file as soon as the grid passes MAX_ROWS, MAX_COLUMNS or MAX_XLSX_CELLS, or its text
MAX_XLSX_TEXT (limits in `analytics.yourdata.read`). Each part is unpacked here, not by zipfile, so
that a part that unpacks to more than the zip states (which calamine would not notice) is refused.
"""

from __future__ import annotations

import functools
import re
import struct
import zipfile
import zlib
from array import array
from dataclasses import dataclass, field

from analytics.yourdata import read as limits  # the limits are read at call time, so one place sets them
from analytics.yourdata.read import ImportProblem, _mib, _too_many, _too_wide

SMALL_PART = 16 * 1024 * 1024
"""Largest workbook, relationships or styles part accepted (unpacked); real ones are kilobytes."""
MAX_RUN = 2 * 1024 * 1024
"""Longest stretch of a part without a tag: more than a cell can hold (Excel's limit is 32,767 characters)."""
STRING_BYTES = 40
"""Memory a shared string takes in calamine besides its text, in bytes."""
CHUNK = 1024 * 1024

_ATTRS = rb"((?:[^>\"']|\"[^\"]*\"|'[^']*')*)"  # attributes, a '>' inside quotes included
_SHEET_TAGS = re.compile(rb"</(?:[\w.-]+:)?row\s*>|<(?:[\w.-]+:)?(row|c|v|t)\b" + _ATTRS + rb">([^<]*)")
_REF = re.compile(rb"\sr\s*=\s*[\"']([A-Za-z]*)([0-9]*)[\"']")
_TYPE = re.compile(rb"\st\s*=\s*[\"']([A-Za-z]*)[\"']")
TEXT_TYPES = {b"str", b"inlineStr", b"d"}
"""Cell types calamine keeps as text of its own (numbers, booleans and errors are not text)."""
_SI = re.compile(rb"</(?:[\w.-]+:)?si\s*>|<(?:[\w.-]+:)?si\b" + _ATTRS + rb">")
_SHEET = re.compile(rb"<(?:[\w.-]+:)?sheet\b" + _ATTRS + rb">")
_RELATIONSHIP = re.compile(rb"<(?:[\w.-]+:)?Relationship\b" + _ATTRS + rb">")
_PREFIXED = re.compile(rb"</?[\w.-]+:(?:row|c|v|t|is|sheetData)\b")
_ODD_REF = re.compile(rb'<c r="(?![A-Z]{1,3}[1-9][0-9]{0,6}")|<row r="(?![1-9][0-9]{0,6}")')
_ANY_REF = re.compile(rb"\sr\s*=")
_EMPTY_ROW = re.compile(rb"<row\b[^>]*/>")
_OPEN = rb"[^>]*(?<!/)>"  # the rest of a tag that is not self-closing
_VALUED = re.compile(rb'<c r="([A-Z]{1,3})([0-9]+)"' + _OPEN)
_SHARED_VALUE = re.compile(rb'\st="s"[^>]*><v>([0-9]{1,10})</v>')


def _attribute(attrs: bytes, name: bytes) -> bytes | None:
    m = re.search(rb"(?:^|\s)" + re.escape(name) + rb"\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", attrs)
    return None if m is None else (m[1] if m[1] is not None else m[2])


@dataclass
class Extent:
    """What the first sheet holds, found as calamine will place its cells: the grid from A1 to the last row
    and column with a value (0-based; counted from A1, so never smaller than calamine's), and its text."""

    last_row: int = -1
    last_column: int = -1
    text: int = 0
    """Bytes of text calamine will hold: the shared strings, and each cell's own text or copy of one."""
    shared: array = field(default_factory=lambda: array("Q"))
    """The length of each shared string, in bytes of XML (at least its text)."""

    @property
    def rows(self) -> int:
        return self.last_row + 1

    @property
    def columns(self) -> int:
        return self.last_column + 1

    def place(self, row: int, column: int) -> None:
        """Count a cell with a value at (row, column)."""
        self.last_row = max(self.last_row, row)
        self.last_column = max(self.last_column, column)


def scan(z: zipfile.ZipFile, name: str) -> Extent:
    """Measure the first sheet of an open .xlsx without building it; raise ImportProblem past a limit."""
    extent = Extent()
    strings = _member(z, "xl/sharedStrings.xml")
    if strings is not None:
        _scan_strings(z, strings, name, extent)
    _small(z, "xl/styles.xml", name)
    sheet = _first_sheet(z, name)
    if sheet is not None:
        reader = _Sheet(extent)
        for block in _blocks(z, sheet, name, after=b"</c>"):
            reader.read(block)
            _check(extent, name)
    return extent


def _member(z: zipfile.ZipFile, path: str) -> zipfile.ZipInfo | None:
    """A zip member by name, ignoring case as calamine does."""
    return next((i for i in z.infolist() if i.filename.lower() == path.lower()), None)


def _small(z: zipfile.ZipFile, path: str, name: str) -> bytes:
    info = _member(z, path)
    if info is None:
        return b""
    if info.file_size > SMALL_PART:
        raise ImportProblem(f"{name} could not be read as an Excel workbook ({path} is {_mib(info.file_size)}).")
    return b"".join(_unpack(z, info, name))


def _first_sheet(z: zipfile.ZipFile, name: str) -> zipfile.ZipInfo | None:
    """The zip member of the workbook's first sheet, found as calamine finds it (None if there is none)."""
    first = _SHEET.search(_small(z, "xl/workbook.xml", name))
    if first is None:
        return None
    rid = _attribute(first[1], b"r:id") or _attribute(first[1], b"relationships:id")
    for rel in _RELATIONSHIP.finditer(_small(z, "xl/_rels/workbook.xml.rels", name)):
        if rid is not None and _attribute(rel[1], b"Id") == rid:
            target = (_attribute(rel[1], b"Target") or b"").decode("utf-8", "replace")
            path = target[1:] if target.startswith("/xl/") else target if target.startswith("xl/") else "xl/" + target
            return _member(z, path)
    return None


def _unpack(z: zipfile.ZipFile, info: zipfile.ZipInfo, name: str):
    """A member's bytes, chunk by chunk, checked to unpack to exactly the size the zip states: a stream that
    says 1 KB and inflates to gigabytes is refused here, before calamine, which does not check, inflates it."""
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or info.flag_bits & 0x1:
        raise ImportProblem(f"{name} could not be read as an Excel workbook (an unusual zip compression).")
    inflate = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    left, out, crc = info.compress_size, 0, 0
    with open(z.filename, "rb") as f:
        f.seek(info.header_offset)
        header = f.read(30)  # the local file header: its data follows the name and the extra field
        if len(header) < 30 or header[:4] != b"PK\x03\x04":
            raise zipfile.BadZipFile
        name_length, extra_length = struct.unpack("<HH", header[26:30])
        f.seek(info.header_offset + 30 + name_length + extra_length)
        while left > 0 or (inflate is not None and inflate.unconsumed_tail):
            if inflate is not None and inflate.unconsumed_tail:
                data = inflate.decompress(inflate.unconsumed_tail, CHUNK)
            else:
                block = f.read(min(CHUNK, left))
                if not block:
                    raise EOFError
                left -= len(block)
                data = inflate.decompress(block, CHUNK) if inflate is not None else block
            out += len(data)
            if out > info.file_size:
                raise ImportProblem(
                    f"{name} is a damaged or hostile zip: {info.filename} unpacks to more than the "
                    f"{info.file_size:,} bytes it states."
                )
            crc = zlib.crc32(data, crc)
            yield data
    if out != info.file_size or crc != info.CRC or (inflate is not None and not inflate.eof):
        raise zipfile.BadZipFile


def _blocks(z: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, after: bytes = b""):
    """A member's text in blocks that end just after the tag `after` (a cell's end), or else before a '<',
    so that no tag, and no text between two tags, is cut."""
    carry = b""
    for data in _unpack(z, info, name):
        data = carry + data
        cut = data.rfind(after) if after else -1
        cut = cut + len(after) if cut >= 0 else max(data.rfind(b"<"), 0)
        block, carry = data[:cut], data[cut:]
        if len(carry) > MAX_RUN:
            raise ImportProblem(
                f"{name} could not be read as an Excel workbook: {info.filename} has a cell or tag longer "
                f"than {_mib(MAX_RUN)}, which Excel never writes."
            )
        if block:
            yield block
    if carry:
        yield carry


def _scan_strings(z: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, extent: Extent) -> None:
    """The length of every shared string (in XML between <si> and </si>); calamine holds them all from the
    moment it opens the file, and skips a self-closing <si/>."""
    length, inside = 0, False
    for block in _blocks(z, info, name):
        start = 0
        for m in _SI.finditer(block):
            if m[1] is None:  # </si>
                if inside:
                    extent.shared.append(length + m.start() - start)
                    extent.text += STRING_BYTES + extent.shared[-1]
                inside = False
            elif not m[1].endswith(b"/"):
                inside, start, length = True, m.end(), 0
        if inside:
            length += len(block) - start
        _check(extent, name)


class _Sheet:
    """Places the cells of a sheet's XML, block by block, as calamine does: a row's `r` sets the row and a
    cell's `r` its place; a cell without one goes in the current row, after the previous cell; `</row>`
    moves to the next row (a self-closing tag opens and closes). A cell holds a value when it has a <v> or
    an inline string.

    `_exact` follows every tag in Python (about a microsecond each); two shortcuts count instead, at the
    speed of bytes.count, in the blocks writers produce: every row and cell with its reference (Excel,
    LibreOffice, openpyxl), or none with one (as in the 1.7 MB file of issue 20). Any other block, or one
    a shortcut is unsure of, is read by `_exact`."""

    def __init__(self, extent: Extent) -> None:
        self.extent = extent
        self.row = 0  # where a cell without a reference goes
        self.column = 0

    def read(self, block: bytes) -> None:
        if _PREFIXED.search(block) or not (self._referenced(block) or self._unreferenced(block)):
            self._exact(block)

    def _referenced(self, block: bytes) -> bool:
        """Every row and cell has a plain reference: the grid's corner is the largest reference among cells
        with a value, found by asking for a larger one until there is none."""
        cells = block.count(b"<c ") + block.count(b"<c>")
        rows = block.count(b"<row ") + block.count(b"<row>")
        if cells != block.count(b'<c r="') or rows != block.count(b'<row r="') or _ODD_REF.search(block):
            return False
        last_row = block.rfind(b"<row ")
        if last_row < 0 or not self._text(block):
            return False
        found = _last_valued(block)
        if found is not None:
            row = max(int(found[2]) - 1, self.extent.last_row)
            column = max(_column(found[1]), self.extent.last_column)
            for _ in range(64):  # rows out of order are rare; past that, the exact reader decides
                later = _greater_row(row).search(block)
                if later is None:
                    break
                row = int(later[2]) - 1
            else:
                return False
            while column < limits.MAX_COLUMNS and (wider := _greater_column(column).search(block)) is not None:
                column = _column(wider[1])
            self.extent.place(row, column)
        tail = block[last_row:]  # the last row: where the next block's cells without a reference go
        self.row, self.column = int(_REF.search(tail)[2]) - 1, 0
        self._exact(tail, text=False)
        return True

    def _unreferenced(self, block: bytes) -> bool:
        """No row or cell has a reference: each `</row>` is the next row, each cell the next column."""
        if _ANY_REF.search(block) or _EMPTY_ROW.search(block) or not self._text(block):
            return False
        cells = list(map(_count_cells, block.split(b"</row>")))  # per row, the first continuing the last block's
        cells[0] += self.column
        last = next((i for i in range(len(cells) - 1, -1, -1) if cells[i]), None)
        if last is not None:
            self.extent.place(self.row + last, max(cells) - 1)
        self.row, self.column = self.row + len(cells) - 1, cells[-1]
        return True

    def _text(self, block: bytes) -> bool:
        """Add the text of a block whose only text cells are shared strings (False when there are others)."""
        if b'"str"' in block or b'"inlineStr"' in block or b'"d"' in block or b"<is" in block:
            return False
        indexes = _SHARED_VALUE.findall(block)
        if len(indexes) != block.count(b't="s"'):
            return False
        try:
            self.extent.text += sum(map(self.extent.shared.__getitem__, map(int, indexes)))
        except IndexError:
            return False  # calamine refuses such a file; the exact reader lets it say so
        return True

    def _exact(self, block: bytes, text: bool = True) -> None:
        """Follow every row, cell and value tag of the block."""
        extent, row, column = self.extent, self.row, self.column
        cell: tuple[int, int] | None = None  # the place of the cell being read
        kind, counted = b"n", False
        lengths, count = extent.shared, len(extent.shared)
        for tag, attrs, value in _SHEET_TAGS.findall(block):
            if not tag:  # </row>
                row, column, cell = row + 1, 0, None
            elif tag == b"c":
                ref = _REF.search(attrs) if b"r" in attrs else None
                if ref and ref[1]:
                    column = _column(ref[1])
                place = (_row(ref[2], row) if ref else row, column)
                column += 1
                cell = None if attrs.endswith(b"/") else place  # <c/> has no value
                typed = _TYPE.search(attrs) if b"t" in attrs else None
                kind, counted = (typed[1] if typed else b"n"), False
            elif tag == b"row":
                ref = _REF.search(attrs) if b"r" in attrs else None
                if ref:
                    row = _row(ref[2], row)
                if attrs.endswith(b"/"):
                    row, column, cell = row + 1, 0, None
            elif cell is not None and not attrs.endswith(b"/"):  # a <v>, or an inline string's <t>: a value
                if text and tag == b"v" and kind == b"s":
                    index = int(value) if value.strip().isdigit() else -1
                    extent.text += lengths[index] if 0 <= index < count else 0
                elif text and (tag == b"t" or kind in TEXT_TYPES):
                    extent.text += len(value)
                if not counted:
                    extent.place(*cell)
                    counted = True
        self.row, self.column = row, column


def _last_valued(block: bytes) -> re.Match | None:
    """The last cell of a block that is not self-closing."""
    end = len(block)
    while (start := block.rfind(b'<c r="', 0, end)) >= 0:
        found = _VALUED.match(block, start)
        if found is not None:
            return found
        end = start
    return None


def _count_cells(segment: bytes) -> int:
    return segment.count(b"<c ") + segment.count(b"<c>")


@functools.cache
def _greater_row(row: int) -> re.Pattern:
    """A cell with a value whose reference's row (0-based) is after `row`."""
    return re.compile(rb'<c r="([A-Z]{1,3})(' + _greater(str(row + 1), "0123456789", "1-9").encode() + rb')"' + _OPEN)


@functools.cache
def _greater_column(column: int) -> re.Pattern:
    """A cell with a value whose reference's column (0-based) is after `column`."""
    letters, number = "", column + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return re.compile(
        rb'<c r="(' + _greater(letters, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "A-Z").encode() + rb')([0-9]+)"' + _OPEN
    )


def _greater(text: str, digits: str, lead: str) -> str:
    """A regular expression for the numerals in `digits` (whose first digit is in `lead`) above `text`."""
    every = f"[{digits[0]}-{digits[-1]}]"
    alternatives = [f"[{lead}]{every}{{{len(text)},}}"]  # more digits
    for i, ch in enumerate(text):
        higher = digits[digits.index(ch) + 1 :]
        if higher:
            alternatives.append(f"{re.escape(text[:i])}[{higher[0]}-{higher[-1]}]{every}{{{len(text) - i - 1}}}")
    return "(?:" + "|".join(alternatives) + ")"


def _row(digits: bytes, current: int) -> int:
    """A 0-based row from the digits of a reference; the current row when there are none."""
    return int(digits) - 1 if digits else current


def _column(letters: bytes) -> int:
    """A 0-based column from the letters of a reference (A → 0, AA → 26)."""
    number = 0
    for ch in letters.upper():
        number = number * 26 + ch - 64
    return number - 1


def _check(extent: Extent, name: str) -> None:
    """Refuse the file as soon as what was found so far passes a limit."""
    if extent.rows > limits.MAX_ROWS + 1:
        raise ImportProblem(_too_many(name, extent.rows - 1).replace(f"({extent.rows - 1:,})", "(or more)"))
    if extent.columns > limits.MAX_COLUMNS:
        raise ImportProblem(_too_wide(name, extent.columns).replace(" has ", " has at least ", 1))
    cells = extent.rows * extent.columns
    if cells > limits.MAX_XLSX_CELLS:
        raise ImportProblem(
            f"{name} is too large to read as an Excel file: its first sheet spans at least {extent.rows:,} rows "
            f"by {extent.columns:,} columns ({cells:,} cells); the limit is {limits.MAX_XLSX_CELLS:,} cells. "
            f"Save it as CSV (up to {limits.MAX_ROWS:,} rows)."
        )
    if extent.text > limits.MAX_XLSX_TEXT:
        raise ImportProblem(
            f"{name} is too large to read as an Excel file: its first sheet holds more than "
            f"{_mib(limits.MAX_XLSX_TEXT)} of text. Save it as CSV (up to {_mib(limits.MAX_BYTES)})."
        )
