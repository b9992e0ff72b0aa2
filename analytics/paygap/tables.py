"""Shape the pay gap report for display and download: plain column names, and SUPPRESSED where a figure is hidden.

Pure pandas. Each function returns one table of the report as people read it; `sections` lists them
in the report's order, each with its title, a sentence of introduction and the kind of every column
(percent, hourly or annual money, count, years, date, text). From those kinds the workbook and the
printable report type and format cells, and `describe` makes the section's analytics.columns Table, from
which the page's table and its CSV, Excel and data dictionary are made (ui.table, ui.download): percents
and hourly money to two decimals, annual money whole, employee ids as text, dates as YYYY-MM-DD. Gaps and
shares are in percent (12.5 means 12.5%); money is in the file's currency. A figure computed from too few
women or men reads SUPPRESSED in the cell itself, so the page, a CSV and the .xlsx all hide it the same way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from analytics import columns as cols
from analytics.paygap import definitions as d
from analytics.paygap.decomposition import Decomposition, controls_text
from analytics.paygap.report import PayGapReport

PERCENT, HOURLY, ANNUAL, COUNT, YEARS, LOG, DATE, TEXT, BY_UNIT = (
    "percent",
    "hourly",
    "annual",
    "count",
    "years",
    "log points",
    "date",
    "text",
    "by unit",
)
UNIT_COLUMN = "Unit"
"""Where a column's kind is BY_UNIT, each row's kind is read from this column ('%', 'an hour', 'a year')."""


@dataclass
class Section:
    """One table of the report: a key (the sheet name), a title, an introduction, the frame and column kinds."""

    key: str
    title: str
    intro: str
    frame: pd.DataFrame
    formats: dict[str, str] = field(default_factory=dict)
    empty: str = "Nothing to list."
    currency: str = ""

    @property
    def described(self) -> cols.Table:
        """The section's columns described for the page's table and its CSV, Excel and data dictionary."""
        return describe(self.frame, self.formats, self.currency)

    def kind(self, column: str, row: pd.Series) -> str:
        """The kind of one cell: the column's, or for BY_UNIT columns the row's unit."""
        kind = self.formats.get(column, TEXT)
        if kind != BY_UNIT:
            return kind
        unit = str(row.get(UNIT_COLUMN, ""))
        return PERCENT if unit == "%" else HOURLY if unit.endswith("an hour") else ANNUAL


COLUMN_KINDS = {
    PERCENT: (cols.PERCENT, 2),
    HOURLY: (cols.MONEY, 2),
    ANNUAL: (cols.MONEY, 0),
    COUNT: (cols.COUNT, 0),
    YEARS: (cols.NUMBER, 1),
    LOG: (cols.NUMBER, 4),
    BY_UNIT: (cols.NUMBER, 2),
    DATE: (cols.DATE, None),
}
"""Each kind of the report's cells as analytics.columns describes it, with the decimals the page shows."""
CODES = ("Employee ID",)
"""Columns of ids that stay text (an id such as 0042 keeps its zeros)."""
MEANINGS = {
    "Employee ID": "The person's id in the people file, kept as text.",
    "Category": "The category of workers (work of equal value), as the settings make it.",
    "Women": "Women counted; in the indicators, women's figure in the row's unit.",
    "Men": "Men counted; in the indicators, men's figure in the row's unit.",
    UNIT_COLUMN: "What the Women and Men figures are: %, money an hour or money a year.",
    "Gap (%)": "(men − women) ÷ men × 100: above 0, women are paid less.",
    "Note": "Why a figure is not shown or not made.",
    "Definition": "How the figure is defined.",
    "People": "People counted.",
    "Row": "The row of the people file, counting the header as row 1.",
    "Start date": "When the person started (YYYY-MM-DD).",
    "Tenure (years)": "Years from the start date to the reference date.",
    "Weekly hours": "Contracted hours a week.",
}
"""What the report's common columns mean (the data dictionary); a column not listed says its kind."""


FROM_YOUR_FILE = "From your people file, as the Pay gap page reports it; no published source."


