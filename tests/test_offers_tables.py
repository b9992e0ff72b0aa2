"""The rules behind the Offer calculator's screen, as pure functions: which fields show, the headline totals,
the offers beside reported pay, the after-tax notes and the words around them.

The worked offer (as in tests/test_offers_codec.py): base 150,000, 15% bonus (22,500), a 200,000 grant on Amazon's
5/15/40/40 schedule (10,000 in year 1), sign-on 50,000 then 40,000 and a 40,000 refresher: 232,500 in the
first year, 1,014,000 over four years, 253,500 a year on average.
"""

import datetime as dt
from dataclasses import replace

import pandas as pd

from analytics.offers.aftertax import (
    after_tax_captions,
    after_tax_download,
    first_tax_year,
    not_covered_warning,
    state_labels,
)
from analytics.offers.codec import (
    CUSTOM,
    EXAMPLE_FORMS,
    EXAMPLES,
    OfferInput,
    form_values,
    forms_values,
    is_example,
    shown_offers,
)
from analytics.offers.tables import (
    Placed,
    bonus_field,
    company_levels,
    display_name,
    gross_years,
    headline,
    level_choices,
    no_reported_note,
    offer_slots,
    own_money,
    placed,
    reported_table,
    split_offers,
    unplaced_note,
    versus_reported,
    versus_text,
    vest_rows,
    years_table,
)
from analytics.offers.text import (
    company_label,
    left_out_note,
    left_out_warning,
    level_label,
    market_label,
    own_caption,
    reported_caption,
)
from analytics.offers.verdict import verdict_text
from analytics.realterms.adjust import REPORTED, TODAY
from analytics.realterms.view import MoneyView

LEVELS = {"Amazon": ["L4", "L5", "L6", "L7"], "Google": ["APM", "L3", "L4", "L5", "L7+"]}
WORKED = OfferInput(
    "Amazon L6",
    base=150_000.0,
    bonus_percent=15.0,
    equity=200_000.0,
    schedule="Amazon 5/15/40/40",
    sign_on=(50_000.0, 40_000.0, 0.0, 0.0),
    refresher=40_000.0,
    company="Amazon",
    level="L6",
).normalised()
TODAY_VIEW = MoneyView(TODAY, "USD", "dollars of August 2026")


def test_company_levels_in_ladder_order():
    ladders = pd.DataFrame({"company": ["Google", "Google", "Amazon"], "level": ["L3", "L4", "L6"]})
    assert company_levels(ladders) == {"Google": ["L3", "L4"], "Amazon": ["L6"]}
    assert level_choices(LEVELS, "Amazon") == ["", "L4", "L5", "L6", "L7"]
    assert level_choices(LEVELS, "") == [""]
    assert (company_label(""), company_label("Amazon"), level_label(""), level_label("L6")) == (
        "Other",
        "Amazon",
        "Not set",
        "L6",
    )


def test_the_form_shows_the_bonus_in_use_and_vesting_years_only_for_custom():
    assert bonus_field(WORKED) == ("Target bonus (% of base)", "bonus_percent", "bonus_percent")
    assert bonus_field(replace(WORKED, bonus_mode="amount")) == (
        "Target bonus (USD a year)",
        "bonus_amount",
        "bonus_target",
    )
    assert vest_rows(WORKED) == ()
    assert vest_rows(replace(WORKED, schedule=CUSTOM)) == ((1, 2), (3, 4))


def test_examples_fill_the_form_until_the_user_types():
    assert EXAMPLE_FORMS == {
        **form_values(EXAMPLES[0], 1),
        **form_values(EXAMPLES[1], 2),
        **form_values(EXAMPLES[2], 3),
    }
    assert EXAMPLE_FORMS["base_2"] == 170_000 and EXAMPLE_FORMS["level_3"] == "L5"
    assert forms_values([WORKED]) == form_values(WORKED, 1)
    assert [is_example(EXAMPLES[0], 1), is_example(EXAMPLES[0], 2), is_example(WORKED, 1)] == [True, False, False]


