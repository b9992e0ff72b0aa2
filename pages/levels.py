"""Levels: Amazon's L4 to L12 and Google's PM ladder per source, side by side with their approximate
equivalences; pay reported per level; the steps in pay between levels; Amazon's head-count hints."""

import streamlit as st

from analytics import metrics, ui
from analytics.format import LOW_N, MARKET, STATISTIC_LABELS
from analytics.levels import charts, queries, tables
from analytics.urlstate import parse_choice

COMPONENTS = ["total", "base", "stock", "bonus"]


st.title("Levels")
st.caption("Company levels as each source names them, with the pay reported per level. "
           "Where sources disagree, both sides are shown with their dates.")
filters = ui.shared_filters(show=("companies", "levels"))
ladder_levels = filters.levels(ui.load(queries.level_names))
ladder = ui.load(queries.level_ladder, [c for c in filters.companies if c != MARKET], ladder_levels)
if ladder.empty:
    ui.empty_message("company levels (choose Amazon or Google and a level range)")
    st.stop()
companies = list(dict.fromkeys(ladder["company"]))

st.subheader("The ladders side by side")
chart_col, notes_col = st.columns(2)
chart_col.plotly_chart(charts.ladder_chart(ladder, ui.load(queries.level_equivalences)), key="levels_ladder_chart",
                       width="stretch")
notes_col.caption("Rungs sit at each company's own level number. Dashed lines join levels that "
                  "career sites call roughly equal: **≈ approximate**, a rough guide built from transfer "
                  "data and levelling rubrics (tryapt.ai, getpromoted.app, levels.fyi community). Shaded "
                  "boxes are one title a source gives to several levels, such as the seed article's PM "
                  "band (most Google PMs are at levels 3, 4 and 5). Hover a rung for every source's title "
                  "and date.")
if disputes := tables.disagreements(ladder):
    notes_col.warning("**Where the sources differ**\n" + "\n".join(disputes), icon="⚖️")
shown = ladder[["company", "level", "title", "sources", "as_of", "pm_titles", "who", "note", "source_titles",
                "source_ids"]]
st.dataframe(shown.drop(columns=["source_titles", "source_ids"]), hide_index=True, width="stretch",
             column_config={"company": "Company", "level": "Level", "title": "Title", "sources": "Sources",
                            "as_of": "As of", "pm_titles": "PM titles", "who": "Who", "note": "Note"})
ui.download_csv(shown, "payladder-levels.csv", key="levels_download", label="Download this ladder (CSV)")

st.subheader("Pay reported per level")


state = ui.page_state("levels", {"component": "total"}, lambda params, parsed: parse_choice(
    params, "component", COMPONENTS, "total", parsed, "pay component"))
component = state.widget(st.radio, "Pay component", "component", options=COMPONENTS, horizontal=True,
                         format_func=str.capitalize)
state.sync_url()
pay = ui.load(queries.level_pay, companies, ladder_levels).query("component == @component")
for col, company in zip(st.columns(len(companies)), companies, strict=True):
    rungs = list(dict.fromkeys(ladder.loc[ladder["company"] == company, "level"]))
    if pay[pay["company"] == company].empty:
        col.info(f"No {component} pay reported per level for {company} in this range.", icon="🔎")
    else:
        col.plotly_chart(charts.level_pay_chart(pay[pay["company"] == company], rungs, company),
                         key=f"levels_pay_{company}", width="stretch")
st.caption(f"One mark per source and statistic, annual USD on a log scale (equal distances are equal "
           f"percentage steps). Open marks flag fewer than {LOW_N} reports: low confidence. levels.fyi "
           "figures are medians of US submissions titled Product Manager. The seed article's Level 7 "
           "percentiles and L10 figure are base pay with no role stated (switch to Base).")
if not pay.empty:
    pay_shown = tables.pay_table(pay)
    st.dataframe(pay_shown.drop(columns=["component", "source_id"]), hide_index=True, width="stretch",
                 column_config={
                     "company": "Company", "level": "Level", "statistic": "Statistic",
                     "annual_usd": ui.money_column(component.capitalize()), "sample_size": "n",
                     "low_confidence": st.column_config.CheckboxColumn(f"n < {LOW_N}", help="Low confidence"),
                     "source_title": "Source", "source_publisher": "Publisher", "as_of": "As of",
                     "year": st.column_config.NumberColumn("Year", format="%d"), "role": "Role",
                     "note": "Note"})
    ui.download_csv(pay_shown, "payladder-level-pay.csv", key="levels_pay_download",
                    label="Download these figures (CSV)")

st.subheader("Steps between levels")
bands = tables.level_bands(ui.load(queries.level_ranges, companies, ladder_levels))
if not bands.empty:
    st.dataframe(bands[["label", "component", "min_usd", "max_usd", "midpoint", "spread", "progression",
                        "overlap_with_previous", "source_title"]], hide_index=True, width="stretch",
                 column_config={"label": "Level", "component": "Pay", "min_usd": ui.money_column("Min"),
                                "max_usd": ui.money_column("Max"),
                                "midpoint": ui.money_column("Derived midpoint"), "spread": ui.percent_column("Spread"),
                                "progression": ui.percent_column("Progression"),
                                "overlap_with_previous": ui.percent_column("Overlap"), "source_title": "Source"})
    st.caption("Levels with a reported min–max range; midpoint, spread, progression and overlap are derived. "
               f"Overlap variant: {metrics.OVERLAP_VARIANT}. Other levels report single figures: see below.")
steps = tables.level_steps(pay)
if steps.empty:
    ui.empty_message(f"consecutive {component} medians from one source")
else:
    shown_steps = steps.assign(statistic=steps["statistic"].map(STATISTIC_LABELS))
    st.dataframe(shown_steps[["company", "statistic", "from_level", "to_level", "progression", "from_usd",
                              "to_usd", "from_n", "to_n", "low_confidence", "source_publisher"]],
                 hide_index=True, width="stretch", column_config={
                     "company": "Company", "statistic": "Statistic", "from_level": "From", "to_level": "To",
                     "progression": ui.percent_column("Step (derived)"), "from_usd": ui.money_column("From"),
                     "to_usd": ui.money_column("To"), "from_n": "n (from)", "to_n": "n (to)",
                     "low_confidence": st.column_config.CheckboxColumn(f"n < {LOW_N}"),
                     "source_publisher": "Source"})
    st.caption("Derived: midpoint progression, (higher − lower) ÷ lower, between consecutive reported "
               "levels' medians (or reported figures) from the same source and statistic only; sources are "
               "never mixed.")

if "Amazon" in companies:
    st.subheader("How many people at each Amazon level")
    counts = ui.load(queries.level_headcounts, ["Amazon"], ladder_levels)
    if counts.empty:
        ui.empty_message("head-count hints")
    else:
        pyramid_col, text_col = st.columns([3, 2])
        pyramid_col.plotly_chart(charts.headcount_pyramid(counts), key="levels_headcounts", width="stretch")
        text_col.dataframe(counts.assign(approximately=counts["order_of_magnitude"].map("~{:,}".format))[
            ["levels", "hint", "approximately"]], hide_index=True, width="stretch",
            column_config={"levels": "Levels", "hint": "Hint in the source",
                           "approximately": "Order of magnitude"})
        text_col.caption(f"Approximate: each bar's width is the order of magnitude implied by the hint, not "
                         f"a count (log scale). Source: {counts['source_title'].iloc[0]} "
                         f"({counts['source_publisher'].iloc[0]}), {counts['as_of'].iloc[0]}.")