def describe(frame: pd.DataFrame, formats: dict[str, str], currency: str = "") -> cols.Table:
    """A table of the report described with analytics.columns: each frame column (its header is already words)
    with its kind and decimals; money carries its unit (EUR an hour, EUR a year) unless its header names it; a
    gap is blank and a hidden figure reads SUPPRESSED, on screen and in the files."""
    columns = []
    for name in frame.columns:
        kind, decimals = COLUMN_KINDS.get(formats.get(name, TEXT), (cols.CODE if name in CODES else cols.TEXT, None))
        unit = ""
        if formats.get(name) in (HOURLY, ANNUAL) and "(" not in name and currency:
            said = "hour" in name if formats[name] == HOURLY else "year" in name  # 'Raise per year (EUR)'
            unit = currency if said else _unit("hourly" if formats[name] == HOURLY else "annual", currency)
        meaning = MEANINGS.get(name) or (
            f"{name}; “{d.SUPPRESSED}” where too few women or men." if kind in cols.NUMERIC else f"{name}."
        )
        columns.append(cols.Column(str(name), str(name), kind, unit, meaning, decimals=decimals, blank=""))
    return cols.Table(tuple(columns), note=FROM_YOUR_FILE)


def suppress(frame: pd.DataFrame, hidden: pd.Series, columns: list[str]) -> pd.DataFrame:
    """The frame with the given columns reading SUPPRESSED on hidden rows (the columns become object)."""
    out = frame.copy()
    mask = hidden.to_numpy(dtype=bool)
    for c in columns:
        values = out[c].astype(object).where(out[c].notna(), None)
        values[mask] = d.SUPPRESSED
        out[c] = values
    return out


def _unit(figures: str, currency: str) -> str:
    return {"hourly": f"{currency} an hour", "annual": f"{currency} a year", "percent": "%"}[figures].strip()


def indicator_table(report: PayGapReport) -> pd.DataFrame:
    """The indicators as a regulator's form lists them: gap, women's and men's figures, counts, definition."""
    src = report.indicators
    out = pd.DataFrame(
        {
            "Indicator": src["indicator"],
            "EU Directive 2023/970": src["eu"],
            "UK regulations 2017": src["uk"],
            "Gap (%)": src["value"],
            "Women": src["women"],
            "Men": src["men"],
            UNIT_COLUMN: src["figures"].map(lambda f: _unit(f, report.currency)),
            "Women counted": src["women_n"],
            "Men counted": src["men_n"],
            "Definition": src["definition"],
        }
    )
    hidden = ~src["shown"]
    out = suppress(out, hidden, ["Women", "Men", "Women counted", "Men counted"])
    gap_hidden = hidden & src["code"].str.contains("gap")
    return suppress(out, gap_hidden, ["Gap (%)"])


def quartile_table(report: PayGapReport) -> pd.DataFrame:
    """The four quartile pay bands: people, women and men, and their shares."""
    src = report.bands
    out = pd.DataFrame(
        {
            "Band": src["name"].str.capitalize(),
            "People": src["people"],
            "Women": src["women_n"],
            "Men": src["men_n"],
            "Women (%)": src["women_pct"],
            "Men (%)": src["men_pct"],
        }
    )
    return suppress(out, ~src["shown"], ["Women", "Men", "Women (%)", "Men (%)"])


def ties_table(report: PayGapReport) -> pd.DataFrame:
    """The groups of equal hourly pay that straddle a band boundary, and how their women and men were placed."""
    return report.ties.rename(
        columns={
            "bands": "Bands reached",
            "people": "People at the same pay",
            "women": "Women",
            "men": "Men",
            "women_by_band": "Women placed per band",
            "men_by_band": "Men placed per band",
        }
    )


def category_table(report: PayGapReport) -> pd.DataFrame:
    """Per category: mean basic and total hourly pay of women and men, the two gaps and the joint-assessment flag."""
    src = report.categories
    out = pd.DataFrame(
        {
            "Category": src["category"],
            "Women": src["women_n"],
            "Men": src["men_n"],
            "Basic hourly, women": src["basic_women"],
            "Basic hourly, men": src["basic_men"],
            "Basic gap (%)": src["basic_gap"],
            "Total hourly, women": src["total_women"],
            "Total hourly, men": src["total_men"],
            "Total gap (%)": src["total_gap"],
            "Joint pay assessment": src["joint_assessment"].map({True: "yes", False: "no"}),
            "Note": src["note"],
        }
    )
    hidden = ~src["shown"]
    out = suppress(out, hidden, list(out.columns[1:9]))
    out.loc[hidden.to_numpy(), "Joint pay assessment"] = "–"
    return out


