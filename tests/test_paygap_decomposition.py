"""The Oaxaca–Blinder decomposition against statsmodels, on generated people whose unexplained gap is known.

log hourly pay = 3.4 + 0.2 × level number + 0.1 (Engineering) − 0.15 (Zone B) + 0.01 × tenure
− 0.05 (women) + noise, with more women at the lower levels: the true unexplained gap is 0.05 log
points by construction, and part of the raw gap is explained by level.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from statsmodels.stats.oaxaca import OaxacaBlinder

from analytics.paygap.decomposition import (
    NOT_DECOMPOSED,
    decompose,
    decompose_categories,
    design,
    independent_columns,
    percent_gap,
)
from analytics.paygap.definitions import SUPPRESSED
from analytics.paygap.people import Settings, prepare

TRUE_UNEXPLAINED = 0.05
REFERENCE = dt.date(2025, 1, 1)


def generated(n: int = 3_000, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    family = rng.choice(["Eng", "Design", "Data"], n)
    level_no = rng.integers(1, 5, n)
    zone = rng.choice(["A", "B"], n)
    woman = rng.random(n) < np.where(level_no >= 3, 0.3, 0.6)
    days = rng.integers(0, 15 * 365, n)
    tenure = days / 365.25
    log_pay = (
        3.4
        + 0.2 * level_no
        + 0.1 * (family == "Eng")
        - 0.15 * (zone == "B")
        + 0.01 * tenure
        - TRUE_UNEXPLAINED * woman
        + rng.normal(0, 0.1, n)
    )
    return pd.DataFrame(
        {
            "person_id": [f"G{i}" for i in range(n)],
            "family": family,
            "level": [f"L{k}" for k in level_no],
            "zone": zone,
            "base": np.exp(log_pay) * 2080,
            "gender": np.where(woman, "F", "M"),
            "start_date": [REFERENCE - dt.timedelta(days=int(d)) for d in days],
            "currency": "EUR",
        }
    )


@pytest.fixture(scope="module")
def workforce():
    return prepare(generated(), Settings(reference_date=REFERENCE))


@pytest.fixture(scope="module")
def result(workforce):
    return decompose(workforce)


def test_the_confidence_interval_contains_the_true_unexplained_gap(result):
    u = result.unexplained
    assert u.low < TRUE_UNEXPLAINED < u.high
    assert u.high - u.low < 0.03  # 3,000 people estimate it to within about ±0.01
    # the explained part is real (more women at lower levels) and the parts add up to the gap
    assert result.explained.low > 0
    assert result.explained.estimate + u.estimate == pytest.approx(result.gap.estimate, abs=1e-12)
    assert result.controls == ("level", "family", "zone", "tenure")


def test_the_same_numbers_as_statsmodels(workforce, result):
    people = workforce.compared
    x = design(people, workforce.settings.controls)
    x["woman"] = (people["gender"] == "women").astype(float)
    y = np.log(people["total_hourly"].to_numpy())
    # statsmodels' own Oaxaca–Blinder, twofold and pooled (the regression with the group indicator)
    unexplained, explained, gap = OaxacaBlinder(y, x, "woman", hasconst=True).two_fold(two_fold_type="pooled").params
    assert result.unexplained.estimate == pytest.approx(unexplained, abs=1e-10)
    assert result.explained.estimate == pytest.approx(explained, abs=1e-10)
    assert result.gap.estimate == pytest.approx(gap, abs=1e-12)
    # the unexplained part is minus the indicator's coefficient; its standard error the HC1 one
    fit = sm.OLS(y, x).fit(cov_type="HC1")
    assert result.unexplained.estimate == pytest.approx(-fit.params["woman"], abs=1e-10)
    assert result.unexplained.se == pytest.approx(fit.bse["woman"], rel=1e-9)
    low, high = fit.conf_int(alpha=0.05).loc["woman"]
    assert (result.unexplained.low, result.unexplained.high) == pytest.approx((-high, -low), rel=1e-9)


def test_the_explained_part_variance_is_the_delta_method(workforce, result):
    people = workforce.compared
    x = design(people, workforce.settings.controls)
    x["woman"] = (people["gender"] == "women").astype(float)
    fit = sm.OLS(np.log(people["total_hourly"].to_numpy()), x).fit(cov_type="HC1")
    columns = [c for c in x.columns if c != "woman"]
    is_woman = x["woman"] == 1
    d = (x.loc[~is_woman, columns].mean() - x.loc[is_woman, columns].mean()).to_numpy()
    b = fit.params[columns].to_numpy()
    v_beta = fit.cov_params().loc[columns, columns].to_numpy()
    v_means = x.loc[~is_woman, columns].cov().to_numpy() / (~is_woman).sum()
    v_means += x.loc[is_woman, columns].cov().to_numpy() / is_woman.sum()
    assert result.explained.se == pytest.approx(np.sqrt(d @ v_beta @ d + b @ v_means @ b), rel=1e-9)


def test_percent_gaps_multiply(result):
    total, explained, unexplained = result.gap.percent[0], result.explained.percent[0], result.unexplained.percent[0]
    assert (1 - total / 100) == pytest.approx((1 - explained / 100) * (1 - unexplained / 100))
    assert percent_gap(0.05) == pytest.approx(100 * (1 - np.exp(-0.05)))
    assert result.unexplained.percent[1] < percent_gap(TRUE_UNEXPLAINED) < result.unexplained.percent[2]


def test_per_category_where_there_are_enough_people(workforce):
    # keep a category small: 7 women and 30 men in Data · L4; and one with 3 women
    people = generated()
    small = people[(people["family"] == "Data") & (people["level"] == "L4")]
    drop = small[small["gender"] == "F"].index[7:]
    tiny = people[(people["family"] == "Design") & (people["level"] == "L4")]
    drop = drop.union(tiny[tiny["gender"] == "F"].index[3:])
    results = {r.scope: r for r in decompose_categories(prepare(people.drop(drop), Settings(reference_date=REFERENCE)))}
    assert len(results) == 12
    assert results["Data · L4"].note == NOT_DECOMPOSED and not results["Data · L4"].estimated
    assert results["Design · L4"].note == SUPPRESSED
    estimated = [r for r in results.values() if r.estimated]
    assert len(estimated) == 10
    # within a category, family and level are constant: only location and tenure remain
    assert {r.controls for r in estimated} == {("zone", "tenure")}
    covered = sum(r.unexplained.low < TRUE_UNEXPLAINED < r.unexplained.high for r in estimated)
    assert covered >= 8  # 95% intervals: nearly all of ten cover the truth


def test_people_without_a_start_date_leave_the_regression_only(workforce):
    people = generated(400, seed=3)
    people.loc[:9, "start_date"] = None
    wf = prepare(people, Settings(reference_date=REFERENCE))
    result = decompose(wf)
    assert result.left_out == 10 and result.women_n + result.men_n == 390
    assert len(wf.compared) == 400
    no_tenure = decompose(prepare(people, Settings(reference_date=REFERENCE, controls=("level", "family", "zone"))))
    assert no_tenure.left_out == 0 and no_tenure.controls == ("level", "family", "zone")


def test_collinear_controls_are_dropped_and_a_gender_split_by_control_is_said():
    x = pd.DataFrame({"const": 1.0, "a": [1.0, 0, 1, 0], "b": [0.0, 1, 0, 1], "c": [1.0, 2, 3, 4]})
    assert independent_columns(x) == ["const", "a", "c"]
    people = generated(200, seed=5)
    people["zone"] = np.where(people["gender"] == "F", "A", "B")  # zone is gender here
    result = decompose(prepare(people, Settings(reference_date=REFERENCE)))
    assert not result.estimated and "cannot be separated" in result.note
