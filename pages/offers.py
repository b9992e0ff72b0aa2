"""Offer calculator: up to three job offers side by side over four years of pay, vesting and sign-on."""

import datetime as dt
from dataclasses import replace

import pandas as pd
import streamlit as st

from analytics import ui
from analytics.format import LOW_N, STATISTIC_LABELS, md, money, money_md
from analytics.levels.queries import levels_by_company
from analytics.offers.charts import cumulative_chart, offer_years_chart
from analytics.offers.codec import (
    CUSTOM,
    DEFAULT_COUNT,
    EXAMPLES,
    MAX_OFFERS,
    NAME_LIMIT,
    PARAMS,
    SCHEDULES,
    OfferInput,
    form_problems,
    form_values,
    from_form_values,
    offer_params,
    read_offers,
)
from analytics.offers.limits import number_input
from analytics.offers.model import Offer, compare_offers, offer_summary, offer_years
from analytics.offers.queries import reported_level_totals, vesting_schedule_sources
from analytics.offers.tables import (
    comparison_download,
    preset_sources,
    split_offers,
    versus_line,
    versus_reported,
    years_table,
)
from analytics.offers.text import ASSUMPTIONS, MARKET_NOTE, NOT_INCLUDED, YEAR_LABELS, link_amount
from analytics.offers.verdict import COMPARE, COMPARE_DEFAULT, cumulative_table, ranked, verdict
from analytics.realterms.adjust import REPORTED
from analytics.realterms.tax import FILING_STATUSES, US_STATES, covered_states, income_tax_years, take_home_table
from analytics.urlstate import parse_choice

TAX_YEARS = (2018, 2035)  # the first calendar year an offer's year 1 may fall in

st.title("Offer calculator")
st.caption(
    "Compare up to three job offers over four years: base, target bonus, stock as it vests, "
    "sign-on bonuses and refresher grants."
)

ladders = ui.load(levels_by_company)
levels = {company: rows["level"].tolist() for company, rows in ladders.groupby("company", sort=False)}
schedule_sources = preset_sources(ui.load(vesting_schedule_sources))
EXAMPLE_FORMS = {
    name: value for i, example in enumerate(EXAMPLES, start=1) for name, value in form_values(example, i).items()
}


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
        "tax_first_year": min(max(dt.date.today().year, TAX_YEARS[0]), TAX_YEARS[1]),
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


