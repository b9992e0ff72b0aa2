"""Your own pay data: read a user's bands and people files, validate them, keep workspaces, analyse.

`read` turns an uploaded CSV or .xlsx into a DuckDB table of text cells, `columns` maps its
headers onto PayLadder's fields, `validate` checks every row in SQL and returns the good rows
and a table of problems, `workspace` saves an import to its own DuckDB file, and `analysis`
compares people with their bands and bands with the BLS market. Nothing here imports Streamlit.
"""

from analytics.yourdata.read import ImportProblem

__all__ = ["ImportProblem"]
