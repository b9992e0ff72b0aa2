"""The indicators employers report: gaps in hourly and variable pay, quartile pay bands and gaps per category.

Each function takes a prepared `Workforce` (analytics.paygap.people) and returns a DataFrame whose
rows a regulator's form would list: EU Directive 2023/970 Article 9(1)(a)–(g) and the UK Equality Act
2010 (Gender Pay Gap Information) Regulations 2017, regulation 2(1)(a)–(f). Gaps are in percent,
(men − women) ÷ men × 100; shares are in percent. A figure computed from fewer than MIN_GROUP women
or men is not shown: its value and its counts are blank, `shown` is False and `note` reads SUPPRESSED,
so the page, the charts and every download hide the same figures. The quartile tie rule is
QUARTILE_TIES, implemented in `assign_bands`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.paygap.definitions import (
    JOINT_ASSESSMENT_THRESHOLD,
    MEN,
    MIN_GROUP,
    PAY_GAP,
    QUARTILE_BANDS,
    SUPPRESSED,
    VARIABLE_PAY_GAP,
    WOMEN,
)
from analytics.paygap.people import TIE_DECIMALS, Workforce

BAND_NAMES = ("lower", "lower middle", "upper middle", "upper")
INDICATOR_COLUMNS = [
    "code",
    "indicator",
    "eu",
    "uk",
    "women_n",
    "men_n",
    "women",
    "men",
    "value",
    "figures",
    "shown",
    "note",
    "definition",
]
"""`figures` says what women and men hold: 'hourly' or 'annual' pay (in the currency) or 'percent'."""


def gap(men: float, women: float) -> float:
    """The pay gap in percent: (men − women) ÷ men × 100."""
    return (men - women) / men * 100


def shown(women: int, men: int) -> bool:
    """Whether a figure computed from these numbers of women and men may be shown."""
    return women >= MIN_GROUP and men >= MIN_GROUP


def _row(code, indicator, eu, uk, w: pd.Series, m: pd.Series, stat, figures, definition, value=True) -> dict:
    ok = shown(len(w), len(m))
    women, men = (stat(w), stat(m)) if ok else (np.nan, np.nan)
    return {
        "code": code,
        "indicator": indicator,
        "eu": eu,
        "uk": uk,
        "women_n": len(w) if ok else pd.NA,
        "men_n": len(m) if ok else pd.NA,
        "women": women,
        "men": men,
        "value": gap(men, women) if ok and value else np.nan,
        "figures": figures,
        "shown": ok,
        "note": "" if ok else SUPPRESSED,
        "definition": definition,
    }


def indicators(workforce: Workforce, bands: pd.DataFrame | None = None) -> pd.DataFrame:
    """Article 9(1)(a)–(f) and UK regulation 2(1)(a)–(f): one row per indicator, quartile bands last."""
    workforce.require()
    people = workforce.compared
    w, m = people[people["gender"] == WOMEN], people[people["gender"] == MEN]
    wv, mv = w[w["received_variable"]], m[m["received_variable"]]

    def share(p: pd.DataFrame) -> float:
        return p["received_variable"].mean() * 100

    rows = [
        _row(
            "mean_gap",
            "Mean gender pay gap (hourly pay)",
            "Art. 9(1)(a)",
            "reg. 2(1)(a)",
            w["total_hourly"],
            m["total_hourly"],
            np.mean,
            "hourly",
            PAY_GAP,
        ),
        _row(
            "median_gap",
            "Median gender pay gap (hourly pay)",
            "Art. 9(1)(c)",
            "reg. 2(1)(b)",
            w["total_hourly"],
            m["total_hourly"],
            np.median,
            "hourly",
            PAY_GAP,
        ),
        _row(
            "variable_mean_gap",
            "Mean gender gap in variable pay",
            "Art. 9(1)(b)",
            "reg. 2(1)(c)",
            wv["variable"],
            mv["variable"],
            np.mean,
            "annual",
            VARIABLE_PAY_GAP,
        ),
        _row(
            "variable_median_gap",
            "Median gender gap in variable pay",
            "Art. 9(1)(d)",
            "reg. 2(1)(d)",
            wv["variable"],
            mv["variable"],
            np.median,
            "annual",
            VARIABLE_PAY_GAP,
        ),
    ]
    received = _row(
        "variable_share",
        "Share of women and of men who received variable pay",
        "Art. 9(1)(e)",
        "reg. 2(1)(e)",
        w,
        m,
        share,
        "percent",
        VARIABLE_PAY_GAP,
        value=False,
    )
    rows.append(received)
    bands = quartile_bands(workforce)[0] if bands is None else bands
    for band in bands.itertuples():
        rows.append(
            {
                "code": f"quartile_{band.band}",
                "indicator": f"Women and men in the {band.name} quartile pay band",
                "eu": "Art. 9(1)(f)",
                "uk": "reg. 2(1)(f)",
                "women_n": band.women_n,
                "men_n": band.men_n,
                "women": band.women_pct,
                "men": band.men_pct,
                "value": np.nan,
                "figures": "percent",
                "shown": band.shown,
                "note": band.note,
                "definition": QUARTILE_BANDS,
            }
        )
    out = pd.DataFrame(rows, columns=INDICATOR_COLUMNS)
    for c in ("women_n", "men_n"):
        out[c] = out[c].astype("Int64")
    return out


def band_sizes(n: int) -> list[int]:
    """Four band sizes as equal as possible, the lowest bands one larger when n is not a multiple of 4."""
    q, r = divmod(n, 4)
    return [q + (1 if k < r else 0) for k in range(4)]


def assign_bands(hourly: pd.Series, gender: pd.Series, person_id: pd.Series) -> tuple[pd.Series, pd.DataFrame]:
    """Each person's quartile band (0 = lower … 3 = upper), and the tie groups split across a boundary.

    People are ranked by hourly pay; a tie group (same pay to TIE_DECIMALS) that straddles a boundary
    keeps the places the ranking gives each band, and its women are shared among those places in
    proportion to the group's mix (largest remainders, the lower band first on equal remainders).
    """
    key = hourly.round(TIE_DECIMALS).to_numpy()
    order = np.lexsort((person_id.astype(str).to_numpy(), key))
    ranked_key, ranked_gender = key[order], gender.to_numpy()[order]
    ranked_id = person_id.astype(str).to_numpy()[order]
    n = len(order)
    ends = np.cumsum(band_sizes(n))
    band = np.searchsorted(ends, np.arange(n), side="right")
    ties = []
    crossing = sorted({ranked_key[e - 1] for e in ends[:-1] if 0 < e < n and ranked_key[e - 1] == ranked_key[e]})
    for value in crossing:
        where = np.flatnonzero(ranked_key == value)
        seats = np.bincount(band[where], minlength=4)
        women = where[ranked_gender[where] == WOMEN]
        men = where[ranked_gender[where] != WOMEN]
        size, count = len(where), len(women)
        floor, remainder = divmod(seats * count, size)  # integer arithmetic: no rounding noise
        left = count - int(floor.sum())
        reached = [k for k in range(4) if seats[k]]
        for k in sorted(reached, key=lambda k: (-remainder[k], k))[:left]:
            floor[k] += 1
        placed_women = np.repeat(np.arange(4), floor)
        placed_men = np.repeat(np.arange(4), seats - floor)
        band[women[np.argsort(ranked_id[women], kind="stable")]] = placed_women
        band[men[np.argsort(ranked_id[men], kind="stable")]] = placed_men
        ties.append(
            {
                "bands": " / ".join(BAND_NAMES[k] for k in reached),
                "people": size,
                "women": count,
                "men": size - count,
                "women_by_band": " + ".join(str(int(floor[k])) for k in reached),
                "men_by_band": " + ".join(str(int(seats[k] - floor[k])) for k in reached),
            }
        )
    out = np.empty(n, dtype=int)
    out[order] = band
    return pd.Series(out, index=hourly.index, name="band"), pd.DataFrame(
        ties, columns=["bands", "people", "women", "men", "women_by_band", "men_by_band"]
    )


def quartile_bands(workforce: Workforce) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    """The four quartile pay bands (people, women and men, their shares), the split ties, each person's band."""
    workforce.require()
    people = workforce.compared
    band, ties = assign_bands(people["total_hourly"], people["gender"], people["person_id"])
    rows = []
    for k, name in enumerate(BAND_NAMES):
        in_band = people["gender"][band == k]
        women, men = int((in_band == WOMEN).sum()), int((in_band == MEN).sum())
        ok = shown(women, men)
        total = women + men
        rows.append(
            {
                "band": k + 1,
                "name": name,
                "people": total,
                "women_n": women if ok else pd.NA,
                "men_n": men if ok else pd.NA,
                "women_pct": women / total * 100 if ok else np.nan,
                "men_pct": men / total * 100 if ok else np.nan,
                "shown": ok,
                "note": "" if ok else SUPPRESSED,
            }
        )
    out = pd.DataFrame(rows)
    for c in ("women_n", "men_n"):
        out[c] = out[c].astype("Int64")
    return out, ties, band


