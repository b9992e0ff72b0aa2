"""Market: BLS OEWS May 2025 wage percentiles by occupation, area and industry, and where a pay sits."""

import pandas as pd
import streamlit as st

from analytics import ui
from analytics.format import MARKET, PER, md, money, wage_text
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
    INDUSTRY_NATIONAL_ONLY,
    PAY_RANGE,
    RELIABILITY_RULE,
    STAT_LABELS,
    STATS,
    area_labels,
    area_title,
    chart_basis,
    convert_pay,
    dated,
    industry_for,
    largest_sectors,
    less_reliable,
    metro_table,
    occupation_labels,
    occupation_order,
    pay_in_range,
    pay_range_message,
    penetration_table,
    percentile_table,
    place,
    sector_name,
    wage_labels,
    with_source,
)
from analytics.metrics import market_percentile
from analytics.roles.queries import role_ranges
from analytics.sources.queries import sources
from analytics.urlstate import Parsed, parse_choice, parse_number

SOURCE_ID = "bls_oews_2025"
NOTHING = ":material/search_off:"  # the icon of a notice that BLS publishes no figure
DEFAULTS = {
    "occupation": "11-2021",
    "area": NATIONAL,
    "industry": ALL_INDUSTRIES,
    "percentile": "p50",
    "pay": None,
    "pay_basis": "annual",
}


st.title("Market")
view = ui.money_view()
source = ui.load(sources).set_index("source_id").loc[SOURCE_ID]
st.caption(
    md(
        f"Measured wage percentiles from the US Bureau of Labor Statistics: {source['title']} "
        f"(published {source['published']}); wages exclude the self-employed. {TOP_CODE_NOTE}"
    )
)
occ, area_df, ind = ui.load(occupations), ui.load(areas), ui.load(industries)
occ_labels, occ_order = occupation_labels(occ), occupation_order(occ)
titles = dict(zip(occ["occupation_code"], occ["occupation_title"], strict=True))
area_names = dict(zip(area_df["area_code"], area_df["area_name"], strict=True))
ind_names = dict(zip(ind["industry_code"], ind["industry_name"], strict=True))


def read(params, parsed: Parsed) -> None:
    parse_choice(params, "occupation", occ_order, DEFAULTS["occupation"], parsed, "occupation code")
    parse_choice(params, "area", list(area_names), NATIONAL, parsed, "area code")
    parse_choice(params, "industry", list(ind_names), ALL_INDUSTRIES, parsed, "industry code")
    parse_choice(params, "percentile", list(STATS), "p50", parsed, "percentile")
    parse_choice(params, "pay_basis", list(PER), "annual", parsed, "pay basis")
    parse_number(
        params,
        "pay",
        None,
        parsed,
        low=PAY_RANGE[parsed.values["pay_basis"]][0],
        high=PAY_RANGE[parsed.values["pay_basis"]][1],
        label="pay",
    )
    if parsed.values["area"] != NATIONAL and parsed.values["industry"] != ALL_INDUSTRIES:
        parsed.notices.append(INDUSTRY_NATIONAL_ONLY)
        parsed.values["industry"] = ALL_INDUSTRIES


state = ui.PageState("market", DEFAULTS, read)
occupation = state.widget(
    st.selectbox,
    "Occupation",
    "occupation",
    options=occ_order,
    format_func=occ_labels.get,
    help="BLS's Standard Occupational Classification. The occupations PayLadder maps its "
    "roles to come first; type a title or code to search all 1,104.",
)
if occ.set_index("occupation_code").at[occupation, "mapped"]:
    st.caption(
        md(
            f"PayLadder maps its roles {occ.set_index('occupation_code').at[occupation, 'roles']} to this "
            "occupation (PayLadder's own choice; see below)."
        )
    )
pick_area, pick_ind = st.columns(2)
area_label = area_labels(area_df)
area = state.widget(
    pick_area.selectbox,
    "Area",
    "area",
    options=list(area_label),
    format_func=area_label.get,
    help="The nation, a state or territory, or a metropolitan or nonmetropolitan area.",
)
spread = ui.load(industry_spread, occupation)
industry, replaced = industry_for(area, state["industry"], set(spread["industry_code"]))
if replaced and area == NATIONAL:
    st.info(
        f"BLS publishes no national estimate for {titles[occupation]} in “{ind_names[state['industry']]}”: "
        "showing all industries.",
        icon=NOTHING,
    )
