"""Hostile .xlsx files written as raw XML in a zip, for the tests of `analytics.yourdata.sheetsize` and the corpus.

openpyxl writes well-formed workbooks only; these are what an attacker or an odd exporter writes: rows and
cells without references (the 1.7 MB file of issue 20 that unpacks to 590 MB), two cells a million rows
apart, one long shared string repeated in every cell, a zip that states a smaller size than it unpacks
to. `workbook` builds any of them from a sheet's <sheetData> content; `bomb` streams the big one to disk.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
CONTENT_TYPES = f"""<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="{TYPE}.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{TYPE}.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="{TYPE}.sharedStrings+xml"/>
</Types>"""
PACKAGE_RELS = f"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}">
<Relationship Id="rId1" Type="{OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>"""
WORKBOOK = f"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{OFFICE}">
<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = f"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}">
<Relationship Id="rId1" Type="{OFFICE}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="{OFFICE}/sharedStrings" Target="sharedStrings.xml"/></Relationships>"""
SHEET_START = f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="{MAIN}"><sheetData>'.encode()
SHEET_END = b"</sheetData></worksheet>"


def column_name(index: int) -> str:
    """A 0-based column's letters: 0 → A, 26 → AA."""
    letters, number = "", index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def rows_xml(rows: Sequence[Sequence[object]], references: bool = True) -> bytes:
    """<row> elements for rows of values (numbers as numbers, text as inline strings), with or without r."""
    out = []
    for r, values in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(values):
            ref = f' r="{column_name(c)}{r}"' if references else ""
            if value is None:
                continue
            if isinstance(value, int | float):
                cells.append(f"<c{ref}><v>{value}</v></c>")
            else:
                cells.append(f'<c{ref} t="inlineStr"><is><t>{escape(str(value))}</t></is></c>')
        row_ref = f' r="{r}"' if references else ""
        out.append(f"<row{row_ref}>{''.join(cells)}</row>")
    return "".join(out).encode()


def workbook(sheet_data: bytes, strings: Iterable[str] = (), stated_size: int | None = None) -> bytes:
    """An .xlsx whose first sheet's <sheetData> holds sheet_data and whose shared strings are strings.

    With stated_size, the zip says the sheet unpacks to that many bytes (a lie, when it is fewer)."""
    sheet = SHEET_START + sheet_data + SHEET_END
    shared = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">'
    shared += "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", PACKAGE_RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        z.writestr("xl/sharedStrings.xml", shared)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        info = z.getinfo("xl/worksheets/sheet1.xml")
    data = buf.getvalue()
    if stated_size is not None:  # the sizes in the local header and the central directory both
        true = struct.pack("<III", info.CRC, info.compress_size, info.file_size)
        assert data.count(true) == 2
        data = data.replace(true, struct.pack("<III", info.CRC, info.compress_size, stated_size))
    return data


def bomb(path: Path, rows: int = 197_200, columns: int = 200) -> Path:
    """Write issue 20's hostile .xlsx: rows × columns of 1, without row or cell references (4 MB on disk)."""
    row = b"<row>" + b"<c><v>1</v></c>" * columns + b"</row>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", PACKAGE_RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        z.writestr("xl/sharedStrings.xml", f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}"/>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(SHEET_START)
            for done in range(0, rows, 1000):
                f.write(row * min(1000, rows - done))
            f.write(SHEET_END)
    return path
