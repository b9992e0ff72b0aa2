"""Roles: chosen roles' reported pay ranges side by side, what each role does, range statistics,
and where one annual pay sits in a range."""

import streamlit as st

from analytics import metrics, ui
from analytics.format import md
from analytics.market.tables import pay_input
from analytics.metrics import YEARLY_PAY
from analytics.roles.charts import role_range_chart
from analytics.roles.queries import role_details, role_marks, role_profiles, role_ranges, titled_level_figures
from analytics.roles.tables import (
    PAY_PROMPT,
    RANGE_AMOUNTS,
    RANGE_CHART_NOTE,
    chosen_range,
    labelled_ranges,
    next_steps_text,
    no_profile_note,
    no_range_note,
    pay_refusal,
    place_in_range,
    profile_table,
    profile_tables,
    profiled_roles,
    range_statistics,
    roles_without_range,
    sources_text,
    statistics_table,
    titled_figures_shown,
    titled_heading,
    titled_table,
)
from analytics.urlstate import Parsed, parse_choice, parse_number

st.title("Roles")
st.caption("Compare what chosen roles pay and what they do, side by side. Every number names its source.")
filters = ui.shared_filters(show=("roles", "companies"))
view = ui.money_view()
if not filters.roles:
    ui.empty_message("roles chosen")
    st.stop()

st.subheader("Reported pay ranges")
ranges = view.apply(ui.connection(), ui.load(role_ranges, filters.roles, filters.companies), RANGE_AMOUNTS)
marks = view.apply(ui.connection(), ui.load(role_marks, filters.roles, filters.companies), ["annual_usd"])
if ranges.empty:
    ui.empty_message("reported pay ranges")
else:
    st.plotly_chart(ui.figure(role_range_chart, ranges, marks), key="roles_chart", width="stretch")
    st.caption(RANGE_CHART_NOTE + view.caption())
ranges = labelled_ranges(ranges)
without = roles_without_range(filters.roles, ranges)
titled = view.apply(ui.connection(), ui.load(titled_level_figures, without), ["annual_usd"])
if without:
    st.caption(no_range_note(without))
if not titled.empty:
    st.markdown(titled_heading(titled))
    ui.table(titled_figures_shown(titled), titled_table(view), key="roles_titled")
    st.caption(
        "Company figures as reported for that level, not a market-wide range; sources can disagree on "
        "which level carries a title. " + view.caption()
    )
    ui.download(titled_figures_shown(titled), titled_table(view), "payladder-titled-levels", key="roles_titled")

st.subheader("What each role does")
details = ui.load(role_details, filters.roles)
for start in range(0, len(details), 3):
    for col, role in zip(st.columns(3), details.iloc[start : start + 3].itertuples(), strict=False):
        with col.container(border=True):
            st.markdown(f"**{role.role}** :gray-badge[{role.track} track]")
            st.write(role.description)
            st.markdown(f"**Next steps:** {next_steps_text(role.next_steps)}")
            st.caption(sources_text(role.source_title, role.next_steps_source_titles))

profiles = ui.load(role_profiles, filters.roles)
profiled, unprofiled = profiled_roles(filters.roles, profiles)
if unprofiled:
    st.info(no_profile_note(unprofiled), icon="ℹ️")
if profiled:
    tables, described = profile_tables(profiles, profiled), profile_table(profiles, profiled)
    # One tab drawn, the open one (kept for the session): a change elsewhere re-sends one comparison, not five.
    opened = ui.PageState("roles", {}, session={"comparison": next(iter(tables))})
    if opened["comparison"] not in tables:
        opened["comparison"] = next(iter(tables))
    with opened.tab("comparison", {name: name for name in tables}):
        i = list(tables).index(opened["comparison"])
        table, source = tables[opened["comparison"]]
        ui.table(table, described, key=f"roles_profile_{i}")
        st.caption(f"Source: {source}")
        ui.download(table, described, f"payladder-role-profiles-{i + 1}", key=f"roles_profile_{i}")

st.subheader("Range statistics")
if ranges.empty:
    ui.empty_message("reported pay ranges")
    st.stop()
try:
    stats = range_statistics(ranges)
except ValueError as error:
    st.error(str(error))
    st.stop()
ui.table(stats, statistics_table(view), key="roles_statistics")
st.caption(
    "Ordered by seniority. Midpoint, spread, progression and overlap are derived from the reported "
    "min and max. Progression and overlap compare a range only with the next lower role of the same "
    "company (or market-wide), source and pay component (column *Below*); otherwise they are blank. "
    f"Overlap variant: {metrics.OVERLAP_VARIANT}. Publisher and note are in the download. " + view.caption()
)
ui.download(stats, statistics_table(view), "payladder-roles", key="roles_statistics", label="Download this comparison")

st.subheader("Where does a pay sit?")
options = ranges["label"].tolist()


def read(params: dict, parsed: Parsed) -> None:
    parse_number(params, "pay", None, parsed, low=YEARLY_PAY.low, high=YEARLY_PAY.high, label="pay")
    parse_choice(params, "range", options, options[0], parsed, "range")


state = ui.PageState("roles", {"pay": None, "range": options[0]}, read)
state["range"] = chosen_range(state["range"], options)
left, right = st.columns(2)
pay = state.widget(
    left.number_input,
    "Annual pay (USD)",
    "pay",
    value=None,
    **pay_input("annual", 95_000),
)
chosen = state.widget(right.selectbox, "Range", "range", options=options)
# Streamlit turns a value outside the input's range back into blank; say so, and keep it out of the link.
if refusal := pay_refusal(state["pay"]):
    st.warning(md(refusal))  # md: the two dollar amounts must not read as maths
state["pay"] = pay = YEARLY_PAY.check(state["pay"])
state.sync_url()
if pay is None:
    st.caption(PAY_PROMPT)
else:
    try:
        pos = place_in_range(pay, ranges[ranges["label"] == chosen].iloc[0])
    except ValueError as error:
        st.error(str(error))
    else:
        cols = st.columns(3)
        cols[0].metric(
            "Compa-ratio",
            f"{pos['compa_ratio']:,.2f}",
            help="Pay ÷ the range's midpoint: 1.00 is at the midpoint, 0.90–1.10 the usual band",
        )
        cols[1].metric(
            "Range penetration", pos["penetration_text"], help=f"(pay − min) ÷ (max − min) = {pos['penetration']:,.0%}"
        )
        cols[2].metric("Position", pos["label"])
        st.caption(pos["sentence"])
