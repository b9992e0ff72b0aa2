"""Offer calculator: up to three job offers side by side over four years of pay, vesting and sign-on."""

import datetime as dt
import re
from dataclasses import replace

import pandas as pd
import streamlit as st

from analytics import ui
from analytics.charts import STATISTIC_LABELS, money
from analytics.offer_charts import offer_years_chart
from analytics.offer_state import (
    CUSTOM,
    DEFAULT_COUNT,
    EXAMPLES,
    MAX_OFFERS,
    NAME_LIMIT,
    PARAMS,
    SCHEDULES,
    OfferInput,
    form_problems,
    from_widget_values,
    inputs_table,
    offer_params,
    preset_sources,
    read_offers,
    versus_reported,
    widget_values,
)
from analytics.offers import compare_offers, offer_summary, offer_years
from analytics.queries import levels_by_company, reported_level_totals, vesting_schedule_sources
from analytics.realterms.tax import FILING_STATUSES, US_STATES, covered_states, income_tax_years, take_home_table

ASSUMPTIONS = """
- **No raises**: base salary and bonus stay the same every year, and the bonus pays at its target.
- **Stock at grant value**: no change in share price.
- **Refreshers**: a grant of the same value at the end of every year, vesting from the next year on the
  offer's schedule; only what vests in years 1–4 counts (none in year 1).
- Sign-on bonuses are paid in the years you enter them.
"""

st.title("Offer calculator")
st.caption("Compare up to three job offers over four years: base, target bonus, stock as it vests, "
           "sign-on bonuses and refresher grants.")

ladders = ui.load(levels_by_company)
levels = {company: rows["level"].tolist() for company, rows in ladders.groupby("company", sort=False)}
schedule_sources = preset_sources(ui.load(vesting_schedule_sources))
ui.page_state("offers", lambda params, parsed: read_offers(params, parsed, levels))
st.session_state.setdefault("shared_offers_count", DEFAULT_COUNT)
for slot, example in enumerate(EXAMPLES, start=1):
    st.session_state.setdefault(f"shared_offers_{slot}", example)


def _key(field: str, i: int) -> str:
    return f"offers_{field}_{i}"


def _md(text: str) -> str:
    """Text for markdown, so an offer's name shows as typed."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:])", r"\\\1", text)


def _money_md(amount: float) -> str:
    """Money for markdown: $148,688 with the dollar escaped, so two amounts never read as maths."""
    return money(amount).replace("$", "\\$")


def _save(i: int) -> None:
    """Copy offer i's widgets into its shared state (a callback, so it runs before the page)."""
    shared = widget_values(st.session_state[f"shared_offers_{i}"])
    values = {f: st.session_state.get(_key(f, i), shared[f]) for f in shared}
    try:
        state = from_widget_values({f: shared[f] if v is None else v for f, v in values.items()})
    except (TypeError, ValueError):
        return  # a widget held something unusable: keep the last good state
    if state.level not in levels.get(state.company, []):
        state = replace(state, level="")
    st.session_state[f"shared_offers_{i}"] = state


def _errors(problems: dict[str, str], *fields: str) -> None:
    """Show each problem right under the field it is about."""
    for field in fields:
        if field in problems:
            st.error(problems[field], icon=":material/error:")


def _money_input(label: str, field: str, i: int, **kwargs) -> None:
    st.number_input(label, key=_key(field, i), step=1000.0, format="%.0f", on_change=_save, args=(i,),
                    **kwargs)


