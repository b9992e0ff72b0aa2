"""Pay in real terms: today's dollars (CPI-U), another city (OEWS medians), another currency (ECB), after tax.

Each module is pure functions over a DuckDB connection or frames; none imports Streamlit.
`cpi` and `adjust` are light; `tax` imports the tenforty package only when it is used, and
`currency` reads the ECB file on first use. `adjust_frame` is the one helper every page that
shows money can call: it keeps the reported amount and adds the adjusted one beside it.
"""

from analytics.realterms.adjust import MODES, adjust_frame, mode_labels

__all__ = ["MODES", "adjust_frame", "mode_labels"]
