"""Pay gap: the gender pay gap indicators, their charts, the explained gap and the cost of closing it."""

import streamlit as st

from analytics import ui
from analytics.format import md
from analytics.paygap import charts, printable, tables, workbook
from analytics.paygap.definitions import DECOMPOSITION_METHOD, FULL_TIME, GENDER_MAPPING
from analytics.paygap.people import CATEGORY_COLUMNS, CONTROL_LABELS, CONTROLS, HOURS_ARE
from analytics.paygap.queries import people_currencies, people_problems
from analytics.paygap.session import (
    CATEGORY_LABELS,
    IMPORT,
    SETTING_DEFAULTS,
    PayGapSession,
    currency_label,
    saved_values,
    settings_from,
    source_label,
    source_of,
    still_offered,
)
from analytics.urlstate import parse_choice
from analytics.yourdata.read import ImportProblem
from analytics.yourdata.session import ImportSession
from analytics.yourdata.tables import SHOWN, first_rows, problems_table, rows_caption

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def read(params, parsed) -> None:
    """A link opens a workspace of yours or shared with you: ?workspace=<its id>; any other id reads the same."""
    parse_choice(params, "workspace", [w.id for w in store.list(who)], None, parsed, "workspace")


def show_section(key: str, intro: bool = True) -> None:
    """One table of the report: its title, introduction, the table formatted, and its CSV."""
    section = sections[key]
    st.markdown(f"**{md(section.title)}**")
    if intro:
        st.caption(md(section.intro))
    if section.frame.empty:
        st.caption(md(section.empty))
        return
    show(section, f"pay_gap_{slug(key)}", state.key(slug(key)))


def show(section: tables.Section, name: str, key: str, what: str = "rows") -> None:
    """A section's first rows as the page shows them, and its CSV, Excel and data dictionary of every row."""
    ui.table(first_rows(section.frame), section.described, key=key)
    if len(section.frame) > SHOWN:
        st.caption(rows_caption(len(section.frame), what))
    ui.download(section.frame, section.described, name, key=key, audit=audit)


def slug(key: str) -> str:
    return key.lower().replace(" ", "_")


def form_row(row: tables.FormRow) -> None:
    """One indicator as a form lists it: title and references, the figure, what it is made of, its definition."""
    with st.container(border=True):
        st.markdown(f"**{md(row.title)}**  \n{md(row.references)}")
        st.metric(row.label, row.figure)
        st.caption(md(row.detail))
        if row.definition:
            st.caption(md(row.definition))


def downloads() -> None:
    """The whole report as an .xlsx workbook and as a printable HTML page."""
    st.subheader("Downloads")
    st.caption(
        "The workbook has one sheet per table (numbers, percentages and dates as typed cells), a sheet of "
        "definitions with the source and its date, and everyone counted. The HTML report prints on A4."
    )
    left, right = st.columns(2)
    with left:
        ui.download_file(
            lambda: workbook.write_workbook(report),
            "pay_gap_report.xlsx",
            state.key("xlsx"),
            "Workbook (.xlsx)",
            XLSX,
            audit,
        )
    with right:
        ui.download_file(
            lambda: printable.report_html(report).encode(),
            "pay_gap_report.html",
            state.key("html"),
            "Printable report (HTML, A4)",
            "text/html",
            audit,
        )


def exclude() -> None:
    """Exclude the person typed, with the reason written; the inputs clear once it is kept."""
    state["message"] = session.exclude(source, store, who, state["exclude_id"], state["exclude_reason"], state.values)
    if state["message"] is None:
        state.update(exclude_id="", exclude_reason="")


st.title("Pay gap")
who = ui.identity()  # in team mode, asks to sign in first
store = ui.workspace_store()
st.caption(
    "The gender pay gap report of people's pay imported on Your data or kept in a workspace: the indicators "
    "of Article 9 of the EU Pay Transparency Directive (2023/970) and the UK Gender Pay Gap Information "
    "Regulations 2017, the gaps per category of workers, the gap explained by level, family, location and tenure, "
    "and what closing flagged gaps costs. It is arithmetic on your file, not legal advice."
)
state = ui.PageState(
    "paygap",
    {"source": IMPORT},
    read,
    params={"source": "workspace"},
    session={**SETTING_DEFAULTS, "exclude_id": "", "exclude_reason": "", "include": None, "message": None},
)
imports = ui.PageState("yourdata", {"opened": None}).keep("import", ImportSession)
session = state.keep("session", PayGapSession)
saved = {w.id: w for w in store.list(who)}
options = [IMPORT, *saved]
state["source"] = still_offered(state["source"], options)
state.sync_url()

key = state.widget(
    st.selectbox,
    "People's pay from",
    "source",
    options=options,
    format_func=lambda k: source_label(k, saved, imports),
    help="This session's import is the people file checked on Your data (with its bands).",
)
try:
    shown = imports.shown(key, imports.people_version is not None, store, who)
except ImportProblem as problem:
    state["source"] = IMPORT
    st.error(md(problem.message), icon=":material/block:")
    st.stop()
if shown is None:
    st.info(
        "No people's pay yet. On **Your data**, upload bands and a people file (or try the sample) and map "
        "gender, weekly hours and variable pay; or choose a saved workspace above.",
        icon=":material/upload_file:",
    )
    st.stop()