def offer_form(i: int, state: OfferInput, problems: dict[str, str]) -> None:
    """The inputs of offer i, each with its problem beneath it."""
    for field, value in widget_values(state).items():
        st.session_state[_key(field, i)] = value
    on = {"on_change": _save, "args": (i,)}
    with st.container(border=True):
        if state == EXAMPLES[i - 1]:
            st.caption("Example values: replace with your offer.")
        st.text_input("Offer name", key=_key("name", i), max_chars=NAME_LIMIT, **on)
        _errors(problems, "name")
        left, right = st.columns(2)
        left.selectbox("Company (optional)", ["", *levels], key=_key("company", i),
                       format_func=lambda c: c or "Other", **on)
        right.selectbox("Level (optional)", ["", *levels.get(state.company, [])], key=_key("level", i),
                        format_func=lambda lv: lv or "Not set", disabled=not state.company, **on)
        _money_input("Base salary (USD a year)", "base", i)
        _errors(problems, "base")
        st.radio("Target bonus as", ["percent", "amount"], key=_key("bonus_mode", i), horizontal=True,
                 format_func={"percent": "% of base", "amount": "Amount (USD)"}.get, **on)
        if state.bonus_mode == "percent":
            st.number_input("Target bonus (% of base)", key=_key("bonus_percent", i), step=1.0, format="%g",
                            **on)
            _errors(problems, "bonus_percent")
        else:
            _money_input("Target bonus (USD a year)", "bonus_amount", i)
            _errors(problems, "bonus_target")
        _money_input("Stock grant value (USD, vests over 4 years)", "equity", i)
        _errors(problems, "equity_grant")
        st.selectbox("Vesting schedule", SCHEDULES, key=_key("schedule", i), **on)
        st.caption(schedule_sources[state.schedule])
        if state.schedule == CUSTOM:
            for pair in ((1, 2), (3, 4)):  # rows of two, so narrow screens stack them in year order
                for column, year in zip(st.columns(2), pair, strict=True):
                    column.number_input(f"Year {year} vests (%)", key=_key(f"vest{year}", i), step=1.0,
                                        format="%g", **on)
        _errors(problems, "schedule")
        for pair in ((1, 2), (3, 4)):
            for column, year in zip(st.columns(2), pair, strict=True):
                with column:
                    _money_input(f"Sign-on bonus, year {year}", f"signon{year}", i)
        _errors(problems, "sign_on")
        _money_input("Yearly refresher grant (USD, optional)", "refresher", i,
                     help="Granted at the end of each year; vests from the next year on the same schedule.")
        _errors(problems, "refresher")
        if problems:
            st.warning(f"**{_md(state.name.strip() or f'Offer {i}')}** is left out of the comparison "
                       "until the fields marked above are fixed.", icon=":material/block:")


def _versus_line(row) -> str:
    """One reported figure beside the offer, in words, with its source, date and sample size."""
    gap = "the same as" if row.difference == 0 else f"{_money_md(abs(row.difference))} " + (
        "above" if row.difference > 0 else "below")
    what = ("Reported total (statistic not stated)" if row.statistic == "typical"
            else f"{STATISTIC_LABELS.get(row.statistic, row.statistic)} total")
    role = f", {_md(row.role)}" if isinstance(row.role, str) else ""
    n = f"**{row.confidence}**" if "low" in row.confidence else row.confidence
    when = "date not stated" if row.when == "not stated" else f"data as of {_md(row.when)}"
    return (f"- {what}{role}: **{_money_md(row.annual_usd)}**. Yours is {gap} (ratio {row.ratio:.2f}). "
            f"Source: {_md(row.source_publisher)}, {when}, {n}.")


