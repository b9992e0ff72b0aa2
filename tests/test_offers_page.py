"""The Offer calculator page under AppTest: links reproduce offers, bad entries are explained and left out.

The worked offer (tests/test_offers_model.py): base 150,000, 15% bonus, a 200,000 grant on Amazon's
5/15/40/40 schedule, sign-on 50,000 then 40,000 and a 40,000 refresher give 232,500 in the
first year, 1,014,000 over four years, 253,500 a year on average. The example Offer A has
the same numbers; Offer B (170,000 base, 20,000 bonus, 120,000 vesting evenly) is 220,000 a year;
Offer C (160,000 base, 10% bonus, 33% of 150,000 and 25,000 sign-on) is 250,500 in year 1.
"""

from functools import partial
from pathlib import Path

from analytics.columns import round_half_up
from tests.helpers import plain, plotly_figure, run_page

ROOT = Path(__file__).resolve().parent.parent
WORKED_LINK = "Amazon L6~150000~15pct~200000~amazon~50000_40000~40000~Amazon~L6"


offers_page = partial(run_page, "offers")


def metrics(at) -> list[tuple[str, str]]:
    return [(m.label, m.value) for m in at.metric]


def frame_with(at, column: str):
    """The first table of the page that has this column."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def yearly_totals(at) -> dict[tuple[str, str], float]:
    """{(offer, year label): total} from the chart's total labels."""
    totals = [t for t in plotly_figure(at, 1)["data"] if t.get("mode") == "text"][0]  # 0 is the running total
    return {(offer, year): x for offer, year, x in zip(*totals["y"], totals["x"], strict=True)}


def test_default_view_is_two_labelled_examples():
    at = offers_page()
    notes = [plain(c.value) for c in at.caption if c.value.startswith("Example values")]
    assert notes == [  # what an example holds beyond its base and bonus is named, so it is not kept by mistake
        "Example values: replace them with your offer, or clear the form to start from empty. It includes sign-on "
        "bonuses of $50,000 and $40,000 and a $40,000 yearly refresher grant.",
        "Example values: replace them with your offer, or clear the form to start from empty.",
    ]
    assert metrics(at) == [
        ("First-year total", "$232,500"),
        ("Four-year total", "$1,014,000"),
        ("Four-year average", "$253,500"),
        ("First-year total", "$220,000"),
        ("Four-year total", "$880,000"),
        ("Four-year average", "$220,000"),
    ]
    assert "o1" not in at.query_params  # the examples need no link


def test_a_link_reproduces_the_worked_offer():
    at = offers_page(o1=WORKED_LINK)
    assert metrics(at) == [
        ("First-year total", "$232,500"),
        ("Four-year total", "$1,014,000"),
        ("Four-year average", "$253,500"),
    ]
    assert at.number_input(key="offers_base_1").value == 150_000
    assert at.number_input(key="offers_bonus_percent_1").value == 15
    assert at.selectbox(key="offers_schedule_1").value == "Amazon 5/15/40/40"
    assert [at.number_input(key=f"offers_signon{y}_1").value for y in (1, 2, 3, 4)] == [50_000, 40_000, 0, 0]
    assert yearly_totals(at) == {
        ("Amazon L6", "Year 1"): 232_500,
        ("Amazon L6", "Year 2"): 244_500,
        ("Amazon L6", "Year 3"): 260_500,
        ("Amazon L6", "Year 4"): 276_500,
    }
    assert at.query_params["o1"] == WORKED_LINK
    assert not at.info  # nothing in the link was ignored


def test_the_worked_offer_against_reported_amazon_l6_pay():
    """One median per data set, as on Levels: the levels.fyi percentiles' own median (235,500, n = 496) is left
    out beside the data set's median (236,000, n = 497)."""
    at = offers_page(o1=WORKED_LINK)
    lines = [m.value for m in at.markdown if "against Amazon L6" in m.value][0].splitlines()
    spread = r"Source: Kaggle \(scraped from levels\.fyi\), data as of 2017\-09\-04/2021\-08\-17, n = 496."
    assert lines == [
        r"**Amazon L6**, first year \$232,500, against Amazon L6:",
        r"- Median total, Product Manager: **\$236,000**. Yours is \$3,500 below (ratio 0.99). "
        r"Source: Kaggle \(scraped from levels\.fyi\), data as of 2017\-06/2021\-08, n = 497.",
        r"- 10th percentile total, Product Manager: **\$188,500**. Yours is \$44,000 above (ratio 1.23). " + spread,
        r"- 25th percentile total, Product Manager: **\$209,000**. Yours is \$23,500 above (ratio 1.11). " + spread,
        r"- 75th percentile total, Product Manager: **\$275,000**. Yours is \$42,500 below (ratio 0.85). " + spread,
        r"- 90th percentile total, Product Manager: **\$320,000**. Yours is \$87,500 below (ratio 0.73). " + spread,
        r"- Reported total (statistic not stated), Product Manager: **\$304,000**. Yours is \$71,500 below "
        r"(ratio 0.76). Source: Kalena Advisors, date not stated, n not reported.",
    ]
    reported = frame_with(at, "compared_with")
    assert reported[
        ["statistic", "annual_usd", "difference", "when", "confidence", "source_publisher"]
    ].values.tolist() == [
        ["Median", 236_000, -3_500, "2017-06/2021-08", "n = 497", "Kaggle (scraped from levels.fyi)"],
        *(
            [stat, amount, 232_500 - amount, "2017-09-04/2021-08-17", "n = 496", "Kaggle (scraped from levels.fyi)"]
            for stat, amount in (
                ("10th percentile", 188_500),
                ("25th percentile", 209_000),
                ("75th percentile", 275_000),
                ("90th percentile", 320_000),
            )
        ),
        ["Reported figure", 304_000, -71_500, "not stated", "n not reported", "Kalena Advisors"],
    ]
    assert (
        reported["ratio"].tolist()
        == [  # shown to 2 decimals, rounded half up
            round_half_up(232_500 / a, 2) for a in (236_000, 188_500, 209_000, 275_000, 320_000, 304_000)
        ]
        == [0.99, 1.23, 1.11, 0.85, 0.73, 0.76]
    )


