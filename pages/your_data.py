"""Your data: upload your own bands and people's pay, check every row, keep workspaces, analyse them."""

import pandas as pd
import streamlit as st

from analytics import ui
from analytics.format import md
from analytics.market.ingest import ALL_INDUSTRIES, NATIONAL
from analytics.market.tables import DEFAULT_OCCUPATION
from analytics.urlstate import parse_choice
from analytics.yourdata import analysis, queries, tables
from analytics.yourdata import charts as yc
from analytics.yourdata.columns import check_mapping, column_choices, fields, guessed_choices
from analytics.yourdata.read import MAX_BYTES, MAX_ROWS, MAX_XLSX_BYTES, ImportProblem
from analytics.yourdata.session import ImportSession, Source, after_delete, default_currency
from analytics.yourdata.store import MAX_NAME, ROLES

KINDS = {"bands": "Bands", "people": "People's pay"}
SHOWN = 1_000  # rows shown in a table; downloads hold every row
MARKET_SOURCE = "BLS OEWS May 2025 (bls_oews_2025)"


def read(params, parsed) -> None:
    """A link opens a workspace of yours or shared with you: ?workspace=<its id>. Any other id, existing or
    not, reads the same: unknown."""
    parse_choice(params, "workspace", [w.id for w in store.list(who)], None, parsed, "workspace")


def table(shown: tables.Table, key: str, rows: int | None = None) -> None:
    """A table with its number columns formatted as the table says (the downloads keep full values)."""
    config = {label: st.column_config.NumberColumn(format=f) for label, f in shown.formats.items()}
    frame = shown.frame if rows is None else shown.frame.head(rows)
    st.dataframe(frame, hide_index=True, key=state.key(key), column_config=config)


def downloads(frame: pd.DataFrame, name: str, key: str, audit=None) -> None:
    """CSV (spreadsheet-safe) and Parquet downloads of exactly this frame (recorded by `audit(file name)`)."""
    left, right = st.columns(2)
    with left:
        ui.download_csv(frame, f"{name}.csv", key=state.key(f"{key}_csv"), label="Download CSV", audit=audit)
    with right:
        ui.download_parquet(
            frame, f"{name}.parquet", key=state.key(f"{key}_parquet"), label="Download Parquet", audit=audit
        )


def mapping_step(kind: str, source: Source) -> dict[str, int | None]:
    """Column pickers, three to a row, seeded by the guess for each new file; returns the mapping."""
    choices = column_choices(source.raw.headers)
    guess = guessed_choices(source.raw.headers, kind)
    state.seed(f"{kind}_map", {f"{kind}_map_{name}": label for name, label in guess.items()}, since=source.version)
    every, picked = fields(kind), {}
    for start in range(0, len(every), 3):  # a row at a time, so a narrow screen keeps the order
        for col, f in zip(st.columns(3), every[start : start + 3], strict=False):
            label = f.label + (" *" if f.required else "")
            picked[f.name] = state.widget(col.selectbox, label, f"{kind}_map_{f.name}", options=list(choices))
    return {name: choices[label] for name, label in picked.items()}


def act(action, *args, then: dict | None = None) -> None:
    """Run a store action for the person using the page; on success set `then`, else show why."""
    try:
        action(who, *args)
        state.update(**(then or {}))
    except ImportProblem as problem:
        state["problem"] = problem.message


def delete_workspace() -> None:
    """Delete the picked workspace (confirmed), and close it if it was open."""
    act(store.delete, state["workspace"], then={"opened": after_delete(state["opened"], state["workspace"])})
    state["confirm"] = None


st.title("Your data")
ui.connection()  # the market pricing below needs the warehouse: a missing one says how to build it
who = ui.identity()  # in team mode, asks to sign in first
store = ui.workspace_store()
st.caption(
    "Upload your own salary bands and your people's pay (CSV or Excel .xlsx). Files are read on the "
    "machine that runs PayLadder and kept only in the workspaces you save. "
    f"Limits: CSV up to {MAX_BYTES // 2**20} MiB, .xlsx up to {MAX_XLSX_BYTES // 2**20} MiB, "
    f"{MAX_ROWS:,} rows per file. Excel cells are read as their last calculated values, never as formulas."
)
state = ui.PageState(
    "yourdata",
    {"opened": None},
    read,
    params={"opened": "workspace"},
    session={
        "imported": False,
        "decimal": ".",
        "currency": "",
        "workspace": None,
        "confirm": None,
        "problem": None,
        "rename_name": "",
        "share_person": "",
        "share_role": "viewer",
        "family": None,
        "zone": None,
        "occupation": DEFAULT_OCCUPATION,
        "area": NATIONAL,
    },
)
state.sync_url()
imports = state.keep("import", ImportSession)