_PARTS = (("gap", "Total gap"), ("explained", "Explained"), ("unexplained", "Unexplained"))


def decomposition_table(report: PayGapReport) -> pd.DataFrame:
    """Everyone's gap in mean log hourly pay, explained and unexplained, in log points and as percent gaps."""
    dec = report.decomposition
    rows = []
    if dec is not None and dec.estimated:
        explained_by = f"Explained by {controls_text(dec.controls)}"
        for attr, label in _PARTS:
            part = getattr(dec, attr)
            pct = part.percent
            rows.append(
                {
                    "Part": explained_by if attr == "explained" else label,
                    "Log points": part.estimate,
                    "Standard error": part.se,
                    "95% CI low": part.low,
                    "95% CI high": part.high,
                    "Percent gap": pct[0],
                    "Percent, CI low": pct[1],
                    "Percent, CI high": pct[2],
                }
            )
    return pd.DataFrame(
        rows,
        columns=[
            "Part",
            "Log points",
            "Standard error",
            "95% CI low",
            "95% CI high",
            "Percent gap",
            "Percent, CI low",
            "Percent, CI high",
        ],
    )


def _decomposition_row(dec: Decomposition) -> dict:
    row = {"Category": dec.scope, "Women": dec.women_n, "Men": dec.men_n}
    if dec.estimated:
        row |= {
            "Total gap (%)": dec.gap.percent[0],
            "Explained (%)": dec.explained.percent[0],
            "Unexplained (%)": dec.unexplained.percent[0],
            "Unexplained, CI low (%)": dec.unexplained.percent[1],
            "Unexplained, CI high (%)": dec.unexplained.percent[2],
            "Controls": controls_text(dec.controls),
        }
    row["Note"] = dec.note
    return row


def category_decomposition_table(report: PayGapReport) -> pd.DataFrame:
    """Per category: the decomposition as percent gaps, or why it was not made."""
    columns = [
        "Category",
        "Women",
        "Men",
        "Total gap (%)",
        "Explained (%)",
        "Unexplained (%)",
        "Unexplained, CI low (%)",
        "Unexplained, CI high (%)",
        "Controls",
        "Note",
    ]
    decs = report.category_decompositions
    out = pd.DataFrame([_decomposition_row(x) for x in decs], columns=columns)
    hidden = pd.Series([x.note == d.SUPPRESSED for x in decs], dtype=bool)
    return suppress(out, hidden, ["Women", "Men"])


def closing_table(report: PayGapReport) -> pd.DataFrame:
    """Per costed category: who is raised, the cost per year, the gap before and after; a total row last."""
    plan = report.closing
    src = plan.summary if plan is not None else pd.DataFrame()
    columns = [
        "Category",
        "Raised",
        "Gap before (%)",
        "People raised",
        f"Cost per year ({report.currency})".replace(" ()", ""),
        "Gap after (%)",
        "Basic gap after (%)",
        "Excluded",
        "Not costed",
        "Note",
    ]
    if src.empty:
        return pd.DataFrame(columns=columns)
    out = pd.DataFrame(
        {
            columns[0]: src["category"],
            columns[1]: src["raised_gender"],
            columns[2]: src["gap_before"],
            columns[3]: src["people_raised"],
            columns[4]: src["cost_per_year"],
            columns[5]: src["gap_after"],
            columns[6]: src["basic_gap_after"],
            columns[7]: src["excluded"],
            columns[8]: src["not_costed"],
            columns[9]: src["note"],
        }
    )
    total = {c: None for c in columns}
    total |= {
        columns[0]: "All costed categories",
        columns[3]: int(src["people_raised"].sum()),
        columns[4]: plan.total_cost,
        columns[7]: int(src["excluded"].sum()),
        columns[8]: int(src["not_costed"].sum()),
        columns[9]: "",
    }
    return pd.concat([out, pd.DataFrame([total], columns=columns)], ignore_index=True)


