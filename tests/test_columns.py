"""Column descriptions: one for the screen and the files, with headers for people and numbers as shown."""

import datetime as dt
import re

import pandas as pd
import pytest

from analytics.columns import COUNT, FLAG, MONEY, PERCENT, YEAR, Column, Table, round_half_up, table
from analytics.realterms.view import MoneyView

SPREAD = Column("spread", "Spread", PERCENT, "%", "(max − min) ÷ min.", fraction=True, blank="")
MINIMUM = Column("min_usd", "Minimum", MONEY, "USD a year", "The lowest pay.")
STATS = table(Column("label", "Range"), MINIMUM, SPREAD, Column("year", "Year", YEAR, blank="not stated"), "source_id")
FRAME = pd.DataFrame(
    {
        "label": ["Product Coordinator (base)", "Product Manager (base)"],
        "min_usd": [50_000.0, 134_759.80],
        "spread": [None, 2.278688524590164],
        "year": pd.array([None, 2022], dtype="Int64"),
        "source_id": ["seed_000", "seed_001"],
    }
)


@pytest.mark.parametrize(
    ("value", "places", "rounded"),
    [(134_759.80, 0, 134_760.0), (547_647.86, 0, 547_648.0), (2.675, 2, 2.68), (0.5, 0, 1.0), (-0.4, 0, 0.0)],
)
def test_round_half_up_never_truncates(value, places, rounded):
    assert round_half_up(value, places) == rounded and str(round_half_up(value, places)) != "-0.0"


def test_a_fraction_is_shown_as_a_percent_value():
    assert round_half_up(2.278688524590164, 1, 2) == 227.9
    assert SPREAD.value(0.385) == 38.5 and SPREAD.text(38.5, separators=True) == "38.5%" and SPREAD.text(38.5) == "38.5"


def test_shown_values_are_rounded_and_typed():
    shown = STATS.shown(FRAME)
    assert list(shown.columns) == ["label", "min_usd", "spread", "year", "source_id"]
    assert shown["min_usd"].tolist() == [50_000.0, 134_760.0]
    assert shown["spread"].isna().tolist() == [True, False] and shown["spread"].iloc[1] == 227.9
    assert str(shown["year"].dtype) == "Int64" and shown["year"].tolist() == [pd.NA, 2022]


def test_the_screen_never_reads_none():
    screen = STATS.screen(FRAME)
    assert screen["spread"].tolist() == ["", "227.9%"]  # a gap: the column's blank, the rest as shown
    assert screen["year"].tolist() == ["not stated", "2022"]
    assert screen["min_usd"].tolist() == [50_000.0, 134_760.0]  # no gap: numbers, so the column sorts as numbers


def test_labels_carry_units_and_no_code_names():
    assert [c.label for c in STATS.columns] == ["Range", "Minimum (USD a year)", "Spread (%)", "Year", "Source id"]
    assert not any(re.search(r"[a-z]_[a-z]", c.label) for c in STATS.columns)


def test_a_header_or_column_named_twice_is_refused():
    with pytest.raises(ValueError, match="twice: Minimum"):
        Table((MINIMUM, MINIMUM.but(name="max_usd")))


def test_dictionary_lists_the_frames_described_columns():
    assert STATS.dictionary(FRAME.drop(columns=["year"])).to_dict("list") == {
        "Header": ["Range", "Minimum (USD a year)", "Spread (%)", "Source id"],
        "Meaning": ["", "The lowest pay.", "(max − min) ÷ min.", STATS.column("source_id").meaning],
        "Unit": ["", "USD a year", "%", ""],
        "Format": ["text", "money, whole dollars", "percent, 1 decimal", "code (text; keep its leading zeros)"],
        "Source column": ["label", "min_usd", "spread", "source_id"],
    }


def test_sources_come_from_the_rows_and_the_table():
    described = table("source_ids", sources=["bls_cpi_u"])
    frame = pd.DataFrame({"source_ids": ["dayone_levels;kalena_levels", ["seed_001"], None]})
    assert described.source_ids(frame) == ["dayone_levels", "kalena_levels", "seed_001", "bls_cpi_u"]


