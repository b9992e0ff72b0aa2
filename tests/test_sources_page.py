"""The Sources & data page (AppTest) and the queries behind it, on the built warehouse."""

import json
from functools import partial
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics.sources.queries import reference_rows, source_catalogue, table_source_ids
from tests.helpers import plain, run_page

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ["'; DROP TABLE x; --", "=cmd|' /C calc'!A0", ".*", "%"]


sources_page = partial(run_page, "sources")


def shown(at: AppTest):
    """The reference-table rows on screen (the second table; the first lists the sources)."""
    return at.dataframe[1].value


def test_page_lists_sources_and_the_default_table():
    at = sources_page()
    catalogue = at.dataframe[0].value.set_index("source_id")
    assert len(catalogue) == 28  # 18 + 8 for real terms (CPI, ECB, tenforty, SSA, IRS) + the levels.fyi spread + SOC
    assert catalogue.loc["seed_001", "figures"] == 18
    kalena = catalogue.loc["kalena_levels", ["kind", "published", "figures"]].tolist()
    assert kalena == ["career site", "undated", 6]
    assert at.selectbox(key="sources_table").value == "pay_figures"
    assert len(shown(at)) == 134
    assert {"source_title", "source_publisher", "source_link"} <= set(shown(at).columns)
    assert "134 of 134 rows of Pay figures, each with its source." in [c.value for c in at.caption]


def test_table_and_search_filter_and_go_to_the_url():
    at = sources_page()
    at.selectbox(key="sources_table").set_value("levels").run()
    assert len(shown(at)) == 30
    at.text_input(key="sources_search").input("JASSY").run()
    rows = shown(at)
    assert rows[["level", "source_ids"]].values.tolist() == [["L12", "seed_001"], ["L12", "payladder_reference"]]
    assert rows.source_title.tolist() == [
        "What Does an Amazon Product Manager Do? (2022)",
        "PayLadder external facts reference",
    ]
    assert (at.query_params["table"], at.query_params["q"]) == ("levels", "JASSY")


def test_a_shared_link_opens_the_same_view():
    at = sources_page(table="pay_figures", q="Candor")
    assert at.selectbox(key="sources_table").value == "pay_figures"
    assert at.text_input(key="sources_search").value == "Candor"
    rows = shown(at)
    assert rows[["level", "component", "statistic", "amount_usd", "source_id"]].values.tolist() == [
        ["L10", "base", "Average", 234000.0, "seed_001"]  # the statistic in words; the code column is not shown
    ]
    assert "source_id" not in at.dataframe[1].proto.column_order and "statistic" in at.dataframe[1].proto.column_order


def test_source_filter_keeps_that_sources_rows():
    at = sources_page()
    at.multiselect(key="sources_source").set_value(["kalena_levels"]).run()
    assert shown(at).amount_usd.tolist() == [194000, 304000, 444000, 864000, 1300000, 1600000]
    assert at.query_params["source"] == "kalena_levels"


def test_unknown_table_in_a_link_is_ignored_with_a_notice():
    at = sources_page(table="users; --")
    assert at.selectbox(key="sources_table").value == "pay_figures"
    assert any("Ignored unknown table in the link" in i.value for i in at.info)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_search_filters_to_nothing(hostile):
    at = sources_page(q=hostile)
    assert len(at.dataframe) == 1  # only the sources table: no reference rows match
    assert any(i.value.startswith("No rows of Pay figures contain") for i in at.info)
    at.text_input(key="sources_search").input("").run()
    assert len(shown(at)) == 134  # the data is untouched


def test_quality_flags_are_explained():
    at = sources_page()
    text = plain("\n".join(m.value for m in at.markdown))
    assert (
        "**Amazon L7: the figures of Product Manager HQ (Josh Fechter) are not consistent with other sources**" in text
    )
    assert "Amazon L12: sources disagree on who holds the level" in text
    captions = [c for c in at.caption]
    assert "Contradiction: 1" in "\n".join(c.value for c in captions)
    check = next(c for c in captions if plain(c.value).startswith("Check: Pay at a level inconsistent"))
    assert plain(check.value) == (
        "Check: Pay at a level inconsistent between sources · Sources: Product Manager HQ (Josh Fechter); "
        "Kaggle (scraped from levels.fyi); Kalena Advisors"
    )
    assert check.help == (
        "Check `level_pay_inconsistent` (analytics/quality.py); sources `seed_001`, `levelsfyi_kaggle`, "
        "`levelsfyi_kaggle_spread`, `kalena_levels` (data/sources.csv)."
    )
    # No raw code on the screen: not in the tables shown, the flags, the captions or the source filter.
    screen = text + "\n".join(c.value for c in captions)
    for code in ("gap_to_us_mean", "level_pay_inconsistent", "[seed_001]", "bls_oews_2025", "seed_001"):
        assert code not in screen, code
    assert "source_id" not in at.dataframe[0].proto.column_order  # the sources table: words, codes in the download
    options = at.multiselect(key="sources_source").options
    assert not any(code in o for o in options for code in ("seed_0", "levelsfyi_", "bls_"))
    assert {o for o in options if o.startswith("Kaggle")} == {
        "Kaggle (scraped from levels.fyi): Data Science and STEM Salaries (Levels_Fyi_Salary_Data.csv) · Medians of "
        "US rows titled Product Manager",
        "Kaggle (scraped from levels.fyi): Data Science and STEM Salaries (Levels_Fyi_Salary_Data.csv) · Spread of "
        "total pay per level",
    }


