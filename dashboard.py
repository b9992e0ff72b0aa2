"""PayLadder: compare product-management pay across roles, levels and companies. The router only."""

import streamlit as st

st.set_page_config(page_title="PayLadder", page_icon="🪜", layout="wide")

pages = {
    "Compare": [
        st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
        st.Page("pages/roles.py", title="Roles", icon=":material/group:"),
        st.Page("pages/levels.py", title="Levels", icon=":material/stairs:"),
        st.Page("pages/pay_mix.py", title="Pay mix", icon=":material/pie_chart:"),
        st.Page("pages/career_paths.py", title="Career paths", icon=":material/route:"),
    ],
    "Decide": [
        st.Page("pages/market.py", title="Market", icon=":material/map:"),
        st.Page("pages/offers.py", title="Offer calculator", icon=":material/calculate:"),
        st.Page("pages/pay_elsewhere.py", title="Pay elsewhere", icon=":material/travel_explore:"),
    ],
    "Data": [
        st.Page("pages/your_data.py", title="Your data", icon=":material/upload_file:"),
        st.Page("pages/pay_gap.py", title="Pay gap", icon=":material/balance:"),
        st.Page("pages/sources.py", title="Sources & data", icon=":material/database:"),
    ],
}
page = st.navigation(pages)
# Imported only now: analytics.ui leaves Streamlit's pages/-folder mode when it finds it on (a fresh server
# whose first request is a page's own URL), which st.navigation has just done for this run.
from analytics import ui  # noqa: E402

ui.gate()  # says how PayLadder is reached, and shows nothing to a request the mode does not allow
with ui.scroll_on_arrival():  # to the answer, when a page was opened for it
    page.run()