def test_flags_counts_and_dates():
    assert Column("f", "F", FLAG).value(True) == "yes" and Column("f", "F", FLAG).value(False) == "no"
    assert Column("n", "N", COUNT).value(497.0) == 497
    assert Column("d", "D", "date").text(dt.date(2026, 10, 30)) == "2026-10-30"


def test_the_money_view_describes_restated_reported_and_converted_amounts():
    view = MoneyView("today", "EUR", "dollars of August 2026")
    described = view.table(table(MINIMUM, "source_id"), ["min_usd"])
    assert [c.label for c in described.columns] == [
        "Minimum (August 2026 USD a year)",
        "Minimum, as reported (USD a year)",
        "Minimum (EUR a year)",
        "Source id",
        "CPI-U factor",
        "CPI-U of the row's year (index, 1982–84 = 100)",
        "CPI-U now (index, 1982–84 = 100)",
        "Adjustment",
        "Currency",
        "Rate per USD",
        "Rate date",
    ]
    assert [c.name for c in described.columns if c.screen] == ["min_usd", "min_usd_reported", "min_usd_eur"]
    assert described.sources == ("bls_cpi_u", "ecb_reference_rates")
    assert MoneyView().table(STATS, ["min_usd"]) == STATS


# --- Every page's table description matches the frame the page gives it, and reads as words (issue 21) ---

PLAIN, RESTATED = MoneyView(), MoneyView("today", "EUR", "dollars of August 2026")


