"""Pay mix: base, stock and bonus medians per company and level, first-year or four-year basis."""

import pandas as pd
import streamlit as st

from analytics import ui
from analytics.format import LOW_N, money
from analytics.levels.queries import level_names
from analytics.paymix.charts import pay_mix_chart
from analytics.paymix.queries import level_pay_mix, sign_on_practices, vesting_schedule_table
from analytics.paymix.tables import (
    BASIS_LABELS,
    MONEY_COLUMNS,
    chosen_schedules,
    default_schedules,
    mix_table,
    pay_mix_shown,
    schedule_options,
    schedules_table,
)
from analytics.roles.queries import headline_figures
from analytics.urlstate import parse_choice, parse_choices

VIEWS = {"amount": "By amount", "share": "By share of the sum"}
BONUS = {"median": "Median", "mean": "Mean"}
FIRST_YEAR_NOTE = (
    "**How first-year stock is worked out.** levels.fyi reports stock per year. We treat it as a four-year "
    "average of the grant (grant ÷ 4), so the grant is stock/yr × 4 and the stock vesting in year 1 is "
    "grant × the year-1 percent of the company's schedule: **first-year stock = stock/yr × 4 × year-1 %**. "
    "Example, Amazon L6: $71,000 × 4 × 5% = $14,200. These are derived figures, not reported ones."
)
st.title("Pay mix")
st.caption("Base salary, stock and bonus per company and level, from levels.fyi submissions.")
filters = ui.shared_filters(show=("companies", "levels"))
money_view = ui.money_view()
schedules = ui.load(vesting_schedule_table, filters.companies)
defaults = {
    "view": "amount",
    "basis": "average",
    "bonus": "median",
    "vesting": list(default_schedules(schedules).values()),
}


def read(params, parsed) -> None:
    """The page's own state from a shared link."""
    parse_choice(params, "mix_view", list(VIEWS), defaults["view"], parsed, "view")
    parse_choice(params, "mix_basis", list(BASIS_LABELS), defaults["basis"], parsed, "pay basis")
    parse_choice(params, "mix_bonus", list(BONUS), defaults["bonus"], parsed, "bonus statistic")
    parse_choices(
        params, "mix_vesting", schedules["schedule"].tolist(), defaults["vesting"], parsed, "vesting schedule"
    )


state = ui.PageState("pay_mix", defaults, read, params={name: f"mix_{name}" for name in defaults})
cols = st.columns(3)
view = state.widget(cols[0].radio, "Show", "view", options=list(VIEWS), format_func=VIEWS.get, horizontal=True)
basis = state.widget(
    cols[1].radio,
    "Stock counted as",
    "basis",
    options=list(BASIS_LABELS),
    format_func=BASIS_LABELS.get,
    horizontal=True,
)
bonus = state.widget(
    cols[2].radio,
    "Bonus in the stack",
    "bonus",
    options=list(BONUS),
    format_func=BONUS.get,
    horizontal=True,
    help="Amazon's median bonus is $0 at every level; its mean is not.",
)
chosen = chosen_schedules(schedules, state["vesting"])
if basis == "first_year" and chosen:
    for col, company in zip(st.columns(len(chosen)), chosen, strict=True):
        options, name = schedule_options(schedules, company), f"vesting_{company}"
        state[name] = chosen[company]
        chosen[company] = state.widget(
            col.selectbox,
            f"{company} vesting schedule",
            name,
            options=options,
            disabled=len(options) == 1,
            on_change=lambda name=name: state.update(vesting=[*state["vesting"], state[name]]),
        )
    st.info(FIRST_YEAR_NOTE, icon=":material/calculate:")
state["vesting"] = list(chosen.values())
state.sync_url(defaults)

mix = ui.load(level_pay_mix, filters.companies, filters.levels(ui.load(level_names)))
if mix.empty:
    ui.empty_message("levels.fyi pay medians (Amazon and Google, L3 to L8)")
else:
    shown = money_view.apply(
        ui.connection(), pay_mix_shown(mix, schedules, chosen, basis, bonus), list(MONEY_COLUMNS), year="year"
    )
    st.subheader("Base, stock and bonus by level")
    st.plotly_chart(ui.figure(pay_mix_chart, shown, view), key="pay_mix_chart", width="stretch")
    marker = (
        "shown as a ◇ beside each stack" if view == "amount" else "switch to *By amount* to see it beside each stack"
    )
    st.caption(
        f"**Medians over submissions**: each part is the median of its own column, so base + stock + "
        f"bonus does not add up to the reported total median ({marker}). n = levels.fyi submissions "
        f"at that level (US, title Product Manager, {shown['as_of'].iloc[0]}); fewer than {LOW_N} is "
        f"flagged *low n*: low confidence. Source: {shown['source_title'].iloc[0]} "
        f"({shown['source_publisher'].iloc[0]}). {money_view.caption()}"
    )
    ui.table(shown, mix_table(money_view), key="pay_mix_levels")
    ui.download(shown, mix_table(money_view), "payladder-pay-mix", key="pay_mix_levels", label="Download this mix")

practices = ui.load(sign_on_practices, filters.companies)
if not practices.empty:
    st.markdown(
        "**Sign-on bonuses** (not in the stacks above)\n\n"
        + "\n".join(
            f"- **{p.company}**: {p.description}."
            + (" No amount is reported, so none is added." if pd.isna(p.amount_usd) else "")
            + f" Source: {p.sources}."
            for p in practices.itertuples()
        )
    )
if not schedules.empty:
    with st.expander("Vesting schedules in the sources"):
        ui.table(schedules, schedules_table(), key="pay_mix_schedules")
        ui.download(schedules, schedules_table(), "payladder-vesting-schedules", key="pay_mix_schedules")

st.subheader("Amazon PM average, as the seed article splits it")
head = ui.load(headline_figures)
split = money_view.apply(
    ui.connection(), head[(head.company == "Amazon") & (head.statistic == "mean")], ["amount_usd"]
).set_index("component")
parts = {"total": "Average total", "base": "Base salary", "bonus": "Bonus"}
for col, (part, label) in zip(st.columns(3), parts.items(), strict=True):
    col.metric(label, money(split.loc[part, "amount_usd"]))
total = split.loc["total"]
st.caption(
    f"Averages, so base + bonus = total; the article gives no stock figure. "
    f"Source: {total.source_title} ({total.source_publisher}, {total.year}). {money_view.caption()}"
)
