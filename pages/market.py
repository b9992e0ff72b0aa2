"""Market: BLS OEWS May 2025 wage percentiles by occupation, area and industry, and where a pay sits."""

import streamlit as st

from analytics import ui
from analytics.format import PER, md, wage_text
from analytics.market import charts as mc
from analytics.market.ingest import ALL_INDUSTRIES, NATIONAL, TOP_CODE_NOTE
from analytics.market.queries import (
    areas,
    cell_reliability,
    industries,
    industry_spread,
    metro_extremes,
    occupation_percentiles,
    occupation_roles,
    occupations,
    percentile_points,
    state_percentile_map,
)
from analytics.market.tables import (
    DEFAULT_OCCUPATION,
    MAPPED_COMPANIES,
    MAPPING_NOTE,
    PAY_ANCHOR,
    PAY_RANGES,
    RELIABILITY_RULE,
    STAT_LABELS,
    STATS,
    all_industries_median,
    annual_equivalent,
    cell_title,
    chart_basis,
    code_names,
    convert_pay,
    dated,
    employment_text,
    industry_columns,
    industry_detail,
    industry_for,
    industry_labels,
    industry_notice,
    industry_options,
    largest_sectors,
    mapping_caption,
    mapping_lines,
    metro_columns,
    metro_rows,
    national_industry_only,
    pay_input,
    pay_refusal,
    pay_sentence,
    penetration_columns,
    penetration_rows,
    percentile_caption,
    percentile_columns,
    percentile_rows,
    place,
    ratio_text,
    sector_shown,
    state_columns,
    state_map_caption,
    state_rows,
    switched_pay,
    wage_labels,
    wages_released,
    with_source,
)
from analytics.metrics import market_percentile
from analytics.roles.queries import role_ranges
from analytics.sources.queries import sources
from analytics.urlstate import Parsed, parse_choice, parse_number

SOURCE_ID = "bls_oews_2025"
NOTHING = ":material/search_off:"  # the icon of a notice that BLS publishes no figure
DEFAULTS = {
    "occupation": DEFAULT_OCCUPATION,
    "area": NATIONAL,
    "industry": ALL_INDUSTRIES,
    "percentile": "p50",
    "pay": None,
    "pay_basis": "annual",
    "section": "states",
}
SECTIONS = {
    "states": "By state",
    "metros": "By metro area",
    "industries": "By industry (national)",
}
"""The national sections, one tab each (`section` in the link): only the open one is drawn."""


st.title("Market")
view = ui.money_view()
source = ui.load(sources).set_index("source_id").loc[SOURCE_ID]
st.caption(
    md(
        f"Measured wage percentiles from the US Bureau of Labor Statistics: {source['title']} "
        f"(published {source['published']}); wages exclude the self-employed. {TOP_CODE_NOTE}"
    )
)
occ, ind = ui.load(occupations), ui.load(industries)
titles = code_names(occ, "occupation_code", "occupation_title")
area_names = code_names(ui.load(areas), "area_code", "area_name")
ind_names = code_names(ind, "industry_code", "industry_name")


def read(params, parsed: Parsed) -> None:
    parse_choice(params, "occupation", ui.occupation_codes(), DEFAULTS["occupation"], parsed, "occupation code")
    parse_choice(params, "area", ui.area_codes(), NATIONAL, parsed, "area code")
    parse_choice(params, "industry", list(ind_names), ALL_INDUSTRIES, parsed, "industry code")
    parse_choice(params, "percentile", list(STATS), "p50", parsed, "percentile")
    parse_choice(params, "pay_basis", list(PER), "annual", parsed, "pay basis")
    allowed = PAY_RANGES[parsed.values["pay_basis"]]
    parse_number(params, "pay", None, parsed, low=allowed.low, high=allowed.high, label="pay")
    parse_choice(params, "section", list(SECTIONS), "states", parsed, "section")
    national_industry_only(parsed)


