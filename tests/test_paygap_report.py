"""The pay gap report's outputs: the .xlsx read back with openpyxl, the HTML, the charts, the sample, the query.

The report is the hand-made table of test_paygap_indicators (every figure there is checked by hand);
here the checks are that each output holds those figures, typed and formatted, hides what is
suppressed the same way, and that the HTML is self-contained and built for A4.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import duckdb
import pandas as pd
import pytest
from openpyxl import load_workbook

from analytics.export import table_csv, table_xlsx
from analytics.paygap import charts, printable, tables, workbook
from analytics.paygap.definitions import DEFINITIONS, SUPPRESSED
from analytics.paygap.people import Settings
from analytics.paygap.queries import people_for_paygap
from analytics.paygap.report import build_report
from analytics.paygap.sample import COLUMNS as SAMPLE_COLUMNS
from analytics.paygap.sample import HEADER, sample_rows, write_sample
from tests.test_paygap_indicators import AM, AW, BM, BW, CM, COLUMNS, CW, DM, DW, ROWS, SETTINGS

SOURCE_DATE = dt.date(2025, 4, 5)


@pytest.fixture(scope="module")
def report():
    frame = pd.DataFrame(ROWS, columns=COLUMNS).assign(zone="Zone A", currency="EUR")
    frame.loc[frame["person_id"] == "X1", "person_id"] = "=HYPERLINK(1)<b>"  # hostile text in a cell
    return build_report(
        frame, SETTINGS, exclusions={"AW2": "on leave"}, source_name="people 2025.csv", source_date=SOURCE_DATE
    )


@pytest.fixture(scope="module")
def book(report, tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / "paygap.xlsx"
    data = workbook.write_workbook(report, path)
    assert path.read_bytes() == data
    return load_workbook(path)


def test_one_sheet_per_table_and_definitions_first(report, book):
    assert book.sheetnames == ["Definitions", *[s.key for s in tables.sections(report)], "People"]
    ws = book["Definitions"]
    about = {row[0]: row[1] for row in ws.iter_rows(min_row=2, max_col=2, values_only=True) if row[0]}
    assert about["Source file"] == "people 2025.csv"
    assert about["Source file date"] == dt.datetime(2025, 4, 5)
    assert ws.cell(3, 2).number_format == "yyyy-mm-dd"
    assert about["Reference date (tenure)"] == dt.datetime(2025, 1, 1)
    assert about["Currency"] == "EUR" and about["Full time (hours a week)"] == 40
    for term, text in DEFINITIONS:
        assert about[term] == text


def test_indicator_cells_are_typed_and_formatted(book):
    ws = book["Indicators"]
    header = [c.value for c in ws[1]]
    rows = {r[0].value: dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2)}
    mean = rows["Mean gender pay gap (hourly pay)"]
    women, men = (sum(AW) + sum(BW) + sum(CW) + sum(DW)) / 24, (sum(AM) + sum(BM) + sum(CM) + sum(DM)) / 26
    assert mean["Gap (%)"].value == pytest.approx((men - women) / men)  # stored as a fraction …
    assert mean["Gap (%)"].number_format == "0.00%"  # … shown as a percent
    assert mean["Women"].value == pytest.approx(women) and mean["Women"].number_format == "#,##0.00"
    assert mean["Women counted"].value == 24 and isinstance(mean["Women counted"].value, int)
    assert mean["Unit"].value == "EUR an hour"
    variable = rows["Mean gender gap in variable pay"]
    assert variable["Women"].number_format == "#,##0" and variable["Unit"].value == "EUR a year"
    band = rows["Women and men in the lower quartile pay band"]
    assert band["Women"].value == pytest.approx(7 / 13) and band["Women"].number_format == "0.00%"
    assert band["Gap (%)"].value is None


def test_suppressed_cells_read_the_words(book):
    ws = book["Categories"]
    header = [c.value for c in ws[1]]
    rows = {r[0].value: dict(zip(header, [c.value for c in r], strict=True)) for r in ws.iter_rows(min_row=2)}
    assert rows["Design · L1"]["Total gap (%)"] == SUPPRESSED and rows["Design · L1"]["Women"] == SUPPRESSED
    assert rows["Eng · L1"]["Total gap (%)"] == pytest.approx(0.0505)
    assert rows["Eng · L1"]["Joint pay assessment"] == "yes"
    assert rows["Eng · L2"]["Total gap (%)"] == pytest.approx(0.0495)


def test_the_people_sheet_shows_what_the_report_made_of_each_person(book):
    ws = book["People"]
    header = [c.value for c in ws[1]]
    rows = {r[0].value: dict(zip(header, [c.value for c in r], strict=True)) for r in ws.iter_rows(min_row=2)}
    assert len(rows) == 52
    bw1 = rows["BW1"]  # variable pay given as 4% of 72,000: the percent and the amount
    assert (bw1["Variable pay (% of base, as given)"], bw1["Variable pay"]) == (4, 2_880)
    assert bw1["Total hourly pay"] == pytest.approx(36.0) and bw1["Hours given"] == "no: full time"
    aw1 = rows["AW1"]  # 20 hours: hourly pay, not annual, places her in the upper middle band
    assert (aw1["Weekly hours"], aw1["Hours given"], aw1["Quartile band"]) == (20, "yes", "upper middle")
    assert rows["'=HYPERLINK(1)<b>"]["Counted as"] == "other"  # neutralised, and not in a band
    assert rows["'=HYPERLINK(1)<b>"]["Quartile band"] is None


def test_text_is_neutralised_and_numbers_stay_numbers(book):
    ws = book["Exclusions"]
    assert [c.value for c in ws[2]][:2] == ["AW2", "on leave"]
    cost = book["Cost of closing"]
    assert isinstance(cost.cell(2, 5).value, float) and cost.cell(2, 5).number_format == "#,##0"
    values = [c.value for row in book["Gender labels"].iter_rows() for c in row]
    assert "Non-binary" in values and "(blank)" in values
    # the hostile ID is in no sheet here (X1 is not raised), so check the writer directly
    assert workbook._cell_value("=HYPERLINK(1)", tables.TEXT) == "'=HYPERLINK(1)"


def test_the_html_holds_every_table_and_nothing_from_elsewhere(report):
    html = printable.report_html(report)
    for section in tables.sections(report):
        assert f"<h2>{section.title}</h2>" in html
        for column in section.frame.columns:
            assert f"<th>{column}</th>" in html.replace("&#x27;", "'")
    assert "<h2>Definitions</h2>" in html
    assert html.count("<table") == 1 + len(tables.sections(report)) + 1  # about, every table, definitions
    assert "No row was left out." in html
    assert not re.search(r"https?:|//[a-z]|url\(|@import|<script|<link|<img|<iframe|src=", html, re.IGNORECASE)
    assert "@page { size: A4;" in html and "thead { display: table-header-group; }" in html
    assert "break-inside: avoid" in html and "break-before: page" in html
    assert SUPPRESSED in html and "5.05%" in html and "4.95%" in html  # Eng · L1 and Eng · L2 total gaps
    assert "people 2025.csv" in html and "2025-04-05" in html


def test_the_html_escapes_text():
    frame = pd.DataFrame(ROWS, columns=COLUMNS).assign(zone="<script>alert(1)</script>", currency="EUR")
    html = printable.report_html(build_report(frame, SETTINGS, source_name="<b>x</b>.csv"))
    assert "<script>" not in html and "&lt;b&gt;x&lt;/b&gt;.csv" in html


def test_charts_hold_no_suppressed_figure(report):
    fig = charts.category_gap_chart(report.categories, report.indicators.set_index("code").loc["mean_gap", "value"])
    bar = fig.data[0]
    labels = [str(y) for y in bar.y]
    assert not any("Design" in y for y in labels) and len(bar.x) == 3
    assert any(SUPPRESSED in t and "Design · L1" in t for t in fig.layout.yaxis.ticktext)
    lines = sorted(s.x0 for s in fig.layout.shapes if s.x0 == s.x1)
    assert lines[0] == -5 and 5 in lines
    flagged = dict(zip(labels, bar.marker.color, strict=True))
    assert flagged["Eng · L1"] == charts.FLAGGED_COLOR and flagged["Eng · L2"] == charts.UNFLAGGED_COLOR

    fig = charts.quartile_chart(report.bands)
    assert [t.name for t in fig.data] == ["women", "men"]
    assert list(fig.data[0].x) == pytest.approx([5 / 12 * 100, 5 / 12 * 100, 7 / 13 * 100, 7 / 13 * 100])

    hidden = report.bands.assign(shown=[True, True, True, False], women_pct=[1, 2, 3, None])
    fig = charts.quartile_chart(hidden)
    assert len(fig.data[0].x) == 3 and any(SUPPRESSED in t for t in fig.layout.yaxis.ticktext)


def test_decomposition_chart_draws_intervals(report):
    fig = charts.decomposition_chart(report.decomposition, report.category_decompositions)
    assert [t.name for t in fig.data] == ["explained", "unexplained"]
    assert len(fig.data[1].y) == 1 + sum(d.estimated for d in report.category_decompositions)
    assert fig.data[1].error_x.array is not None and "not decomposed" in fig.layout.title.text


def test_the_sample_shows_a_gap_a_flagged_and_a_suppressed_category(tmp_path):
    path = write_sample(tmp_path / "paygap_people.csv")
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows == sample_rows() and rows[0] == HEADER
    # read it as the import would: headers to fields, blanks to None, numbers typed
    names = dict(zip(HEADER, SAMPLE_COLUMNS, strict=True))
    frame = pd.read_csv(path, dtype=str, keep_default_na=False).rename(columns=names).replace("", None)
    for column in ("base", "variable", "hours"):
        frame[column] = pd.to_numeric(frame[column])
    report = build_report(frame, Settings(reference_date=dt.date(2026, 4, 5)))
    assert report.problem is None
    assert report.indicators.set_index("code").loc["mean_gap", "value"] > 5
    assert "Engineering · L3" in report.flagged
    categories = report.categories.set_index("category")
    assert not categories.loc["Design · L5", "shown"]
    assert report.decomposition.unexplained.estimate > 0 and report.closing.total_cost > 0
    assert report.workforce.people["part_time"].any() and not report.workforce.people["received_variable"].all()
    assert {"Woman", "F", "female", "Man", "M", "male", "Non-binary", ""} <= set(report.workforce.labels["label"])


def test_people_for_paygap_reads_a_connection_with_the_import_s_columns():
    with duckdb.connect() as con:
        frame = pd.DataFrame(ROWS, columns=COLUMNS).rename(columns={"gender": "group"})
        frame = frame.assign(_row=range(2, len(ROWS) + 2), bonus=999.0)
        con.register("frame", frame)
        con.execute("CREATE TABLE people AS SELECT * FROM frame")
        people = people_for_paygap(con)
        assert people["row"].tolist() == list(range(2, len(ROWS) + 2))  # the import's spreadsheet rows
        assert list(people.columns)[:-1] == [
            "person_id",
            "family",
            "level",
            "zone",
            "base",
            "variable",
            "variable_pct",
            "hours",
            "gender",
            "start_date",
            "category",
            "currency",
        ]
        assert people["gender"].tolist() == frame["group"].tolist()  # the import's group column stands in
        assert people["variable"].fillna(0).tolist() == frame["variable"].fillna(0).tolist()  # bonus is not pay
        assert people["zone"].isna().all() and people["category"].isna().all()  # columns it lacks read as NULL
        report = build_report(con, SETTINGS)
        assert report.problem is None and report.flagged == ["Eng · L1"]
        assert report.workforce.people["row"].iloc[0] == 2
        with pytest.raises(ValueError, match="no table"):
            people_for_paygap(con, "nobody")


def test_a_csv_of_a_display_table_keeps_the_suppressed_words(report):
    from analytics.export import to_csv

    text = to_csv(tables.category_table(report)).decode()
    assert next(line for line in io.StringIO(text) if line.startswith("Design · L1")).count(SUPPRESSED) == 9


def test_the_page_s_form_cells_and_sentences(report):
    from tests.test_paygap_closing import LINE

    rows = tables.form_rows(report)
    assert [r.code for r in rows][:5] == ["mean_gap", "median_gap", "variable_mean_gap", "variable_median_gap"] + [
        "variable_share"
    ]
    median = rows[1]
    assert (median.label, median.figure) == ("Median gap", f"{(38 - 36.5) / 38 * 100:.2f}%")
    assert median.detail == "Women 36.50, men 38.00 (EUR an hour); 24 women and 26 men counted."
    assert median.references == "EU Directive 2023/970 Art. 9(1)(c) · UK regulations 2017 reg. 2(1)(b)"
    assert median.definition == "" and rows[0].definition.startswith("Mean and median gap = (men − women)")
    assert [r.definition == "" for r in rows[5:]] == [False, True, True, True]  # the quartile definition once
    assert rows[5].figure == f"{7 / 13 * 100:.2f}% / {6 / 13 * 100:.2f}%"

    section = next(s for s in tables.sections(report) if s.key == "Categories")
    categories = section.described.screen(section.frame)
    shown = categories.set_index("Category")
    assert shown.loc["Eng · L1", "Total gap (%)"] == "5.05%" and shown.loc["Design · L1", "Women"] == SUPPRESSED
    assert shown.loc["Eng · L1", "Total hourly, men"] == "40.00" and shown.loc["Eng · L1", "Women"] == "5"

    # AW2 is excluded: AW3 (36) and AW4 (38) are raised to the line.
    cost = ((LINE - 36) + (LINE - 38)) * 2080
    assert tables.closing_summary(report) == (
        f"Raising 2 people to their category's pay line in 1 flagged category costs {cost:,.0f} EUR a year."
    )
    summary = tables.decomposition_summary(report)  # no controls: nothing explains the gap
    gap = report.decomposition.gap.percent[0]
    assert summary.startswith(
        f"The gap in hourly pay is {gap:.2f}% (on geometric means; above 0, women are paid less)."
    )
    assert "0.00% is explained by nothing (no control chosen)" in summary
    assert tables.overall_gap(report) == pytest.approx(report.indicators.set_index("code").loc["mean_gap", "value"])


def test_each_table_downloads_as_the_page_shows_it(report):
    categories = next(s for s in tables.sections(report) if s.key == "Categories")
    hidden = ",".join([SUPPRESSED] * 8)
    assert table_csv(categories.frame, categories.described).decode("utf-8-sig").splitlines() == [
        'Category,Women,Men,"Basic hourly, women (EUR)","Basic hourly, men (EUR)",Basic gap (%),'
        '"Total hourly, women (EUR)","Total hourly, men (EUR)",Total gap (%),Joint pay assessment,Note',
        f"Design · L1,{hidden},–,{SUPPRESSED}",
        "Eng · L1,5,5,37.20,38.90,4.37,37.98,40.00,5.05,yes,joint pay assessment: gap of 5% or more",
        "Eng · L2,5,5,37.74,39.52,4.49,38.02,40.00,4.95,no,",
        "Sales · L1,10,10,35.71,36.34,1.73,36.00,36.75,2.04,no,",
    ]
    people = tables.people_section(report).described
    assert [people.column(n).label for n in ("Base pay", "Total pay a year", "Basic hourly pay")] == [
        "Base pay (EUR a year)",
        "Total pay a year (EUR)",
        "Basic hourly pay (EUR)",
    ]


def test_ids_stay_text_dates_read_iso_and_a_gap_is_blank():
    frame = pd.DataFrame(
        {
            "Employee ID": ["0042660", "E2"],
            "Start date": [pd.Timestamp("2023-07-02"), pd.NaT],
            "Tenure (years)": [1.5, None],
            "Gap (%)": [SUPPRESSED, 4.951],
        }
    )
    described = tables.describe(
        frame, {"Start date": tables.DATE, "Tenure (years)": tables.YEARS} | {"Gap (%)": tables.PERCENT}
    )
    assert table_csv(frame, described).decode("utf-8-sig").splitlines() == [
        "Employee ID,Start date,Tenure (years),Gap (%)",
        f"0042660,2023-07-02,1.5,{SUPPRESSED}",
        "E2,,,4.95",
    ]
    screen = described.screen(frame)
    assert screen["Gap (%)"].tolist() == [SUPPRESSED, "4.95%"] and screen["Tenure (years)"].tolist() == ["1.5", ""]
    sheet = load_workbook(io.BytesIO(table_xlsx(frame, described, pd.DataFrame(columns=["source_id"])))).active
    assert (sheet["A2"].value, sheet["A2"].data_type, sheet["B2"].value) == ("0042660", "s", dt.datetime(2023, 7, 2))
