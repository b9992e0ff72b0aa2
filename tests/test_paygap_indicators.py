"""Every pay gap indicator of a small hand-made people table, worked out by hand in this file.

The table is built so that each figure's arithmetic can be written out: full-time people work 40
hours (2,080 a year), so a base of 36 × 2,080 is 36 an hour. Four categories: Eng · L1 (5 women,
5 men, gap just above 5%), Eng · L2 (5 and 5, just below 5%), Design · L1 (4 women: suppressed)
and Sales · L1 (10 and 10, which fills the quartile bands). Two part-time women, people with no
variable pay (one with an explicit 0, one with variable pay as a percent of base), a group of
five people on 38 an hour across the lower-middle / upper-middle boundary, and one "other" and
one blank gender who are counted but not in the gaps. The expected values are arithmetic on the
numbers in the table, never a call to the code under test.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analytics.paygap import tables
from analytics.paygap.definitions import SUPPRESSED
from analytics.paygap.indicators import assign_bands, category_gaps, indicators, quartile_bands
from analytics.paygap.people import Settings, prepare
from analytics.yourdata import queries as yourdata_queries

FT = 2080  # 40 hours × 52 weeks
# (id, family, level, gender label, base, variable, variable %, weekly hours)
ROWS = [
    # Eng · L1 men: total hourly 36, 38, 40, 42, 44 (mean 40)
    ("AM1", "Eng", "L1", "Man", 36 * FT, None, None, None),
    ("AM2", "Eng", "L1", "M", 38 * FT - 4_040, 4_040, None, None),
    ("AM3", "Eng", "L1", "male", 40 * FT, 0, None, None),
    ("AM4", "Eng", "L1", "Mann", 42 * FT - 7_360, 7_360, None, None),
    ("AM5", "Eng", "L1", "h", 44 * FT, None, None, None),
    # Eng · L1 women: 41.9 (20 hours: the lowest annual pay, a high hourly one), 34, 36, 38, 40 (30 hours)
    ("AW1", "Eng", "L1", "Woman", 41.9 * 20 * 52, None, None, 20),
    ("AW2", "Eng", "L1", "F", 34 * FT, None, None, None),
    ("AW3", "Eng", "L1", "female", 36 * FT - 4_880, 4_880, None, None),
    ("AW4", "Eng", "L1", "w", 38 * FT, None, None, None),
    ("AW5", "Eng", "L1", "Frau", 40 * 30 * 52 - 2_400, 2_400, None, 30),
    # Eng · L2 men: 35, 38, 40, 42, 45 (mean 40); women 36 (variable 4% of 72,000), 37, 38, 39, 40.1
    ("BM1", "Eng", "L2", "Man", 35 * FT, None, None, None),
    ("BM2", "Eng", "L2", "Man", 38 * FT, None, None, None),
    ("BM3", "Eng", "L2", "Man", 40 * FT, None, None, None),
    ("BM4", "Eng", "L2", "Man", 42 * FT, None, None, None),
    ("BM5", "Eng", "L2", "Man", 45 * FT - 5_000, 5_000, None, None),
    ("BW1", "Eng", "L2", "Woman", 72_000, None, 4, None),
    ("BW2", "Eng", "L2", "Woman", 37 * FT, None, None, None),
    ("BW3", "Eng", "L2", "Woman", 38 * FT, None, None, None),
    ("BW4", "Eng", "L2", "Woman", 39 * FT, None, None, None),
    ("BW5", "Eng", "L2", "Woman", 40.1 * FT, None, None, None),
    # Design · L1: 4 women (30, 31, 32, 33) and 6 men (30, 32, 34, 36, 38, 40)
    ("CW1", "Design", "L1", "Woman", 30 * FT - 1_000, 1_000, None, None),
    ("CW2", "Design", "L1", "Woman", 31 * FT, None, None, None),
    ("CW3", "Design", "L1", "Woman", 32 * FT, None, None, None),
    ("CW4", "Design", "L1", "Woman", 33 * FT, None, None, None),
    ("CM1", "Design", "L1", "Man", 30 * FT, None, None, None),
    ("CM2", "Design", "L1", "Man", 32 * FT, None, None, None),
    ("CM3", "Design", "L1", "Man", 34 * FT, None, None, None),
    ("CM4", "Design", "L1", "Man", 36 * FT, None, None, None),
    ("CM5", "Design", "L1", "Man", 38 * FT, None, None, None),
    ("CM6", "Design", "L1", "Man", 40 * FT - 2_000, 2_000, None, None),
    # Sales · L1: women 20–24 and 46–54, men 20.5–24.5 and 47–55
    *[(f"DW{i}", "Sales", "L1", "Woman", h * FT, None, None, None) for i, h in enumerate((20, 21, 22, 23, 24), 1)],
    *[(f"DW{i}", "Sales", "L1", "Woman", h * FT, None, None, None) for i, h in enumerate((46, 48, 50, 52), 6)],
    ("DW10", "Sales", "L1", "Woman", 54 * FT - 6_000, 6_000, None, None),
    ("DM1", "Sales", "L1", "Man", 20.5 * FT - 500, 500, None, None),
    *[(f"DM{i}", "Sales", "L1", "Man", h * FT, None, None, None) for i, h in enumerate((21.5, 22.5, 23.5, 24.5), 2)],
    *[(f"DM{i}", "Sales", "L1", "Man", h * FT, None, None, None) for i, h in enumerate((47, 49, 51, 53), 6)],
    ("DM10", "Sales", "L1", "Man", 55 * FT - 8_000, 8_000, None, None),
    # counted, never in the gaps
    ("X1", "Eng", "L1", "Non-binary", 80_000, None, None, None),
    ("X2", "Design", "L1", None, 60_000, None, None, None),
]
COLUMNS = ["person_id", "family", "level", "gender", "base", "variable", "variable_pct", "hours"]
SETTINGS = Settings(reference_date=dt.date(2025, 1, 1), controls=())

# Total hourly pay by group, from the comments above.
AW, AM = [34, 36, 38, 40, 41.9], [36, 38, 40, 42, 44]
BW, BM = [36, 37, 38, 39, 40.1], [35, 38, 40, 42, 45]
CW, CM = [30, 31, 32, 33], [30, 32, 34, 36, 38, 40]
DW, DM = [20, 21, 22, 23, 24, 46, 48, 50, 52, 54], [20.5, 21.5, 22.5, 23.5, 24.5, 47, 49, 51, 53, 55]


@pytest.fixture(scope="module")
def workforce():
    frame = pd.DataFrame(ROWS, columns=COLUMNS)
    frame["zone"], frame["currency"] = "Zone A", "EUR"
    return prepare(frame, SETTINGS)


@pytest.fixture(scope="module")
def table(workforce):
    return indicators(workforce).set_index("code")


def test_everyone_is_counted_and_only_women_and_men_compared(workforce):
    assert workforce.problem is None and workforce.left_out.empty
    assert workforce.people["gender"].value_counts().to_dict() == {"men": 26, "women": 24, "other": 1, "not stated": 1}
    assert len(workforce.compared) == 50


def test_hourly_pay_of_part_time_workers(workforce):
    people = workforce.people.set_index("person_id")
    # AW1: 43,576 a year for 20 hours: 43,576 ÷ (20 × 52) = 41.9 an hour; the lowest annual pay in Eng · L1.
    assert people.loc["AW1", "total_annual"] == pytest.approx(43_576)
    assert people.loc["AW1", "total_hourly"] == pytest.approx(43_576 / (20 * 52))
    assert people.loc["AW1", "total_annual"] < people.loc["AW2", "total_annual"]
    assert people.loc["AW1", "total_hourly"] > people.loc["AW2", "total_hourly"]
    # AW5: (60,000 + 2,400) ÷ (30 × 52) = 40; basic 60,000 ÷ 1,560 = 38.46
    assert people.loc["AW5", "total_hourly"] == pytest.approx(62_400 / 1_560)
    assert people.loc["AW5", "basic_hourly"] == pytest.approx(60_000 / 1_560)
    # BW1: variable 4% of 72,000 = 2,880; (72,000 + 2,880) ÷ 2,080 = 36
    assert people.loc["BW1", "variable"] == pytest.approx(2_880)
    assert people.loc["BW1", "total_hourly"] == pytest.approx(36.0)
    assert bool(people.loc["BW1", "variable_from_pct"])
    assert people["part_time"].sum() == 2


def test_mean_and_median_gap(table):
    women_mean = (sum(AW) + sum(BW) + sum(CW) + sum(DW)) / 24  # 866 ÷ 24 = 36.083
    men_mean = (sum(AM) + sum(BM) + sum(CM) + sum(DM)) / 26  # 977.5 ÷ 26 = 37.596
    assert (sum(AW) + sum(BW) + sum(CW) + sum(DW), sum(AM) + sum(BM) + sum(CM) + sum(DM)) == pytest.approx((866, 977.5))
    row = table.loc["mean_gap"]
    assert (row.women, row.men) == pytest.approx((women_mean, men_mean))
    assert row.value == pytest.approx((men_mean - women_mean) / men_mean * 100)
    assert (row.women_n, row.men_n) == (24, 26)
    # Women sorted: 20 21 22 23 24 30 31 32 33 34 36 36 | 37 38 38 39 40 40.1 41.9 46 48 50 52 54: (36 + 37) ÷ 2
    # Men sorted: 20.5 … 24.5 30 32 34 35 36 36 38 | 38 38 40 40 40 42 42 44 45 47 … 55: (38 + 38) ÷ 2
    row = table.loc["median_gap"]
    assert (row.women, row.men) == pytest.approx((36.5, 38.0))
    assert row.value == pytest.approx((38 - 36.5) / 38 * 100)


def test_variable_pay_gaps_and_shares(table):
    women = [4_880, 2_400, 2_880, 1_000, 6_000]  # AW3, AW5, BW1 (4% of 72,000), CW1, DW10
    men = [4_040, 7_360, 5_000, 2_000, 8_000, 500]  # AM2, AM4 (AM3's 0 is not variable pay), BM5, CM6, DM10, DM1
    row = table.loc["variable_mean_gap"]
    assert (row.women_n, row.men_n) == (5, 6)
    assert (row.women, row.men) == pytest.approx((17_160 / 5, 26_900 / 6))
    assert row.value == pytest.approx((26_900 / 6 - 17_160 / 5) / (26_900 / 6) * 100)
    assert sum(women) == 17_160 and sum(men) == 26_900
    row = table.loc["variable_median_gap"]
    # women 1,000 2,400 [2,880] 4,880 6,000; men 500 2,000 [4,040 5,000] 7,360 8,000
    assert (row.women, row.men) == pytest.approx((2_880, (4_040 + 5_000) / 2))
    assert row.value == pytest.approx((4_520 - 2_880) / 4_520 * 100)
    row = table.loc["variable_share"]
    assert (row.women, row.men) == pytest.approx((5 / 24 * 100, 6 / 26 * 100))
    assert pd.isna(row.value)


def test_quartile_bands_with_a_tie_across_a_boundary(workforce, table):
    # 50 people: bands of 13, 13, 12, 12 (the two lowest take the extra two).
    # Lower (1–13): Sales 20–24.5 (5 women, 5 men), then 30 W, 30 M, 31 W: 7 women, 6 men.
    # Lower middle (14–26): 32 W, 32 M, 33 W, 34 W, 34 M, 35 M, 36 M, 36 W, 36 W, 36 M, 37 W, then 2 places of the
    #   five on 38 (AM2, AW4, BM2, BW3, CM5: 2 women and 3 men at places 25–29).
    # The 38 group: lower middle has 2 places, upper middle 3. Women 2 of 5: 2 × 2 ÷ 5 = 0.8 and 3 × 2 ÷ 5 = 1.2,
    #   rounded down 0 and 1; the one woman left goes to the larger remainder, 0.8: lower middle.
    #   So lower middle 1 woman + 1 man, upper middle 1 woman + 2 men.
    # Lower middle: 6 women + 1, 5 men + 1 = 7 women, 6 men. Upper middle (27–38): 1 W 2 M of the tie, 39 W, 40 M,
    #   40 W, 40 M, 40 M, 40.1 W, 41.9 W, 42 M, 42 M: 5 women, 7 men. Upper (39–50): 44 M, 45 M, Sales 46–55: 5 W, 7 M.
    bands, ties, band = quartile_bands(workforce)
    assert bands["people"].tolist() == [13, 13, 12, 12]
    assert bands["women_n"].tolist() == [7, 7, 5, 5]
    assert bands["men_n"].tolist() == [6, 6, 7, 7]
    assert bands["women_pct"].tolist() == pytest.approx([7 / 13 * 100, 7 / 13 * 100, 5 / 12 * 100, 5 / 12 * 100])
    assert bands["men_pct"].tolist() == pytest.approx([6 / 13 * 100, 6 / 13 * 100, 7 / 12 * 100, 7 / 12 * 100])
    assert ties.to_dict("records") == [
        {
            "bands": "lower middle / upper middle",
            "people": 5,
            "women": 2,
            "men": 3,
            "women_by_band": "1 + 1",
            "men_by_band": "1 + 2",
        }
    ]
    ids = workforce.compared["person_id"]
    placed = dict(zip(ids, band, strict=True))
    # Within the tie, women and men are placed in order of ID: AW4 before BW3, AM2 before BM2 and CM5.
    assert [placed[p] for p in ("AW4", "BW3", "AM2", "BM2", "CM5")] == [1, 2, 1, 2, 2]
    assert placed["AW1"] == 2  # 41.9 an hour places the 20-hour worker in the upper middle band, not the lowest
    quartile_rows = table.loc[[f"quartile_{k}" for k in (1, 2, 3, 4)]]
    assert quartile_rows["women"].tolist() == pytest.approx(bands["women_pct"].tolist())


def test_a_tie_across_two_boundaries_is_shared_by_largest_remainders():
    # Eight people, bands of 2 places; four on 20 an hour (3 women, 1 man) take places 2–5, across two boundaries.
    hourly = pd.Series([10, 20, 20, 20, 20, 30, 31, 32])  # bands of 2: places 1–2, 3–4, 5–6, 7–8
    gender = pd.Series(["men", "men", "women", "women", "women", "men", "women", "men"])
    ids = pd.Series(["a", "b", "c", "d", "e", "f", "g", "h"])
    band, ties = assign_bands(hourly, gender, ids)
    # the 20 group holds places 2–5: 1 place in band 0, 2 in band 1, 1 in band 2
    # women 3 of 4: 1 × 3 ÷ 4 = 0.75, 2 × 3 ÷ 4 = 1.5, 1 × 3 ÷ 4 = 0.75 → 0, 1, 0 and 2 left over:
    # remainders 0.75, 0.5, 0.75 → bands 0 and 2 (the lower first on equal remainders) → women 1, 1, 1; man 0, 1, 0
    assert band.tolist() == [0, 1, 0, 1, 2, 2, 3, 3]
    assert ties["women_by_band"].tolist() == ["1 + 1 + 1"] and ties["men_by_band"].tolist() == ["0 + 1 + 0"]


def test_gaps_per_category_and_the_joint_assessment_flag(workforce):
    cats = category_gaps(workforce).set_index("category")
    assert cats.index.tolist() == ["Design · L1", "Eng · L1", "Eng · L2", "Sales · L1"]
    # Eng · L1: total (40 − 189.9 ÷ 5) ÷ 40 × 100 = (40 − 37.98) ÷ 40 × 100 = 5.05: flagged
    a = cats.loc["Eng · L1"]
    assert (a.total_men, a.total_women) == pytest.approx((40, 37.98))
    assert a.total_gap == pytest.approx((40 - 37.98) / 40 * 100) and a.total_gap == pytest.approx(5.05)
    assert bool(a.joint_assessment)
    # basic: men (36 × 2,080 + 75,000 + 40 × 2,080 + 80,000 + 44 × 2,080) ÷ 2,080 ÷ 5
    #        women (41.9 + 34 + 70,000 ÷ 2,080 + 38 + 60,000 ÷ 1,560) ÷ 5
    basic_men = (36 * FT + 75_000 + 40 * FT + 80_000 + 44 * FT) / FT / 5
    basic_women = (41.9 + 34 + 70_000 / FT + 38 + 60_000 / 1_560) / 5
    assert (a.basic_men, a.basic_women) == pytest.approx((basic_men, basic_women))
    assert a.basic_gap == pytest.approx((basic_men - basic_women) / basic_men * 100)
    # Eng · L2: (40 − 190.1 ÷ 5) ÷ 40 × 100 = 4.95: not flagged
    b = cats.loc["Eng · L2"]
    assert b.total_gap == pytest.approx((40 - 38.02) / 40 * 100) and b.total_gap == pytest.approx(4.95)
    assert not bool(b.joint_assessment)
    basic_men = (35 + 38 + 40 + 42 + (45 * FT - 5_000) / FT) / 5
    basic_women = (72_000 / FT + 37 + 38 + 39 + 40.1) / 5
    assert b.basic_gap == pytest.approx((basic_men - basic_women) / basic_men * 100)
    # Design · L1 has 4 women: every figure hidden
    c = cats.loc["Design · L1"]
    assert not bool(c.shown) and c.note == SUPPRESSED and not bool(c.joint_assessment)
    assert pd.isna(c.women_n) and pd.isna(c.total_gap) and pd.isna(c.basic_gap)
    # Sales · L1: men 367.5 ÷ 10 = 36.75, women 360 ÷ 10 = 36
    d = cats.loc["Sales · L1"]
    assert d.total_gap == pytest.approx((36.75 - 36) / 36.75 * 100) and not bool(d.joint_assessment)


def test_suppressed_figures_read_the_same_words_in_the_display_tables(workforce):
    from analytics.paygap.report import build_report

    frame = pd.DataFrame(ROWS, columns=COLUMNS).assign(zone="Zone A", currency="EUR")
    report = build_report(frame, SETTINGS)
    shown = tables.category_table(report).set_index("Category")
    assert (shown.loc["Design · L1", ["Women", "Men", "Total gap (%)", "Basic gap (%)"]] == SUPPRESSED).all()
    assert shown.loc["Eng · L1", "Joint pay assessment"] == "yes"
    assert shown.loc["Eng · L2", "Joint pay assessment"] == "no"
    assert SUPPRESSED == yourdata_queries.SUPPRESSED


def test_an_indicator_from_too_few_people_is_hidden():
    # 4 women receive variable pay: both variable-pay gaps hidden, the hourly gaps shown.
    frame = pd.DataFrame(ROWS, columns=COLUMNS)
    frame.loc[frame["person_id"] == "DW10", ["base", "variable"]] = [54 * FT, None]
    table = indicators(prepare(frame, SETTINGS)).set_index("code")
    for code in ("variable_mean_gap", "variable_median_gap"):
        assert not table.loc[code, "shown"] and table.loc[code, "note"] == SUPPRESSED
        assert pd.isna(table.loc[code, "value"]) and pd.isna(table.loc[code, "women_n"])
    assert table.loc["mean_gap", "shown"] and table.loc["variable_share", "shown"]