def test_reference_rows_join_every_source_of_a_row(con):
    row = reference_rows(con, "levels", "entry level").iloc[0]
    assert row.source_title == "How you can tell the job level; Amazon levels and pay; Promotions at Amazon"
    assert row.source_publisher == "dayone.careers; Kalena Advisors; Blind (teamblind.com)"
    assert row.source_link == "https://dayone.careers/how-you-can-tell-the-job-level"


def test_search_is_plain_case_insensitive_text(con):
    assert len(reference_rows(con, "pay_figures", "148688")) == 1
    assert len(reference_rows(con, "pay_figures", "148,688")) == 4  # the amount and three notes quoting it
    assert len(reference_rows(con, "pay_figures", "LEVELS.FYI SUBMISSIONS")) == 100
    for hostile in HOSTILE:
        assert reference_rows(con, "pay_figures", hostile).empty


def test_source_links_and_local_files_are_kept_apart(con):
    catalogue = source_catalogue(con).set_index("source_id")
    assert catalogue.loc["seed_001", "file"] == "seeds/001_aeaa971dbea95f37.txt"
    assert pd.isna(catalogue.loc["seed_001", "link"])  # a local path, not a web link
    assert catalogue.loc["kalena_levels", "link"] == "https://kalenaadvisors.com/?p=1115"
    assert table_source_ids(con, "career_paths") == ["seed_000"]
    with pytest.raises(ValueError):
        reference_rows(con, "pay_figures; DROP TABLE sources")


@pytest.mark.parametrize("table", ["pay_figures", "levels", "sources", "vesting_schedules", "pay_practices"])
def test_the_search_placeholder_finds_rows_in_its_table(table, con):
    at = sources_page(table=table)
    word = at.text_input(key="sources_search").placeholder.removeprefix("e.g. ")
    assert len(reference_rows(con, table, word)) > 0
    at.text_input(key="sources_search").input(word).run()
    assert len(shown(at)) == len(reference_rows(con, table, word)) > 0


def test_every_tables_example_search_finds_rows(con):
    from analytics.sources.queries import REFERENCE_TABLES
    from analytics.sources.tables import SEARCH_EXAMPLES

    assert set(SEARCH_EXAMPLES) == set(REFERENCE_TABLES)
    assert {t: len(reference_rows(con, t, SEARCH_EXAMPLES[t])) > 0 for t in REFERENCE_TABLES} == {
        t: True for t in REFERENCE_TABLES
    }
    assert len(reference_rows(con, "pay_figures", "median")) == 56  # 46 + the spread source's 10 medians


def test_headers_are_for_people_with_the_files_column_in_the_help():
    at = sources_page()
    config = {c.get("label"): c for c in json.loads(at.dataframe[1].proto.columns).values()}
    assert {"Company", "Amount (USD)", "Year", "n", "Pay part", "Derived"} <= set(config)
    assert "Source id" not in config  # the code is in the files; on screen, the source's title and publisher
    assert not any("_" in label for label in config if label)
    assert config["Company"]["help"] == "Column `company` of data/pay_figures.csv. Empty means market-wide."
    assert config["Source"]["help"].startswith("Added by the page: the title of the row's source")


def test_no_cell_says_none():
    at = sources_page()
    rows = shown(at)
    first = rows.iloc[0]
    assert (first.company, first.level, first.year, first.sample_size, first.as_of) == ("", "", "—", "—", "")
    text = rows.drop(columns=["source_link"]).astype(str)
    assert not text.isin(["None", "nan", "<NA>", "NaN"]).any().any()
    sources = at.dataframe[0].value
    assert not sources.drop(columns=["link"]).astype(str).isin(["None", "nan", "<NA>"]).any().any()


def test_pay_figures_in_todays_dollars_keep_the_reported_amount_beside():
    at = sources_page(money="today", currency="EUR", q="Candor")
    row = shown(at).iloc[0]
    assert (row.level, row.amount_usd_reported, row.year) == ("L10", 234000.0, 2022)
    assert row.amount_usd > 234000 and row.factor > 1 and row.amount_usd_eur > 0
    assert any("in dollars of" in c.value and "ECB reference rate" in c.value for c in at.caption)
