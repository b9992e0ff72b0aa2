"""Career paths: the moves between roles that the sources name, with each role's reported pay of one component."""

import streamlit as st

from analytics import ui
from analytics.careers.charts import career_path_sankey
from analytics.careers.queries import career_path_links
from analytics.careers.tables import COMPONENTS, DEFAULT_COMPONENT, paths_table, pay_rows_table, role_pay_rows
from analytics.levels.queries import companies
from analytics.roles.queries import role_names, role_ranges, role_single_figures
from analytics.urlstate import parse_choice

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
        # Plotly slides every Sankey update for 500 ms (a fresh chart too): kept, so the eye follows the flows a
        # new highlight moves (issue 23; bench/RESULTS.md measures the page against the Sankey alone).
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
ui.table(pay, pay_rows_table(view), key="career_paths_pay", height="content")
st.caption(
    "Annual US dollars as the sources report them"
    + (f", in {view.today_label} where a year is known" if view.adjusted else "")
    + "."
)
ui.download(pay, pay_rows_table(view), "payladder-career-pay", key="career_paths_pay", label="Download the pay")

st.subheader("Paths through the chosen roles")
chosen = paths["from_role"].isin(filters.roles) | paths["to_role"].isin(filters.roles)
shown = paths.loc[chosen]
if shown.empty:
    ui.empty_message("career paths through the chosen roles")
else:
    more = " Choose more roles in the sidebar to list the others." if len(shown) < len(paths) else ""
    st.caption(f"{len(shown)} of the {len(paths)} paths start or end at a chosen role.{more}")
    ui.table(shown, paths_table(), key="career_paths")
    ui.download(shown, paths_table(), "payladder-career-paths", key="career_paths", label="Download these paths")
