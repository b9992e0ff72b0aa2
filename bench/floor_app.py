"""The floor for bench/browser.py: the smallest Streamlit app with one selectbox and one Plotly chart.

Whatever this app costs in the browser (Streamlit's and Plotly's scripts, the websocket, one script
run, one chart drawn) no Streamlit page can avoid, so PayLadder's figures are printed as ratios to
it. Its numbers are SYNTHETIC, generated here from the chosen series; they are not pay figures.
"""

import plotly.graph_objects as go
import streamlit as st

SERIES = {"Synthetic A": 3, "Synthetic B": 7}

name = st.selectbox("Series", list(SERIES))
step = SERIES[name]
labels = [f"Item {i}" for i in range(12)]
values = [(i * step * 37) % 100 + 10 for i in range(12)]  # synthetic, deterministic
st.plotly_chart(
    go.Figure(go.Bar(x=values, y=labels, orientation="h"), layout={"title": f"{name} (synthetic)", "height": 420}),
    width="stretch",
)