state["industry"] = industry
industry = state.widget(
    pick_ind.selectbox,
    "Industry",
    "industry",
    options=spread["industry_code"].tolist() if area == NATIONAL else [ALL_INDUSTRIES],
    format_func=lambda c: "All industries" if c == ALL_INDUSTRIES else sector_name(ind_names[c]),
    disabled=area != NATIONAL,
    help="All industries is BLS's cross-industry total. BLS publishes industry detail only "
    "for the nation as a whole; the download carries the industry codes.",
)
if area != NATIONAL:
    pick_ind.caption("Industry detail is published for the nation only.")

reported = ui.load(occupation_percentiles, occupation, area, industry)
frame = view.apply(ui.connection(), dated(reported), ["annual", "hourly"])
basis = chart_basis(frame)
title = titles[occupation]
where = place(area, area_names[area], None if industry == ALL_INDUSTRIES else sector_name(ind_names[industry]))
if state["pay"] is not None and pay_in_range(state["pay"], state["pay_basis"]) is None:
    st.warning(md(pay_range_message(state["pay"], state["pay_basis"])), icon=":material/warning:")
    state["pay"] = None  # outside the stated range: missing, never clipped or summed
pay, pay_basis = state["pay"], state["pay_basis"]
pay_on_basis = convert_pay(pay, pay_basis, basis)
released = not frame.empty and frame[["annual", "hourly"]].notna().any().any()
ranges = None

st.subheader(
    f"{title}, {area_title(area, area_names[area])}"
    + ("" if industry == ALL_INDUSTRIES else f", {sector_name(ind_names[industry])}")
)
if frame.empty:
    st.info(
        f"BLS publishes no estimate for {title} {where}. Try another area or industry; "
        "the map below shows which states have one.",
        icon=NOTHING,
    )
else:
    row = frame.set_index("stat")
    employment = row["employment"].iloc[0]
    cols = st.columns(4)
    cols[0].metric("Median, annual", wage_text(row.at["p50", "annual"], row.at["p50", "annual_lower_bound"]))
    cols[1].metric("Median, hourly", wage_text(row.at["p50", "hourly"], row.at["p50", "hourly_lower_bound"], "hourly"))
    cols[2].metric(
        "Employment",
        "not released" if pd.isna(employment) else f"{employment:,.0f}",
        help="Jobs in this occupation, area and industry (BLS estimate)",
    )
    cols[3].metric("Mean, annual", wage_text(row.at["mean", "annual"], row.at["mean", "annual_lower_bound"]))
    mapping = ui.load(occupation_roles, occupation)
    ranges = (
        None
        if mapping.empty
        else view.apply(
            ui.connection(),
            ui.load(role_ranges, mapping["role"].tolist(), [MARKET, "Amazon"]),
            ["min_usd", "max_usd", "midpoint_usd"],
        )
    )
    if not released:
        st.info(f"BLS did not release wage estimates for {title} {where}.", icon=NOTHING)
    else:
        chart = ui.figure(
            mc.percentile_chart,
            frame,
            basis,
            f"{title}, {area_title(area, area_names[area])}",
            mapping,
            ranges,
            pay_on_basis,
        )
        st.plotly_chart(chart, key="market_spread", width="stretch")
        rse = ui.load(cell_reliability, occupation, area, industry)
        quality = (
            ""
            if rse.empty
            else (
                f" BLS's relative standard errors (smaller is more precise): "
                f"employment {rse.employment_rse.iloc[0]}%, mean wage "
                f"{rse.wage_rse.iloc[0]}%"
                + (
                    "; less reliable by the rule under the metro table."
                    if less_reliable(rse.employment_rse.iloc[0], rse.wage_rse.iloc[0])
                    else "."
                )
            )
        )
        st.caption(
            md(
                f"Thin band: 10th to 90th percentile; box: 25th to 75th; diamond: mean ({basis} "
                f"wages). A triangle marks a top-coded percentile: at least that much.{quality} "
                + ("BLS publishes hourly wages only for this occupation. " if basis == "hourly" else "")
                + f"Source: {source['title']}, {source['publisher']}. "
            )
            + view.caption()
        )
    if released and not mapping.empty:
        with_range = set(ranges["role"]) if ranges is not None else set()
        lines = [
            f"- **PayLadder's mapping: {md(m.role)} ≈ {md(m.occupation_title)}** ({md(m.fit)} fit"
            f"{'' if m.role in with_range else '; no reported range in PayLadder’s sources'}). "
            f"{md(m.rationale)}"
            for m in mapping.itertuples()
        ]
        with st.expander("Roles drawn beside the BLS figures: PayLadder's own mapping"):
            st.markdown(
                md(
                    "BLS has no product-management occupation, so which occupation stands in for "
                    "a role is PayLadder's choice, not BLS's. Bars show the roles' reported ranges "
                    "(base salary, market-wide and Amazon) from PayLadder's sources; hover a bar for "
                    "its source."
                )
                + "\n\n"
                + "\n".join(lines)
            )
    st.dataframe(
        percentile_table(frame, wage_labels(view, "annual") | wage_labels(view, "hourly")),
        hide_index=True,
        width="stretch",
    )
    ui.download_csv(
        with_source(
            frame,
            source,
            occupation_code=occupation,
            occupation_title=title,
            area_code=area,
            area_name=area_names[area],
            industry_code=industry,
            industry_name=ind_names[industry],
        ),
        "payladder-market-percentiles.csv",
        key="market_download_percentiles",
        label="Download these percentiles (CSV)",
    )

