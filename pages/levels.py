"""Levels: Amazon's L4 to L12 and Google's PM ladder per source, side by side with their approximate
equivalences; pay reported per level on one axis for both companies (the levels.fyi spread as boxes);
the steps in pay between levels; Amazon's head-count hints. Figures are cached per inputs and build."""

import streamlit as st

from analytics import metrics, ui
from analytics.format import LOW_N, MARKET
from analytics.levels import charts, queries, tables
from analytics.urlstate import parse_choice

COMPONENTS = ["total", "base", "stock", "bonus"]
N_HELP = "Reports behind the figure; not reported when the source gives no sample size"
FIGURE_HELP = "One figure per level and source: its median, else its reported figure, else its average"
SPREAD_HELP = (
    "Where the source reports them: a quarter of reports lie below the 25th percentile, a tenth below the 10th"
)
OTHER_HELP = (
    "The source's other figures for this level, such as an average beside the median, or the median of the "
    "same data set under the percentiles' filter (its n is in the note)"
)
CONFIDENCE_HELP = (
    f"low: fewer than {LOW_N} reports; unknown: the source reports no sample size; "
    "ok: a reported sample of at least {LOW_N}"
).replace("{LOW_N}", str(LOW_N))


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
st.dataframe(
    shown.drop(columns=["source_titles", "source_ids"]),
    hide_index=True,
    width="stretch",
    column_config={
        "company": "Company",
        "level": "Level",
        "title": "Title",
        "sources": "Sources",
        "as_of": "As of",
        "pm_titles": "PM titles",
        "who": "Who",
        "note": "Note",
    },
)
ui.download_csv(shown, "payladder-levels.csv", key="levels_download", label="Download this ladder (CSV)")

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
    money_cols, money_config = ui.money_columns(view, {"annual_usd": component.capitalize()})
    st.dataframe(
        pay_shown,
        hide_index=True,
        width="stretch",
        column_order=[
            "company",
            "level",
            "statistic",
            *money_cols,
            "p25_p75",
            "p10_p90",
            "n",
            "low_confidence",
            "other",
            *(["flag"] if disputed else []),
            "source_title",
            "source_publisher",
            "year",
            "as_of",
            "role",
            "note",
        ],
        column_config={
            "company": "Company",
            "level": "Level",
            "statistic": st.column_config.TextColumn("Figure", help=FIGURE_HELP),
            **money_config,
            "p25_p75": st.column_config.TextColumn("25th–75th percentile", help=SPREAD_HELP),
            "p10_p90": st.column_config.TextColumn("10th–90th percentile", help=SPREAD_HELP),
            "n": st.column_config.TextColumn("n", width=100, help=N_HELP),
            "low_confidence": st.column_config.TextColumn("Low confidence", help=CONFIDENCE_HELP),
            "other": st.column_config.TextColumn("Also reported", help=OTHER_HELP),
            "flag": "Flag",
            "source_title": "Source",
            "source_publisher": "Publisher",
            "as_of": "As of",
            "year": st.column_config.NumberColumn("Year", format="%d"),
            "role": "Role",
            "note": "Note",
        },
    )
    ui.download_csv(
        pay_shown, "payladder-level-pay.csv", key="levels_pay_download", label="Download these figures (CSV)"
    )

st.subheader("Steps between levels")
ranges = view.apply(ui.connection(), ui.load(queries.level_ranges, companies, ladder_levels), ["min_usd", "max_usd"])
bands, lone = tables.level_bands(ranges), tables.range_lines(tables.lone_ranges(ranges))
if not bands.empty:
    band_cols, band_config = ui.money_columns(view, {"min_usd": "Min", "max_usd": "Max"})
    st.dataframe(
        bands,
        hide_index=True,
        width="stretch",
        column_order=[
            "label",
            "component",
            *band_cols,
            "midpoint",
            "spread",
            "progression",
            "overlap_with_previous",
            "source_title",
        ],
        column_config={
            "label": "Level",
            "component": "Pay",
            **band_config,
            "midpoint": ui.money_column("Derived midpoint"),
            "spread": ui.percent_column("Spread"),
            "progression": ui.percent_column("Progression"),
            "overlap_with_previous": ui.percent_column("Overlap"),
            "source_title": "Source",
        },
    )
    st.caption(
        "Levels with a reported min–max range; midpoint, spread, progression and overlap are derived. "
        f"Overlap variant: {metrics.OVERLAP_VARIANT}. " + view.caption()
    )
if lone:
    st.markdown("A single reported range has no step to a neighbouring level: " + "; ".join(lone) + ".")
if steps.empty:
    st.markdown(
        f"No source reports {component} medians (or single figures) for two consecutive levels here, so "
        "there is no step to show."
    )
else:
    step_cols, step_config = ui.money_columns(view, {"from_usd": "From", "to_usd": "To"})
    st.dataframe(
        steps,
        hide_index=True,
        width="stretch",
        column_order=[
            "company",
            "statistic",
            "from_level",
            "to_level",
            "progression",
            *step_cols,
            "from_n",
            "to_n",
            "low_confidence",
            "source_publisher",
        ],
        column_config={
            "company": "Company",
            "statistic": "Statistic",
            "from_level": "From",
            "to_level": "To",
            "progression": ui.percent_column("Step (derived)"),
            **step_config,
            "from_n": "n (from)",
            "to_n": "n (to)",
            "low_confidence": st.column_config.TextColumn("Low confidence", help=CONFIDENCE_HELP),
            "source_publisher": "Source",
        },
    )
    st.caption(
        "Derived: midpoint progression, (higher − lower) ÷ lower, between consecutive reported "
        "levels' medians (or reported figures) from the same source and statistic only; sources are "
        "never mixed. " + view.caption()
    )
    ui.download_csv(steps, "payladder-level-steps.csv", key="levels_steps_download", label="Download these steps (CSV)")

if "Amazon" in companies:
    st.subheader("How many people at each Amazon level")
    counts = ui.load(queries.level_headcounts, ["Amazon"], ladder_levels)
    if counts.empty:
        ui.empty_message("head-count hints")
    else:
        counts = counts.assign(approximately=counts["order_of_magnitude"].map("~{:,}".format))
        pyramid_col, text_col = st.columns([3, 2])
        pyramid_col.plotly_chart(ui.figure(charts.headcount_pyramid, counts), key="levels_headcounts", width="stretch")
        text_col.dataframe(
            counts,
            column_order=["levels", "hint", "approximately"],
            hide_index=True,
            width="stretch",
            column_config={"levels": "Levels", "hint": "Hint in the source", "approximately": "Order of magnitude"},
        )
        text_col.caption(
            f"Approximate: each bar's width is the order of magnitude implied by the hint, not "
            f"a count (log scale). Source: {counts['source_title'].iloc[0]} "
            f"({counts['source_publisher'].iloc[0]}), {counts['as_of'].iloc[0]}."
        )
