"""Your data: upload your own bands and people's pay, check every row, keep workspaces, analyse them."""

import tempfile

import pandas as pd
import streamlit as st

from analytics import ui
from analytics.format import md
from analytics.market.ingest import ALL_INDUSTRIES, NATIONAL
from analytics.market.queries import areas, occupations
from analytics.yourdata import analysis, tables, workspace
from analytics.yourdata import charts as yc
from analytics.yourdata.columns import check_mapping, fields, guess_mapping, header_labels
from analytics.yourdata.pipeline import ensure_tables, new_connection, store_upload
from analytics.yourdata.read import MAX_BYTES, MAX_ROWS, MAX_XLSX_BYTES, ImportProblem, read_file
from analytics.yourdata.samples import BANDS_FILE, PEOPLE_FILE, SAMPLES_DIR
from analytics.yourdata.validate import problems_frame, validate

KINDS = {"bands": "Bands", "people": "People's pay"}
NONE = "(not in this file)"
SHOWN = 1_000  # rows shown in a table; downloads hold every row
state = st.session_state


def table(df: pd.DataFrame, key: str) -> None:
    """A table with money, ratio and percentage columns formatted (the downloads keep full values)."""
    money = st.column_config.NumberColumn(format="localized")
    config = {
        c: money
        for c in df.columns
        if any(
            w in c
            for w in (
                "Minimum",
                "Maximum",
                "Midpoint",
                "pay",
                "Cost",
                "Raise",
                "minimum",
                "maximum",
                "midpoint",
                "BLS ",
                "Bonus",
                "Equity",
            )
        )
    }
    config |= {
        c: st.column_config.NumberColumn(format="percent")
        for c in df.columns
        if c in ("Spread", "Midpoint progression", "Overlap with the level below", "Range penetration")
    }
    config |= {
        c: st.column_config.NumberColumn(format="%.2f")
        for c in df.columns
        if c in ("Compa-ratio", "Median compa-ratio", "Midpoint ÷ BLS median")
    }
    config |= {c: st.column_config.NumberColumn(format="%.1f") for c in df.columns if "percentile (" in c}
    config = {
        c: v
        for c, v in config.items()
        if pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])
    }
    st.dataframe(df, hide_index=True, key=f"yourdata_{key}", column_config=config)


def downloads(df: pd.DataFrame, name: str, key: str) -> None:
    """CSV (spreadsheet-safe) and Parquet downloads of exactly this frame."""
    left, right = st.columns(2)
    with left:
        ui.download_csv(df, f"{name}.csv", key=f"yourdata_{key}_csv", label="Download CSV")
    with right:
        ui.download_parquet(df, f"{name}.parquet", key=f"yourdata_{key}_parquet", label="Download Parquet")


def session():
    """This session's import connection and upload folder."""
    if "yourdata_con" not in state:
        state.yourdata_con, state.yourdata_dir = new_connection(), tempfile.mkdtemp(prefix="payladder-upload-")
    return state.yourdata_con


def take_source(kind: str, upload) -> None:
    """Note a newly chosen file for kind (an upload or the sample) and forget the old one's mapping."""
    current = state.get(f"yourdata_{kind}_id")
    if upload is None and current and not current.startswith("sample"):  # the upload was removed
        state[f"yourdata_{kind}_id"] = state[f"yourdata_{kind}_raw"] = state[f"yourdata_{kind}_error"] = None
        state.pop("yourdata_checked", None)
        state.pop("yourdata_signature", None)
    if upload is not None and current != upload.file_id:
        try:
            path = store_upload(upload.getbuffer(), upload.name, upload.size, state.yourdata_dir)
            set_source(kind, upload.file_id, path, upload.name)
        except ImportProblem as problem:
            state[f"yourdata_{kind}_error"] = problem.message


def set_source(kind: str, source_id: str, path, name: str) -> None:
    state[f"yourdata_{kind}_id"], state[f"yourdata_{kind}_error"] = source_id, None
    state[f"yourdata_{kind}_raw"] = None
    try:
        state[f"yourdata_{kind}_raw"] = read_file(session(), path, f"raw_{kind}", name)
    except ImportProblem as problem:
        state[f"yourdata_{kind}_error"] = problem.message
    for f in fields(kind):
        state.pop(f"yourdata_{kind}_map_{f.name}", None)
    state.pop("yourdata_checked", None)
    state.pop("yourdata_signature", None)


