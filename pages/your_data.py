"""Your data: upload your own bands and people's pay, check every row, keep workspaces, analyse them."""

import pandas as pd
import streamlit as st

from analytics import ui
from analytics.columns import Table
from analytics.format import md
from analytics.market.queries import area_employment, areas, family_occupations
from analytics.urlstate import parse_choice
from analytics.yourdata import analysis, marketmap, queries, settings, tables, units
from analytics.yourdata import charts as yc
from analytics.yourdata.columns import check_mapping, column_choices, fields, guessed_choices
from analytics.yourdata.read import MAX_BYTES, MAX_ROWS, MAX_XLSX_BYTES, ImportProblem
from analytics.yourdata.session import ImportSession, Source, after_delete, default_currency
from analytics.yourdata.store import MAX_NAME, ROLES

KINDS = {"bands": "Bands", "people": "People's pay"}


def read(params, parsed) -> None:
    """A link opens a workspace of yours or shared with you: ?workspace=<its id>. Any other id, existing or
    not, reads the same: unknown."""
    parse_choice(params, "workspace", [w.id for w in store.list(who)], None, parsed, "workspace")


def show(frame: pd.DataFrame, described: Table, key: str, name: str, what: str, audit=None) -> None:
    """A table's first rows, how many it has, and its downloads of every row (recorded by `audit(file name)`)."""
    ui.table(tables.first_rows(frame), described, key=state.key(key))
    if len(frame) > tables.SHOWN:
        st.caption(tables.rows_caption(len(frame), what))
    ui.download(frame, described, name, key=state.key(key), audit=audit)


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


def currency_step() -> str | None:
    """One currency for a whole bands file that has no currency column: none until chosen."""
    return state.widget(
        st.selectbox,
        "Currency of every amount in this file (it has no currency column)",
        "currency",
        options=units.currency_choices(),
        index=None,
        placeholder="Choose a currency",
        help="ISO 4217 code. People without a currency column are paid in their band's currency.",
    )


def unit_step(kind: str, source: Source, mapping: dict[str, int | None]) -> dict[str, str | None]:
    """What each amount that may be a percent of base pay holds, guessed from its header and cells, asked when
    unsure (no choice made); returns field → unit."""
    said = {}
    for name in units.asked_units(kind, mapping):
        column = mapping[name]
        guess = units.guess_unit(source.raw.headers[column], imports.cells(kind, column), decimal)
        key = f"{kind}_{name}_unit"
        state.seed(key, {key: guess}, since=(source.version, column))
        said[name] = state.widget(
            st.radio,
            f"“{md(source.raw.headers[column])}” holds",
            key,
            options=list(units.UNITS),
            format_func=units.UNITS.get,
            index=None,
            horizontal=True,
        )
    return said


def act(action, *args, then: dict | None = None) -> None:
    """Run a store action for the person using the page; on success set `then`, else show why."""
    try:
        action(who, *args)
        state.update(**(then or {}))
    except ImportProblem as problem:
        state["problem"] = problem.message


def keep_settings() -> None:
    """Save the analysis settings shown into the opened workspace when this person may edit it."""
    act(settings.keep, store, shown.workspace, settings.from_page(state.values, families, zones))


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
        "currency": None,
        "workspace": None,
        "confirm": None,
        "problem": None,
        "rename_name": "",
        "share_person": "",
        "share_role": "viewer",
        "family": None,
        "zone": None,
        "import_settings": {},
    },
)
state.sync_url()
imports = state.keep("import", ImportSession)
step = tables.Steps()

st.subheader(step("Files"))
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
decimal = state.widget(
    st.radio,
    "Decimal mark in the files",
    "decimal",
    options=[".", ","],
    horizontal=True,
    format_func={".": "point (1,234.50)", ",": "comma (1.234,50)"}.get,
)

mappings, said, currency = {}, {}, None
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
        if units.asks_currency(kind, mappings[kind]):
            currency = default_currency(currency_step())
        said[kind] = unit_step(kind, source, mappings[kind])
        for message in check_mapping(mappings[kind], kind, currency) + units.unit_problems(
            kind, mappings[kind], said[kind]
        ):
            st.warning(message, icon=":material/rule:")
        with st.container(key=state.key(f"{kind}_preview")):  # the file's first rows as they are: no download
            st.dataframe(imports.preview(kind), hide_index=True, placeholder="")

if imports.waiting_for_bands:
    st.info("Add a bands file too: each person is checked against their band.", icon=":material/info:")
imports.check(mappings, decimal, currency, said)
if imports.error:
    st.error(md(imports.error))

if imports.checked:
    st.subheader(step("Every row checked"))
    for col, (kind, c) in zip(st.columns(len(imports.checked)), imports.checked.items(), strict=True):
        col.metric(f"{KINDS[kind]}: good rows", f"{c.good_rows:,} of {c.rows:,}")
        col.caption(f"{c.bad_rows:,} rows with problems" if c.bad_rows else "No problems.")
    problems = imports.problems()
    if problems.empty:
        st.success("No problems found.", icon=":material/check:")
    else:
        ui.table(tables.first_rows(problems), tables.problems_table(), key=state.key("problems"))
        st.caption(
            tables.rows_caption(len(problems), "problems")
            + " Fix the file and upload it again, or import the good rows."
        )
        ui.download(problems, tables.problems_table(), "problems", key=state.key("problems"))
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
                saved = imports.save(store, who, name, replace, state["import_settings"])
                st.success(f"Saved workspace “{md(saved.name)}”.", icon=":material/save:")
            except ImportProblem as problem:
                st.error(md(problem.message))

