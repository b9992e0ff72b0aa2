"""Pay gap and pay transparency: the indicators employers file, the explained gap and the cost of closing it.

From a plain people table (analytics.paygap.people.INPUT_COLUMNS, or the `people` table of an import
through `queries`), `report.build_report` computes everything the EU Pay Transparency Directive
(2023/970) Article 9 and the UK Gender Pay Gap Information Regulations 2017 ask for, flags categories
for an Article 10 joint pay assessment, decomposes the gap (`decomposition`), and costs the raises that
close flagged gaps (`closing`). `definitions` holds every definition as a sentence to print; `gender`
maps labels; `indicators` computes the gaps and quartile bands; `tables`, `charts`, `workbook` and
`printable` shape the report for the page, Plotly, .xlsx and A4 HTML; `sample` makes a synthetic
people file that shows a gap, a flagged category and a suppressed one. Nothing here imports Streamlit.
"""