def mapping_step(kind: str, raw) -> dict | None:
    """Column pickers seeded by the guess; returns the mapping, or None while something is missing."""
    labels = header_labels(raw.headers)
    guess = guess_mapping(raw.headers, kind)
    mapping, cols = {}, []
    for i, f in enumerate(fields(kind)):
        options = [NONE, *labels]
        default = 0 if guess[f.name] is None else guess[f.name] + 1
        cols = st.columns(3) if i % 3 == 0 else cols  # a row at a time, so a narrow screen keeps the order
        pick = cols[i % 3].selectbox(
            f.label + (" *" if f.required else ""), options, index=default, key=f"yourdata_{kind}_map_{f.name}"
        )
        mapping[f.name] = None if pick == NONE else options.index(pick) - 1
    missing = check_mapping(mapping, kind, state.get("yourdata_currency") or None)
    for message in missing:
        st.warning(message, icon=":material/rule:")
    return None if missing else mapping


st.title("Your data")
ui.connection()  # the market pricing below needs the warehouse: a missing one says how to build it
st.caption(
    "Upload your own salary bands and your people's pay (CSV or Excel .xlsx). Files are read on the "
    "machine that runs PayLadder and kept only in the workspaces you save. "
    f"Limits: CSV up to {MAX_BYTES // 2**20} MiB, .xlsx up to {MAX_XLSX_BYTES // 2**20} MiB, "
    f"{MAX_ROWS:,} rows per file. Excel cells are read as their last calculated values, never as formulas."
)
con = session()

st.subheader("1. Files")
if st.button(
    "Try it with the sample",
    key="yourdata_sample",
    icon=":material/science:",
    help="Synthetic bands (40) and people (500), with a few deliberate errors.",
):
    set_source("bands", "sample-bands", SAMPLES_DIR / BANDS_FILE, BANDS_FILE)
    set_source("people", "sample-people", SAMPLES_DIR / PEOPLE_FILE, PEOPLE_FILE)
up_bands, up_people = st.columns(2)
take_source(
    "bands",
    up_bands.file_uploader(
        "Bands: family, level, zone, currency, min and max", type=["csv", "xlsx"], key="yourdata_bands_upload"
    ),
)
take_source(
    "people",
    up_people.file_uploader(
        "People: id, family, level, zone, base pay, ...", type=["csv", "xlsx"], key="yourdata_people_upload"
    ),
)
opt_decimal, opt_currency = st.columns(2)
decimal = opt_decimal.radio(
    "Decimal mark in the files",
    [".", ","],
    horizontal=True,
    key="yourdata_decimal",
    format_func={".": "point (1,234.50)", ",": "comma (1.234,50)"}.get,
)
currency = (
    opt_currency.text_input(
        "Currency where the file has none (ISO code, optional)", max_chars=3, key="yourdata_currency", placeholder="USD"
    )
    .strip()
    .upper()
    or None
)

mappings, raws = {}, {}
for kind, title in KINDS.items():
    if state.get(f"yourdata_{kind}_error"):
        st.error(md(state[f"yourdata_{kind}_error"]), icon=":material/block:")
    raw = state.get(f"yourdata_{kind}_raw")
    if raw is None:
        continue
    raws[kind] = raw
    with st.expander(f"{title}: {md(raw.filename)}, {raw.rows:,} rows · columns and preview", expanded=True):
        for note in raw.notes:
            st.info(md(note), icon=":material/info:")
        mappings[kind] = mapping_step(kind, raw)
        preview = con.cursor().execute(f"SELECT * FROM raw_{kind} LIMIT 21").df()  # noqa: S608 (fixed names)
        st.dataframe(
            preview.iloc[1:].set_axis(header_labels(raw.headers), axis=1),
            hide_index=True,
            key=f"yourdata_{kind}_preview",
        )

if "people" in raws and "bands" not in raws:
    st.info("Add a bands file too: each person is checked against their band.", icon=":material/info:")