st.subheader("Where does my pay sit?")
left, right = st.columns([2, 1])
pay_basis = state.widget(
    right.radio,
    "Pay per",
    "pay_basis",
    options=list(PER),
    horizontal=True,
    format_func={"annual": "Year", "hourly": "Hour"}.get,
    on_change=lambda: state.update(
        pay=pay_in_range(
            convert_pay(state["pay"], "hourly" if state["pay_basis"] == "annual" else "annual", state["pay_basis"]),
            state["pay_basis"],
        )
    ),
)
low, high = PAY_RANGE[pay_basis]
pay = state.widget(
    left.number_input,
    f"Your pay, {PER[pay_basis]} (USD)",
    "pay",
    value=None,
    min_value=low,
    max_value=high,
    step=1000.0 if pay_basis == "annual" else 1.0,
    placeholder="e.g. 150000" if pay_basis == "annual" else "e.g. 75",
    help=f"From {money(low) if pay_basis == 'annual' else f'${low:,.2f}'} to "
    f"{money(high) if pay_basis == 'annual' else f'${high:,.2f}'} {PER[pay_basis]}; "
    "leave blank for none.",
)
pay_on_basis = convert_pay(pay, pay_basis, basis)
if pay is None:
    st.caption(
        "Enter a pay to place it among the BLS percentiles of the occupation, area and industry "
        "above (blank means no pay)."
    )
elif not released:
    st.caption("No BLS wage estimate for this selection to compare with.")
else:
    result = market_percentile(pay_on_basis, *percentile_points(frame, basis))
    st.markdown(
        f"**{md(wage_text(pay, False, pay_basis))} {PER[pay_basis]}** is **{md(result['label'])}** "
        f"for {md(title)} {md(where)}."
    )
    cols = st.columns(3)
    ratio = result["ratio_to_median"]
    cols[0].metric(
        "Ratio to the median",
        "–" if ratio is None else f"{ratio:.2f}",
        help="Your pay ÷ BLS median; not given when the median is top-coded or not released",
    )
    if pay_basis == "hourly":
        cols[1].metric(
            "Annual equivalent",
            money(convert_pay(pay, pay_basis, "annual")),
            help="Hourly × 2,080 hours, as BLS annualises",
        )
    st.caption(
        "Derived: a straight-line estimate between BLS's published percentiles. BLS publishes nothing "
        "below the 10th or above the 90th, so there the position is only 'below' or 'above'; above a "
        "top-coded percentile it is unknown. " + view.caption()
    )
    if ranges is not None and not ranges.empty:
        annual_pay = convert_pay(pay, pay_basis, "annual")
        st.dataframe(penetration_table(ranges, convert_pay(pay, pay_basis, "annual")), hide_index=True, width="stretch")
        st.caption(
            "Range penetration: (your annual pay − minimum) ÷ (maximum − minimum); 0% is the minimum and "
            "100% the maximum of PayLadder's reported range for the role mapped to this occupation."
        )