st.subheader(step("Workspaces"))
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
            trail = tables.audit_rows(store.audit(who, pick))
            ui.table(trail, tables.audit_table(), key=state.key("history"))
            ui.download(
                trail, tables.audit_table(), "workspace_history", key=state.key("history"), label="Download history"
            )

try:
    shown = imports.shown(state["opened"], state["imported"], store, who)
except ImportProblem as problem:
    state["opened"] = None
    st.error(md(problem.message), icon=":material/block:")
    st.stop()
if shown is None:
    st.stop()
audit = shown.recorder(store, who)

st.subheader(step(f"Analysis of {md(shown.label)}"))
ladder, positions = queries.band_ladder(shown.con), queries.people_positions(shown.con)
summary, groups = queries.range_summary(shown.con), queries.group_comparison(shown.con)
families, zones = tables.families(ladder), settings.zones_of(ladder)
suggested = marketmap.suggestions(
    families, zones, ui.load(family_occupations), ui.load(areas), ui.load(area_employment)
)
kept = settings.saved(shown.workspace)
state.seed(
    "analysis",
    settings.page_values(kept, families, zones, suggested, ui.occupation_codes(), ui.area_codes()),
    since=settings.since(shown.workspace, families, zones),
)
if not summary.empty:
    first = summary.iloc[0]
    m = st.columns([1, 1, 1, 2])
    m[0].metric("People", f"{int(first['people']):,}")
    m[1].metric("Below their minimum", f"{int(first['below_min']):,}")
    m[2].metric("Above their maximum", f"{int(first['above_max']):,}")
    m[3].metric(
        f"Cost to bring everyone to the minimum ({first['currency']})",
        f"{first['cost_to_min']:,.2f}",
        help="What raising everyone paid below their band's minimum to that minimum costs a year.",
    )
    if len(summary) > 1:
        show(summary, tables.summary_table(summary), "summary", "range_summary", "currencies", audit)


def import_settings() -> settings.Settings:
    """The analysis settings shown; kept as those an import saves as a workspace (settings.for_import)."""
    current = settings.from_page(state.values, families, zones)
    state["import_settings"] = settings.for_import(shown.workspace, current, state["import_settings"])
    return current


@st.fragment
def band_chart() -> None:
    """One family's and zone's bands with their people: a fragment, so picking a family or zone redraws this chart
    only (nothing else on the page depends on the pick)."""
    pick_family, pick_zone = st.columns(2)
    state["family"] = settings.chart_choice(state["family"], families)
    family = state.widget(pick_family.selectbox, "Job family", "family", options=families, on_change=keep_settings)
    chart_zones = tables.zones(ladder, family)
    state["zone"] = settings.chart_choice(state["zone"], chart_zones)
    zone = state.widget(
        pick_zone.selectbox,
        "Zone",
        "zone",
        options=chart_zones,
        format_func=lambda z: z or "(no zone)",
        on_change=keep_settings,
    )
    st.markdown(f"**{md(yc.band_chart_title(ladder, positions, family, zone or None))}**")
    st.plotly_chart(yc.band_chart(ladder, positions, family, zone or None), key=state.key("band_chart"))
    import_settings()


st.markdown("**Bands per family, zone and level**")
show(ladder, tables.ladder_table(ladder), "ladder", "bands_analysis", "bands", audit)
if not ladder.empty:
    band_chart()

if not positions.empty:
    st.markdown("**Every person on their band**")
    show(positions, tables.people_table(positions), "people", "people_on_bands", "people", audit)
    st.markdown(f"**{yc.GROUP_TITLE}**")
    st.plotly_chart(yc.group_chart(groups), key=state.key("group_chart"))
    st.caption(md(tables.group_note(groups)))
    show(tables.groups_shown(groups), tables.group_table(), "groups", "groups", "groups", audit)

st.markdown("**Band midpoints against the market** (BLS OEWS May 2025, annual wages)")
st.caption(
    "Each job family is priced against a BLS occupation, and each location against a BLS area: PayLadder "
    "suggests them from the names in the bands file; correct them here. " + settings.keeping(shown.workspace)
)
by_family, by_zone = st.columns(2)
for i, name in enumerate(families):
    ui.occupation_picker(
        state, f"occupation_{i}", where=by_family, label=md(name), none="Not priced", on_change=keep_settings
    )
for j, name in enumerate(zones):
    ui.area_picker(
        state,
        f"area_{j}",
        label=md(name or "Bands without a zone"),
        where=by_zone,
        none="Not priced",
        on_change=keep_settings,
    )
current = import_settings()
pricing = analysis.market_pricing(shown.con, ui.connection(), current.occupations, current.areas, load=ui.load)
if tables.any_priced(pricing):
    st.markdown(f"**{yc.market_title(pricing)}**")
    st.plotly_chart(yc.market_chart(pricing), key=state.key("market_chart"))
st.caption(md(tables.market_note(pricing)))
show(tables.market_rows(pricing), tables.market_table(pricing), "market", "bands_vs_market", "bands", audit)

if shown.workspace is not None:
    with st.form(state.key("copy_form"), border=False):
        copy_name = st.text_input(
            "Save a copy as a workspace of yours (its data and these settings)",
            max_chars=MAX_NAME,
            key=state.key("copy_name"),
            placeholder="Name of the copy",
        )
        if st.form_submit_button("Save a copy", icon=":material/content_copy:"):
            try:
                copy = store.save(who, shown.con, copy_name, shown.workspace.files, current.to_json())
                st.success(f"Saved a copy, “{md(copy.name)}”: open it from the workspaces above.")
            except ImportProblem as problem:
                st.error(md(problem.message))
