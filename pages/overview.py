"""Overview: the headline figures with their sources, every role's reported range, and a guide."""

import streamlit as st

from analytics import ui
from analytics.format import MARKET, money, short_money
from analytics.roles.charts import role_range_chart
from analytics.roles.queries import headline_figures, role_marks, role_ranges
from analytics.roles.tables import RANGE_AMOUNTS, RANGE_CHART_NOTE, charted_note, dated, ranges_shown, ranges_table

NEXT_PAGES = [  # (page, title, icon as in the router, what it answers)
    ("pages/roles.py", "Roles", ":material/group:", "compare chosen roles' ranges and what each role does"),
    ("pages/levels.py", "Levels", ":material/stairs:", "Amazon L4 to L12 and Google's PM ladder, pay per level"),
    ("pages/pay_mix.py", "Pay mix", ":material/pie_chart:", "base, stock and bonus per company and level"),
    ("pages/career_paths.py", "Career paths", ":material/route:", "the trajectories between roles, with their pay"),
    ("pages/market.py", "Market", ":material/map:", "BLS wage percentiles, and where a pay sits"),
    ("pages/offers.py", "Offer calculator", ":material/calculate:", "up to three offers over four years, after tax"),
    ("pages/pay_elsewhere.py", "Pay elsewhere", ":material/travel_explore:", "a pay moved to another area or currency"),
    ("pages/your_data.py", "Your data", ":material/upload_file:", "your own bands and pay against the market"),
    ("pages/pay_gap.py", "Pay gap", ":material/balance:", "the gender pay gap report of your people file"),
    ("pages/sources.py", "Sources & data", ":material/database:", "every reference table with its sources"),
]

st.title("PayLadder")
st.caption("Product-management pay by role, level and company. Every number names its source.")
filters = ui.shared_filters(show=("roles", "companies"))
view = ui.money_view()

head = ui.load(headline_figures)
amazon = head[(head.company == "Amazon") & (head.statistic.isin(["mean", "gap_to_us_mean"]))]
gap = amazon[amazon.statistic == "gap_to_us_mean"].iloc[0]
amazon = amazon[amazon.statistic == "mean"].set_index("component")
seed_roles = ["Product Coordinator", "Assistant/Associate Product Manager"]
ranges_all = ui.load(role_ranges, seed_roles, [MARKET])
published = dict(zip(head.source_id, head.source_published, strict=False))
# Two by two: a range such as "$70K – $110K" does not fit a quarter of the page.
cols = [col for _ in range(2) for col in st.columns(2, border=True)]
total = amazon.loc["total"]
cols[0].metric(
    "Amazon PM, average total",
    money(total.amount_usd),
    help="Average total, base and bonus as the article reports them",
)
split = f"Base {money(amazon.loc['base', 'amount_usd'])} + bonus {money(amazon.loc['bonus', 'amount_usd'])}"
cols[0].caption(
    f"{split}. {total.year} figure; {dated(total.source_published, total.sample_size)}. "
    f"Source: {total.source_title}, {total.source_publisher}"
)
for col, row in zip(cols[1:3], ranges_all.itertuples(), strict=False):
    col.metric(
        f"{row.role} salary",
        f"{short_money(row.min_usd)} – {short_money(row.max_usd)}",
        help=f"{money(row.min_usd)} to {money(row.max_usd)} a year",
    )
    col.caption(f"US, base salary; {dated(published.get(row.source_id), row.sample_size)}. Source: {row.source_title}")
us = head[(head.company == MARKET) & (head.role == "Product Manager") & head.derived]
if not us.empty:
    cols[3].metric(
        "US PM average (derived)",
        money(us.amount_usd.iloc[0]),
        help="Not published as such: the Amazon average minus the article's gap to the US average",
    )
    cols[3].caption(
        f"Derived: Amazon average {money(total.amount_usd)} minus the gap of {money(gap.amount_usd)} "
        f"the article gives (“{money(gap.amount_usd)} more than the US average”). {us.year.iloc[0]} "
        f"figures; {dated(us.source_published.iloc[0], us.sample_size.iloc[0])}. "
        f"Source: {us.source_title.iloc[0]}"
    )

st.subheader("Reported pay ranges by role")
ranges = view.apply(ui.connection(), ui.load(role_ranges, filters.roles, filters.companies), RANGE_AMOUNTS)
marks = view.apply(ui.connection(), ui.load(role_marks, filters.roles, filters.companies), ["annual_usd"])
if ranges.empty:
    ui.empty_message("reported pay ranges")
else:
    st.plotly_chart(ui.figure(role_range_chart, ranges, marks), key="overview_chart", width="stretch")
    if note := charted_note(filters.roles, ranges):
        st.markdown(note)
    st.caption(RANGE_CHART_NOTE + view.caption())
    described = ranges_table(view)
    ui.table(ranges_shown(ranges), described, key="overview_ranges")
    if view.caption():
        st.caption(view.caption())
    ui.download(ranges_shown(ranges), described, "payladder-role-ranges", key="overview_ranges")

st.subheader("Where to go next")
for page, title, icon, what in NEXT_PAGES:
    st.page_link(page, label=f"**{title}**: {what}", icon=icon)
