"""Sources & data: every source and reference table to filter and download, and the data-quality flags."""

import streamlit as st

from analytics import ui
from analytics.format import LOW_N, md
from analytics.quality import CHECK_NAMES, CHECKS, quality_flags
from analytics.sources.queries import REFERENCE_TABLES, reference_rows, source_catalogue, table_source_ids
from analytics.sources.tables import (
    SEARCH_EXAMPLES,
    flag_caption,
    flags_columns,
    in_words,
    reference_columns,
    source_labels,
)
from analytics.urlstate import parse_choice, parse_choices

DEFAULT_TABLE, MAX_SEARCH = "pay_figures", 100
TABLE_LABELS = {
    "sources": "Sources",
    "roles": "Roles",
    "role_profiles": "Role profiles",
    "pay_figures": "Pay figures",
    "levels": "Levels",
    "level_headcounts": "Level head-counts",
    "level_equivalences": "Level equivalences",
    "career_paths": "Career paths",
    "vesting_schedules": "Vesting schedules",
    "pay_practices": "Pay practices",
}
SEVERITY_BADGES = {
    "contradiction": ("Contradiction", "red"),
    "disagreement": ("Disagreement", "orange"),
    "arithmetic": ("Arithmetic", "violet"),
    "note": ("Note", "blue"),
    "info": ("Information", "gray"),
}
st.title("Sources & data")
st.caption(
    "Every figure in PayLadder names one of these sources. Browse the reference tables, "
    "filter and download them, and read where the sources disagree."
)
view = ui.money_view()
catalogue = ui.load(source_catalogue)


def read(params, parsed) -> None:
    parse_choice(params, "table", REFERENCE_TABLES, DEFAULT_TABLE, parsed, "table")
    parsed.values["q"] = str((params.get("q") or [""])[-1])[:MAX_SEARCH]
    parse_choices(params, "source", list(catalogue.source_id), [], parsed, "source")


state = ui.PageState("sources", {"table": DEFAULT_TABLE, "search": "", "source": []}, read, params={"search": "q"})

st.subheader("Sources")
shown_sources = catalogue[["source_id", "kind", "published", "figures", "title", "publisher", "link", "file", "notes"]]
ui.table(shown_sources, reference_columns("sources", shown_sources.columns), key="sources_sources")
ui.download(
    shown_sources,
    reference_columns("sources", shown_sources.columns),
    "payladder-sources",
    key="sources_sources",
    label="Download the sources",
)

st.subheader("Reference tables")
pick, search, by_source = st.columns([1, 1.4, 1.6])
with pick:
    table = state.widget(st.selectbox, "Table", "table", options=list(REFERENCE_TABLES), format_func=TABLE_LABELS.get)
options = ui.load(table_source_ids, table)
state["source"] = [s for s in state["source"] if s in options]
titles = dict(zip(catalogue.source_id, catalogue.publisher, strict=True))
labels = source_labels(catalogue)
with search:
    q = state.widget(
        st.text_input,
        "Search",
        "search",
        max_chars=MAX_SEARCH,
        placeholder=f"e.g. {SEARCH_EXAMPLES[table]}",
        help="Plain text, any column, case-insensitive.",
    )
with by_source:
    chosen = state.widget(
        st.multiselect,
        "Sources",
        "source",
        options=options,
        format_func=labels.get,
        placeholder="All sources",
        help="Each source by its publisher and title; its code (source_id) is in the table's download.",
    )
state.sync_url()

rows = ui.load(reference_rows, table, q, chosen)
total = len(ui.load(reference_rows, table))
if rows.empty:
    what = f"contain “{md(q.strip())}”" if q.strip() else "match"
    st.info(
        f"No rows of {TABLE_LABELS[table]} {what}{' from the chosen sources' if chosen else ''}. "
        "Clear the search or the source filter.",
        icon="🔎",
    )
else:
    st.caption(f"{len(rows)} of {total} rows of {TABLE_LABELS[table]}, each with its source.")
    described = reference_columns(table, rows.columns, view)
    rows = view.apply(ui.connection(), rows, ["amount_usd"], year="year") if table == "pay_figures" else rows
    ui.table(in_words(rows), described, key="sources_rows")
    if table == "pay_figures":
        st.caption(
            f"n is the sample size where the source gives one; below {LOW_N} is low confidence. "
            "Derived = computed from the source's other figures, not published by it (see the note). "
            "Amount is as published, per the period in *Per*. " + view.caption()
        )
    ui.download(in_words(rows), described, f"payladder-{table}", key="sources_rows", label="Download these rows")
    ui.download_parquet(rows, f"payladder-{table}.parquet", key="sources_parquet")

st.subheader("Data-quality flags")
flags = ui.load(quality_flags)
counts = flags.severity.value_counts()
st.caption(
    "Checks run on every build. A flag points at figures that contradict each other or do not add up; "
    "it never changes or removes a figure. "
    + " · ".join(f"{label}: {counts[s]}" for s, (label, _) in SEVERITY_BADGES.items() if s in counts)
)
with st.expander("What is checked"):
    st.markdown("\n".join(f"- **{md(CHECK_NAMES[check])}**: {md(text)}" for check, text in CHECKS.items()))
    st.caption(
        "Rounding: a published figure can be off by half the unit it appears rounded to (read from "
        "its trailing zeros: up to \\$500 for 55,000, \\$0.50 for 1,923), times 52 for a weekly "
        "figure or 2,080 for an hourly one. Only differences beyond that are flagged."
    )
for flag in flags.itertuples():
    label, color = SEVERITY_BADGES.get(flag.severity, (flag.severity, "gray"))
    with st.container(border=True):
        st.badge(label, color=color)
        st.markdown(f"**{md(flag.title)}**")
        st.markdown(md(flag.explanation))
        lines = flag.figures.split("\n")
        with st.expander(f"{len(lines)} figures involved", expanded=flag.severity == "contradiction"):
            st.markdown("\n".join(f"- {md(line)}" for line in lines))
        caption, codes = flag_caption(flag.check, flag.source_ids, titles)
        st.caption(md(caption), help=codes)
ui.download(flags, flags_columns(), "payladder-quality-flags", key="sources_flags", label="Download the flags")

st.subheader("How to add a figure")
st.markdown("""
1. Make sure its source is in `data/sources.csv` (add a row: `source_id`, title, publisher, published date,
   link, kind). Every figure needs a `source_id` from that file.
2. Add a row to `data/pay_figures.csv`: company (empty for market-wide), role, level, component, statistic,
   period, `amount_usd`, year, sample size if known, `source_id`, `derived` (true only when you computed it;
   write the arithmetic in the note) and a note quoting the source.
3. Run `make run`. The build validates every row and, on an error, names the file and the line and keeps
   the previous warehouse; the checks above run again and flag any new disagreement.
""")
st.caption("An existing row of data/pay_figures.csv, as an example:")
st.code(
    "company,role,level,component,statistic,period,amount_usd,lower_bound,year,as_of,sample_size,"
    "source_id,derived,note\nAmazon,Product Manager,,base,mean,annual,114494,false,2022,2022-09-18,,"
    'seed_001,false,"Base salary within the $148,688 average"',
    language="csv",
    wrap_lines=True,
)