def raises_table(report: PayGapReport) -> pd.DataFrame:
    """Every raise: the person, their category and controls, hourly pay, the pay line and the raise per year."""
    src = report.closing.raises if report.closing is not None else pd.DataFrame(columns=[])
    names = {
        "person_id": "Employee ID",
        "category": "Category",
        "gender": "Gender",
        "zone": "Location",
        "tenure_years": "Tenure (years)",
        "hours": "Weekly hours",
        "total_hourly": "Total hourly pay",
        "pay_line": "Pay line (hourly)",
        "raise_hourly": "Raise (hourly)",
        "raise_per_year": "Raise per year",
        "basic_annual": "Basic pay a year",
        "new_basic_annual": "Basic pay a year after",
    }
    return src.rename(columns=names).reindex(columns=list(names.values()))


def exclusions_table(report: PayGapReport) -> pd.DataFrame:
    """Every exclusion asked for: the person, the reason written and what became of it."""
    src = report.closing.exclusions if report.closing is not None else pd.DataFrame()
    names = {"person_id": "Employee ID", "reason": "Reason", "category": "Category", "status": "Status"}
    return src.rename(columns=names).reindex(columns=list(names.values()))


def headcount_table(report: PayGapReport) -> pd.DataFrame:
    """Everyone counted, by gender group: people, of whom part time, and whether they enter the gaps."""
    people = report.workforce.people
    rows = []
    for g in d.GENDERS:
        mine = people[people["gender"] == g] if len(people) else people
        rows.append(
            {
                "Gender": g,
                "People": len(mine),
                "Part time": int(mine["part_time"].sum()) if len(mine) else 0,
                "In the gaps and bands": "yes" if g in (d.WOMEN, d.MEN) else "no: counted only",
            }
        )
    left = report.workforce.left_out
    rows.append(
        {
            "Gender": "rows left out (a problem)",
            "People": left["row"].nunique() if len(left) else 0,
            "Part time": None,
            "In the gaps and bands": "no: see the rows left out",
        }
    )
    out = pd.DataFrame(rows)
    out["Part time"] = out["Part time"].astype("Int64")
    return out


def label_table(report: PayGapReport) -> pd.DataFrame:
    """Each gender label as written in the file, what it counts as, and how many people have it."""
    src = report.workforce.labels
    return pd.DataFrame(
        {
            "Label in the file": src["label"].map(lambda v: v if v else "(blank)"),
            "Counted as": src["gender"],
            "People": src["people"],
        }
    )


def left_out_table(report: PayGapReport) -> pd.DataFrame:
    """The rows left out of the report, one line per problem."""
    src = report.workforce.left_out
    return pd.DataFrame(
        {
            "Employee ID": src["person_id"],
            "Row": src["row"],
            "Column": src["column"],
            "Value": src["value"],
            "Problem": src["problem"],
        }
    )


def people_table(report: PayGapReport) -> pd.DataFrame:
    """Every person counted, with what the report made of them: hours, pay, hourly pay, band and tenure.

    The working table for the analyst (the page and the workbook's People sheet); the printable report
    leaves it out, as it lists individuals. Variable pay given as a percent shows the percent and the amount.
    """
    from analytics.paygap.indicators import BAND_NAMES

    p = report.workforce.people
    if p.empty:
        return pd.DataFrame()
    band = report.band_of_person.reindex(p.index).map(lambda k: BAND_NAMES[int(k)] if pd.notna(k) else None)
    return pd.DataFrame(
        {
            "Employee ID": p["person_id"],
            "Row": p["row"],
            "Gender in the file": p["gender_label"],
            "Counted as": p["gender"],
            "Category": p["category"],
            "Location": p["zone"],
            "Weekly hours": p["hours"],
            "Hours given": p["hours_given"].map({True: "yes", False: "no: full time"}),
            "Base pay": p["base"],
            "Variable pay": p["variable"],
            "Variable pay (% of base, as given)": p["variable_pct"],
            "Total pay a year": p["total_annual"],
            "Basic hourly pay": p["basic_hourly"],
            "Total hourly pay": p["total_hourly"],
            "Quartile band": band,
            "Start date": p["start_date"],
            "Tenure (years)": p["tenure_years"],
        }
    )


PEOPLE_FORMATS = {
    "Row": COUNT,
    "Weekly hours": YEARS,
    "Base pay": ANNUAL,
    "Variable pay": ANNUAL,
    "Variable pay (% of base, as given)": YEARS,
    "Total pay a year": ANNUAL,
    "Basic hourly pay": HOURLY,
    "Total hourly pay": HOURLY,
    "Start date": DATE,
    "Tenure (years)": YEARS,
}