def test_shown_offers_clear_a_level_the_company_does_not_have():
    values = {**EXAMPLE_FORMS, "company_1": "Google", "level_1": "L6", "company_2": "Amazon", "level_2": "L5"}
    shown = shown_offers(values, 2, LEVELS)
    assert [(s.name, s.company, s.level) for s in shown] == [("Offer A", "Google", ""), ("Offer B", "Amazon", "L5")]
    assert [s.level for s in shown_offers(EXAMPLE_FORMS, 3, LEVELS)] == ["L6", "", "L5"]


def test_names_slots_and_left_out_offers():
    unnamed = replace(WORKED, name="  ")
    assert (display_name(WORKED, 1), display_name(unnamed, 2)) == ("Amazon L6", "Offer 2")
    assert offer_slots([EXAMPLES[1], WORKED]) == {"Offer B": 1, "Amazon L6": 2}
    valid, left_out = split_offers([EXAMPLES[0], unnamed, EXAMPLES[1]], [{}, {"name": "Give the offer a name."}, {}])
    assert (valid, left_out) == ([EXAMPLES[0], EXAMPLES[1]], ["Offer 2"])
    assert left_out_note(unnamed, 2) == (
        "**Offer 2** is left out of the comparison until the fields marked above are fixed."
    )
    assert left_out_warning(["Offer 2", "A*B"]) == (
        r"Left out of the comparison: Offer 2, A\*B. Fix the fields marked below to include it."
    )


def test_headline_metrics_of_the_worked_offer():
    assert headline(WORKED.to_offer()) == [
        ("First-year total", "$232,500", "Base $150,000 + bonus $22,500 + stock $10,000 + sign-on $50,000"),
        ("Four-year total", "$1,014,000", None),
        ("Four-year average", "$253,500", "Four-year total ÷ 4"),
    ]
    assert market_label(WORKED.to_offer()) == "Base $150,000 on the Market page"


def test_only_offers_with_a_company_and_level_are_placed_in_the_comparison_order():
    inputs = [WORKED, EXAMPLES[1], EXAMPLES[2]]  # Offer B names no company
    offers = [EXAMPLES[2].to_offer(), EXAMPLES[1].to_offer(), WORKED.to_offer()]
    assert placed(inputs, offers) == [
        Placed("Offer C", 250_500, "Google", "L5"),
        Placed("Amazon L6", 232_500, "Amazon", "L6"),
    ]
    assert unplaced_note(inputs, offers) == "Choose a company and level for Offer B to set it beside reported pay."
    assert unplaced_note([WORKED], [WORKED.to_offer()]) is None
    assert no_reported_note(Placed("VP*", 300_000, "Amazon", "L9")) == (
        r"**VP\***: no reported figure for this company and level (Amazon L9)."
    )


FIGURES = pd.DataFrame(
    {
        "company": ["Amazon"] * 2,
        "level": ["L6"] * 2,
        "role": ["Product Manager", None],
        "statistic": ["median", "typical"],
        "annual_usd": [236_000.0, 304_000.0],
        "year": pd.array([2021, None], dtype="Int64"),
        "as_of": ["2017-06/2021-08", None],
        "sample_size": pd.array([497, None], dtype="Int64"),
        "derived": [False] * 2,
        "source_title": ["a", "b"],
        "source_publisher": ["Kaggle", "Kalena Advisors"],
        "source_link": ["x"] * 2,
        "source_id": ["s"] * 2,
        "note": [""] * 2,
    }
)