st.subheader("1. Files")
st.button(
    "Try it with the sample",
    key=state.key("sample"),
    icon=":material/science:",
    help="Synthetic bands (40) and people (500), with a few deliberate errors.",
    on_click=imports.open_sample,
)
up_bands, up_people = st.columns(2)
imports.take_upload(
    "bands",
    up_bands.file_uploader(
        "Bands: family, level, zone, currency, min and max", type=["csv", "xlsx"], key=state.key("bands_upload")
    ),
)
imports.take_upload(
    "people",
    up_people.file_uploader(
        "People: id, family, level, zone, base pay, ...", type=["csv", "xlsx"], key=state.key("people_upload")
    ),
)
opt_decimal, opt_currency = st.columns(2)
decimal = state.widget(
    opt_decimal.radio,
    "Decimal mark in the files",
    "decimal",
    options=[".", ","],
    horizontal=True,
    format_func={".": "point (1,234.50)", ",": "comma (1.234,50)"}.get,
)
currency = default_currency(
    state.widget(
        opt_currency.text_input,
        "Currency where the file has none (ISO code, optional)",
        "currency",
        max_chars=3,
        placeholder="USD",
    )
)

mappings = {}
for kind, source in imports.files():
    if source.error:
        st.error(md(source.error), icon=":material/block:")
        continue
    with st.expander(
        f"{KINDS[kind]}: {md(source.raw.filename)}, {source.raw.rows:,} rows · columns and preview", expanded=True
    ):
        for note in source.raw.notes:
            st.info(md(note), icon=":material/info:")
        mappings[kind] = mapping_step(kind, source)
        for message in check_mapping(mappings[kind], kind, currency):
            st.warning(message, icon=":material/rule:")
        st.dataframe(imports.preview(kind), hide_index=True, key=state.key(f"{kind}_preview"))

if imports.waiting_for_bands:
    st.info("Add a bands file too: each person is checked against their band.", icon=":material/info:")
imports.check(mappings, decimal, currency)
if imports.error:
    st.error(md(imports.error))

if imports.checked:
    st.subheader("2. Every row checked")
    for col, (kind, c) in zip(st.columns(len(imports.checked)), imports.checked.items(), strict=True):
        col.metric(f"{KINDS[kind]}: good rows", f"{c.good_rows:,} of {c.rows:,}")
        col.caption(f"{c.bad_rows:,} rows with problems" if c.bad_rows else "No problems.")
    problems = imports.problems()
    if problems.empty:
        st.success("No problems found.", icon=":material/check:")
    else:
        st.dataframe(problems.head(SHOWN), hide_index=True, key=state.key("problems"))
        st.caption(
            f"{len(problems):,} problems"
            + (f"; the first {SHOWN:,} shown" if len(problems) > SHOWN else "")
            + ". Fix the file and upload it again, or import the good rows."
        )
        downloads(problems, "problems", "problems")
    st.button(
        "Import the good rows",
        key=state.key("import"),
        type="primary",
        on_click=state.update,
        kwargs={"imported": True, "opened": None},
    )
    with st.form(state.key("save_form"), border=False):
        name = st.text_input("Workspace name", max_chars=MAX_NAME, key=state.key("save_name"))
        replace = st.checkbox("Replace a workspace of mine with the same name", key=state.key("save_replace"))
        if st.form_submit_button("Save as a workspace", icon=":material/save:"):
            try:
                settings = {"occupation": state["occupation"], "area": state["area"]}
                saved = imports.save(store, who, name, replace, settings)
                st.success(f"Saved workspace “{md(saved.name)}”.", icon=":material/save:")
            except ImportProblem as problem:
                st.error(md(problem.message))

st.subheader("3. Workspaces")
if state["problem"]:
    st.error(md(state["problem"]), icon=":material/block:")
    state["problem"] = None
saved = {w.id: w for w in store.list(who)}
if not saved:
    st.caption(tables.NO_WORKSPACES)
