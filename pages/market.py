"""Market: BLS OEWS May 2025 wage percentiles by occupation, area and industry, and where a pay sits."""

import pandas as pd
import streamlit as st

from analytics import market_charts as mc
from analytics import ui
from analytics.charts import money
from analytics.market import ALL_INDUSTRIES, HOURS_PER_YEAR, NATIONAL
from analytics.market_charts import PER, STAT_LABELS, STATS, wage_text
from analytics.market_queries import (
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
from analytics.metrics import market_percentile
from analytics.queries import MARKET, role_ranges, sources
from analytics.state import Parsed, parse_choice, parse_number

SOURCE_ID = "bls_oews_2025"
DEFAULTS = {"occupation": "11-2021", "area": NATIONAL, "industry": ALL_INDUSTRIES, "percentile": "p50",
            "pay": None, "pay_basis": "annual"}
AREA_TYPES = {"national": "nation", "state": "state", "metro": "metro area"}
NOTHING = ":material/search_off:"  # the icon of a notice that BLS publishes no figure


def md(text: object) -> str:
    """Text for Markdown with dollar signs escaped (Streamlit reads $...$ as maths)."""
    return str(text).replace("$", r"\$")


def set_state(name: str, value: object) -> None:
    """Keep a page value in session state (`shared_market_<name>`), where the URL seeds it."""
    if name == "pay_basis" and value != st.session_state["shared_market_pay_basis"]:
        pay = st.session_state["shared_market_pay"]  # the same pay, in the new unit
        if pay is not None:
            hourly = value == "hourly"
            set_state("pay", round(pay / HOURS_PER_YEAR, 2) if hourly else round(pay * HOURS_PER_YEAR))
    st.session_state[f"shared_market_{name}"] = value


def bound(widget, label: str, name: str, **kwargs):
    """A widget keyed market_<name>, seeded from the page state and copying its value back on change."""
    key = f"market_{name}"
    st.session_state[key] = st.session_state[f"shared_{key}"]
    return widget(label, key=key, on_change=lambda: set_state(name, st.session_state[key]), **kwargs)


def with_source(df: pd.DataFrame, **context: object) -> pd.DataFrame:
    """The rows shown, with the selection and the BLS source as columns (for downloads)."""
    return df.assign(**context, source_id=SOURCE_ID, source_title=source["title"],
                     source_publisher=source["publisher"], source_published=source["published"],
                     source_link=source["link"])


st.title("Market")
source = ui.load(sources).set_index("source_id").loc[SOURCE_ID]
st.caption(md(f"Measured wage percentiles from the US Bureau of Labor Statistics: {source['title']} "
              f"(published {source['published']}). Wages exclude the self-employed; a wage BLS top-codes is "
              "shown as a floor (≥ $239,200 a year or $115.00 an hour)."))
occ, area_df, ind = ui.load(occupations), ui.load(areas), ui.load(industries)
occ_labels = {r.occupation_code: f"{r.occupation_title} ({r.occupation_code})"
              + (f" — PayLadder: {r.roles}" if r.mapped else "" if r.level == "detailed" else f", {r.level}")
              for r in occ.itertuples()}
occ_order = [*occ.loc[occ["mapped"], "occupation_code"], *occ.loc[~occ["mapped"], "occupation_code"]]
titles = dict(zip(occ["occupation_code"], occ["occupation_title"], strict=True))
area_names = dict(zip(area_df["area_code"], area_df["area_name"], strict=True))
area_labels = {r.area_code: r.area_name if r.area_type == "national" else
               f"{r.area_name} ({'nonmetro area' if r.nonmetropolitan else AREA_TYPES[r.area_type]})"
               for r in area_df.itertuples()}
ind_names = dict(zip(ind["industry_code"], ind["industry_name"], strict=True))


def read(params, parsed: Parsed) -> None:
    raw = Parsed()
    parse_choice(params, "occupation", occ_order, DEFAULTS["occupation"], raw, "occupation code")
    parse_choice(params, "area", list(area_names), NATIONAL, raw, "area code")
    parse_choice(params, "industry", list(ind_names), ALL_INDUSTRIES, raw, "industry code")
    parse_choice(params, "percentile", list(STATS), "p50", raw, "percentile")
    parse_number(params, "pay", None, raw, low=0, high=100_000_000, label="pay")
    parse_choice(params, "pay_basis", list(PER), "annual", raw, "pay basis")
    if raw.values["area"] != NATIONAL and raw.values["industry"] != ALL_INDUSTRIES:
        raw.notices.append("BLS publishes industry detail only for the nation as a whole: "
                           "showing the cross-industry total for this area.")
        raw.values["industry"] = ALL_INDUSTRIES
    parsed.values.update({f"market_{k}": v for k, v in raw.values.items()})
    parsed.notices.extend(raw.notices)


ui.page_state("market", read)
for name, value in DEFAULTS.items():
    st.session_state.setdefault(f"shared_market_{name}", value)

pick_occ, pick_area, pick_ind = st.columns([2, 1.3, 1.3])
occupation = bound(pick_occ.selectbox, "Occupation", "occupation", options=occ_order,
                   format_func=occ_labels.get,
                   help="BLS's Standard Occupational Classification. The occupations PayLadder maps its "
                        "roles to come first; type a title or code to search all 1,104.")
area = bound(pick_area.selectbox, "Area", "area", options=list(area_labels), format_func=area_labels.get,
             help="The nation, a state or territory, or a metropolitan or nonmetropolitan area.")
spread = ui.load(industry_spread, occupation)
industry = st.session_state["shared_market_industry"]
if area != NATIONAL:
    industry = ALL_INDUSTRIES
elif industry not in set(spread["industry_code"]):
    st.info(f"BLS publishes no national estimate for {titles[occupation]} in “{ind_names[industry]}”: "
            "showing all industries.", icon=NOTHING)
    industry = ALL_INDUSTRIES
set_state("industry", industry)
industry = bound(pick_ind.selectbox, "Industry", "industry",
                 options=spread["industry_code"].tolist() if area == NATIONAL else [ALL_INDUSTRIES],
                 format_func=lambda c: "All industries (cross-industry total)" if c == ALL_INDUSTRIES
                 else f"{ind_names[c]} ({c})", disabled=area != NATIONAL,
                 help="BLS publishes industry detail only for the nation as a whole.")
if area != NATIONAL:
    pick_ind.caption("Industry detail is published for the nation only.")

frame = ui.load(occupation_percentiles, occupation, area, industry)
basis = mc.chart_basis(frame)
title = titles[occupation]
where = area_names[area] + ("" if industry == ALL_INDUSTRIES else f", {ind_names[industry]}")
pay, pay_basis = st.session_state["shared_market_pay"], st.session_state["shared_market_pay_basis"]
annual_pay = None if pay is None else pay * (HOURS_PER_YEAR if pay_basis == "hourly" else 1)
pay_on_basis = None if pay is None else annual_pay / (HOURS_PER_YEAR if basis == "hourly" else 1)
released = not frame.empty and frame[["annual", "hourly"]].notna().any().any()

st.subheader(f"{title}: {where}")
if frame.empty:
    st.info(f"BLS publishes no estimate for {title} in {where}. Try another area or industry; "
            "the map below shows which states have one.", icon=NOTHING)
else:
    row = frame.set_index("stat")
    employment = row["employment"].iloc[0]
    cols = st.columns(4)
    cols[0].metric("Median, annual", wage_text(row.at["p50", "annual"], row.at["p50", "annual_lower_bound"]))
    cols[1].metric("Median, hourly",
                   wage_text(row.at["p50", "hourly"], row.at["p50", "hourly_lower_bound"], "hourly"))
    cols[2].metric("Employment", "not released" if pd.isna(employment) else f"{employment:,.0f}",
                   help="Jobs in this occupation, area and industry (BLS estimate)")
    cols[3].metric("Mean, annual", wage_text(row.at["mean", "annual"], row.at["mean", "annual_lower_bound"]))
    mapping = ui.load(occupation_roles, occupation)
    ranges = ui.load(role_ranges, mapping["role"].tolist(), [MARKET, "Amazon"]) if not mapping.empty else None
    if not released:
        st.info(f"BLS did not release wage estimates for {title} in {where}.", icon=NOTHING)
    else:
        chart = mc.percentile_chart(frame, basis, f"{title}, {area_names[area]}", mapping, ranges,
                                    pay_on_basis)
        st.plotly_chart(chart, key="market_spread", width="stretch")
        rse = ui.load(cell_reliability, occupation, area, industry)
        quality = "" if rse.empty else (f" BLS's relative standard errors (smaller is more precise): "
                                        f"employment {rse.employment_rse.iloc[0]}%, mean wage "
                                        f"{rse.wage_rse.iloc[0]}%.")
        st.caption(md(f"Thin band: 10th to 90th percentile; box: 25th to 75th; diamond: mean ({basis} "
                      f"wages). A triangle marks a top-coded percentile: at least that much.{quality} "
                      + ("BLS publishes hourly wages only for this occupation. " if basis == "hourly" else "")
                      + f"Source: {source['title']}, {source['publisher']}."))
    if released and not mapping.empty:
        with_range = set(ranges["role"]) if ranges is not None else set()
        lines = [f"- **PayLadder's mapping: {m.role} ≈ {m.occupation_title}** ({m.fit} fit"
                 f"{'' if m.role in with_range else '; no reported range in PayLadder’s sources'}). "
                 f"{m.rationale}" for m in mapping.itertuples()]
        with st.expander("Roles drawn beside the BLS figures: PayLadder's own mapping"):
            st.markdown(md("BLS has no product-management occupation, so which occupation stands in for "
                           "a role is PayLadder's choice, not BLS's. Bars show the roles' reported ranges "
                           "(base salary, market-wide and Amazon) from PayLadder's sources; hover a bar for "
                           "its source.\n\n" + "\n".join(lines)))
    st.dataframe(mc.percentile_table(frame), hide_index=True, width="stretch")
    ui.download_csv(with_source(frame, occupation_code=occupation, occupation_title=title, area_code=area,
                                area_name=area_names[area], industry_code=industry,
                                industry_name=ind_names[industry]),
                    "payladder-market-percentiles.csv", key="market_download_percentiles",
                    label="Download these percentiles (CSV)")

st.subheader("Where does my pay sit?")
left, right = st.columns([2, 1])
pay_basis = bound(right.radio, "Pay per", "pay_basis", options=list(PER), horizontal=True,
                  format_func={"annual": "Year", "hourly": "Hour"}.get)
pay = bound(left.number_input, f"Your pay, {PER[pay_basis]} (USD)", "pay", value=None, min_value=0.0,
            step=1000.0 if pay_basis == "annual" else 1.0,
            placeholder="e.g. 150000" if pay_basis == "annual" else "e.g. 75")
if pay is None:
    st.caption("Enter a pay to place it among the BLS percentiles of the occupation, area and industry "
               "above.")
elif not released:
    st.caption("No BLS wage estimate for this selection to compare with.")
else:
    result = market_percentile(pay_on_basis, *percentile_points(frame, basis))
    st.markdown(md(f"**{wage_text(pay, False, pay_basis)} {PER[pay_basis]}** is **{result['label']}** "
                   f"for {title} in {where}."))
    cols = st.columns(3)
    ratio = result["ratio_to_median"]
    cols[0].metric("Ratio to the median", "–" if ratio is None else f"{ratio:.2f}",
                   help="Your pay ÷ BLS median; not given when the median is top-coded or not released")
    if pay_basis == "hourly":
        cols[1].metric("Annual equivalent", money(annual_pay), help="Hourly × 2,080 hours, as BLS annualises")
    st.caption("Derived: a straight-line estimate between BLS's published percentiles. BLS publishes nothing "
               "below the 10th or above the 90th, so there the position is only 'below' or 'above'; above a "
               "top-coded percentile it is unknown.")

st.subheader("By state")
stat = bound(st.radio, "Statistic for the map and the metro areas", "percentile", options=list(STATS),
             format_func=STAT_LABELS.get, horizontal=True)
measure = f"{basis}_{stat}"
states = ui.load(state_percentile_map, occupation, measure)
if states["value"].isna().all():
    st.info(f"BLS publishes no state estimates of this statistic for {title}.", icon=NOTHING)
else:
    st.plotly_chart(mc.state_map(states, basis, stat, title), key="market_map", width="stretch",
                    config={"topojsonURL": "app/static/"})
    off_map = states[states["state_postal"].isin(["PR", "GU", "VI"]) & states["value"].notna()]
    territories = "; ".join(f"{r.area_name} {wage_text(r.value, r.lower_bound, basis)}"
                            for r in off_map.itertuples())
    st.caption(md(f"Cross-industry, {basis} wages. Grey: no published estimate. "
                  + (f"Off the map: {territories}. " if territories else "") + f"Source: {source['title']}."))
with st.expander("State values"):
    shown = [wage_text(v, b, basis) for v, b in zip(states["value"], states["lower_bound"], strict=True)]
    st.dataframe(states.assign(shown=shown)[["area_name", "state_postal", "shown"]], hide_index=True,
                 width="stretch", column_config={"area_name": "State", "state_postal": "Code",
                                                 "shown": STAT_LABELS[stat]})
ui.download_csv(with_source(states, occupation_code=occupation, occupation_title=title, measure=measure),
                "payladder-market-states.csv", key="market_download_states",
                label="Download the state values (CSV)")

st.subheader("Highest- and lowest-paying metro areas")
nonmetro = st.toggle("Include nonmetropolitan areas", key="market_nonmetro")
metros = ui.load(metro_extremes, occupation, measure, 10, nonmetro)
if metros.empty:
    st.info(f"BLS publishes no metro-area estimates of this statistic for {title}.", icon=NOTHING)
else:
    st.plotly_chart(mc.metro_chart(metros, basis, stat), key="market_metros", width="stretch")
    st.caption(md(f"The 10 highest and 10 lowest areas on the {STAT_LABELS[stat].lower()}, all industries. "
                  f"A top-coded value is a floor, so its rank is too. Source: {source['title']}."))
ui.download_csv(with_source(metros, occupation_code=occupation, occupation_title=title, measure=measure),
                "payladder-market-metros.csv", key="market_download_metros",
                label="Download the metro list (CSV)")

st.subheader("Across industries (national)")
by_industry = spread if basis == "annual" else ui.load(industry_spread, occupation, NATIONAL, basis)
sectors = mc.largest_sectors(by_industry)
if sectors["p50"].isna().all():
    st.info(f"BLS publishes no industry detail for {title}.", icon=NOTHING)
else:
    total = by_industry.loc[by_industry["industry_code"] == ALL_INDUSTRIES, "p50"]
    st.plotly_chart(mc.industry_chart(sectors, basis, None if total.empty else total.iloc[0]),
                    key="market_industries", width="stretch")
    st.caption(md(f"Median and 25th to 75th percentile in the {len(sectors)} industry sectors employing the "
                  f"most {title}, nationally ({basis} wages); the dotted line is the median across all "
                  f"industries. Source: {source['title']}."))
ui.download_csv(with_source(sectors, occupation_code=occupation, occupation_title=title, area_code=NATIONAL,
                            basis=basis), "payladder-market-industries.csv", key="market_download_industries",
                label="Download the industry figures (CSV)")

st.caption(md(f"Source: {source['title']}, {source['publisher']}, published {source['published']} "
              f"({SOURCE_ID}, {source['link']}). {source['notes']}"))
ui.sync_url({"occupation": occupation, "area": area, "industry": industry, "percentile": stat, "pay": pay,
             "pay_basis": pay_basis}, DEFAULTS)
