"""Roles: chosen roles' reported pay ranges side by side, what each role does, range statistics,
and where one annual pay sits in a range."""

import streamlit as st

from analytics import metrics, ui
from analytics.roles.queries import role_details, role_profiles
from analytics.roles.tables import labelled_ranges, pay_in_range, range_statistics
from analytics.urlstate import Parsed, parse_choice, parse_number

st.title("Roles")
st.caption("Compare what chosen roles pay and what they do, side by side. Every number names its source.")
filters = ui.shared_filters(show=("roles", "companies"))
view = ui.money_view()
if not filters.roles:
    ui.empty_message("roles chosen")
    st.stop()

st.subheader("Reported pay ranges")
ranges = labelled_ranges(ui.reported_ranges(filters, key="roles_chart", view=view))
without = [r for r in filters.roles if r not in set(ranges["role"])]
if without:
    st.caption(f"No reported min–max range for this selection: {', '.join(without)}. "
               "Pay reported per company level is on the **Levels** page.")

st.subheader("What each role does")
details = ui.load(role_details, filters.roles)
for start in range(0, len(details), 3):
    for col, role in zip(st.columns(3), details.iloc[start:start + 3].itertuples(), strict=False):
        with col.container(border=True):
            st.markdown(f"**{role.role}** :gray-badge[{role.track} track]")
            st.write(role.description)
            st.markdown(f"**Next steps:** {' · '.join(role.next_steps) or 'none named'}")
            sources = list(dict.fromkeys([role.source_title, *role.next_steps_source_titles]))
            st.caption(("Sources: " if len(sources) > 1 else "Source: ") + "; ".join(sources))

profiles = ui.load(role_profiles, filters.roles)
profiled = [r for r in filters.roles if r in set(profiles["role"])]
unprofiled = [r for r in filters.roles if r not in profiled]
if unprofiled:
    st.info(f"No role profile in the sources for {', '.join(unprofiled)}: the seed article compares only "
            "Product Coordinator and Assistant/Associate Product Manager.", icon="ℹ️")
if profiled:
    comparisons = list(dict.fromkeys(profiles["comparison"]))
    for tab, comparison in zip(st.tabs(comparisons), comparisons, strict=True):
        rows = profiles[profiles["comparison"] == comparison]
        wide = rows.pivot_table(index="aspect", columns="role", values="description", aggfunc="first",
                                sort=False)[profiled].reset_index()
        tab.dataframe(wide, hide_index=True, width="stretch", column_config={"aspect": "Aspect"})
        tab.caption(f"Source: {rows['source_title'].iloc[0]}")

st.subheader("Range statistics")
if ranges.empty:
    ui.empty_message("reported pay ranges")
    st.stop()
try:
    shown = range_statistics(ranges)
except ValueError as error:
    st.error(str(error))
    st.stop()
money, money_config = ui.money_columns(view, {"min_usd": "Min", "max_usd": "Max"})
st.dataframe(shown, hide_index=True, width="stretch",
             column_order=["label", *money, "midpoint", "spread", "progression", "overlap_with_previous", "year",
                           "source_title", "source_publisher", "note"],
             column_config={
                 "label": st.column_config.TextColumn("Range", width="large", pinned=True), **money_config,
                 "midpoint": ui.money_column("Derived midpoint"),
                 "spread": ui.percent_column("Spread", "(max − min) ÷ min"),
                 "progression": ui.percent_column("Progression", "Midpoint progression from the range above"),
                 "overlap_with_previous": ui.percent_column("Overlap", "Overlap with the range above: "
                                                            + metrics.OVERLAP_VARIANT),
                 "year": st.column_config.NumberColumn("Year", format="%d"),
                 "source_title": "Source", "source_publisher": "Publisher", "note": "Note"})
st.caption("Ordered by seniority. Midpoint, spread, progression and overlap are derived from the reported "
           "min and max; progression and overlap compare each range with the one above it. "
           f"Overlap variant: {metrics.OVERLAP_VARIANT}.")
ui.download_csv(shown, "payladder-roles.csv", key="roles_download")

st.subheader("Where does a pay sit?")
options = ranges["label"].tolist()


def read(params: dict, parsed: Parsed) -> None:
    parse_number(params, "pay", None, parsed, low=0, high=100_000_000, label="pay")
    parse_choice(params, "range", options, options[0], parsed, "range")


state = ui.page_state("roles", {"pay": None, "range": options[0]}, read)
if state["range"] not in options:
    state["range"] = options[0]
left, right = st.columns(2)
pay = state.widget(left.number_input, "Annual pay (USD)", "pay", value=None, min_value=0.0, step=1000.0,
                   placeholder="e.g. 95000")
chosen = state.widget(right.selectbox, "Range", "range", options=options)
state.sync_url()
if pay is None:
    st.caption("Enter an annual pay to see its compa-ratio and range penetration.")
else:
    try:
        pos = pay_in_range(pay, ranges[ranges["label"] == chosen].iloc[0])
    except ValueError as error:
        st.error(str(error))
    else:
        cols = st.columns(3)
        cols[0].metric("Compa-ratio", f"{pos['compa_ratio']:.2f}", help="Pay ÷ range midpoint")
        cols[1].metric("Range penetration", f"{pos['penetration']:.0%}", help="(pay − min) ÷ (max − min)")
        cols[2].metric("Position", pos["label"])
        st.caption(pos["sentence"])