def described_frames(con, view: MoneyView) -> dict[str, tuple[pd.DataFrame, Table]]:
    """Each table of the pages, built as the page builds it, with its description."""
    from analytics.careers import tables as careers
    from analytics.careers.queries import career_path_links
    from analytics.levels import queries as lq
    from analytics.levels import tables as levels
    from analytics.market import queries as mq
    from analytics.market import tables as market
    from analytics.offers import tables as offers
    from analytics.offers.aftertax import after_tax_download, side_by_side
    from analytics.offers.codec import EXAMPLES
    from analytics.offers.queries import reported_level_totals
    from analytics.paymix import queries as pq
    from analytics.paymix import tables as paymix
    from analytics.quality import quality_flags
    from analytics.realterms.tax import take_home_table
    from analytics.roles import queries as rq
    from analytics.roles import tables as roles
    from analytics.sources import tables as sources
    from analytics.sources.queries import reference_rows, source_catalogue

    apply = view.apply
    roles_chosen = ["Product Coordinator", "Assistant/Associate Product Manager", "Product Manager"]
    ranges = roles.labelled_ranges(
        apply(con, rq.role_ranges(con, roles_chosen, ["Market-wide", "Amazon"]), roles.RANGE_AMOUNTS)
    )
    titled = apply(con, rq.titled_level_figures(con, ["Senior Product Manager"]), ["annual_usd"])
    profiles = rq.role_profiles(con, roles_chosen[:2])
    ladder = lq.level_ladder(con, ["Amazon", "Google"], ["L4", "L5", "L6", "L7", "L8"])
    all_levels = lq.level_names(con)
    pay = levels.component_pay(lq.level_pay(con, ["Amazon", "Google"], all_levels), "total")
    lone = apply(con, lq.level_ranges(con, ["Amazon", "Google"], all_levels), ["min_usd", "max_usd"]).head(1)
    bands = levels.level_bands(pd.concat([lone, lone.assign(level="L11", rank=lone["rank"] + 1)]))  # none in data/
    schedules = pq.vesting_schedule_table(con, ["Amazon", "Google"])
    mix = paymix.pay_mix_shown(
        pq.level_pay_mix(con, ["Amazon", "Google"], all_levels), schedules, paymix.default_schedules(schedules)
    )
    source = pd.Series(
        {"title": "OEWS", "publisher": "BLS", "published": "2026-05-15", "link": "x"}, name="bls_oews_2025"
    )
    cell = apply(
        con, market.dated(mq.occupation_percentiles(con, "11-2021", "0000000", "000000")), ["annual", "hourly"]
    )
    labels = market.wage_labels(view, "annual") | market.wage_labels(view, "hourly")
    states = apply(con, market.dated(mq.state_percentile_map(con, "11-2021", "annual_p50")), ["value"])
    metros = apply(con, market.dated(mq.metro_extremes(con, "11-2021", "annual_p50", 10, False)), ["value"])
    metro_labels = market.wage_labels(view, "value", "Median")
    industries = apply(
        con, market.dated(mq.industry_spread(con, "11-2021", "0000000", "annual")), ["mean", *market.STATS[:5]]
    )
    inputs, own = list(EXAMPLES[:2]), offers.own_money(view)
    years = offers.years_table([i.to_offer() for i in inputs])
    amazon = apply(con, reported_level_totals(con, "Amazon", "L6"), ["annual_usd"])
    versus = offers.versus_reported("Offer A", 232_500.0, amazon)
    taxed = take_home_table(con, offers.gross_years(years), "CA", "single", 2026).assign(state="CA")
    catalogue = source_catalogue(con)[
        ["source_id", "kind", "published", "figures", "title", "publisher", "link", "file", "notes"]
    ]
    figures = reference_rows(con, "pay_figures")
    return {
        "overview ranges": (roles.ranges_shown(ranges), roles.ranges_table(view)),
        "roles statistics": (roles.range_statistics(ranges), roles.statistics_table(view)),
        "roles titled": (roles.titled_figures_shown(titled), roles.titled_table(view)),
        "roles profiles": (
            roles.profile_tables(profiles, roles_chosen[:2])["Core responsibilities"][0],
            roles.profile_table(profiles, roles_chosen[:2]),
        ),
        "levels ladder": (ladder, levels.ladder_table()),
        "levels pay": (levels.level_figures(apply(con, pay, ["annual_usd"])), levels.pay_columns(view, "total", True)),
        "levels bands": (bands, levels.bands_table(view)),
        "levels steps": (apply(con, levels.steps_shown(pay), ["from_usd", "to_usd"]), levels.steps_table(view)),
        "levels head-counts": (lq.level_headcounts(con, ["Amazon"], all_levels), levels.headcounts_table()),
        "pay mix": (apply(con, mix, list(paymix.MONEY_COLUMNS)), paymix.mix_table(view)),
        "vesting schedules": (schedules, paymix.schedules_table()),
        "career pay": (
            careers.role_pay_rows(
                ranges,
                apply(con, rq.role_single_figures(con), ["annual_usd"]),
                [*roles_chosen, "Senior Product Manager"],
            ),
            careers.pay_rows_table(view),
        ),
        "career paths": (career_path_links(con), careers.paths_table()),
        "market percentiles": (
            market.percentile_rows(
                cell,
                labels,
                source,
                occupation_code="11-2021",
                occupation_title="Marketing Managers",
                area_code="0000000",
                area_name="National",
                industry_code="000000",
                industry_name="All",
            ),
            market.percentile_columns(view, labels),
        ),
        "market penetration": (market.penetration_rows(ranges, 150_000), market.penetration_columns(view)),
        "market states": (
            market.state_rows(
                states, "annual", source, occupation_code="11-2021", occupation_title="M", measure="annual_p50"
            ),
            market.state_columns(view, "annual", "p50"),
        ),
        "market metros": (
            market.metro_rows(
                metros,
                "annual",
                metro_labels,
                source,
                occupation_code="11-2021",
                occupation_title="M",
                measure="annual_p50",
            ),
            market.metro_columns(view, "annual", "p50", metro_labels),
        ),
        "market industries": (
            market.with_source(
                market.largest_sectors(industries),
                source,
                occupation_code="11-2021",
                occupation_title="M",
                area_code="0000000",
                basis="annual",
            ),
            market.industry_columns(view, "annual"),
        ),
        "offers years": (
            offers.comparison_download(own.apply(con, years, ["total"]), inputs),
            offers.years_columns(own),
        ),
        "offers reported": (offers.reported_table([versus]), offers.reported_columns(view)),
        "offers after tax": (after_tax_download(taxed, "single"), offers.after_tax_columns()),
        "offers take-home": (side_by_side(taxed), offers.side_by_side_columns(side_by_side(taxed))),
        "sources": (catalogue, sources.reference_columns("sources", catalogue.columns)),
        "pay figures": (
            apply(con, figures, ["amount_usd"]),
            sources.reference_columns("pay_figures", figures.columns, view),
        ),
        "quality flags": (quality_flags(con), sources.flags_columns()),
    }


