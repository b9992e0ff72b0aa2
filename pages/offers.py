"""Offer calculator: up to three job offers side by side over four years of pay, vesting and sign-on."""

import datetime as dt

import pandas as pd
import streamlit as st

from analytics import ui
from analytics.format import md
from analytics.levels.queries import levels_by_company
from analytics.offers.aftertax import (
    TAX_YEARS,
    after_tax_captions,
    after_tax_download,
    first_tax_year,
    not_covered_warning,
    state_labels,
)
from analytics.offers.charts import cumulative_chart, offer_years_chart
from analytics.offers.codec import (
    DEFAULT_COUNT,
    EXAMPLE_FORMS,
    MAX_OFFERS,
    NAME_LIMIT,
    PARAMS,
    SCHEDULES,
    OfferInput,
    form_problems,
    forms_values,
    is_example,
    offer_params,
    read_offers,
    shown_offers,
)
from analytics.offers.limits import number_input
from analytics.offers.model import Offer, compare_offers
from analytics.offers.queries import reported_level_totals, vesting_schedule_sources
from analytics.offers.tables import (
    YEAR_ROWS,
    after_tax_columns,
    bonus_field,
    company_levels,
    comparison_download,
    gross_years,
    headline,
    level_choices,
    no_reported_note,
    offer_slots,
    own_money,
    placed,
    preset_sources,
    reported_columns,
    reported_table,
    split_offers,
    unplaced_note,
    versus_reported,
    versus_text,
    vest_rows,
    years_columns,
    years_table,
)
from analytics.offers.text import (
    ASSUMPTIONS,
    EXAMPLE_NOTE,
    MARKET_NOTE,
    company_label,
    left_out_note,
    left_out_warning,
    level_label,
    market_label,
    own_caption,
    reported_caption,
)
from analytics.offers.verdict import COMPARE, COMPARE_DEFAULT, cumulative_table, ranked, verdict_text
from analytics.realterms.tax import FILING_STATUSES, take_home_table
from analytics.urlstate import parse_choice

st.title("Offer calculator")
st.caption(
    "Compare up to three job offers over four years: base, target bonus, stock as it vests, "
    "sign-on bonuses and refresher grants."
)

levels = company_levels(ui.load(levels_by_company))
schedule_sources = preset_sources(ui.load(vesting_schedule_sources))


def read(params, parsed) -> None:
    """The offers and the comparison measure from a link."""
    read_offers(params, parsed, levels)
    parse_choice(params, "compare", list(COMPARE), COMPARE_DEFAULT, parsed, "comparison")


state = ui.PageState(
    "offers",
    {
        "count": DEFAULT_COUNT,
        **EXAMPLE_FORMS,
        "tax_state": "CA",
        "tax_status": "single",
        "tax_first_year": first_tax_year(dt.date.today()),
        "compare": COMPARE_DEFAULT,
    },
    read,
)
view = ui.money_view()


def _errors(problems: dict[str, str], *fields: str) -> None:
    """Show each problem right under the field it is about."""
    for field in fields:
        if field in problems:
            st.error(problems[field], icon=":material/error:")


def _number_input(label: str, name: str, help: str = "") -> None:
    """A number input with its stated range; blank is missing for the base and none elsewhere."""
    state.widget(st.number_input, label, name, value=None, **number_input(name, help))


def _yearly_inputs(label: str, field: str, rows: tuple[tuple[int, int], ...], slot: int) -> None:
    """One number input a year (the label takes the year), in rows of two."""
    for pair in rows:
        for column, year in zip(st.columns(2), pair, strict=True):
            with column:
                _number_input(label.format(year=year), f"{field}{year}_{slot}")


def offer_form(i: int, offer: OfferInput, problems: dict[str, str]) -> None:
    """The inputs of offer i, each with its problem beneath it."""
    with st.container(border=True):
        if is_example(offer, i):
            st.caption(EXAMPLE_NOTE)
        state.widget(st.text_input, "Offer name", f"name_{i}", max_chars=NAME_LIMIT)
        _errors(problems, "name")
        left, right = st.columns(2)
        state.widget(
            left.selectbox, "Company (optional)", f"company_{i}", options=["", *levels], format_func=company_label
        )
        state.widget(
            right.selectbox,
            "Level (optional)",
            f"level_{i}",
            options=level_choices(levels, offer.company),
            format_func=level_label,
            disabled=not offer.company,
        )
        _number_input("Base salary (USD a year)", f"base_{i}")
        _errors(problems, "base")
        state.widget(
            st.radio,
            "Target bonus as",
            f"bonus_mode_{i}",
            options=["percent", "amount"],
            horizontal=True,
            format_func={"percent": "% of base", "amount": "Amount (USD)"}.get,
        )
        label, field, problem = bonus_field(offer)
        _number_input(label, f"{field}_{i}")
        _errors(problems, problem)
        _number_input("Stock grant value (USD, vests over 4 years)", f"equity_{i}")
        _errors(problems, "equity_grant")
        state.widget(st.selectbox, "Vesting schedule", f"schedule_{i}", options=SCHEDULES)
        st.caption(schedule_sources[offer.schedule])
        _yearly_inputs("Year {year} vests (%)", "vest", vest_rows(offer), i)
        _errors(problems, "schedule")
        _yearly_inputs("Sign-on bonus, year {year}", "signon", YEAR_ROWS, i)
        _errors(problems, "sign_on")
        _number_input(
            "Yearly refresher grant (USD, optional)",
            f"refresher_{i}",
            help="Granted at the end of each year; vests from the next year on the same schedule.",
        )
        _errors(problems, "refresher")
        if problems:
            st.warning(left_out_note(offer, i), icon=":material/block:")