def test_small_samples_are_flagged():
    at = offers_page(o1="Google L3~150000~10%~100000~google~~0~Google~L3")
    reported = frame_with(at, "compared_with")
    assert reported[["role", "annual_usd", "confidence"]].values.tolist() == [
        ["Product Manager", 170_000, "n = 9, low confidence"],
        # the percentiles' own median (170,000) is the data set's median again: shown once, as on Levels
        *(["Product Manager", a, "n = 9, low confidence"] for a in (158_000, 165_000, 175_000, 180_000)),
        ["Assistant/Associate Product Manager", 168_000, "n not reported"],
    ]


def test_a_level_without_reported_pay_says_so():
    at = offers_page(o1="VP~300000~0pct~0~even~~0~Amazon~L9")
    assert any("no reported figure for this company and level (Amazon L9)" in i.value for i in at.info)


def test_a_schedule_adding_to_95_is_explained_and_left_out():
    at = offers_page()
    at.selectbox(key="offers_schedule_1").set_value("Custom").run()
    assert at.number_input(key="offers_vest3_1").value == 40  # Custom starts from the preset
    at.number_input(key="offers_vest3_1").set_value(35.0).run()
    assert not at.exception
    assert [e.value for e in at.error] == ["The schedule adds to 95%, not 100%."]
    assert [w.value for w in at.warning] == [
        "Left out of the comparison: Offer A. Fix the fields marked below to include it.",
        "**Offer A** is left out of the comparison until the fields marked above are fixed.",
    ]
    assert metrics(at) == [
        ("First-year total", "$220,000"),
        ("Four-year total", "$880,000"),
        ("Four-year average", "$220,000"),
    ]
    assert {offer for offer, _ in yearly_totals(at)} == {"Offer B"}
    assert at.query_params["o1"] == "Offer A~150000~15pct~200000~5_15_35_40~50000_40000~40000~Amazon~L6"


def test_changing_an_input_updates_the_chart_and_the_link():
    at = offers_page()
    at.number_input(key="offers_base_2").set_value(180_000.0).run()
    assert yearly_totals(at)[("Offer B", "Year 1")] == 230_000
    assert at.query_params["o2"] == "Offer B~180000~20000~120000"
    examples = [c.value for c in at.caption if c.value.startswith("Example values")]
    assert len(examples) == 1 and "refresher" in examples[0]  # Offer A is still the example


def test_switching_the_bonus_to_an_amount_keeps_it():
    at = offers_page()
    at.radio(key="offers_bonus_mode_1").set_value("amount").run()
    assert at.number_input(key="offers_bonus_amount_1").value == 22_500
    assert metrics(at)[0] == ("First-year total", "$232,500")


def test_three_offers_and_company_levels():
    at = offers_page()
    at.radio(key="offers_count").set_value(3).run()
    first_years = [m.value for m in at.metric if m.label == "First-year total"]
    assert first_years == ["$232,500", "$220,000", "$250,500"]
    at.selectbox(key="offers_company_3").set_value("Google").run()
    assert at.selectbox(key="offers_level_3").options == ["Not set", "APM", "L3", "L4", "L5", "L6", "L7", "L7+", "L8"]
    assert set(at.query_params) >= {"o1", "o2", "o3"}


def test_repeated_names_and_negative_amounts_are_explained():
    at = offers_page()
    at.text_input(key="offers_name_2").set_value("Offer A").run()
    at.number_input(key="offers_base_1").set_value(-1.0).run()  # below the widget's minimum: refused, blank
    assert [e.value for e in at.error] == [
        "Enter the base salary: more than $0, up to $10,000,000 a year.",
        "Another offer has this name: give each offer its own.",
    ]
    assert not at.metric
    assert "No offer to compare yet" in at.info[0].value


def test_offers_survive_a_visit_to_another_page():
    at = offers_page()
    at.number_input(key="offers_base_2").set_value(180_000.0).run()
    at.switch_page("pages/overview.py").run()
    at.switch_page("pages/offers.py").run()
    assert at.number_input(key="offers_base_2").value == 180_000
    assert yearly_totals(at)[("Offer B", "Year 1")] == 230_000


def test_a_hostile_link_falls_back_with_notices():
    at = offers_page(o1="<script>~1e999~abc%~x~y~z~w~Meta~L6" + "~" * 20, o2="x" * 10_000, o7="1")
    notices = [i.value for i in at.info]
    assert "Ignored o7 in the link: the calculator compares up to 3 offers." in notices
    assert "Ignored offer 2 in the link: it is too long to be an offer. Showing the example." in notices
    assert "Ignored the base of offer 1 in the link: '1e999' is not a number from $0 to $10,000,000 a year." in notices
    assert at.text_input(key="offers_name_1").value == "<script>"
    assert at.text_input(key="offers_name_2").value == "Offer B"
