"""One call that computes the whole pay gap report from a people table: `build_report`.

The report holds the prepared workforce (people kept, rows left out, label mapping, notes), the
Article 9 indicators, the quartile bands and their split ties, the gaps per category with their
joint-assessment flags, the decomposition for everyone and per category, and the cost of closing the
flagged gaps. When nothing can be reported (no women, no men, no one left, several currencies) the
report carries `problem`, a sentence for the page, and only the workforce parts; it never raises on
the data. analytics.paygap.tables shapes it for display, `workbook` writes it as .xlsx and
`printable` as an A4 HTML page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from analytics.paygap.closing import ClosingPlan, closing_plan
from analytics.paygap.decomposition import Decomposition, decompose, decompose_categories
from analytics.paygap.indicators import category_gaps, indicators, quartile_bands
from analytics.paygap.people import Settings, Workforce, prepare
from analytics.paygap.queries import people_for_paygap


@dataclass
class PayGapReport:
    """Everything the page, the workbook and the printable report show, computed once."""

    workforce: Workforce
    source_name: str = ""
    source_date: dt.date | None = None
    created: dt.date = field(default_factory=dt.date.today)
    indicators: pd.DataFrame = field(default_factory=pd.DataFrame)
    bands: pd.DataFrame = field(default_factory=pd.DataFrame)
    ties: pd.DataFrame = field(default_factory=pd.DataFrame)
    categories: pd.DataFrame = field(default_factory=pd.DataFrame)
    decomposition: Decomposition | None = None
    category_decompositions: list[Decomposition] = field(default_factory=list)
    closing: ClosingPlan | None = None
    band_of_person: pd.Series = field(default_factory=lambda: pd.Series(dtype="int64"))
    """Each woman's and man's quartile pay band, 0 (lower) to 3 (upper), on the workforce's people index."""

    @property
    def problem(self) -> str | None:
        """Why nothing can be reported, in plain words; None when the report is complete."""
        return self.workforce.problem

    @property
    def settings(self) -> Settings:
        return self.workforce.settings

    @property
    def currency(self) -> str:
        return self.workforce.currency

    @property
    def flagged(self) -> list[str]:
        """The categories flagged for a joint pay assessment."""
        if self.categories.empty:
            return []
        return self.categories.loc[self.categories["joint_assessment"], "category"].tolist()


def build_report(
    people: pd.DataFrame | duckdb.DuckDBPyConnection,
    settings: Settings | None = None,
    exclusions: Mapping[str, str] | None = None,
    source_name: str = "",
    source_date: dt.date | None = None,
    cost_categories: Sequence[str] | None = None,
) -> PayGapReport:
    """The pay gap report of a people table (or of the `people` table on a connection).

    exclusions maps employee IDs to the written reason they get no raise; cost_categories names the
    categories to cost (default: those flagged for a joint pay assessment).
    """
    frame = people if isinstance(people, pd.DataFrame) else people_for_paygap(people)
    workforce = prepare(frame, settings)
    report = PayGapReport(workforce, source_name, source_date)
    if workforce.problem:
        return report
    report.bands, report.ties, report.band_of_person = quartile_bands(workforce)
    report.indicators = indicators(workforce, report.bands)
    report.categories = category_gaps(workforce)
    report.decomposition = decompose(workforce)
    report.category_decompositions = decompose_categories(workforce)
    report.closing = closing_plan(workforce, report.categories, report.decomposition, exclusions, cost_categories)
    return report
