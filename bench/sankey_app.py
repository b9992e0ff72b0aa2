"""The second reference for bench/browser.py: the Career paths Sankey alone, its highlight toggled by a selectbox.

Plotly animates every Sankey update for a fixed 500 ms, so no page holding this diagram can settle
faster than this app does; the Career paths page is judged against it as well as against the floor.
It draws the real diagram (analytics.careers.charts) from the built warehouse, with its data and
figure cached as a page's would be, and nothing else on the page.
"""

import streamlit as st

from analytics.careers.charts import career_path_sankey
from analytics.careers.queries import career_path_links
from analytics.db import connect
from analytics.levels.queries import companies
from analytics.roles.queries import role_names, role_ranges, role_single_figures


@st.cache_resource
def diagram_data():
    """The paths, the role ranges and the single figures the Career paths page draws from."""
    con = connect()
    try:
        return career_path_links(con), role_ranges(con, role_names(con), companies(con)), role_single_figures(con)
    finally:
        con.close()


@st.cache_resource
def diagram(role: str):
    paths, ranges, figures = diagram_data()
    return career_path_sankey(paths, ranges, [role], figures)


paths = diagram_data()[0]
roles = list(dict.fromkeys([*paths["from_role"], *paths["to_role"]]))
role = st.selectbox("Role", roles[:2])
st.plotly_chart(diagram(role), key="sankey_chart", width="stretch")  # keyed, as the page's is