state = ui.PageState("market", DEFAULTS, read, session={"nonmetro": False})
occupation = ui.occupation_picker(state)
if caption := mapping_caption(occ, occupation):
    st.caption(caption)
pick_area, pick_ind = st.columns(2)
area = ui.area_picker(state, "area", "Area", pick_area)
spread = ui.load(industry_spread, occupation, NATIONAL, "annual")
industry, replaced = industry_for(area, state["industry"], set(spread["industry_code"]))
if notice := industry_notice(area, replaced, titles[occupation], ind_names[state["industry"]]):
    st.info(notice, icon=NOTHING)
state["industry"] = industry
industry = state.widget(
    pick_ind.selectbox,
    "Industry",
    "industry",
    options=industry_options(area, spread),
    format_func=industry_labels(ind).get,
    disabled=not industry_detail(area),
    help="All industries is BLS's cross-industry total. BLS publishes industry detail only "
    "for the nation as a whole; the download carries the industry codes.",
)
if not industry_detail(area):
    pick_ind.caption("Industry detail is published for the nation only.")

reported = ui.load(occupation_percentiles, occupation, area, industry)
frame = view.apply(ui.connection(), dated(reported), ["annual", "hourly"])
basis = chart_basis(frame)
title = titles[occupation]
sector = sector_shown(industry, ind_names[industry])
where = place(area, area_names[area], sector)
released = wages_released(frame)
mapping = ui.load(occupation_roles, occupation)
ranges = view.apply(
    ui.connection(),
    ui.load(role_ranges, mapping["role"].tolist(), MAPPED_COMPANIES),
    ["min_usd", "max_usd", "midpoint_usd"],
)


def cell(pay_on_basis: float | None) -> None:
    """The chosen cell's percentiles: headline figures, the chart (marking your pay) and the table."""
    st.subheader(cell_title(title, area, area_names[area], sector))
    if frame.empty:
        st.info(
            f"BLS publishes no estimate for {title} {where}. Try another area or industry; "
            "the map below shows which states have one.",
            icon=NOTHING,
        )
    else:
        row = frame.set_index("stat")
        cols = st.columns(4)
        cols[0].metric("Median, annual", wage_text(row.at["p50", "annual"], row.at["p50", "annual_lower_bound"]))
        cols[1].metric(
            "Median, hourly", wage_text(row.at["p50", "hourly"], row.at["p50", "hourly_lower_bound"], "hourly")
        )
        cols[2].metric(
            "Employment",
            employment_text(row["employment"].iloc[0]),
            help="Jobs in this occupation, area and industry (BLS estimate)",
        )
        cols[3].metric("Mean, annual", wage_text(row.at["mean", "annual"], row.at["mean", "annual_lower_bound"]))
        if not released:
            st.info(f"BLS did not release wage estimates for {title} {where}.", icon=NOTHING)
        else:
            chart = ui.figure(
                mc.percentile_chart,
                frame,
                basis,
                cell_title(title, area, area_names[area]),
                mapping,
                ranges,
                pay_on_basis,
            )
            st.plotly_chart(chart, key="market_spread", width="stretch")
            rse = ui.load(cell_reliability, occupation, area, industry)
            st.caption(percentile_caption(basis, rse, source) + view.caption())
        if released and not mapping.empty:
            with st.expander("Roles drawn beside the BLS figures: PayLadder's own mapping"):
                st.markdown(md(MAPPING_NOTE) + "\n\n" + mapping_lines(mapping, ranges))
        labels = wage_labels(view, "annual") | wage_labels(view, "hourly")
        rows = percentile_rows(
            frame,
            labels,
            source,
            occupation_code=occupation,
            occupation_title=title,
            area_code=area,
            area_name=area_names[area],
            industry_code=industry,
            industry_name=ind_names[industry],
        )
        ui.table(rows, percentile_columns(view, labels), key="market_percentiles")
        ui.download(
            rows,
            percentile_columns(view, labels),
            "payladder-market-percentiles",
            key="market_percentiles",
            label="Download these percentiles",
        )