def people_section(report: PayGapReport) -> Section:
    """Everyone counted as a section of its own (the page's expander and the workbook's People sheet)."""
    return Section("People", "People", "", people_table(report), PEOPLE_FORMATS, currency=report.currency)


def definitions_section(report: PayGapReport) -> Section:
    """Every definition the report uses, as a section (the page's Definitions expander)."""
    return Section("Definitions", "Definitions", "", definitions_table(report))


def definitions_table(report: PayGapReport | None = None) -> pd.DataFrame:
    """Every definition the report uses, term and sentence; full time as the report's setting says."""
    out = pd.DataFrame(d.DEFINITIONS, columns=["Term", "Definition"])
    if report is not None:
        out.loc[out["Term"] == "Full time", "Definition"] = d.full_time(report.settings.full_time_hours)
    return out


def about_rows(report: PayGapReport) -> list[tuple[str, object]]:
    """The facts a reader needs before the figures: source file, dates, currency, settings, people."""
    s = report.settings
    return [
        ("Source file", report.source_name or "(not named)"),
        ("Source file date", report.source_date),
        ("Report made", report.created),
        ("Reference date (tenure)", s.reference_date),
        ("Currency", report.currency or "(not named in the file)"),
        ("Full time (hours a week)", s.full_time_hours),
        ("Base pay is", "full-time equivalent" if s.base_is_full_time_equivalent else "actual pay for the hours"),
        ("Categories of workers", " × ".join(s.category_by)),
        ("Controls", controls_text(s.controls)),
        ("Rows in the file", report.workforce.rows),
        ("People counted", len(report.workforce.people)),
    ]


def _counts(*columns: str) -> dict[str, str]:
    return dict.fromkeys(columns, COUNT)