st.subheader("By state")
stat = state.widget(
    st.radio,
    "Statistic for the map and the metro areas",
    "percentile",
    options=list(STATS),
    format_func=STAT_LABELS.get,
    horizontal=True,
)
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
    off_map = states[states["state_postal"].isin(["PR", "GU", "VI"]) & states["value"].notna()]
    territories = "; ".join(f"{r.area_name} {wage_text(r.value, r.lower_bound, basis)}" for r in off_map.itertuples())
    st.caption(
        md(
            f"Cross-industry, {basis} wages. Grey: no published estimate. "
            + (f"Off the map: {territories}. " if territories else "")
            + f"Source: {source['title']}. "
        )
        + view.caption()
    )
with st.expander("State values"):
    shown = [wage_text(v, b, basis) for v, b in zip(states["value"], states["lower_bound"], strict=True)]
    st.dataframe(
        states.assign(shown=shown)[["area_name", "state_postal", "shown"]],
        hide_index=True,
        width="stretch",
        column_config={"area_name": "State", "state_postal": "Code", "shown": STAT_LABELS[stat]},
    )
ui.download_csv(
    with_source(states, source, occupation_code=occupation, occupation_title=title, measure=measure),
    "payladder-market-states.csv",
    key="market_download_states",
    label="Download the state values (CSV)",
)

st.subheader("Highest- and lowest-paying metro areas")
nonmetro = st.toggle("Include nonmetropolitan areas", key="market_nonmetro")
metros = view.apply(ui.connection(), dated(ui.load(metro_extremes, occupation, measure, 10, nonmetro)), ["value"])
if metros.empty:
    st.info(f"BLS publishes no metro-area estimates of this statistic for {title}.", icon=NOTHING)
else:
    st.plotly_chart(
        ui.figure(mc.metro_chart, metros, basis, stat),
        key="market_metros",
        width="stretch",
    )
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
        st.dataframe(
            metro_table(metros, basis, wage_labels(view, "value", STAT_LABELS[stat])), hide_index=True, width="stretch"
        )
ui.download_csv(
    with_source(metros, source, occupation_code=occupation, occupation_title=title, measure=measure),
    "payladder-market-metros.csv",
    key="market_download_metros",
    label="Download the metro list (CSV)",
)

st.subheader("Across industries (national)")
by_industry = spread if basis == "annual" else ui.load(industry_spread, occupation, NATIONAL, basis)
sectors = view.apply(ui.connection(), dated(largest_sectors(by_industry)), ["mean", *STATS[:5]])
if sectors["p50"].isna().all():
    st.info(f"BLS publishes no industry detail for {title}.", icon=NOTHING)
else:
    total = view.apply(ui.connection(), dated(by_industry[by_industry["industry_code"] == ALL_INDUSTRIES]), ["p50"])
    st.plotly_chart(
        ui.figure(mc.industry_chart, sectors, basis, None if total.empty else float(total["p50"].iloc[0])),
        key="market_industries",
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
ui.download_csv(
    with_source(sectors, source, occupation_code=occupation, occupation_title=title, area_code=NATIONAL, basis=basis),
    "payladder-market-industries.csv",
    key="market_download_industries",
    label="Download the industry figures (CSV)",
)

st.caption(
    md(
        f"Source: {source['title']}, {source['publisher']}, published {source['published']} "
        f"({SOURCE_ID}, {source['link']}). {source['notes']}"
    )
)
state.sync_url()
