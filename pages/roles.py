"""Roles: chosen roles' reported pay ranges side by side, what each role does, range statistics,
and where one annual pay sits in a range."""

import pandas as pd
import streamlit as st

from analytics import metrics, ui
from analytics.charts import money, role_range_chart
from analytics.queries import MARKET, role_details, role_marks, role_profiles, role_ranges
from analytics.state import Parsed, parse_choice, parse_number

st.title("Roles")
st.caption("Compare what chosen roles pay and what they do, side by side. Every number names its source.")
filters = ui.shared_filters(show=("roles", "companies"))
if not filters.roles:
    ui.empty_message("roles chosen")
    st.stop()

st.subheader("Reported pay ranges")
ranges = ui.load(role_ranges, filters.roles, filters.companies)
ranges = ranges.assign(label=[f"{r.role}{'' if r.company == MARKET else ' · ' + r.company} ({r.component})"
                              for r in ranges.itertuples()])
if ranges.empty:
    ui.empty_message("reported pay ranges")
else:
    marks = ui.load(role_marks, filters.roles, filters.companies)
    st.plotly_chart(role_range_chart(ranges, marks), key="roles_chart", width="stretch")
    st.caption("Bars run from the reported minimum to maximum, annual USD; the line marks the midpoint "
               "(derived), diamonds mark single reported figures such as averages. Hover for the source.")
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
            steps = role.next_steps.replace("; ", " · ") if isinstance(role.next_steps, str) else "none named"
            st.markdown(f"**Next steps:** {steps}")
            titles = role.next_steps_source_title
            steps_sources = titles.split("; ") if isinstance(titles, str) else []
            sources = list(dict.fromkeys([role.source_title, *steps_sources]))
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
    stats = metrics.band_table(ranges.assign(min=ranges["min_usd"], max=ranges["max_usd"]))
except ValueError as error:
    st.error(str(error))
    st.stop()
shown = stats[["label", "role", "company", "component", "min_usd", "max_usd", "midpoint", "spread",
               "progression", "overlap_with_previous", "year", "source_id", "source_title",
               "source_publisher", "note"]]
ratios = ["spread", "progression", "overlap_with_previous"]
st.dataframe(shown.drop(columns=["role", "company", "component", "source_id"]).assign(
    **{c: shown[c] * 100 for c in ratios}), hide_index=True, width="stretch", column_config={
    "label": st.column_config.TextColumn("Range", width="large", pinned=True), "min_usd": ui.money_column("Min"),
    "max_usd": ui.money_column("Max"), "midpoint": ui.money_column("Derived midpoint"),
    "spread": ui.percent_column("Spread", "(max − min) ÷ min"),
    "progression": ui.percent_column("Progression", "Midpoint progression from the range above"),
    "overlap_with_previous": ui.percent_column("Overlap", "Overlap with the range above: " + metrics.OVERLAP_VARIANT),
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


ui.page_state("roles", read)
if st.session_state.get("shared_range") not in options:
    st.session_state["shared_range"] = options[0]
st.session_state.setdefault("shared_pay", None)
for name in ("pay", "range"):
    st.session_state[f"roles_{name}"] = st.session_state[f"shared_{name}"]


def keep(name: str) -> None:
    st.session_state[f"shared_{name}"] = st.session_state[f"roles_{name}"]


left, right = st.columns(2)
pay = left.number_input("Annual pay (USD)", key="roles_pay", value=None, min_value=0.0, step=1000.0,
                        placeholder="e.g. 95000", on_change=keep, args=("pay",))
chosen = right.selectbox("Range", options, key="roles_range", on_change=keep, args=("range",))
ui.sync_url({"pay": pay, "range": chosen}, {"pay": None, "range": options[0]})
row = ranges[ranges["label"] == chosen].iloc[0]
if pay is None:
    st.caption("Enter an annual pay to see its compa-ratio and range penetration.")
else:
    try:
        pos = metrics.pay_position(pay, row["min_usd"], row["max_usd"])
    except ValueError as error:
        st.error(str(error))
    else:
        in_band = 0.90 <= pos["compa_ratio"] <= 1.10
        cols = st.columns(3)
        cols[0].metric("Compa-ratio", f"{pos['compa_ratio']:.2f}", help="Pay ÷ range midpoint")
        cols[1].metric("Range penetration", f"{pos['penetration']:.0%}", help="(pay − min) ÷ (max − min)")
        cols[2].metric("Position", pos["label"])
        st.caption(f"{money(pay)} against {chosen}: {money(row['min_usd'])} – {money(row['max_usd'])}"
                   f"{'+' if pd.notna(row['max_is_lower_bound']) and row['max_is_lower_bound'] else ''}, "
                   f"midpoint {money(row['midpoint_usd'])} (derived). Source: {row['source_title']}. "
                   f"The compa-ratio is {'inside' if in_band else 'outside'} the usual 0.90–1.10 band.")