def sections(report: PayGapReport) -> list[Section]:
    """Every table of the report in order, with titles, introductions and column kinds.

    A report with a problem has only the counting tables: people by gender, the labels and the rows left out.
    """
    money = report.currency
    notes = " ".join(report.workforce.notes)
    counting = [
        Section(
            "People counted",
            "People counted",
            f"{d.GENDER_MAPPING} {notes}".strip(),
            headcount_table(report),
            _counts("People", "Part time"),
        ),
        Section(
            "Gender labels",
            "Gender labels in the file",
            "Every gender label as written in the file and the group it counts as.",
            label_table(report),
            _counts("People"),
        ),
        Section(
            "Rows left out",
            "Rows left out",
            "Rows with a problem are left out of every figure; each problem is listed, with the row as the "
            "people file numbers it.",
            left_out_table(report),
            _counts("Row"),
            empty="No row was left out.",
        ),
    ]
    if report.problem:
        return [replace(s, currency=money) for s in counting]
    every = [
        Section(
            "Indicators",
            "Pay gap indicators",
            f"Article 9(1)(a)–(f) of Directive (EU) 2023/970 and regulation 2(1) of the UK Gender Pay Gap "
            f"Information Regulations 2017. Women's and men's figures are means or medians of hourly or annual "
            f"pay in {money or 'the file’s currency'}, or shares in percent (the Unit column). {d.SUPPRESSION}",
            indicator_table(report),
            {"Gap (%)": PERCENT, "Women": BY_UNIT, "Men": BY_UNIT} | _counts("Women counted", "Men counted"),
        ),
        Section(
            "Quartile bands",
            "Quartile pay bands",
            f"{d.QUARTILE_BANDS} {d.QUARTILE_TIES}",
            quartile_table(report),
            {"Women (%)": PERCENT, "Men (%)": PERCENT} | _counts("People", "Women", "Men"),
        ),
        Section(
            "Ties",
            "Equal pay across a band boundary",
            "Groups of people with the same total hourly pay whose places fall in two bands, and how their women "
            "and men were placed (lower band first).",
            ties_table(report),
            _counts("People at the same pay", "Women", "Men"),
            empty="No group of people with the same pay straddles a band boundary.",
        ),
        Section(
            "Categories",
            "Gaps per category of workers",
            f"{d.CATEGORY} {d.CATEGORY_GAP} {d.JOINT_ASSESSMENT} Hourly pay in {money}.",
            category_table(report),
            {
                "Basic hourly, women": HOURLY,
                "Basic hourly, men": HOURLY,
                "Total hourly, women": HOURLY,
                "Total hourly, men": HOURLY,
                "Basic gap (%)": PERCENT,
                "Total gap (%)": PERCENT,
            }
            | _counts("Women", "Men"),
        ),
        Section(
            "Decomposition",
            "Explained and unexplained gap",
            d.DECOMPOSITION_METHOD + _decomposition_note(report.decomposition),
            decomposition_table(report),
            {
                "Log points": LOG,
                "Standard error": LOG,
                "95% CI low": LOG,
                "95% CI high": LOG,
                "Percent gap": PERCENT,
                "Percent, CI low": PERCENT,
                "Percent, CI high": PERCENT,
            },
            empty="Not decomposed: " + (report.decomposition.note if report.decomposition else "no report"),
        ),
        Section(
            "Decomposition by category",
            "Explained and unexplained gap per category",
            f"Each category with at least {d.MIN_REGRESSION_GROUP} women and {d.MIN_REGRESSION_GROUP} men, "
            "decomposed on its own (controls that do not vary within it drop out).",
            category_decomposition_table(report),
            {
                c: PERCENT
                for c in (
                    "Total gap (%)",
                    "Explained (%)",
                    "Unexplained (%)",
                    "Unexplained, CI low (%)",
                    "Unexplained, CI high (%)",
                )
            }
            | _counts("Women", "Men"),
        ),
        Section(
            "Cost of closing",
            "What closing the gap costs",
            d.PAY_LINE + " " + " ".join(report.closing.notes if report.closing else []),
            closing_table(report),
            {
                "Gap before (%)": PERCENT,
                "Gap after (%)": PERCENT,
                "Basic gap after (%)": PERCENT,
                f"Cost per year ({money})".replace(" ()", ""): ANNUAL,
            }
            | _counts("People raised", "Excluded", "Not costed"),
            empty="No category is flagged for a joint pay assessment: nothing to cost.",
        ),
        Section(
            "Raises",
            "Raises to the pay line",
            f"Each raise, in {money}: the hourly raise × contracted weekly hours × 52 is the raise per year.",
            raises_table(report),
            {
                "Tenure (years)": YEARS,
                "Weekly hours": YEARS,
                "Total hourly pay": HOURLY,
                "Pay line (hourly)": HOURLY,
                "Raise (hourly)": HOURLY,
                "Raise per year": ANNUAL,
                "Basic pay a year": ANNUAL,
                "Basic pay a year after": ANNUAL,
            },
            empty="No one is raised.",
        ),
        Section(
            "Exclusions",
            "People excluded from the raises",
            "Exclusions the analyst made, each with the reason written; an excluded person gets no raise and "
            "does not set the pay line.",
            exclusions_table(report),
            empty="No one is excluded.",
        ),
        *counting,
    ]
    return [replace(s, currency=money) for s in every]


def _decomposition_note(dec: Decomposition | None) -> str:
    if dec is None or not dec.estimated:
        return ""
    extra = f" Fitted on {dec.women_n} women and {dec.men_n} men; R² {dec.r_squared:.2f}."
    if dec.left_out:
        extra += f" {dec.left_out} people without a start date are not in the regression."
    return extra


def cell_text(value: object, kind: str) -> str:
    """One cell as text, formatted by its kind: 12.35%, 1,234.57 an hour, 52,000 a year, 2025-01-01; blank ''."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if is_number(value):
        v = float(value)
        return {
            PERCENT: f"{v:.2f}%",
            HOURLY: f"{v:,.2f}",
            ANNUAL: f"{v:,.0f}",
            COUNT: f"{v:,.0f}",
            YEARS: f"{v:.1f}",
            LOG: f"{v:.4f}",
        }.get(kind, f"{v:,.2f}" if not v.is_integer() else f"{v:,.0f}")
    return str(value)


@dataclass(frozen=True)
class FormRow:
    """One indicator as a regulator's form lists it: title, legal references, the figure and its basis."""

    code: str
    title: str
    references: str
    label: str
    figure: str
    detail: str
    definition: str


_FORM_LABELS = {
    "mean_gap": "Mean gap",
    "median_gap": "Median gap",
    "variable_mean_gap": "Mean variable-pay gap",
    "variable_median_gap": "Median variable-pay gap",
    "variable_share": "Received variable pay: women / men",
}