@pytest.mark.parametrize("view", [PLAIN, RESTATED], ids=["reported", "restated"])
def test_every_described_column_is_in_its_frame_and_every_header_is_words(con, view):
    for name, (frame, described) in described_frames(con, view).items():
        missing = [c.name for c in described.columns if c.name not in frame.columns]
        assert not missing, f"{name}: described but not in the frame: {missing}"
        assert not [c.label for c in described.columns if re.search(r"[a-z]_[a-z]", c.label)], name
        assert not [c.label for c in described.columns if not c.meaning], f"{name}: a column without a meaning"


def workspace_frames(con) -> dict[str, tuple[pd.DataFrame, Table]]:
    """Each table of the Your data page, built from the sample as the page builds it, with its description."""
    from analytics.yourdata import analysis, queries
    from analytics.yourdata import tables as yourdata
    from analytics.yourdata.pipeline import import_file, new_connection
    from analytics.yourdata.samples import BANDS_FILE, PEOPLE_FILE, SAMPLES_DIR

    mine = new_connection()
    bands, people = import_file(mine, SAMPLES_DIR / BANDS_FILE), import_file(mine, SAMPLES_DIR / PEOPLE_FILE)
    problems = pd.concat([queries.problem_rows(mine, c.checked) for c in (bands, people)], ignore_index=True)
    ladder, summary = queries.band_ladder(mine), queries.range_summary(mine)
    pricing = yourdata.market_rows(
        analysis.market_pricing(mine, con, {"Engineering": "15-1252"}, {"Zone A": "0000000"}, "000000")
    )
    trail = pd.DataFrame({"at": ["2026-12-06T14:05:03+00:00"], "actor": ["a@x"], "action": ["saved"], "detail": [""]})
    return {
        "your data problems": (problems, yourdata.problems_table()),
        "your data summary": (summary, yourdata.summary_table(summary)),
        "your data bands": (ladder, yourdata.ladder_table(ladder)),
        "your data people": (queries.people_positions(mine), yourdata.people_table(queries.people_positions(mine))),
        "your data groups": (yourdata.groups_shown(queries.group_comparison(mine)), yourdata.group_table()),
        "your data market": (pricing, yourdata.market_table(pricing)),
        "your data history": (yourdata.audit_rows(trail), yourdata.audit_table()),
        **{f"pay gap {s.key}": (s.frame, s.described) for s in pay_gap_sections()},
    }


def pay_gap_sections() -> list:
    """Every table of the Pay gap page, from the hand-made report of test_paygap_indicators."""
    from analytics.paygap import tables as paygap
    from analytics.paygap.report import build_report
    from tests.test_paygap_indicators import COLUMNS, ROWS, SETTINGS

    people = pd.DataFrame(ROWS, columns=COLUMNS).assign(zone="Zone A", currency="EUR")
    report = build_report(people, SETTINGS, exclusions={"AW2": "on leave"})
    every = [*paygap.sections(report), paygap.people_section(report), paygap.definitions_section(report)]
    return [s for s in every if not s.frame.empty]  # the ties: none in this report


def test_every_your_data_and_pay_gap_column_is_in_its_frame_and_every_header_is_words(con):
    for name, (frame, described) in workspace_frames(con).items():
        missing = [c.name for c in described.columns if c.name not in frame.columns]
        assert not missing, f"{name}: described but not in the frame: {missing}"
        assert not [c.label for c in described.columns if re.search(r"[a-z]_[a-z]", c.label)], name
        assert len(frame), f"{name}: no rows to check"