def test_an_offer_against_reported_pay_in_words_and_as_a_table():
    table = versus_reported("Amazon L6", 232_500, FIGURES)
    assert versus_text(table).splitlines() == [
        r"**Amazon L6**, first year \$232,500, against Amazon L6:",
        r"- Median total, Product Manager: **\$236,000**. Yours is \$3,500 below (ratio 0.99). "
        r"Source: Kaggle, data as of 2017\-06/2021\-08, n = 497.",
        r"- Reported total (statistic not stated): **\$304,000**. Yours is \$71,500 below (ratio 0.76). "
        "Source: Kalena Advisors, date not stated, n not reported.",
    ]
    both = reported_table([table, versus_reported("Offer C", 250_500, FIGURES)])
    assert both[["offer", "statistic", "difference"]].values.tolist() == [
        ["Amazon L6", "Median", -3_500],
        ["Amazon L6", "Reported figure", -71_500],
        ["Offer C", "Median", 14_500],
        ["Offer C", "Reported figure", -53_500],
    ]
    assert list(both.columns) == list(table.columns)


def test_captions_name_the_money_view():
    assert reported_caption(MoneyView()) == (
        "Reported totals are yearly total pay as each source reports it; what each counts (such as sign-on "
        "bonuses) is not always stated. Ratio = your first-year total ÷ the reported total. Samples under 20 "
        "are low confidence. "
    )
    assert reported_caption(TODAY_VIEW).endswith(
        "figures without a year stay as reported. The reported amounts and factors are in the download. Your "
        "offers are your own figures, so they are not restated; the reported totals are, so a 2021 figure "
        "compares with your offer in today's dollars."
    )
    assert own_money(TODAY_VIEW) == MoneyView(REPORTED, "USD", "dollars of August 2026")
    assert own_caption(TODAY_VIEW) == "Amounts in USD, as you typed them."


def test_verdict_text_leads_with_the_measure():
    offers = [EXAMPLES[0].to_offer(), EXAMPLES[1].to_offer()]
    assert verdict_text(offers, "first") == (  # Markdown: the sentences escaped, the measure in bold
        r"**Verdict, by first year.** In year one, Offer A pays \$12,500 more than Offer B \(5\.7%\)\. Over four "
        r"years, Offer A pays \$134,000 more than Offer B \(15\.2%\)\."
    )
    assert verdict_text(offers[:1], "average") == ""


def test_take_home_notes():
    assert first_tax_year(dt.date(2026, 5, 1)) == 2026
    assert (first_tax_year(dt.date(2010, 1, 1)), first_tax_year(dt.date(2040, 1, 1))) == (2018, 2035)
    labels = state_labels()
    assert (labels["CA"], labels["IL"], labels["DC"], len(labels)) == (
        "California",
        "Illinois (not covered)",
        "District of Columbia (not covered)",
        51,
    )
    assert not_covered_warning("CA") is None
    assert not_covered_warning("IL") == (
        "Illinois income tax is not covered by tenforty: take-home is left blank; federal income tax, Social "
        "Security and Medicare are shown."
    )
    years = years_table([EXAMPLES[1].to_offer()])
    assert gross_years(years).values.tolist() == [["Offer B", year, 220_000] for year in (1, 2, 3, 4)]
    table = gross_years(years).assign(calendar_year=[2025, 2026, 2027, 2028], income_tax_year=[2025] * 4)
    captions = after_tax_captions(table, "married_joint")
    assert captions[:2] == [
        "No income tax rules for 2026, 2027, 2028: the 2025 rules are used (see the table's columns for the "
        "rules each year uses).",
        "Married filing jointly: the offer's pay is taken as the household's only wages.",
    ]
    assert captions[2].startswith(
        "Income tax from tenforty 2025.12 (tax years 2018–2025); it covers state income tax in AK, AZ, CA, FL, "
        "MA, MI, NV, NJ, NY, NC, OH, OR, PA, SD, TN, TX, VA, WA, WY and not in the other states and DC"
    )
    assert len(after_tax_captions(table.head(1), "single")) == 1  # 2025 has its rules; single assumes nothing
    download = after_tax_download(table.assign(state="TX"), "married_joint")
    assert download[["state", "filing_status"]].drop_duplicates().values.tolist() == [["TX", "Married filing jointly"]]
