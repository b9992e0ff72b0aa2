"""PayLadder's library: the warehouse, queries, formulas, charts and exports; Streamlit only in ui.py."""