CATEGORY_COLUMNS = [
    "category",
    "women_n",
    "men_n",
    "basic_women",
    "basic_men",
    "basic_gap",
    "total_women",
    "total_men",
    "total_gap",
    "shown",
    "joint_assessment",
    "note",
]


def flagged(total_gap: float) -> bool:
    """Whether a category's total hourly gap calls for a joint pay assessment (5% or more either way)."""
    return bool(pd.notna(total_gap) and round(abs(total_gap), 9) >= JOINT_ASSESSMENT_THRESHOLD)


def category_gaps(workforce: Workforce) -> pd.DataFrame:
    """Per category of workers: mean basic and total hourly pay of women and men, both gaps, and the flag."""
    workforce.require()
    people = workforce.compared
    rows = []
    for label, group in people.groupby("category", sort=False):
        w, m = group[group["gender"] == WOMEN], group[group["gender"] == MEN]
        ok = shown(len(w), len(m))
        row = {"category": label, "_key": group["category_key"].iloc[0], "shown": ok}
        if ok:
            row |= {
                "women_n": len(w),
                "men_n": len(m),
                "basic_women": w["basic_hourly"].mean(),
                "basic_men": m["basic_hourly"].mean(),
                "total_women": w["total_hourly"].mean(),
                "total_men": m["total_hourly"].mean(),
            }
            row["basic_gap"] = gap(row["basic_men"], row["basic_women"])
            row["total_gap"] = gap(row["total_men"], row["total_women"])
        row["joint_assessment"] = ok and flagged(row.get("total_gap"))
        row["note"] = (
            SUPPRESSED
            if not ok
            else f"joint pay assessment: gap of {JOINT_ASSESSMENT_THRESHOLD:g}% or more"
            if row["joint_assessment"]
            else ""
        )
        rows.append(row)
    out = pd.DataFrame(rows)
    out = out.sort_values("_key", kind="stable").drop(columns="_key").reindex(columns=CATEGORY_COLUMNS)
    for c in ("women_n", "men_n"):
        out[c] = out[c].astype("Int64")
    for c in ("basic_women", "basic_men", "basic_gap", "total_women", "total_men", "total_gap"):
        out[c] = out[c].astype("float64")
    return out.reset_index(drop=True)
