"""The explained and unexplained gap: a twofold, pooled Oaxaca–Blinder decomposition with statsmodels OLS.

The gap in mean log total hourly pay between men and women is split into the part explained by the
controls (level, job family, location, tenure) and the unexplained rest, as DECOMPOSITION_METHOD says
in plain words. One OLS regression of log hourly pay on the controls and an indicator for women is
fitted to women and men together (Fortin 2006; Jann 2008, "pooled"; statsmodels' OaxacaBlinder
`two_fold(two_fold_type="pooled")` gives the same point estimates). Because the model has a constant
and the indicator, its residuals average zero within each gender, so the unexplained part is exactly
minus the indicator's coefficient and explained + unexplained = gap. Standard errors are HC1-robust;
the explained part's variance is Jann's delta method, d′V(β)d + β′(V(x̄ₘ) + V(x̄w))β, with d = x̄ₘ − x̄w.
Intervals are normal at CONFIDENCE. Categorical controls become indicator columns (the first value in
natural order is the reference); controls that are constant, or that repeat other columns, are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analytics.paygap.definitions import CONFIDENCE, MEN, MIN_GROUP, MIN_REGRESSION_GROUP, SUPPRESSED, WOMEN
from analytics.paygap.people import CONTROL_LABELS, NOT_STATED, Workforce, natural_key

NOT_DECOMPOSED = f"fewer than {MIN_REGRESSION_GROUP} women or men: not decomposed"
WOMAN = "woman"


@dataclass(frozen=True)
class Part:
    """One part of the gap in log points, with its standard error and confidence interval."""

    estimate: float
    se: float
    low: float
    high: float

    @staticmethod
    def of(estimate: float, se: float) -> Part:
        from scipy.stats import norm  # imported on use, as statsmodels in decompose

        z = float(norm.ppf(0.5 + CONFIDENCE / 2))
        return Part(float(estimate), float(se), float(estimate - z * se), float(estimate + z * se))

    @property
    def percent(self) -> tuple[float, float, float]:
        """(estimate, low, high) as percent gaps: 100 × (1 − e^(−log points))."""
        return percent_gap(self.estimate), percent_gap(self.low), percent_gap(self.high)


def percent_gap(log_points: float) -> float:
    """A gap in log points as a percent gap, (men − women) ÷ men × 100 for geometric means."""
    return float(100 * (1 - np.exp(-log_points)))


@dataclass
class Decomposition:
    """The decomposition of one scope (everyone, or one category); `note` says why it is missing if it is."""

    scope: str
    women_n: int
    men_n: int
    controls: tuple[str, ...] = ()
    gap: Part | None = None
    explained: Part | None = None
    unexplained: Part | None = None
    r_squared: float = float("nan")
    left_out: int = 0
    note: str = ""
    linear: pd.Series = field(default_factory=lambda: pd.Series(dtype="float64"))
    """Each fitted person's predicted log hourly pay without the indicator (index: the workforce's rows)."""

    @property
    def estimated(self) -> bool:
        return self.unexplained is not None


def design(people: pd.DataFrame, controls: tuple[str, ...]) -> pd.DataFrame:
    """The regressors: a constant, one indicator column per non-reference value of each control, tenure."""
    columns = {"const": np.ones(len(people))}
    for control in controls:
        if control == "tenure":
            columns["tenure"] = people["tenure_years"].to_numpy(dtype="float64")
            continue
        values = people[control].fillna(NOT_STATED).astype(str)
        for value in sorted(values.unique(), key=natural_key)[1:]:
            columns[f"{control}={value}"] = (values == value).to_numpy(dtype="float64")
    return pd.DataFrame(columns, index=people.index)


def independent_columns(x: pd.DataFrame) -> list[str]:
    """The columns kept in order, skipping any that is constant or a combination of those before it."""
    kept: list[str] = []
    gram = x.T @ x
    for column in x.columns:
        trial = [*kept, column]
        if np.linalg.matrix_rank(gram.loc[trial, trial].to_numpy(), hermitian=True) == len(trial):
            kept.append(column)
    return kept


def decompose(workforce: Workforce, people: pd.DataFrame | None = None, scope: str = "All workers") -> Decomposition:
    """The twofold pooled decomposition of the gap in mean log total hourly pay, for everyone or a subset."""
    workforce.require()
    people = workforce.compared if people is None else people
    controls = workforce.settings.controls
    if "tenure" in controls:
        fitted = people[people["tenure_years"].notna()]
    else:
        fitted = people
    left_out = len(people) - len(fitted)
    women_n, men_n = int((fitted["gender"] == WOMEN).sum()), int((fitted["gender"] == MEN).sum())
    result = Decomposition(scope, women_n, men_n, left_out=left_out)
    if min(women_n, men_n) < MIN_GROUP:
        result.note = SUPPRESSED
        return result
    if min(women_n, men_n) < MIN_REGRESSION_GROUP:
        result.note = NOT_DECOMPOSED
        return result
    x = design(fitted, controls)
    x[WOMAN] = (fitted["gender"] == WOMEN).to_numpy(dtype="float64")
    kept = independent_columns(x)
    if WOMAN not in kept:
        result.note = "gender coincides with the controls here: the parts cannot be separated"
        return result
    x = x[kept]
    y = np.log(fitted["total_hourly"].to_numpy(dtype="float64"))
    if len(y) <= len(kept):
        result.note = NOT_DECOMPOSED
        return result
    # Imported here, not at the top: statsmodels brings scipy and patsy (tens of MB) into every session that
    # opens the Pay gap page, while only a decomposition needs them.
    import statsmodels.api as sm

    fit = sm.OLS(y, x.to_numpy()).fit(cov_type="HC1")
    beta = pd.Series(fit.params, index=kept)
    cov = pd.DataFrame(fit.cov_params(), index=kept, columns=kept)
    regressors = [c for c in kept if c != WOMAN]
    is_woman = fitted["gender"].to_numpy() == WOMEN
    xm, xw = x.loc[~is_woman, regressors], x.loc[is_woman, regressors]
    d = (xm.mean() - xw.mean()).to_numpy()
    b = beta[regressors].to_numpy()
    v_means = xm.cov().to_numpy() / len(xm) + xw.cov().to_numpy() / len(xw)
    explained_var = d @ cov.loc[regressors, regressors].to_numpy() @ d + b @ v_means @ b
    ym, yw = y[~is_woman], y[is_woman]
    gap_se = np.sqrt(ym.var(ddof=1) / len(ym) + yw.var(ddof=1) / len(yw))
    result.controls = tuple(c for c in controls if any(k == c or k.startswith(f"{c}=") for k in kept))
    result.gap = Part.of(ym.mean() - yw.mean(), gap_se)
    result.explained = Part.of(d @ b, np.sqrt(max(explained_var, 0.0)))
    result.unexplained = Part.of(-beta[WOMAN], np.sqrt(cov.loc[WOMAN, WOMAN]))
    result.r_squared = float(fit.rsquared)
    result.linear = pd.Series(x[regressors].to_numpy() @ b, index=fitted.index)
    return result


def decompose_categories(workforce: Workforce) -> list[Decomposition]:
    """The decomposition of every category, in category order; small ones carry their note instead."""
    workforce.require()
    people = workforce.compared
    keys = people.groupby("category", sort=False)["category_key"].first().sort_values(kind="stable")
    return [decompose(workforce, people[people["category"] == label], scope=label) for label in keys.index]


def controls_text(controls: tuple[str, ...]) -> str:
    """The controls in words: 'level, job family, location and tenure'."""
    words = [CONTROL_LABELS[c] for c in controls]
    return " and ".join(words) if len(words) < 3 else ", ".join(words[:-1]) + " and " + words[-1]