def my_pay() -> None:
    """Where your pay sits among the cell's percentiles, and in the mapped roles' reported ranges."""
    st.subheader("Where does my pay sit?", anchor=PAY_ANCHOR)
    left, right = st.columns([2, 1])
    pay_basis = state.widget(
        right.radio,
        "Pay per",
        "pay_basis",
        options=list(PER),
        horizontal=True,
        format_func={"annual": "Year", "hourly": "Hour"}.get,
        on_change=lambda: state.update(pay=switched_pay(state["pay"], state["pay_basis"])),
    )
    pay = state.widget(
        left.number_input, f"Your pay, {PER[pay_basis]} (USD)", "pay", value=None, **pay_input(pay_basis)
    )
    if pay is None:
        st.caption(
            "Enter a pay to place it among the BLS percentiles of the occupation, area and industry "
            "above (blank means no pay)."
        )
    elif not released:
        st.caption("No BLS wage estimate for this selection to compare with.")
    else:
        result = market_percentile(convert_pay(pay, pay_basis, basis), *percentile_points(frame, basis))
        st.markdown(pay_sentence(pay, pay_basis, result["label"], title, where))
        cols = st.columns(3)
        cols[0].metric(
            "Ratio to the median",
            ratio_text(result["ratio_to_median"]),
            help="Your pay ÷ BLS median; not given when the median is top-coded or not released",
        )
        if equivalent := annual_equivalent(pay, pay_basis):
            cols[1].metric("Annual equivalent", equivalent, help="Hourly × 2,080 hours, as BLS annualises")
        st.caption(
            "Derived: a straight-line estimate between BLS's published percentiles. BLS publishes nothing "
            "below the 10th or above the 90th, so there the position is only 'below' or 'above'; above a "
            "top-coded percentile it is unknown. " + view.caption()
        )
        if not ranges.empty:
            placed = penetration_rows(ranges, convert_pay(pay, pay_basis, "annual"))
            ui.table(placed, penetration_columns(view), key="market_penetration")
            st.caption(
                "Range penetration: (your annual pay − minimum) ÷ (maximum − minimum); 0% is the minimum and "
                "100% the maximum of PayLadder's reported range for the role mapped to this occupation."
            )
            ui.download(placed, penetration_columns(view), "payladder-market-penetration", key="market_penetration")


@st.fragment
def cell_and_my_pay() -> None:
    """The cell, whose chart marks your pay, and where your pay sits: a fragment, so typing a pay or switching
    its basis reruns these two parts only, not the map and charts below (nothing below depends on the pay).
    It writes the pay to the URL itself: a fragment's rerun does not reach the page's last state.sync_url()."""
    if refusal := pay_refusal(state["pay"], state["pay_basis"]):
        st.warning(md(refusal), icon=":material/warning:")
    state["pay"] = PAY_RANGES[state["pay_basis"]].check(state["pay"])  # outside the range: missing, never clipped
    cell(convert_pay(state["pay"], state["pay_basis"], basis))
    my_pay()
    state.sync_url(["pay", "pay_basis"])


cell_and_my_pay()


def statistic() -> str:
    """The statistic the map and the metro areas show (one widget, drawn in whichever of their tabs is open)."""
    return state.widget(
        st.radio,
        "Statistic for the map and the metro areas",
        "percentile",
        options=list(STATS),
        format_func=STAT_LABELS.get,
        horizontal=True,
    )