def offer_form(i: int, offer: OfferInput, problems: dict[str, str]) -> None:
    """The inputs of offer i, each with its problem beneath it."""
    with st.container(border=True):
        if offer == EXAMPLES[i - 1]:
            st.caption("Example values: replace with your offer.")
        state.widget(st.text_input, "Offer name", f"name_{i}", max_chars=NAME_LIMIT)
        _errors(problems, "name")
        left, right = st.columns(2)
        state.widget(
            left.selectbox,
            "Company (optional)",
            f"company_{i}",
            options=["", *levels],
            format_func=lambda c: c or "Other",
        )
        state.widget(
            right.selectbox,
            "Level (optional)",
            f"level_{i}",
            options=["", *levels.get(offer.company, [])],
            format_func=lambda lv: lv or "Not set",
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
        if offer.bonus_mode == "percent":
            _number_input("Target bonus (% of base)", f"bonus_percent_{i}")
            _errors(problems, "bonus_percent")
        else:
            _number_input("Target bonus (USD a year)", f"bonus_amount_{i}")
            _errors(problems, "bonus_target")
        _number_input("Stock grant value (USD, vests over 4 years)", f"equity_{i}")
        _errors(problems, "equity_grant")
        state.widget(st.selectbox, "Vesting schedule", f"schedule_{i}", options=SCHEDULES)
        st.caption(schedule_sources[offer.schedule])
        if offer.schedule == CUSTOM:
            for pair in ((1, 2), (3, 4)):  # rows of two, so narrow screens stack them in year order
                for column, year in zip(st.columns(2), pair, strict=True):
                    with column:
                        _number_input(f"Year {year} vests (%)", f"vest{year}_{i}")
        _errors(problems, "schedule")
        for pair in ((1, 2), (3, 4)):
            for column, year in zip(st.columns(2), pair, strict=True):
                with column:
                    _number_input(f"Sign-on bonus, year {year}", f"signon{year}_{i}")
        _errors(problems, "sign_on")
        _number_input(
            "Yearly refresher grant (USD, optional)",
            f"refresher_{i}",
            help="Granted at the end of each year; vests from the next year on the same schedule.",
        )
        _errors(problems, "refresher")
        if problems:
            st.warning(
                f"**{md(offer.name.strip() or f'Offer {i}')}** is left out of the comparison "
                "until the fields marked above are fixed.",
                icon=":material/block:",
            )


def offer_metrics(column, offer: Offer, slot: int) -> None:
    """An offer's headline totals, and a button taking its base salary to the Market page."""
    summary, first = offer_summary(offer), offer_years(offer).iloc[0]
    column.markdown(f"**{md(offer.name)}**")
    column.metric(
        "First-year total",
        money(summary["first_year_total"]),
        help=f"Base {money(first.base)} + bonus {money(first.bonus)} + stock "
        f"{money(first.stock)} + sign-on {money(first.sign_on)}",
    )
    column.metric("Four-year total", money(summary["four_year_total"]))
    column.metric("Four-year average", money(summary["four_year_average"]), help="Four-year total ÷ 4")
    if column.button(
        f"Base {money(offer.base)} on the Market page",
        key=f"offers_market_{slot}",
        icon=":material/map:",
        help="Open the Market page with this base salary as the pay to place among BLS wages "
        "(stock and bonuses left out: see the note below).",
    ):
        # The Market page keeps its state once visited, so set its pay there as well as in the link.
        st.session_state.setdefault("_state", {}).setdefault("market", {}).update(
            pay=float(offer.base), pay_basis="annual"
        )
        st.switch_page("pages/market.py", query_params={"pay": link_amount(offer.base), "pay_basis": "annual"})


def reported_comparison(shown: list[OfferInput], offers: list) -> None:
    """Each offer's first year beside reported totals for its company and level, with source and n."""
    st.subheader("Against reported pay for the same company and level")
    tables, unset = [], []
    for entry, offer in zip(shown, offers, strict=True):
        first = offer_summary(offer)["first_year_total"]
        where = f"{entry.company} {entry.level}"
        if not (entry.company and entry.level):
            unset.append(md(offer.name))
        elif (
            figures := view.apply(
                ui.connection(), ui.load(reported_level_totals, entry.company, entry.level), ["annual_usd"]
            )
        ).empty:
            st.info(
                f"**{md(offer.name)}**: no reported figure for this company and level ({where}).",
                icon=":material/search_off:",
            )
        else:
            table = versus_reported(offer.name, first, figures)
            st.markdown(
                f"**{md(offer.name)}**, first year {money_md(first)}, against {where}:\n"
                + "\n".join(versus_line(row) for row in table.itertuples())
            )
            tables.append(table)
    if unset:
        st.caption(f"Choose a company and level for {', '.join(unset)} to set it beside reported pay.")
    if not tables:
        return
    st.caption(
        "Reported totals are yearly total pay as each source reports it; what each counts (such as "
        "sign-on bonuses) is not always stated. Ratio = your first-year total ÷ the reported total. "
        f"Samples under {LOW_N} are low confidence. "
        + view.caption()
        + (
            " Your offers are your own figures, so they are not restated; the reported totals are, so a "
            "2021 figure compares with your offer in today's dollars."
            if view.adjusted
            else ""
        )
    )
    table = pd.concat(tables, ignore_index=True)
    table["statistic"] = table["statistic"].map(lambda s: STATISTIC_LABELS.get(s, s))
    money_cols, money_config = ui.money_columns(view, {"annual_usd": "Reported total"})
    with st.expander("The same as a table"):
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            column_order=[
                "offer",
                "compared_with",
                "statistic",
                *money_cols,
                "difference",
                "ratio",
                "when",
                "confidence",
                "source_publisher",
                "role",
            ],
            column_config={
                "offer": st.column_config.TextColumn("Offer", pinned=True),
                "compared_with": "Compared with",
                "statistic": "Reported",
                **money_config,
                "difference": ui.money_column("Difference"),
                "ratio": st.column_config.NumberColumn("Ratio", format="%.2f", help="Your first year ÷ reported"),
                "when": "Data as of",
                "confidence": "Sample size",
                "source_publisher": "Source",
                "role": "Role reported",
            },
        )
    ui.download_csv(
        table,
        "payladder-offers-reported.csv",
        key="offers_download_reported",
        label="Download this comparison with reported pay (CSV)",
    )


