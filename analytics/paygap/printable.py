"""The pay gap report as one self-contained HTML page that prints cleanly on A4.

No script, no stylesheet link, no font, image or URL from elsewhere: the CSS is inline and the quartile
bars are plain boxes, so the file opens offline and prints the same anywhere. For paper: `@page` sets
A4 (tables wider than WIDE_COLUMNS columns get an A4 landscape page), each section starts on a new page,
a table row never splits across pages and a table's header repeats on every page it spans. Every text
is escaped; numbers are formatted by their column's kind from `tables.sections`.
"""

from __future__ import annotations

import datetime as dt
from html import escape

import pandas as pd

from analytics.paygap import tables
from analytics.paygap.definitions import SUPPRESSED
from analytics.paygap.report import PayGapReport

WIDE_COLUMNS = 8
CSS = """
@page { size: A4; margin: 14mm 12mm 16mm 12mm; }
@page wide { size: A4 landscape; margin: 12mm; }
html { font-family: "Helvetica Neue", Arial, sans-serif; font-size: 9.5pt; color: #1a1a1a; }
body { margin: 0 auto; max-width: 270mm; padding: 8mm; }
h1 { font-size: 17pt; margin: 0 0 4mm; }
h2 { font-size: 13pt; margin: 0 0 2mm; break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 3mm; line-height: 1.35; }
section { break-before: page; page-break-before: always; }
section.wide { page: wide; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; font-size: 8.5pt; }
thead { display: table-header-group; }
tfoot { display: table-footer-group; }
tr, td, th { break-inside: avoid; page-break-inside: avoid; }
th { background: #dde5ee; text-align: left; vertical-align: bottom; }
th, td { border: 0.4pt solid #9aa5b1; padding: 1.2mm 1.6mm; vertical-align: top; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.hidden { color: #707070; font-style: italic; text-align: right; }
table.about { width: auto; }
table.about th { background: none; font-weight: 600; }
.problem { border: 1pt solid #d55e00; padding: 3mm; margin: 3mm 0; }
.note { color: #444; font-size: 8.5pt; }
.bars { margin: 2mm 0 4mm; }
.bar-row { display: flex; align-items: center; margin: 1mm 0; break-inside: avoid; }
.bar-label { width: 32mm; }
.bar { display: flex; width: 110mm; height: 5mm; border: 0.4pt solid #9aa5b1; }
.bar span { display: block; height: 100%; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.women { background: #e69f00; }
.men { background: #0072b2; }
.key span { display: inline-block; width: 3mm; height: 3mm; margin: 0 1mm 0 3mm; }
@media screen { body { max-width: 200mm; } section { border-top: 1px solid #ccc; margin-top: 10mm; padding-top: 4mm; } }
"""


def _cell(value: object, kind: str) -> str:
    """One formatted, escaped table cell."""
    text = escape(tables.cell_text(value, kind))
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "<td></td>"
    if value == SUPPRESSED:
        return f'<td class="hidden">{text}</td>'
    if isinstance(value, dt.date) or tables.is_number(value):
        return f'<td class="num">{text}</td>'
    return f"<td>{text}</td>"


def table_html(section: tables.Section) -> str:
    """A section's frame as an HTML table with a repeating header; with no rows, its header and a sentence."""
    frame = section.frame
    head = "".join(f"<th>{escape(str(c))}</th>" for c in frame.columns)
    if frame.empty:
        empty = f'<tr><td class="note" colspan="{max(len(frame.columns), 1)}">{escape(section.empty)}</td></tr>'
        return f"<table><thead><tr>{head}</tr></thead><tbody>{empty}</tbody></table>"
    body = []
    for _, row in frame.iterrows():
        cells = "".join(_cell(row[c], section.kind(c, row)) for c in frame.columns)
        body.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _bars(report: PayGapReport) -> str:
    """The quartile bands as plain stacked boxes (women, men), for paper; hidden bands say so."""
    rows = []
    for band in report.bands.iloc[::-1].itertuples():
        label = f"{band.name.capitalize()}"
        if not band.shown:
            rows.append(
                f'<div class="bar-row"><span class="bar-label">{escape(label)}</span>{escape(SUPPRESSED)}</div>'
            )
            continue
        rows.append(
            f'<div class="bar-row"><span class="bar-label">{escape(label)}</span><span class="bar">'
            f'<span class="women" style="width:{band.women_pct:.2f}%"></span>'
            f'<span class="men" style="width:{band.men_pct:.2f}%"></span></span>'
            f"&nbsp;{band.women_pct:.0f}% women, {band.men_pct:.0f}% men</div>"
        )
    key = '<p class="key note"><span class="women"></span>women<span class="men"></span>men</p>'
    return f'<div class="bars">{"".join(rows)}{key}</div>'


def _about_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return f"{value:g}" if isinstance(value, float) else str(value)


def _about(report: PayGapReport) -> str:
    rows = []
    for label, value in tables.about_rows(report):
        rows.append(f"<tr><th>{escape(label)}</th><td>{escape(_about_text(value))}</td></tr>")
    return f'<table class="about"><tbody>{"".join(rows)}</tbody></table>'


def report_html(report: PayGapReport, title: str = "Pay gap report") -> str:
    """The whole report as one self-contained HTML document, ready to print on A4."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>",
        f"<header><h1>{escape(title)}</h1>{_about(report)}",
    ]
    if report.problem:
        parts.append(f'<p class="problem">{escape(report.problem)}</p>')
    for note in report.workforce.notes:
        parts.append(f'<p class="note">{escape(note)}</p>')
    parts.append("</header>")
    for section in tables.sections(report):
        wide = ' class="wide"' if len(section.frame.columns) > WIDE_COLUMNS else ""
        parts.append(f'<section{wide} id="{escape(section.key.lower().replace(" ", "-"))}">')
        parts.append(f"<h2>{escape(section.title)}</h2><p>{escape(section.intro)}</p>")
        if section.key == "Quartile bands":
            parts.append(_bars(report))
        parts.append(table_html(section))
        parts.append("</section>")
    parts.append('<section id="definitions"><h2>Definitions</h2>')
    parts.append(table_html(tables.Section("Definitions", "Definitions", "", tables.definitions_table(report))))
    parts.append("</section></body></html>")
    return "\n".join(parts)