def form_rows(report: PayGapReport) -> list[FormRow]:
    """The indicators in the order of Article 9(1)(a)–(f), each with its figure in words and its definition.

    A gap reads as a percent; the share who received variable pay and a quartile band's shares read
    'women % / men %'. A hidden figure reads SUPPRESSED. A definition shared by several rows is given once.
    """
    rows, defined = [], set()
    for r in report.indicators.itertuples():
        unit = _unit(r.figures, report.currency)
        kind = PERCENT if r.figures == "percent" else HOURLY if r.figures == "hourly" else ANNUAL
        if not r.shown:
            figure, detail = d.SUPPRESSED, "Too few women or men to show this figure."
        elif pd.notna(r.value):
            figure = cell_text(r.value, PERCENT)
            detail = (
                f"Women {cell_text(r.women, kind)}, men {cell_text(r.men, kind)} ({unit}); "
                f"{r.women_n} women and {r.men_n} men counted."
            )
        else:
            figure = f"{cell_text(r.women, PERCENT)} / {cell_text(r.men, PERCENT)}"
            detail = f"{r.women_n} women and {r.men_n} men."
        label = _FORM_LABELS.get(r.code) or r.indicator.removeprefix("Women and men in the ").capitalize()
        if r.code.startswith("quartile_"):
            label = f"{label}: women / men"
        rows.append(
            FormRow(
                r.code,
                r.indicator,
                f"EU Directive 2023/970 {r.eu} · UK regulations 2017 {r.uk}",
                label,
                figure,
                detail,
                "" if r.definition in defined else r.definition,
            )
        )
        defined.add(r.definition)
    return rows


def overall_gap(report: PayGapReport) -> float | None:
    """The mean gap on total hourly pay of everyone (None when it is hidden or there is no report)."""
    rows = report.indicators[report.indicators["code"] == "mean_gap"] if len(report.indicators) else []
    return float(rows["value"].iloc[0]) if len(rows) and bool(rows["shown"].iloc[0]) else None


def import_note(problems: pd.DataFrame) -> str | None:
    """A sentence on the people file's rows the import left out (they are not in the report), or None."""
    if problems.empty:
        return None
    rows = problems["row"].nunique()
    return (
        f"{rows:,} {'row' if rows == 1 else 'rows'} of the people file "
        f"({problems['file'].iloc[0]}) had problems at import and {'is' if rows == 1 else 'are'} not in this "
        f"report: {len(problems):,} {'problem' if len(problems) == 1 else 'problems'}, listed below and on Your data."
    )


def decomposition_summary(report: PayGapReport) -> str:
    """The decomposition of everyone's gap in a few plain sentences, or why it was not made."""
    dec = report.decomposition
    if dec is None or not dec.estimated:
        return "The gap is not decomposed: " + (dec.note if dec is not None else "there is no report") + "."
    gap, explained, unexplained = dec.gap.percent, dec.explained.percent, dec.unexplained.percent
    controls = controls_text(dec.controls) or "nothing (no control chosen)"
    return (
        f"The gap in hourly pay is {gap[0]:.2f}% (on geometric means; above 0, women are paid less). "
        f"{explained[0]:.2f}% is explained by {controls}: women and men differ in them. "
        f"{unexplained[0]:.2f}% is unexplained (95% interval {unexplained[1]:.2f}% to {unexplained[2]:.2f}%): "
        f"the gap between women and men with the same {controls}. The parts multiply rather than add: "
        "1 − total = (1 − explained) × (1 − unexplained). A regression shows association, not cause."
    )


def closing_summary(report: PayGapReport) -> str:
    """What closing the flagged gaps costs, in one sentence."""
    plan = report.closing
    if plan is None or plan.summary.empty:
        return "No category is flagged for a joint pay assessment: nothing to cost."
    people = int(plan.summary["people_raised"].sum())
    categories = len(plan.summary)
    return (
        f"Raising {people:,} {'person' if people == 1 else 'people'} to their category's pay line in "
        f"{categories} flagged {'category' if categories == 1 else 'categories'} costs "
        f"{plan.total_cost:,.0f} {report.currency} a year.".replace("  ", " ")
    )


def is_number(value: object) -> bool:
    """Whether a cell holds a number to format (not text, not blank, not SUPPRESSED)."""
    return isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool) and pd.notna(value)
