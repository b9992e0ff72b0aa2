"""Pay in real terms: today's dollars (CPI-U), another city (OEWS medians), another currency (ECB), after tax.

Each module is pure functions over a DuckDB connection or frames; none imports Streamlit.
`cpi` restates an amount in today's dollars and `adjust` a frame of amounts; `city` moves a pay
between areas; `currency` converts (reading the ECB file on first use); `tax` gives take-home
pay (importing the tenforty package only when it is used). Their SQL is in `queries`, and
`ingest` loads the CPI-U series at build time. A page shows money through `view.MoneyView`
(from `analytics.ui.money_view`), which keeps the reported amount beside the adjusted one.
"""

from analytics.realterms.adjust import MODES, adjust_frame, mode_labels

__all__ = ["MODES", "adjust_frame", "mode_labels"]