source = source_of(shown, imports)
audit = shown.recorder(store, who)
state.seed("settings", saved_values(source), since=(source.key, source.version))
currencies = [None, *people_currencies(shown.con)]
state["currency"] = still_offered(state["currency"], currencies)

with st.expander("Settings", expanded=False):
    hours, date, money = st.columns(3)
    state.widget(
        hours.number_input,
        "Full time (hours a week)",
        "full_time",
        min_value=1.0,
        max_value=168.0,
        step=0.5,
        help=FULL_TIME,
    )
    state.widget(date.date_input, "Reference date (tenure is counted to it)", "reference_date")
    state.widget(money.selectbox, "Currency to report in", "currency", options=currencies, format_func=currency_label)
    made_of, controls = st.columns(2)
    state.widget(
        made_of.multiselect,
        "Categories of workers (work of equal value) are made of",
        "category_by",
        options=list(CATEGORY_COLUMNS),
        format_func=CATEGORY_LABELS.get,
    )
    state.widget(
        controls.multiselect,
        "Controls for the explained gap",
        "controls",
        options=list(CONTROLS),
        format_func=CONTROL_LABELS.get,
    )
    hours_are, base = st.columns(2)
    state.widget(
        hours_are.selectbox, "The hours column holds", "hours_are", options=list(HOURS_ARE), format_func=HOURS_ARE.get
    )
    state.widget(base.checkbox, "Base pay is the full-time salary (paid pro rata for the hours)", "base_fte")
    if source.saved:
        st.button(
            "Keep these settings in the workspace",
            key=state.key("save_settings"),
            on_click=lambda: state.update(message=session.save_settings(source, store, who, state.values)),
        )

settings, wrong = settings_from(state.values)
if wrong:
    st.warning(wrong, icon=":material/tune:")
    st.stop()
report = session.report(source, settings, session.exclusions(source))
sections = {s.key: s for s in tables.sections(report)}

problems = people_problems(shown.con)
note = tables.import_note(problems)
if note:
    st.warning(md(note), icon=":material/rule:")
    with st.expander("Problems in the people file"):
        ui.table(first_rows(problems), problems_table(), key=state.key("import_problems"))
        ui.download(
            problems, problems_table(), "pay_gap_import_problems", key=state.key("import_problems"), audit=audit
        )
for line in report.workforce.notes:
    st.info(md(line), icon=":material/info:")

if report.problem:
    st.error(md(report.problem), icon=":material/block:")
    for name in sections:
        show_section(name)
    downloads()
    st.stop()

st.subheader("Indicators")
st.caption(
    "As a regulator's form lists them: Article 9(1)(a)–(f) of Directive (EU) 2023/970 and regulation 2(1)(a)–(f) "
    "of the UK regulations. Gaps are (men − women) ÷ men × 100: above 0, women are paid less."
)
rows = tables.form_rows(report)
for start in range(0, len(rows), 2):
    for column, row in zip(st.columns(2), rows[start : start + 2], strict=False):
        with column:
            form_row(row)
show_section("Indicators", intro=False)

st.subheader("Quartile pay bands")
st.plotly_chart(charts.quartile_chart(report.bands), key=state.key("quartile_chart"))
show_section("Quartile bands")
show_section("Ties")

st.subheader("Gaps per category of workers")
st.plotly_chart(
    charts.category_gap_chart(report.categories, tables.overall_gap(report)), key=state.key("category_chart")
)
show_section("Categories")

st.subheader("Explained and unexplained gap")
st.markdown(md(tables.decomposition_summary(report)))
with st.expander("The method in plain words"):
    st.markdown(md(DECOMPOSITION_METHOD))
st.plotly_chart(
    charts.decomposition_chart(report.decomposition, report.category_decompositions),
    key=state.key("decomposition_chart"),
)
show_section("Decomposition", intro=False)
show_section("Decomposition by category")

st.subheader("What closing the gap costs")
st.metric(f"Cost per year ({report.currency})", f"{report.closing.total_cost:,.0f}")
st.markdown(md(tables.closing_summary(report)))
show_section("Cost of closing")
show_section("Raises")
st.markdown("**Exclude people from the raises**")
st.caption(md(session.where_kept(source)))
person, reason, add = st.columns([2, 4, 1], vertical_alignment="bottom")
state.widget(person.text_input, "Employee ID", "exclude_id", max_chars=200)
state.widget(reason.text_input, "Reason (kept with the report)", "exclude_reason", max_chars=500)
add.button("Exclude", key=state.key("exclude"), on_click=exclude)
if state["message"]:
    st.error(md(state["message"]), icon=":material/block:")
    state["message"] = None
excluded = list(session.exclusions(source))
if excluded:
    pick, back = st.columns([3, 1], vertical_alignment="bottom")
    state["include"] = still_offered(state["include"], excluded)
    state.widget(pick.selectbox, "Excluded", "include", options=excluded)
    back.button(
        "Take back",
        key=state.key("take_back"),
        on_click=lambda: state.update(message=session.include(source, store, who, state["include"], state.values)),
    )
show_section("Exclusions")

st.subheader("Who is counted")
st.caption(md(GENDER_MAPPING))
show_section("People counted", intro=False)
show_section("Gender labels")
show_section("Rows left out")
with st.expander("Everyone counted, one row per person"):
    show(tables.people_section(report), "pay_gap_people", state.key("people"), "people")

downloads()
with st.expander("Definitions"):
    show(tables.definitions_section(report), "pay_gap_definitions", state.key("definitions"), "definitions")
