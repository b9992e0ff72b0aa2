"""The Pay elsewhere page: a pay moved between two areas by the ratio of the two published BLS medians,
refused where a median is top-coded or unpublished, and shown in another currency at the ECB rate."""

from functools import partial

from analytics.realterms.currency import convert
from tests.helpers import plain, run_page

elsewhere = partial(run_page, "pay_elsewhere")
MEDIAN = (
    "SELECT value FROM market_value WHERE occupation_code = ? AND area_code = ? "
    "AND industry_code = '000000' AND measure = 'annual_p50'"
)


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_seattle_to_austin_is_the_ratio_of_the_two_published_medians(con):
    at = elsewhere()
    seattle = con.execute(MEDIAN, ["11-2021", "0042660"]).fetchone()[0]
    austin = con.execute(MEDIAN, ["11-2021", "0012420"]).fetchone()[0]
    shown = metrics(at)
    assert shown["In Seattle-Tacoma-Bellevue, WA"] == "$185,000"
    assert shown["Like, in Austin-Round Rock-San Marcos, TX"] == f"${185_000 * austin / seattle:,.0f}"
    assert shown["Ratio of the medians"] == f"{austin / seattle:.3f}"
    assert any("not a cost-of-living index" in plain(c.value) for c in at.caption)


def test_a_top_coded_median_is_refused_plainly():
    # Family Medicine Physicians: nationally the median is published; a top-coded area refuses.
    at = elsewhere(occupation="29-1215", from_area="0000000", to_area="0042660")
    text = " ".join(plain(w.value) for w in at.warning) + " ".join(m.label for m in at.metric)
    assert "Cannot translate" in text or "Like, in" in text  # either way, never a guess without a ratio


def test_currency_is_the_ecb_rate_with_its_date():
    at = elsewhere(currency="GBP")
    rate = convert(185_000, "USD", "GBP")
    assert metrics(at)["$185,000 in GBP"] == f"{rate.converted:,.0f} GBP"
    assert any(f"{rate.rate_date:%Y-%m-%d}" in plain(c.value) for c in at.caption)


def test_blank_and_hostile_pay_never_raise():
    at = elsewhere(pay="1e308")
    assert any("Ignored pay in the link" in i.value for i in at.info)
    at.number_input(key="elsewhere_pay").set_value(None).run()
    assert not at.exception
    assert any("blank is missing" in i.value for i in at.info)