if "bands" in raws and mappings.get("bands"):
    signature = (
        state.get("yourdata_bands_id"),
        state.get("yourdata_people_id"),
        decimal,
        currency,
        tuple(sorted(mappings["bands"].items())),
        tuple(sorted((mappings.get("people") or {}).items())),
    )
    if state.get("yourdata_signature") != signature:
        try:
            checked = {"bands": validate(con, raws["bands"], mappings["bands"], "bands", decimal, currency)}
            if mappings.get("people") and "people" in raws:
                checked["people"] = validate(con, raws["people"], mappings["people"], "people", decimal, currency)
            ensure_tables(con)
            state.yourdata_checked, state.yourdata_signature = checked, signature
        except ImportProblem as problem:
            st.error(md(problem.message))
            state.pop("yourdata_checked", None)

checked = state.get("yourdata_checked")
if checked:
    st.subheader("2. Every row checked")
    cols = st.columns(len(checked))
    for col, (kind, c) in zip(cols, checked.items(), strict=True):
        col.metric(f"{KINDS[kind]}: good rows", f"{c.good_rows:,} of {c.rows:,}")
        col.caption(f"{c.bad_rows:,} rows with problems" if c.bad_rows else "No problems.")
    all_problems = pd.concat([problems_frame(con, c) for c in checked.values()], ignore_index=True)
    if all_problems.empty:
        st.success("No problems found.", icon=":material/check:")
    else:
        st.dataframe(all_problems.head(SHOWN), hide_index=True, key="yourdata_problems")
        st.caption(
            f"{len(all_problems):,} problems"
            + (f"; the first {SHOWN:,} shown" if len(all_problems) > SHOWN else "")
            + ". Fix the file and upload it again, "
            "or import the good rows."
        )
        downloads(all_problems, "problems", "problems")
    if st.button("Import the good rows", key="yourdata_import", type="primary"):
        state.yourdata_active = "import"
        st.query_params.pop("workspace", None)
    with st.form("yourdata_save_form", border=False):
        name = st.text_input("Workspace name", max_chars=workspace.MAX_NAME, key="yourdata_save_name")
        replace = st.checkbox("Replace a workspace of the same name", key="yourdata_save_replace")
        if st.form_submit_button("Save as a workspace", icon=":material/save:"):
            try:
                saved = workspace.save(con, name, ", ".join(r.filename for r in raws.values()), overwrite=replace)
                st.success(f"Saved workspace “{md(saved.name)}”.", icon=":material/save:")
            except ImportProblem as problem:
                st.error(md(problem.message))

st.subheader("3. Workspaces")
saved = workspace.list_workspaces()
by_slug = {w.slug: w for w in saved}
if not saved:
    st.caption(f"No workspaces yet. Saved workspaces live in {workspace.workspaces_dir()}.")
else:
    wanted = st.query_params.get("workspace")
    if wanted in by_slug and state.get("yourdata_active") != ("workspace", wanted):
        state.yourdata_active = ("workspace", wanted)
    pick = st.selectbox(
        "Workspace",
        list(by_slug),
        key="yourdata_workspace",
        format_func=lambda s: (
            f"{by_slug[s].name} · saved {by_slug[s].saved_at} · "
            f"{by_slug[s].bands:,} bands, {by_slug[s].people:,} people"
        ),
    )
    b_open, b_rename, b_delete = st.columns(3)
    if b_open.button("Open", key="yourdata_open", icon=":material/folder_open:"):
        state.yourdata_active = ("workspace", pick)
        st.query_params["workspace"] = pick
    new_name = b_rename.text_input(
        "New name",
        key="yourdata_rename_name",
        max_chars=workspace.MAX_NAME,
        label_visibility="collapsed",
        placeholder="New name",
    )
    if b_rename.button("Rename", key="yourdata_rename"):
        try:
            renamed = workspace.rename(pick, new_name)
            if state.get("yourdata_active") == ("workspace", pick):
                state.yourdata_active = ("workspace", renamed.slug)
                st.query_params["workspace"] = renamed.slug
            st.rerun()
        except ImportProblem as problem:
            st.error(md(problem.message))
    if b_delete.button("Delete…", key="yourdata_delete"):
        state.yourdata_confirm = pick
    if state.get("yourdata_confirm") == pick:
        st.warning(f"Delete “{md(by_slug[pick].name)}” for good? This cannot be undone.")
        yes, no = st.columns(2)
        if yes.button("Yes, delete it", key="yourdata_delete_yes", type="primary"):
            workspace.delete(pick)
            state.yourdata_confirm = None
            if state.get("yourdata_active") == ("workspace", pick):
                state.yourdata_active = None
                st.query_params.pop("workspace", None)
            st.rerun()
        if no.button("Cancel", key="yourdata_delete_no"):
            state.yourdata_confirm = None
            st.rerun()

