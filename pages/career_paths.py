"""Career paths: the moves between roles that the sources name, with each role's reported pay."""

import streamlit as st

from analytics import ui
from analytics.careers.charts import career_path_sankey
from analytics.careers.queries import career_path_links
from analytics.levels.queries import companies
from analytics.roles.queries import role_names, role_ranges, role_single_figures

COLUMNS = {"from_role": "From", "to_role": "To", "note": "What the source says", "source_title": "Source",
           "source_publisher": "Publisher", "source_id": "Source id"}
# Seven seniority columns side by side need room: below this width the diagram runs top-down instead.
NARROW_CSS = """<style>
@media (max-width: 899px) { .st-key-career_paths_wide { display: none; } }
@media (min-width: 900px) { .st-key-career_paths_narrow { display: none; } }
</style>"""

st.title("Career paths")
st.caption("The moves between roles that the sources name, with each role's reported pay.")
filters = ui.shared_filters(show=("roles",))

paths = ui.load(career_path_links)
ranges = ui.load(role_ranges, ui.load(role_names), ui.load(companies))
figures = ui.load(role_single_figures)
st.html(NARROW_CSS)
for key, vertical in (("career_paths_wide", False), ("career_paths_narrow", True)):
    with st.container(key=key):
        figure = career_path_sankey(paths, ranges, filters.roles, figures, vertical=vertical)
        st.plotly_chart(figure, key=f"{key}_chart", width="stretch")
st.markdown(
    "**How to read it.** Each band is one path from a role to a next role, junior first, as a source names "
    "it. **Every band has the value 1: it is a path, not a count of people**, so a tall role simply has "
    "many paths. Roles keep their colours from the other pages; the roles chosen in the sidebar are bright, "
    "with the paths that start or end at them, and the rest are faded. Hover or tap a role for its reported "
    "pay range (market-wide first) or, without a range, its single reported figures, each with its source "
    "(or *no pay figure in the sources*); hover a band for its source and what the source says.")
missing = [r for r in filters.roles if r not in set(paths["from_role"]) | set(paths["to_role"])]
if missing:
    st.caption(f"In no path in the sources: {', '.join(missing)}.")

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
