"""Levels: Amazon's L4 to L12 and Google's PM ladder per source, side by side with their approximate
equivalences; pay reported per level on one axis for both companies (the levels.fyi spread as boxes);
the steps in pay between levels; Amazon's head-count hints. Figures are cached per inputs and build."""

import streamlit as st

from analytics import metrics, ui
from analytics.format import MARKET
from analytics.levels import charts, queries, tables
from analytics.urlstate import parse_choice

COMPONENTS = ["total", "base", "stock", "bonus"]

st.title("Levels")
st.caption(
    "Company levels as each source names them, with the pay reported per level. "
    "Where sources disagree, both sides are shown with their dates."
)
filters = ui.shared_filters(show=("companies", "levels"))
ladder_levels = filters.levels(ui.load(queries.level_names))
ladder = ui.load(queries.level_ladder, [c for c in filters.companies if c != MARKET], ladder_levels)
ladder = ladder.assign(title=ladder["title"].map(tables.clean_title))
if ladder.empty:
    ui.empty_message("company levels (choose Amazon or Google and a level range)")
    st.stop()
companies = list(dict.fromkeys(ladder["company"]))
view = ui.money_view()

st.subheader("The ladders side by side")
chart_col, notes_col = st.columns(2)
chart_col.plotly_chart(
    ui.figure(charts.ladder_chart, ladder, ui.load(queries.level_equivalences)),
    key="levels_ladder_chart",
    width="stretch",
)
disputes = tables.disagreements(ladder)
notes_col.caption(
    "Rungs sit at each company's own level number. Dashed lines join levels that "
    "career sites call roughly equal: **≈ approximate**, a rough guide built from transfer "
    "data and levelling rubrics (tryapt.ai, getpromoted.app, levels.fyi community). Shaded "
    "boxes are one title a source gives to several levels, such as the seed article's PM "
    "band (most Google PMs are at levels 3, 4 and 5). Hover a rung for every source's title "
    "and date."
)
if disputes:
    notes_col.warning("**Where the sources differ**\n" + "\n".join(disputes), icon="⚖️")
shown = ladder[
    ["company", "level", "title", "sources", "as_of", "pm_titles", "who", "note", "source_titles", "source_ids"]
]
ui.table(shown, tables.ladder_table(), key="levels_ladder")
ui.download(shown, tables.ladder_table(), "payladder-levels", key="levels_ladder", label="Download this ladder")

st.subheader("Pay reported per level")
state = ui.PageState(
    "levels",
    {"component": "total"},
    lambda params, parsed: parse_choice(params, "component", COMPONENTS, "total", parsed, "pay component"),
)
component = state.widget(
    st.radio, "Pay component", "component", options=COMPONENTS, horizontal=True, format_func=str.capitalize
)
state.sync_url()
rungs = {c: list(dict.fromkeys(ladder.loc[ladder["company"] == c, "level"])) for c in companies}
pay = tables.component_pay(ui.load(queries.level_pay, companies, ladder_levels), component)
steps = view.apply(ui.connection(), tables.steps_shown(pay), ["from_usd", "to_usd"])
pay = view.apply(ui.connection(), pay, ["annual_usd"])
if pay.empty:
    ui.empty_message(f"{component} pay reported per level")
else:
    pay_chart = ui.figure(charts.level_pay_chart, pay, rungs, view.today_label if view.adjusted else "USD")
    st.plotly_chart(pay_chart, key="levels_pay_chart", width="stretch")
    pay_shown = tables.level_figures(pay)
    disputed = tables.disputed_sources(pay_shown)
    st.caption(tables.pay_caption(component, disputed) + " " + view.caption())
    described = tables.pay_columns(view, component, bool(disputed))
    ui.table(pay_shown, described, key="levels_pay")
    ui.download(pay_shown, described, "payladder-level-pay", key="levels_pay", label="Download these figures")

st.subheader("Steps between levels")
ranges = view.apply(ui.connection(), ui.load(queries.level_ranges, companies, ladder_levels), ["min_usd", "max_usd"])
bands, lone = tables.level_bands(ranges), tables.range_lines(tables.lone_ranges(ranges))
if not bands.empty:
    ui.table(bands, tables.bands_table(view), key="levels_bands")
    st.caption(
        "Levels with a reported min–max range; midpoint, spread, progression and overlap are derived. "
        f"Overlap variant: {metrics.OVERLAP_VARIANT}. " + view.caption()
    )
    ui.download(
        bands, tables.bands_table(view), "payladder-level-bands", key="levels_bands", label="Download these ranges"
    )
if lone:
    st.markdown("A single reported range has no step to a neighbouring level: " + "; ".join(lone) + ".")
if steps.empty:
    st.markdown(
        f"No source reports {component} medians (or single figures) for two consecutive levels here, so "
        "there is no step to show."
    )
else:
    ui.table(steps, tables.steps_table(view), key="levels_steps")
    st.caption(
        "Derived: midpoint progression, (higher − lower) ÷ lower, between consecutive reported "
        "levels' medians (or reported figures) from the same source and statistic only; sources are "
        "never mixed. " + view.caption()
    )
    ui.download(
        steps, tables.steps_table(view), "payladder-level-steps", key="levels_steps", label="Download these steps"
    )

if "Amazon" in companies:
    st.subheader("How many people at each Amazon level")
    counts = ui.load(queries.level_headcounts, ["Amazon"], ladder_levels)
    if counts.empty:
        ui.empty_message("head-count hints")
    else:
        pyramid_col, text_col = st.columns([3, 2])
        pyramid_col.plotly_chart(ui.figure(charts.headcount_pyramid, counts), key="levels_headcounts", width="stretch")
        with text_col:
            ui.table(counts, tables.headcounts_table(), key="levels_headcount_hints")
            st.caption(
                f"Approximate: each bar's width is the order of magnitude implied by the hint, not "
                f"a count (log scale). Source: {counts['source_title'].iloc[0]} "
                f"({counts['source_publisher'].iloc[0]}), {counts['as_of'].iloc[0]}."
            )
            ui.download(
                counts,
                tables.headcounts_table(),
                "payladder-level-headcounts",
                key="levels_headcount_hints",
                label="Download",
            )