def reported_comparison(shown: list[OfferInput], offers: list) -> None:
    """Each offer's first year beside reported totals for its company and level, with source and n."""
    st.subheader("Against reported pay for the same company and level")
    tables, unset = [], []
    for state, offer in zip(shown, offers, strict=True):
        first = offer_summary(offer)["first_year_total"]
        where = f"{state.company} {state.level}"
        if not (state.company and state.level):
            unset.append(_md(offer.name))
        elif (figures := ui.load(reported_level_totals, state.company, state.level)).empty:
            st.info(f"**{_md(offer.name)}**: no reported figure for this company and level ({where}).",
                    icon=":material/search_off:")
        else:
            table = versus_reported(offer.name, first, figures)
            st.markdown(f"**{_md(offer.name)}**, first year {_money_md(first)}, against {where}:\n"
                        + "\n".join(_versus_line(row) for row in table.itertuples()))
            tables.append(table)
    if unset:
        st.caption(f"Choose a company and level for {', '.join(unset)} to set it beside reported pay.")
    if not tables:
        return
    st.caption("Reported totals are yearly total pay as each source reports it; what each counts (such as "
               "sign-on bonuses) is not always stated. Ratio = your first-year total ÷ the reported total. "
               "Samples under 20 are low confidence.")
    table = pd.concat(tables, ignore_index=True)
    table["statistic"] = table["statistic"].map(lambda s: STATISTIC_LABELS.get(s, s))
    with st.expander("The same as a table"):
        st.dataframe(table, hide_index=True, width="stretch", column_order=[
            "offer", "compared_with", "statistic", "annual_usd", "difference", "ratio", "when", "confidence",
            "source_publisher", "role"], column_config={
            "offer": "Offer", "compared_with": "Compared with", "statistic": "Reported",
            "annual_usd": ui.money_column("Reported total"), "difference": ui.money_column("Difference"),
            "ratio": st.column_config.NumberColumn("Ratio", format="%.2f", help="Your first year ÷ reported"),
            "when": "Data as of", "confidence": "Sample size", "source_publisher": "Source",
            "role": "Role reported"})
    ui.download_csv(table, "payladder-offers-reported.csv", key="offers_download_reported",
                    label="Download this comparison with reported pay (CSV)")


TAX_YEARS = (2018, 2035)  # the first calendar year an offer's year 1 may fall in
NOT_INCLUDED = ("Not included: state disability and paid-leave payroll taxes (such as California SDI), local "
                "income taxes, pre-tax deductions (401(k), health premiums) and credits. Wages only, standard "
                "deduction, no dependants; stock is taxed as wages in the year it vests.")


def after_tax(years: pd.DataFrame) -> None:
    """Each offer year's take-home pay for a chosen state and filing status, with the tax year used."""
    st.subheader("After tax")
    left, middle, right = st.columns(3)
    codes = list(US_STATES)
    last = max(income_tax_years())
    covered = covered_states(last)
    state = left.selectbox("State", codes, index=codes.index("CA"), key="offers_tax_state",
                           format_func=lambda c: US_STATES[c] + ("" if c in covered else " (not covered)"))
    status = middle.selectbox("Filing status", list(FILING_STATUSES), key="offers_tax_status",
                              format_func=lambda s: FILING_STATUSES[s][0])
    first = right.number_input(f"Year 1 is calendar year ({TAX_YEARS[0]}–{TAX_YEARS[1]})", *TAX_YEARS,
                               value=min(max(dt.date.today().year, TAX_YEARS[0]), TAX_YEARS[1]), step=1,
                               key="offers_tax_first_year")
    if first is None:
        st.info("Enter the calendar year of year 1 to see take-home pay.", icon=":material/edit:")
        return
    table = take_home_table(ui.connection(), years[["offer", "year", "total"]], state, status, int(first))
    st.dataframe(table, hide_index=True, width="stretch", column_order=[
        "offer", "year", "total", "take_home", "federal_income_tax", "state_income_tax", "social_security",
        "medicare", "additional_medicare", "calendar_year", "income_tax_year", "payroll_year"], column_config={
        "offer": "Offer", "year": st.column_config.NumberColumn("Year", format="%d"),
        "calendar_year": st.column_config.NumberColumn("Calendar year", format="%d"),
        "income_tax_year": st.column_config.NumberColumn("Income tax rules of", format="%d"),
        "payroll_year": st.column_config.NumberColumn("Payroll rules of", format="%d"),
        "total": ui.money_column("Gross (total)"), "federal_income_tax": ui.money_column("Federal income tax"),
        "state_income_tax": ui.money_column("State income tax"), "social_security": ui.money_column("Social Security"),
        "medicare": ui.money_column("Medicare"), "additional_medicare": ui.money_column("Additional Medicare"),
        "take_home": ui.money_column("Take-home")})
    if state not in covered:
        st.warning(f"{US_STATES[state]} income tax is not covered by tenforty: take-home is left blank; federal "
                   "income tax, Social Security and Medicare are shown.", icon=":material/block:")
    later = table[table["calendar_year"] != table["income_tax_year"]]
    if not later.empty:
        st.caption(f"No income tax rules for {', '.join(map(str, sorted(set(later['calendar_year']))))}: the "
                   f"{', '.join(map(str, sorted(set(later['income_tax_year']))))} rules are used (see the table's "
                   "columns for the rules each year uses).")
    if status == "married_joint":
        st.caption("Married filing jointly: the offer's pay is taken as the household's only wages.")
    st.caption(f"Income tax from tenforty 2025.12 (tax years {min(income_tax_years())}–{last}); it covers state "
               f"income tax in {', '.join(covered)} and not in the other states and DC, where take-home is left "
               "blank. Social Security and Medicare rates, wage base and thresholds from data/payroll_taxes.csv "
               "(SSA, IRS). " + NOT_INCLUDED)
    ui.download_csv(table.assign(state=state, filing_status=FILING_STATUSES[status][0]),
                    "payladder-offers-after-tax.csv", key="offers_download_after_tax",
                    label="Download take-home pay (CSV)")