else:
    state.seed("workspaces", {"workspace": next(iter(saved))}, since=tuple(saved))
    pick = state.widget(
        st.selectbox,
        "Workspace",
        "workspace",
        options=list(saved),
        format_func=lambda w: tables.workspace_label(saved[w]),
    )
    chosen = saved[pick]
    st.caption(md(tables.workspace_caption(chosen)))
    b_open, b_rename, b_delete = st.columns(3)
    b_open.button(
        "Open",
        key=state.key("open"),
        icon=":material/folder_open:",
        on_click=lambda: state.update(opened=state["workspace"], imported=False),
    )
    if chosen.role == "owner":
        state.widget(
            b_rename.text_input,
            "New name",
            "rename_name",
            max_chars=MAX_NAME,
            label_visibility="collapsed",
            placeholder="New name",
        )
        b_rename.button(
            "Rename", key=state.key("rename"), on_click=lambda: act(store.rename, pick, state["rename_name"])
        )
        b_delete.button("Delete…", key=state.key("delete"), on_click=state.update, kwargs={"confirm": pick})
        if state["confirm"] == pick:
            st.warning(f"Delete “{md(chosen.name)}” for good? Its data is erased; its history keeps who deleted it.")
            yes, no = st.columns(2)
            yes.button("Yes, delete it", key=state.key("delete_yes"), type="primary", on_click=delete_workspace)
            no.button("Cancel", key=state.key("delete_no"), on_click=state.update, kwargs={"confirm": None})
        if ui.access_mode().signs_in:
            with st.expander("Sharing", expanded=False):
                person_col, role_col, share_col = st.columns([3, 2, 1], vertical_alignment="bottom")
                state.widget(person_col.text_input, "E-mail address", "share_person", max_chars=254)
                state.widget(
                    role_col.selectbox,
                    "Can",
                    "share_role",
                    options=list(ROLES),
                    format_func=lambda r: f"{r}: {ROLES[r]}",
                )
                share_col.button(
                    "Share",
                    key=state.key("share"),
                    on_click=lambda: act(
                        store.share, pick, state["share_person"], state["share_role"], then={"share_person": ""}
                    ),
                )
                for person, role in store.access(who, pick):
                    left, right = st.columns([5, 1], vertical_alignment="center")
                    left.markdown(f"{md(person)}: {role}")
                    right.button(
                        "Remove", key=state.key(f"unshare_{person}"), on_click=act, args=(store.unshare, pick, person)
                    )
        with st.expander("History"):
            trail = tables.audit_table(store.audit(who, pick))
            st.dataframe(trail, hide_index=True, key=state.key("history"))
            ui.download_csv(trail, "workspace_history.csv", key=state.key("history_csv"), label="Download history")

try:
    shown = imports.shown(state["opened"], state["imported"], store, who)
except ImportProblem as problem:
    state["opened"] = None
    st.error(md(problem.message), icon=":material/block:")
    st.stop()
if shown is None:
    st.stop()
audit = shown.recorder(store, who)

st.subheader(f"4. Analysis of {md(shown.label)}")
ladder, positions = queries.band_ladder(shown.con), queries.people_positions(shown.con)
summary, groups = queries.range_summary(shown.con), queries.group_comparison(shown.con)
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
ladder_table = tables.ladder_table(ladder)
table(ladder_table, "ladder")
downloads(ladder_table.frame, "bands_analysis", "ladder", audit)
if not ladder.empty:
    pick_family, pick_zone = st.columns(2)
    families = tables.families(ladder)
    state.seed("family", {"family": families[0]}, since=tuple(families))
    family = state.widget(pick_family.selectbox, "Job family", "family", options=families)
    zones = tables.zones(ladder, family)
    state.seed("zone", {"zone": zones[0]}, since=tuple(zones))
    zone = state.widget(pick_zone.selectbox, "Zone", "zone", options=zones, format_func=lambda z: z or "(no zone)")
    st.plotly_chart(yc.band_chart(ladder, positions, family, zone or None), key=state.key("band_chart"))

if not positions.empty:
    st.markdown("**Every person on their band**")
    people_table = tables.people_table(positions)
    table(people_table, "people", rows=SHOWN)
    downloads(people_table.frame, "people_on_bands", "people", audit)
    group_table = tables.group_table(groups)
    st.plotly_chart(yc.group_chart(groups), key=state.key("group_chart"))
    table(group_table, "groups")
    downloads(group_table.frame, "groups", "groups", audit)

st.markdown("**Band midpoints against the market** (BLS OEWS May 2025, annual wages)")
pick_occ, pick_area = st.columns(2)
occupation = ui.occupation_picker(state, where=pick_occ)
area = ui.area_picker(state, where=pick_area)
title, place = ui.load(analysis.market_names, occupation, area)
pricing = analysis.market_pricing(shown.con, ui.connection(), occupation, area, ALL_INDUSTRIES)
if pricing.empty:
    st.info(f"BLS publishes no estimate for {title} in {place}.")
else:
    st.plotly_chart(yc.market_chart(pricing, title, place), key=state.key("market_chart"))
    market_table = tables.market_table(pricing, MARKET_SOURCE)
    table(market_table, "market")
    downloads(market_table.frame, "bands_vs_market", "market", audit)
