"""The offer calculator's queries on the built warehouse, with values from data/*.csv."""

from analytics.levels.queries import levels_by_company
from analytics.offers.queries import reported_level_totals, vesting_schedule_sources
from analytics.offers.tables import preset_sources


def test_levels_by_company_in_ladder_order(con):
    levels = levels_by_company(con).groupby("company")["level"].apply(list).to_dict()
    assert levels == {
        "Amazon": ["L4", "L5", "L6", "L7", "L8", "L9", "L10", "L11", "L12"],
        "Google": ["APM", "L3", "L4", "L5", "L6", "L7", "L7+", "L8"],
    }


def test_reported_totals_for_amazon_l6(con):
    rows = reported_level_totals(con, "Amazon", "L6")
    assert rows[["statistic", "annual_usd", "year", "sample_size", "source_id"]].astype(object).where(
        rows.notna(), None
    ).values.tolist() == [
        ["median", 236_000.0, 2021, 497, "levelsfyi_kaggle"],
        # the spread of the same data set (external facts 2c), n = 496
        *(
            [stat, amount, 2021, 496, "levelsfyi_kaggle_spread"]
            for stat, amount in (
                ("p10", 188_500.0),
                ("p25", 209_000.0),
                ("median", 235_500.0),
                ("p75", 275_000.0),
                ("p90", 320_000.0),
            )
        ),
        ["typical", 304_000.0, None, None, "kalena_levels"],
    ]


def test_reported_totals_for_google_l3_name_each_role(con):
    rows = reported_level_totals(con, "Google", "L3")
    assert list(zip(rows.role, rows.annual_usd, rows.source_id, strict=True)) == [
        ("Product Manager", 170_000, "levelsfyi_kaggle"),  # n = 9: a small sample
        *(
            ("Product Manager", amount, "levelsfyi_kaggle_spread")
            for amount in (158_000, 165_000, 170_000, 175_000, 180_000)
        ),
        ("Assistant/Associate Product Manager", 168_000, "promoready_google"),
    ]
    assert rows.sample_size.iloc[0] == 9


def test_no_reported_totals_for_a_level_without_figures(con):
    assert reported_level_totals(con, "Amazon", "L9").empty
    assert reported_level_totals(con, "Amazon", "'; DROP TABLE figures; --").empty


def test_presets_name_their_sources_from_the_warehouse(con):
    assert preset_sources(vesting_schedule_sources(con)) == {
        "Custom": "Your own yearly percents; they must add to 100.",
        "Amazon 5/15/40/40": "Reported by ideaplan.io; Rora (teamrora.com).",
        "Google 33/33/22/12": "Reported by levels.fyi, 2023-06.",
        "Even 25/25/25/25": "An even split; Google 25/25/25/25 (earlier) per levels.fyi, 2023-06.",
    }
