"""The cost of closing a flagged category's gap, worked out by hand on the table of test_paygap_indicators.

With no controls the pay line is the other gender's geometric mean hourly pay in the category: for
Eng · L1's men (36, 38, 40, 42, 44) that is (36 × 38 × 40 × 42 × 44)^(1/5) ≈ 39.90, so the women on
34, 36 and 38 an hour are raised to it and those on 40 and 41.9 are not. With a location control the
line moves with the regression's coefficient, checked against statsmodels.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from analytics.paygap import tables
from analytics.paygap.report import build_report
from tests.test_paygap_indicators import COLUMNS, FT, ROWS, SETTINGS

LINE = (36 * 38 * 40 * 42 * 44) ** (1 / 5)


def frame() -> pd.DataFrame:
    return pd.DataFrame(ROWS, columns=COLUMNS).assign(zone="Zone A", currency="EUR")


def test_raises_to_the_other_genders_line_cost_and_gap_after():
    report = build_report(frame(), SETTINGS)
    assert report.flagged == ["Eng · L1"]
    plan = report.closing
    row = plan.summary.set_index("category").loc["Eng · L1"]
    assert row.raised_gender == "women" and row.people_raised == 3
    assert LINE == pytest.approx(39.8997, abs=1e-4)
    assert row.cost_per_year == pytest.approx(((LINE - 34) + (LINE - 36) + (LINE - 38)) * FT)
    assert plan.total_cost == pytest.approx(row.cost_per_year)
    women_after = (41.9 + LINE + LINE + LINE + 40) / 5
    assert row.gap_after == pytest.approx((40 - women_after) / 40 * 100)
    # basic pay rises by the same hourly amount: AW2 34 → line, AW3 70,000 ÷ 2,080 + (line − 36), AW4 38 → line
    basic_women = (41.9 + LINE + 70_000 / FT + (LINE - 36) + LINE + 60_000 / 1_560) / 5
    basic_men = (36 * FT + 75_000 + 40 * FT + 80_000 + 44 * FT) / FT / 5
    assert row.basic_gap_after == pytest.approx((basic_men - basic_women) / basic_men * 100)
    raises = plan.raises.set_index("person_id")
    assert sorted(raises.index) == ["AW2", "AW3", "AW4"]
    assert raises.loc["AW2", "pay_line"] == pytest.approx(LINE)
    assert raises.loc["AW3", "raise_per_year"] == pytest.approx((LINE - 36) * FT)
    assert raises.loc["AW3", "new_basic_annual"] == pytest.approx(36 * FT - 4_880 + (LINE - 36) * FT)


def test_a_part_time_raise_is_paid_for_the_hours_worked():
    rows = frame()
    rows.loc[rows["person_id"] == "AW5", "base"] = 39 * 30 * 52 - 2_400  # 39 an hour for 30 hours
    plan = build_report(rows, SETTINGS).closing
    raises = plan.raises.set_index("person_id")
    assert raises.loc["AW5", "raise_hourly"] == pytest.approx(LINE - 39)
    assert raises.loc["AW5", "raise_per_year"] == pytest.approx((LINE - 39) * 30 * 52)


def test_exclusions_are_applied_and_reported():
    exclusions = {
        "AW2": "on a performance improvement plan",
        "AM5": "pay protected after regrading",
        "X1": "left in March",
        "ZZ9": "typo",
        "AW3": "  ",
    }
    report = build_report(frame(), SETTINGS, exclusions=exclusions)
    plan = report.closing
    line = (36 * 38 * 40 * 42) ** (1 / 4)  # AM5 no longer sets the line: ≈ 38.93
    row = plan.summary.set_index("category").loc["Eng · L1"]
    # AW2 gets nothing; AW3 (36) and AW4 (38) are raised to the lower line; AW5 (40) is above it
    assert row.people_raised == 2 and row.excluded == 2
    assert row.cost_per_year == pytest.approx(((line - 36) + (line - 38)) * FT)
    assert row.gap_after == pytest.approx((40 - (41.9 + 34 + line + line + 40) / 5) / 40 * 100)
    status = plan.exclusions.set_index("person_id")["status"].to_dict()
    assert status == {
        "AW2": "excluded: no raise, does not set the pay line",
        "AM5": "excluded: no raise, does not set the pay line",
        "X1": "not in the gaps (gender other): nothing to exclude",
        "ZZ9": "no one with this employee ID in the file",
        "AW3": "not excluded: write the reason",
    }
    shown = tables.exclusions_table(report)
    assert shown.loc[shown["Employee ID"] == "AW2", "Reason"].tolist() == ["on a performance improvement plan"]


def test_the_analyst_can_cost_a_category_that_is_not_flagged():
    report = build_report(frame(), SETTINGS, cost_categories=["Eng · L2", "Design · L1"])
    summary = report.closing.summary
    assert summary["category"].tolist() == ["Eng · L2"]  # Design · L1 is not shown, so not costed
    line = (35 * 38 * 40 * 42 * 45) ** (1 / 5)  # ≈ 39.87: women on 36, 37, 38 and 39 are raised
    assert summary["cost_per_year"].iloc[0] == pytest.approx(sum(line - h for h in (36, 37, 38, 39)) * FT)
    table = tables.closing_table(report)
    assert table["Category"].tolist() == ["Eng · L2", "All costed categories"]
    assert table.iloc[-1]["Cost per year (EUR)"] == pytest.approx(summary["cost_per_year"].sum())


def test_the_pay_line_follows_the_location_control_as_statsmodels_fits_it():
    rows = frame()
    rows["zone"] = np.where(rows["person_id"].str[-1].isin(["1", "3", "5"]), "Zone B", "Zone A")
    settings = type(SETTINGS)(reference_date=SETTINGS.reference_date, controls=("zone",))
    report = build_report(rows, settings)
    people = report.workforce.compared
    x = pd.DataFrame({"const": 1.0, "zone": (people["zone"] == "Zone B").astype(float)}, index=people.index)
    x["woman"] = (people["gender"] == "women").astype(float)
    fit = sm.OLS(np.log(people["total_hourly"]), x).fit()
    linear = fit.params["const"] + fit.params["zone"] * x["zone"]
    category = people["category"] == "Eng · L1"
    men = category & (people["gender"] == "men")
    level = float((np.log(people["total_hourly"]) - linear)[men].mean())
    raises = report.closing.raises.set_index("person_id")
    for person in raises.index:
        i = people.index[people["person_id"] == person][0]
        assert raises.loc[person, "pay_line"] == pytest.approx(math.exp(level + linear[i]), rel=1e-9)
    assert len(raises) >= 2