st.session_state["offers_count"] = st.session_state["shared_offers_count"]
count = st.radio("Number of offers", list(range(1, MAX_OFFERS + 1)), key="offers_count", horizontal=True,
                 on_change=lambda: st.session_state.update(shared_offers_count=st.session_state.offers_count))
shown = [st.session_state[f"shared_offers_{i}"] for i in range(1, count + 1)]
problems = form_problems(shown)
for i, column in enumerate(st.columns(MAX_OFFERS)[:count], start=1):
    with column:
        offer_form(i, shown[i - 1], problems[i - 1])
ui.sync_url(offer_params(shown), dict.fromkeys(PARAMS))

st.subheader("Comparison")
valid = [state for state, found in zip(shown, problems, strict=True) if not found]
left_out = [_md(state.name.strip() or f"Offer {i}") for i, (state, found)
            in enumerate(zip(shown, problems, strict=True), start=1) if found]
if left_out:
    st.warning(f"Left out of the comparison: {', '.join(left_out)}. Fix the fields marked above "
               "to include it.", icon=":material/block:")
if not valid:
    st.info("No offer to compare yet: fix the fields marked above.", icon=":material/edit:")
else:
    offers = [state.to_offer() for state in valid]
    for column, offer in zip(st.columns(len(offers)), offers, strict=True):
        summary, first = offer_summary(offer), offer_years(offer).iloc[0]
        column.markdown(f"**{_md(offer.name)}**")
        column.metric("First-year total", money(summary["first_year_total"]),
                      help=f"Base {money(first.base)} + bonus {money(first.bonus)} + stock "
                           f"{money(first.stock)} + sign-on {money(first.sign_on)}")
        column.metric("Four-year total", money(summary["four_year_total"]))
        column.metric("Four-year average", money(summary["four_year_average"]), help="Four-year total ÷ 4")
    long = compare_offers(offers)
    st.plotly_chart(offer_years_chart(long), key="offers_chart", width="stretch")
    st.caption("Each bar is one year of an offer, stacked by component; the figure at its end is the year's "
               "total. Calculated from your inputs (not reported data) under these assumptions:")
    st.markdown(ASSUMPTIONS)
    years = pd.concat([offer_years(o).assign(offer=o.name) for o in offers], ignore_index=True)
    st.dataframe(years[["offer", "year", "base", "bonus", "stock", "sign_on", "total"]], hide_index=True,
                 width="stretch", column_config={
                     "offer": "Offer", "year": st.column_config.NumberColumn("Year", format="%d"),
                     "base": ui.money_column("Base"), "bonus": ui.money_column("Bonus (target)"),
                     "stock": ui.money_column("Stock vesting"), "sign_on": ui.money_column("Sign-on"),
                     "total": ui.money_column("Total")})
    download = long.merge(inputs_table(valid), on="offer", how="left").assign(
        source="Calculated from your inputs (PayLadder offer calculator; see its assumptions)")
    ui.download_csv(download, "payladder-offers.csv", key="offers_download")
    reported_comparison(valid, offers)
    after_tax(years)