active = state.get("yourdata_active")
if not active:
    st.stop()
try:
    source = con if active == "import" else workspace.open_workspace(active[1])
except ImportProblem as problem:
    st.error(md(problem.message))
    st.stop()
label = (
    "this import"
    if active == "import"
    else f"workspace “{md(by_slug[active[1]].name)}”"
    if active[1] in by_slug
    else "the workspace"
)
st.subheader(f"4. Analysis of {label}")
ladder, positions = analysis.band_ladder(source), analysis.people_positions(source)
summary, groups = analysis.range_summary(source), analysis.group_comparison(source)
if not summary.empty:
    first = summary.iloc[0]
    m = st.columns(4)
    m[0].metric("People", f"{int(first['people']):,}")
    m[1].metric("Below their minimum", f"{int(first['below_min']):,}")
    m[2].metric("Above their maximum", f"{int(first['above_max']):,}")
    m[3].metric(f"Cost to bring everyone to the minimum ({first['currency']})", f"{first['cost_to_min']:,.2f}")
    if len(summary) > 1:
        table(tables.summary_table(summary), "summary")

st.markdown("**Bands per family, zone and level**")
ladder_df = tables.ladder_table(ladder)
table(ladder_df, "ladder")
downloads(ladder_df, "bands_analysis", "ladder")
if not ladder.empty:
    pick_family, pick_zone = st.columns(2)
    family = pick_family.selectbox("Job family", sorted(ladder["family"].unique()), key="yourdata_family")
    zones = sorted(ladder.loc[ladder["family"] == family, "zone"].fillna("").unique())
    zone = pick_zone.selectbox("Zone", zones, key="yourdata_zone", format_func=lambda z: z or "(no zone)")
    st.plotly_chart(yc.band_chart(ladder, positions, family, zone or None), key="yourdata_band_chart")

if not positions.empty:
    st.markdown("**Every person on their band**")
    people_df = tables.people_table(positions)
    table(people_df.head(SHOWN), "people")
    downloads(people_df, "people_on_bands", "people")
    group_df = tables.group_table(groups)
    st.plotly_chart(yc.group_chart(groups), key="yourdata_group_chart")
    table(group_df, "groups")
    downloads(group_df, "groups", "groups")

st.markdown("**Band midpoints against the market** (BLS OEWS May 2025, annual wages)")
occ, area_df = ui.load(occupations), ui.load(areas)
occ_order = [*occ.loc[occ["mapped"], "occupation_code"], *occ.loc[~occ["mapped"], "occupation_code"]]
titles = dict(zip(occ["occupation_code"], occ["occupation_title"], strict=True))
area_names = dict(zip(area_df["area_code"], area_df["area_name"], strict=True))
pick_occ, pick_area = st.columns(2)
occupation = pick_occ.selectbox(
    "Occupation",
    occ_order,
    key="yourdata_occupation",
    index=occ_order.index("11-2021") if "11-2021" in occ_order else 0,
    format_func=lambda c: f"{titles[c]} ({c})",
    help="BLS occupations; those PayLadder maps its roles to come first.",
)
area = pick_area.selectbox(
    "Area", list(area_names), index=list(area_names).index(NATIONAL), key="yourdata_area", format_func=area_names.get
)
pricing = analysis.market_pricing(source, ui.connection(), occupation, area, ALL_INDUSTRIES)
if pricing.empty:
    st.info(f"BLS publishes no estimate for {titles[occupation]} in {area_names[area]}.")
else:
    st.plotly_chart(yc.market_chart(pricing, titles[occupation], area_names[area]), key="yourdata_market_chart")
    market_df = tables.market_table(pricing, "BLS OEWS May 2025 (bls_oews_2025)")
    table(market_df, "market")
    downloads(market_df, "bands_vs_market", "market")
if active != "import":
    source.close()