def offer_metrics(column, offer: Offer, slot: int) -> None:
    """An offer's headline totals, and a button taking its base salary to the Market page."""
    column.markdown(f"**{md(offer.name)}**")
    for label, value, help in headline(offer):
        column.metric(label, value, help=help)
    if column.button(
        market_label(offer),
        key=f"offers_market_{slot}",
        icon=":material/map:",
        help="Open the Market page with this base salary as the pay to place among BLS wages "
        "(stock and bonuses left out: see the note below).",
    ):
        ui.open_page("market", pay=float(offer.base), pay_basis="annual")


def reported_comparison(inputs: list[OfferInput], offers: list[Offer]) -> None:
    """Each offer's first year beside reported totals for its company and level, with source and n."""
    st.subheader("Against reported pay for the same company and level")
    tables = []
    for offer in placed(inputs, offers):
        figures = view.apply(
            ui.connection(), ui.load(reported_level_totals, offer.company, offer.level), ["annual_usd"]
        )
        if figures.empty:
            st.info(no_reported_note(offer), icon=":material/search_off:")
            continue
        tables.append(versus_reported(offer.offer, offer.first_year, figures))
        st.markdown(versus_text(tables[-1]))
    if note := unplaced_note(inputs, offers):
        st.caption(note)
    if not tables:
        return
    st.caption(reported_caption(view))
    table = reported_table(tables)
    with st.expander("The same as a table"):
        ui.table(table, reported_columns(view), key="offers_reported")
    ui.download(
        table,
        reported_columns(view),
        "payladder-offers-reported",
        key="offers_reported",
        label="Download this comparison with reported pay",
    )


def after_tax(years: pd.DataFrame) -> None:
    """Each offer year's take-home pay for a chosen state and filing status, with the tax year used."""
    st.subheader("After tax")
    left, middle, right = st.columns(3)
    labels = state_labels()
    us_state = state.widget(left.selectbox, "State", "tax_state", options=list(labels), format_func=labels.get)
    status = state.widget(
        middle.selectbox,
        "Filing status",
        "tax_status",
        options=list(FILING_STATUSES),
        format_func=lambda s: FILING_STATUSES[s][0],
    )
    first = state.widget(
        right.number_input,
        f"Year 1 is calendar year ({TAX_YEARS[0]}–{TAX_YEARS[1]})",
        "tax_first_year",
        min_value=TAX_YEARS[0],
        max_value=TAX_YEARS[1],
        step=1,
    )
    if first is None:
        st.info("Enter the calendar year of year 1 to see take-home pay.", icon=":material/edit:")
        return
    table = take_home_table(ui.connection(), gross_years(years), us_state, status, int(first))
    ui.table(after_tax_download(table, us_state, status), after_tax_columns(), key="offers_after_tax")
    if warning := not_covered_warning(us_state):
        st.warning(warning, icon=":material/block:")
    for caption in after_tax_captions(table, status):
        st.caption(caption)
    ui.download(
        after_tax_download(table, us_state, status),
        after_tax_columns(),
        "payladder-offers-after-tax",
        key="offers_after_tax",
        label="Download take-home pay",
    )


count = state.widget(st.radio, "Number of offers", "count", options=list(range(1, MAX_OFFERS + 1)), horizontal=True)
shown = shown_offers(state.values, count, levels)
state.update(**forms_values(shown))  # the unused bonus form and the schedule follow the fields in use
problems = form_problems(shown)
for i, column in enumerate(st.columns(count), start=1):  # one column per offer shown
    with column:
        offer_form(i, shown[i - 1], problems[i - 1])
ui.sync_url(offer_params(shown), dict.fromkeys(PARAMS))
state.sync_url(["compare"])

st.subheader("Comparison")
valid, left_out = split_offers(shown, problems)
if left_out:
    st.warning(left_out_warning(left_out), icon=":material/block:")
if not valid:
    st.info("No offer to compare yet: fix the fields marked above.", icon=":material/edit:")
else:
    compare = state.widget(
        st.radio,
        "Compare by",
        "compare",
        options=list(COMPARE),
        format_func=COMPARE.get,
        horizontal=True,
        help="Year one alone flatters an offer with large sign-on bonuses or "
        "front-loaded stock; the four-year average evens them out.",
    )
    offers = ranked([offer.to_offer() for offer in valid], compare)
    if verdict := verdict_text(offers, compare):
        st.markdown(verdict)
    slots = offer_slots(shown)
    for column, offer in zip(st.columns(len(offers)), offers, strict=True):
        offer_metrics(column, offer, slots[offer.name])
    st.caption(MARKET_NOTE)
    st.plotly_chart(ui.figure(cumulative_chart, cumulative_table(offers)), key="offers_cumulative", width="stretch")
    st.caption(
        "Running total: what each offer has paid by the end of each year (base, bonus, vested stock and "
        "sign-on), from your inputs under the assumptions below."
    )
    st.plotly_chart(ui.figure(offer_years_chart, compare_offers(offers)), key="offers_chart", width="stretch")
    st.caption(
        "Each bar is one year of an offer, stacked by component; the figure at its end is the year's "
        "total. Calculated from your inputs (not reported data), in the dollars you typed (not restated "
        "by the money switch), under these assumptions:"
    )
    st.markdown(ASSUMPTIONS)
    years = years_table(offers)
    shown_years = comparison_download(own_money(view).apply(ui.connection(), years, ["total"]), valid)
    ui.table(shown_years, years_columns(own_money(view)), key="offers_years")
    st.caption(own_caption(view))
    ui.download(
        shown_years,
        years_columns(own_money(view)),
        "payladder-offers",
        key="offers_years",
        label="Download the comparison",
    )
    reported_comparison(valid, offers)
    after_tax(years)
