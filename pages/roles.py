"""Roles: chosen roles' reported pay ranges side by side, what each role does, range statistics,
and where one annual pay sits in a range."""

import streamlit as st

from analytics import metrics, ui
from analytics.format import md
from analytics.roles.charts import role_range_chart
from analytics.roles.queries import role_details, role_marks, role_profiles, role_ranges, titled_level_figures
from analytics.roles.tables import (
    NO_PAIR,
    PAY_RANGE,
    RANGE_AMOUNTS,
    RANGE_CHART_NOTE,
    labelled_ranges,
    pay_in_range,
    pay_problem,
    range_statistics,
    statistics_shown,
    titled_figures_shown,
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
without = [r for r in filters.roles if r not in set(ranges["role"])]
titled = view.apply(ui.connection(), ui.load(titled_level_figures, without), ["annual_usd"]) if without else None
if without:
    st.caption(
        f"No reported min–max range for this selection: {', '.join(without)}. "
        "Pay reported per company level is on the **Levels** page."
    )
if titled is not None and not titled.empty:
    st.markdown(
        f"**No market-wide figure for {md(', '.join(dict.fromkeys(titled['role'])))}: company figures "
        "for the levels that carry that title**"
    )
    money, money_config = ui.money_columns(view, {"annual_usd": "Amount"})
    st.dataframe(
        titled_figures_shown(titled),
        hide_index=True,
        width="stretch",
        column_order=["role", "where", *money, "figure", "source_publisher", "year", "sample_size", "level_title"],
        column_config={
            "role": st.column_config.TextColumn("Role", width=130),
            "where": st.column_config.TextColumn("Level", width=90),
            "level_title": st.column_config.TextColumn(
                "Title there",
                help="The level's title or PM title that names the role, per "
                "the levels table (data/levels.csv, columns pm_titles and title)",
            ),
            "figure": "Figure",
            **money_config,
            "year": "Year",
            "sample_size": "n",
            "source_publisher": "Source",
        },
    )
    st.caption(
        "Company figures as reported for that level, not a market-wide range; sources can disagree on "
        "which level carries a title. " + view.caption()
    )

st.subheader("What each role does")
details = ui.load(role_details, filters.roles)
for start in range(0, len(details), 3):
    for col, role in zip(st.columns(3), details.iloc[start : start + 3].itertuples(), strict=False):
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
    st.info(
        f"No role profile in the sources for {', '.join(unprofiled)}: the seed article compares only "
        "Product Coordinator and Assistant/Associate Product Manager.",
        icon="ℹ️",
    )
if profiled:
    comparisons = list(dict.fromkeys(profiles["comparison"]))
    for tab, comparison in zip(st.tabs(comparisons), comparisons, strict=True):
        rows = profiles[profiles["comparison"] == comparison]
        wide = rows.pivot_table(index="aspect", columns="role", values="description", aggfunc="first", sort=False)[
            profiled
        ].reset_index()
        tab.dataframe(wide, hide_index=True, width="stretch", column_config={"aspect": "Aspect"})
        tab.caption(f"Source: {rows['source_title'].iloc[0]}")

st.subheader("Range statistics")
if ranges.empty:
    ui.empty_message("reported pay ranges")
    st.stop()
try:
    stats = range_statistics(ranges)
except ValueError as error:
    st.error(str(error))
    st.stop()
money, money_config = ui.money_columns(view, {"min_usd": "Min", "max_usd": "Max"})
for column in money_config.values():
    column["width"] = "small"
st.dataframe(
    statistics_shown(stats),
    hide_index=True,
    width="stretch",
    column_order=[
        "label",
        *money,
        "midpoint",
        "spread",
        "progression",
        "overlap_with_previous",
        "year",
        "source_title",
        "compared_with",
    ],
    column_config={
        "label": st.column_config.TextColumn("Range", width="medium", pinned=True),
        **money_config,
        "midpoint": {**ui.money_column("Mid"), "width": "small", "help": "Derived midpoint: (min + max) ÷ 2"},
        "spread": st.column_config.TextColumn("Spread", width="small", help="(max − min) ÷ min"),
        "progression": st.column_config.TextColumn(
            "Progr.",
            width="small",
            help=f"Midpoint progression from the range named in “Below”: (mid − its mid) ÷ its mid; {NO_PAIR}",
        ),
        "overlap_with_previous": st.column_config.TextColumn(
            "Overlap",
            width="small",
            help=f"Overlap with the range named in “Below”: {metrics.OVERLAP_VARIANT}; {NO_PAIR}",
        ),
        "year": st.column_config.TextColumn("Year", width="small"),
        "source_title": st.column_config.TextColumn("Source", width="medium"),
        "compared_with": st.column_config.TextColumn(
            "Below",
            help="The next lower range in the same company (or market-wide), source and pay "
            "component, which progression and overlap compare with",
        ),
    },
)
st.caption(
    "Ordered by seniority. Midpoint, spread, progression and overlap are derived from the reported "
    "min and max. Progression and overlap compare a range only with the next lower role of the same "
    "company (or market-wide), source and pay component (column *Below*); otherwise they are blank. "
    f"Overlap variant: {metrics.OVERLAP_VARIANT}. Publisher and note are in the download. " + view.caption()
)
ui.download_csv(stats, "payladder-roles.csv", key="roles_download")

st.subheader("Where does a pay sit?")
options = ranges["label"].tolist()


def read(params: dict, parsed: Parsed) -> None:
    parse_number(params, "pay", None, parsed, low=PAY_RANGE[0], high=PAY_RANGE[1], label="pay")
    parse_choice(params, "range", options, options[0], parsed, "range")


state = ui.PageState("roles", {"pay": None, "range": options[0]}, read)
if state["range"] not in options:
    state["range"] = options[0]
left, right = st.columns(2)
pay = state.widget(
    left.number_input,
    "Annual pay (USD)",
    "pay",
    value=None,
    min_value=PAY_RANGE[0],
    max_value=PAY_RANGE[1],
    step=1000.0,
    placeholder="e.g. 95000",
    help=f"From \\${PAY_RANGE[0]:,.0f} to \\${PAY_RANGE[1]:,.0f} a year; leave blank for none.",
)
chosen = state.widget(right.selectbox, "Range", "range", options=options)
# Streamlit turns a value outside the input's range back into blank; say so, and keep it out of the link.
problem = pay_problem(state["pay"] if pay is None else pay)
if problem and state["pay"] is not None:
    st.warning(problem)
    state["pay"] = pay = None
state.sync_url()
if pay is None:
    st.caption(pay_problem(None))
else:
    try:
        pos = pay_in_range(pay, ranges[ranges["label"] == chosen].iloc[0])
    except ValueError as error:
        st.error(str(error))
    else:
        cols = st.columns(3)
        cols[0].metric("Compa-ratio", f"{pos['compa_ratio']:,.2f}", help="Pay ÷ range midpoint")
        cols[1].metric(
            "Range penetration", pos["penetration_text"], help=f"(pay − min) ÷ (max − min) = {pos['penetration']:,.0%}"
        )
        cols[2].metric("Position", pos["label"])
        st.caption(pos["sentence"])
