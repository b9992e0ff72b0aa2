"""What closing the gap costs: raises up to each flagged category's pay line, their cost per year, the gap after.

For each category flagged for a joint pay assessment (or each category the analyst names), the
lower-paid gender's workers below the pay line are raised to it. The pay line (PAY_LINE in words) for
worker i is exp(ℓ + xᵢ′β): xᵢ′β is the pooled regression's prediction for i's controls without the
gender term (analytics.paygap.decomposition), and ℓ is the mean of (log total hourly pay − x′β) over
the other gender in the category, the people excluded left out. Without a fitted regression (too
few people overall) β is taken as 0, so the line is the other gender's geometric mean hourly pay in
the category, and a note says so. A raise is paid as base pay; its cost per year is hourly raise ×
contracted weekly hours × 52. Exclusions are an id → written reason mapping; an excluded person gets
no raise and does not set the line, and every exclusion is reported with what became of it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analytics.paygap.decomposition import Decomposition
from analytics.paygap.definitions import MEN, WEEKS_PER_YEAR, WOMEN
from analytics.paygap.indicators import gap
from analytics.paygap.people import Workforce

SUMMARY_COLUMNS = [
    "category",
    "raised_gender",
    "women_n",
    "men_n",
    "gap_before",
    "people_raised",
    "cost_per_year",
    "gap_after",
    "basic_gap_after",
    "excluded",
    "not_costed",
    "note",
]
RAISE_COLUMNS = [
    "person_id",
    "category",
    "gender",
    "zone",
    "tenure_years",
    "hours",
    "total_hourly",
    "pay_line",
    "raise_hourly",
    "raise_per_year",
    "basic_annual",
    "new_basic_annual",
]
EXCLUSION_COLUMNS = ["person_id", "reason", "category", "status"]


@dataclass
class ClosingPlan:
    """Per category: who is raised, by how much, the cost per year and the gap after; and the exclusions."""

    summary: pd.DataFrame
    raises: pd.DataFrame
    exclusions: pd.DataFrame
    currency: str
    notes: list[str] = field(default_factory=list)

    @property
    def total_cost(self) -> float:
        """The cost per year of every raise, in the file's currency."""
        return float(self.summary["cost_per_year"].sum()) if len(self.summary) else 0.0


def _exclusions(workforce: Workforce, exclusions: Mapping[str, str] | None) -> tuple[dict[str, str], pd.DataFrame]:
    """The exclusions that apply (id → reason) and a row for each one asked for, saying what became of it."""
    people = workforce.people.set_index("person_id")
    left_out = set(workforce.left_out["person_id"])
    applied, rows = {}, []
    for raw_id, raw_reason in (exclusions or {}).items():
        person, reason = str(raw_id).strip(), str(raw_reason or "").strip()
        category = people["category"].get(person)
        if not reason:
            status = "not excluded: write the reason"
        elif person in people.index and people.loc[person, "gender"] in (WOMEN, MEN):
            status = "excluded: no raise, does not set the pay line"
            applied[person] = reason
        elif person in people.index:
            status = f"not in the gaps (gender {people.loc[person, 'gender']}): nothing to exclude"
        elif person in left_out:
            status = "left out of the report already (see the rows left out)"
        else:
            status = "no one with this employee ID in the file"
        rows.append({"person_id": person, "reason": reason, "category": category, "status": status})
    return applied, pd.DataFrame(rows, columns=EXCLUSION_COLUMNS)


def closing_plan(
    workforce: Workforce,
    categories: pd.DataFrame,
    model: Decomposition,
    exclusions: Mapping[str, str] | None = None,
    only: Sequence[str] | None = None,
) -> ClosingPlan:
    """Raises up to the pay line in each flagged category (or the categories in `only`), with their cost."""
    workforce.require()
    applied, exclusion_rows = _exclusions(workforce, exclusions)
    notes = []
    if not model.estimated:
        notes.append(
            "The regression could not be fitted (" + (model.note or "too few people") + "), so each pay line is "
            "the other gender's geometric mean hourly pay in the category, not adjusted for location or tenure."
        )
    shown = categories[categories["shown"]]
    targets = shown[shown["category"].isin(only)] if only is not None else shown[shown["joint_assessment"]]
    people = workforce.compared
    summary, raises = [], []
    for row in targets.itertuples():
        group = people[people["category"] == row.category]
        raised_gender = WOMEN if row.total_gap > 0 else MEN
        other = MEN if raised_gender == WOMEN else WOMEN
        linear = model.linear.reindex(group.index) if model.estimated else pd.Series(0.0, index=group.index)
        excluded = group["person_id"].isin(applied)
        known = linear.notna()
        log_pay = np.log(group["total_hourly"])
        setters = (group["gender"] == other) & ~excluded & known
        candidates = (group["gender"] == raised_gender) & ~excluded & known
        raise_hourly = pd.Series(0.0, index=group.index)
        line = pd.Series(np.nan, index=group.index)
        if setters.any():
            level = float((log_pay - linear)[setters].mean())
            line[candidates] = np.exp(level + linear[candidates])
            raise_hourly[candidates] = (line[candidates] - group["total_hourly"][candidates]).clip(lower=0)
        per_year = raise_hourly * group["hours"] * WEEKS_PER_YEAR
        after = group.assign(
            total_hourly=group["total_hourly"] + raise_hourly, basic_hourly=group["basic_hourly"] + raise_hourly
        )
        w, m = after[after["gender"] == WOMEN], after[after["gender"] == MEN]
        not_costed = int(((group["gender"] == raised_gender) & ~excluded & ~known).sum())
        note = "" if setters.any() else f"no {other} set the pay line here: nothing costed"
        if not_costed:
            note = f"{not_costed} without a start date: no pay line for their tenure, not costed"
        summary.append(
            {
                "category": row.category,
                "raised_gender": raised_gender,
                "women_n": row.women_n,
                "men_n": row.men_n,
                "gap_before": row.total_gap,
                "people_raised": int((raise_hourly > 0).sum()),
                "cost_per_year": float(per_year.sum()),
                "gap_after": gap(m["total_hourly"].mean(), w["total_hourly"].mean()),
                "basic_gap_after": gap(m["basic_hourly"].mean(), w["basic_hourly"].mean()),
                "excluded": int(excluded.sum()),
                "not_costed": not_costed,
                "note": note,
            }
        )
        chosen = raise_hourly > 0
        raises.append(
            group[chosen].assign(
                pay_line=line[chosen],
                raise_hourly=raise_hourly[chosen],
                raise_per_year=per_year[chosen],
                new_basic_annual=group["basic_annual"][chosen] + per_year[chosen],
            )[RAISE_COLUMNS]
        )
    raises_frame = pd.concat(raises, ignore_index=True) if raises else pd.DataFrame(columns=RAISE_COLUMNS)
    summary_frame = pd.DataFrame(summary, columns=SUMMARY_COLUMNS)
    for c in ("women_n", "men_n"):
        summary_frame[c] = summary_frame[c].astype("Int64")
    return ClosingPlan(summary_frame, raises_frame, exclusion_rows, workforce.currency, notes)