def by_state(stat: str) -> None:
    """The occupation's statistic in every state, as a map and a table."""
    measure = f"{basis}_{stat}"
    states = view.apply(ui.connection(), dated(ui.load(state_percentile_map, occupation, measure)), ["value"])
    if states["value"].isna().all():
        st.info(f"BLS publishes no state estimates of this statistic for {title}.", icon=NOTHING)
    else:
        st.plotly_chart(
            ui.figure(mc.state_map, states, basis, stat, title),
            key="market_map",
            width="stretch",
            config={"topojsonURL": "app/static/"},
        )
        st.caption(state_map_caption(states, basis, source["title"]) + view.caption())
    rows = state_rows(states, basis, source, occupation_code=occupation, occupation_title=title, measure=measure)
    with st.expander("State values"):
        ui.table(rows, state_columns(view, basis, stat), key="market_states")
    ui.download(
        rows,
        state_columns(view, basis, stat),
        "payladder-market-states",
        key="market_states",
        label="Download the state values",
    )


def by_metro(stat: str) -> None:
    """The ten highest- and lowest-paying metro areas on the statistic, with their reliability."""
    measure = f"{basis}_{stat}"
    nonmetro = state.widget(st.toggle, "Include nonmetropolitan areas", "nonmetro")
    metros = view.apply(ui.connection(), dated(ui.load(metro_extremes, occupation, measure, 10, nonmetro)), ["value"])
    labels = wage_labels(view, "value", STAT_LABELS[stat])
    rows = metro_rows(
        metros, basis, labels, source, occupation_code=occupation, occupation_title=title, measure=measure
    )
    if metros.empty:
        st.info(f"BLS publishes no metro-area estimates of this statistic for {title}.", icon=NOTHING)
    else:
        st.plotly_chart(ui.figure(mc.metro_chart, metros, basis, stat), key="market_metros_chart", width="stretch")
        st.caption(
            md(
                f"The 10 highest and 10 lowest areas on the {STAT_LABELS[stat].lower()}, all industries; hover "
                "for each area's employment and relative standard errors (RSE). A top-coded value is a floor, "
                "so its rank is too. Hatched, with *: less reliable (the rule is in the table below). "
                f"Source: {source['title']}. "
            )
            + view.caption()
        )
        with st.expander("Metro areas with employment and relative standard errors"):
            st.caption(md(RELIABILITY_RULE))
            ui.table(rows, metro_columns(view, basis, stat, labels), key="market_metros")
    ui.download(
        rows,
        metro_columns(view, basis, stat, labels),
        "payladder-market-metros",
        key="market_metros",
        label="Download the metro list",
    )


def by_industry() -> None:
    """The occupation's median and middle half in the industry sectors employing most of it, nationally."""
    spread = view.apply(
        ui.connection(), dated(ui.load(industry_spread, occupation, NATIONAL, basis)), ["mean", *STATS[:5]]
    )
    sectors = largest_sectors(spread)
    if sectors["p50"].isna().all():
        st.info(f"BLS publishes no industry detail for {title}.", icon=NOTHING)
    else:
        st.plotly_chart(
            ui.figure(mc.industry_chart, sectors, basis, all_industries_median(spread)),
            key="market_industries_chart",
            width="stretch",
        )
        st.caption(
            md(
                f"Median and 25th to 75th percentile in the {len(sectors)} industry sectors employing the "
                f"most {title}, nationally ({basis} wages); the dotted line is the median across all "
                f"industries. Source: {source['title']}. "
            )
            + view.caption()
        )
    ui.download(
        with_source(
            sectors, source, occupation_code=occupation, occupation_title=title, area_code=NATIONAL, basis=basis
        ),
        industry_columns(view, basis),
        "payladder-market-industries",
        key="market_industries",
        label="Download the industry figures",
    )


st.subheader("Across the country")
with state.tab("section", SECTIONS):
    if state["section"] == "states":
        by_state(statistic())
    elif state["section"] == "metros":
        by_metro(statistic())
    else:
        by_industry()

st.caption(
    md(
        f"Source: {source['title']}, {source['publisher']}, published {source['published']} "
        f"({SOURCE_ID}, {source['link']}). {source['notes']}"
    )
)
state.sync_url()
