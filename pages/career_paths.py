"""Career paths: the moves between roles that the sources name, with each role's reported pay of one component."""

import streamlit as st

from analytics import ui
from analytics.careers.charts import career_path_sankey
from analytics.careers.queries import career_path_links
from analytics.careers.tables import COMPONENTS, DEFAULT_COMPONENT, role_pay_rows
from analytics.levels.queries import companies
from analytics.roles.queries import role_names, role_ranges, role_single_figures
from analytics.urlstate import parse_choice

COLUMNS = {
    "from_role": "From",
    "to_role": "To",
    "note": "What the source says",
    "source_title": "Source",
    "source_publisher": "Publisher",
    "source_id": "Source id",
}
PAY_COLUMNS = {
    "role": st.column_config.TextColumn("Role", width="medium"),
    "pay": st.column_config.TextColumn("Reported pay", width=170),
    "figure": st.column_config.TextColumn("Figure", width=110),
    "where": st.column_config.TextColumn("Where", width=100),
    "year": st.column_config.TextColumn("Year", width=80),
    "source_title": "Source",
}
# One diagram for every width: seven seniority columns need about 760 px, so a phone scrolls it sideways.
SCROLL_CSS = """<style>
.st-key-career_paths_diagram { overflow-x: auto; }
.st-key-career_paths_diagram [data-testid="stElementContainer"] { min-width: 760px; }
</style>"""

st.title("Career paths")
st.caption("The moves between roles that the sources name, with each role's reported pay.")
filters = ui.shared_filters(show=("roles",))
view = ui.money_view()
state = ui.PageState(
    "career_paths",
    {"component": DEFAULT_COMPONENT},
    lambda params, parsed: parse_choice(params, "component", list(COMPONENTS), DEFAULT_COMPONENT, parsed, "pay"),
)
component = state.widget(
    st.radio,
    "Pay compared along the paths",
    "component",
    options=list(COMPONENTS),
    format_func=COMPONENTS.get,
    horizontal=True,
    help="Every role shows the same pay component, so no step compares a base salary with a total. "
    "A role with no figure of it says so.",
)
state.sync_url()

paths = ui.load(career_path_links)
con = ui.connection()
ranges = view.apply(
    con, ui.load(role_ranges, ui.load(role_names), ui.load(companies)), ["min_usd", "max_usd", "midpoint_usd"]
)
figures = view.apply(con, ui.load(role_single_figures), ["annual_usd"])
st.html(SCROLL_CSS)
with st.container(key="career_paths_diagram"):
    dark = st.context.theme.type == "dark"
    st.plotly_chart(
        ui.figure(career_path_sankey, paths, ranges, filters.roles, figures, dark=dark, component=component),
        key="career_paths_chart",
        width="stretch",
    )
st.markdown(
    "**How to read it.** Each band is one path from a role to a next role, junior first, as a source names "
    "it. **Every band has the value 1: it is a path, not a count of people**, so a tall role simply has "
    "many paths. Each role's label gives its reported pay of the component chosen above, the same for every "
    "role: its range (market-wide first) or, without one, a single reported figure with the company and level; "
    "a role with no figure of that component says so. The table below lists every figure with its year and "
    "source. Roles keep their colours from "
    "the other pages; the roles chosen in the sidebar are bright, with the paths that start or end at them. "
    "Hover or tap a role or a band for its sources. On a narrow screen, scroll the diagram sideways."
)
if view.caption():
    st.caption(view.caption())
missing = [r for r in filters.roles if r not in set(paths["from_role"]) | set(paths["to_role"])]
if missing:
    st.caption(f"In no path in the sources: {', '.join(missing)}.")

st.subheader(f"Each role's reported pay: {COMPONENTS[component].lower()}")
seniority = dict(zip(paths.from_role, paths.from_seniority, strict=True)) | dict(
    zip(paths.to_role, paths.to_seniority, strict=True)
)
in_paths = sorted(seniority, key=lambda r: (seniority[r], r))  # the diagram's order
pay = role_pay_rows(ranges, figures, in_paths, component)
st.dataframe(
    pay,
    hide_index=True,
    width="stretch",
    column_config=PAY_COLUMNS,
    column_order=["role", "pay", "where", "figure", "year", "source_title"],
    height="content",
)
st.caption(
    "Annual US dollars as the sources report them"
    + (f", in {view.today_label} where a year is known" if view.adjusted else "")
    + "."
)
pay_frame = ranges[ranges["role"].isin(in_paths)]
ui.download_csv(
    pay_frame, "payladder-career-pay-ranges.csv", key="career_paths_pay_download", label="Download the pay ranges (CSV)"
)

st.subheader("Paths through the chosen roles")
chosen = paths["from_role"].isin(filters.roles) | paths["to_role"].isin(filters.roles)
shown = paths.loc[chosen, list(COLUMNS)]
if shown.empty:
    ui.empty_message("career paths through the chosen roles")
else:
    more = " Choose more roles in the sidebar to list the others." if len(shown) < len(paths) else ""
    st.caption(f"{len(shown)} of the {len(paths)} paths start or end at a chosen role.{more}")
    st.dataframe(shown, hide_index=True, width="stretch", column_config=COLUMNS)
    ui.download_csv(shown, "payladder-career-paths.csv", key="career_paths_download")