def after_tax(years: pd.DataFrame) -> None:
    """Each offer year's take-home pay for a chosen state and filing status, with the tax year used."""
    st.subheader("After tax")
    left, middle, right = st.columns(3)
    codes = list(US_STATES)
    last = max(income_tax_years())
    covered = covered_states(last)
    us_state = state.widget(
        left.selectbox,
        "State",
        "tax_state",
        options=codes,
        format_func=lambda c: US_STATES[c] + ("" if c in covered else " (not covered)"),
    )
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
    table = take_home_table(ui.connection(), years[["offer", "year", "total"]], us_state, status, int(first))
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_order=[
            "offer",
            "year",
            "total",
            "take_home",
            "federal_income_tax",
            "state_income_tax",
            "social_security",
            "medicare",
            "additional_medicare",
            "calendar_year",
            "income_tax_year",
            "payroll_year",
        ],
        column_config={
            "offer": st.column_config.TextColumn("Offer", pinned=True),
            "year": st.column_config.NumberColumn("Year", format="%d"),
            "calendar_year": st.column_config.NumberColumn("Calendar year", format="%d"),
            "income_tax_year": st.column_config.NumberColumn("Income tax rules of", format="%d"),
            "payroll_year": st.column_config.NumberColumn("Payroll rules of", format="%d"),
            "total": ui.money_column("Gross (total)"),
            "federal_income_tax": ui.money_column("Federal income tax"),
            "state_income_tax": ui.money_column("State income tax"),
            "social_security": ui.money_column("Social Security"),
            "medicare": ui.money_column("Medicare"),
            "additional_medicare": ui.money_column("Additional Medicare"),
            "take_home": ui.money_column("Take-home"),
        },
    )
    if us_state not in covered:
        st.warning(
            f"{US_STATES[us_state]} income tax is not covered by tenforty: take-home is left blank; federal "
            "income tax, Social Security and Medicare are shown.",
            icon=":material/block:",
        )
    later = table[table["calendar_year"] != table["income_tax_year"]]
    if not later.empty:
        st.caption(
            f"No income tax rules for {', '.join(map(str, sorted(set(later['calendar_year']))))}: the "
            f"{', '.join(map(str, sorted(set(later['income_tax_year']))))} rules are used (see the table's "
            "columns for the rules each year uses)."
        )
    if status == "married_joint":
        st.caption("Married filing jointly: the offer's pay is taken as the household's only wages.")
    st.caption(
        f"Income tax from tenforty 2025.12 (tax years {min(income_tax_years())}–{last}); it covers state "
        f"income tax in {', '.join(covered)} and not in the other states and DC, where take-home is left "
        "blank. Social Security and Medicare rates, wage base and thresholds from data/payroll_taxes.csv "
        "(SSA, IRS). " + NOT_INCLUDED
    )
    ui.download_csv(
        table.assign(state=us_state, filing_status=FILING_STATUSES[status][0]),
        "payladder-offers-after-tax.csv",
        key="offers_download_after_tax",
        label="Download take-home pay (CSV)",
    )


count = state.widget(st.radio, "Number of offers", "count", options=list(range(1, MAX_OFFERS + 1)), horizontal=True)
shown = []
for i in range(1, count + 1):
    offer = from_form_values(state.values, i)
    if offer.level not in levels.get(offer.company, []):
        offer = replace(offer, level="")
    state.update(**form_values(offer, i))  # the unused bonus form and the schedule follow the fields in use
    shown.append(offer)
problems = form_problems(shown)
for i, column in enumerate(st.columns(count), start=1):  # one column per offer shown
    with column:
        offer_form(i, shown[i - 1], problems[i - 1])
ui.sync_url(offer_params(shown), dict.fromkeys(PARAMS))
state.sync_url(["compare"])

st.subheader("Comparison")
valid, left_out = split_offers(shown, problems)
if left_out:
    st.warning(
        f"Left out of the comparison: {', '.join(map(md, left_out))}. Fix the fields marked above to include it.",
        icon=":material/block:",
    )
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
    if len(offers) > 1:
        st.markdown(f"**Verdict, by {COMPARE[compare].lower()}.** " + " ".join(md(s) for s in verdict(offers, compare)))
    slots = {state.name.strip(): i for i, state in enumerate(shown, start=1)}
    for column, offer in zip(st.columns(len(offers)), offers, strict=True):
        offer_metrics(column, offer, slots[offer.name])
    st.caption(MARKET_NOTE)
    st.plotly_chart(cumulative_chart(cumulative_table(offers)), key="offers_cumulative", width="stretch")
    st.caption(
        "Running total: what each offer has paid by the end of each year (base, bonus, vested stock and "
        "sign-on), from your inputs under the assumptions below."
    )
    st.plotly_chart(offer_years_chart(compare_offers(offers)), key="offers_chart", width="stretch")
    st.caption(
        "Each bar is one year of an offer, stacked by component; the figure at its end is the year's "
        "total. Calculated from your inputs (not reported data), in the dollars you typed (not restated "
        "by the money switch), under these assumptions:"
    )
    st.markdown(ASSUMPTIONS)
    years = years_table(offers)
    converted = replace(view, mode=REPORTED).apply(ui.connection(), years, ["total"])  # currency only
    money_cols, money_config = ui.money_columns(replace(view, mode=REPORTED), {"total": "Total"})
    money_config["total"] = st.column_config.NumberColumn("Total", format="localized", step=1, help="Total, USD")
    st.dataframe(
        converted,
        hide_index=True,
        width="stretch",
        column_order=["offer", "year", *money_cols, "base", "bonus", "stock", "sign_on"],
        column_config={
            "offer": st.column_config.TextColumn("Offer", pinned=True),
            "year": st.column_config.NumberColumn("Year", format="%d", width="small"),
            **money_config,
            **{
                c: st.column_config.NumberColumn(label, format="localized", step=1, help=f"{label}, USD")
                for c, label in YEAR_LABELS.items()
            },
        },
    )
    st.caption(("Amounts in USD, as you typed them. " + replace(view, mode=REPORTED).caption()).strip())
    ui.download_csv(comparison_download(offers, valid), "payladder-offers.csv", key="offers_download")
    inputs = {state.name.strip(): state for state in valid}
    reported_comparison([inputs[o.name] for o in offers], offers)  # in the order of the comparison
    after_tax(years)
