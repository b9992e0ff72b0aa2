"""Pay in real terms: today's dollars (CPI-U), another city (OEWS medians), another currency (ECB), after tax.

Each module is pure functions over a DuckDB connection or frames; none imports Streamlit.
`cpi` and `adjust` are light; `tax` imports the tenforty package only when it is used.
"""
