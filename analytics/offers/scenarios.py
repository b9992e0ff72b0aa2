"""What if: the pay that would make a weaker offer match the leader, and the offers under other share prices.

Both follow the comparison measure (`analytics.offers.verdict.COMPARE`): the four-year average compares
what the offers pay over four years, the first year what they pay in year one.

- What would match: the weaker offer matches the leader when it pays the gap more over that horizon. A
  sign-on bonus adds to it dollar for dollar, so the gap itself is the extra sign-on (paid in year 1).
  A base salary is paid every year of the horizon and, when the bonus is a percent of base, raises the
  bonus too: the extra base a year is gap ÷ (years × (1 + bonus percent ÷ 100)), rounded up to the
  dollar so the offer at least matches.
- Share price: the initial grant vests at its grant value moved by the share price (−30%, today, +30%),
  so a year's stock moves by the change × the grant × that year's vesting percent. Refreshers keep their
  stated value: each is granted at the share price of its day.

Pure: Offer objects in, frames and plain text out (the page escapes the text for Markdown).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from analytics.format import money
from analytics.offers.limits import cents
from analytics.offers.model import YEARS, Offer, offer_summary
from analytics.offers.verdict import COMPARE_DEFAULT, SPANS, ranked

SHARE_PRICE_CHANGES = {-0.30: "Share price −30%", 0.0: "Share price today", 0.30: "Share price +30%"}
"""The share-price scenarios: the change to the grant's value, and its heading."""
SCENARIO_WORDS = {-0.30: "with the share price 30% lower", 0.0: "as today", 0.30: "with it 30% higher"}
SHARE_PRICE_NOTE = (
    "The initial grant vests at its grant value moved by the share price (each year's stock moves by the change "
    "× the grant × that year's vesting percent); refreshers keep their stated value, as each is granted at the "
    "share price of its day. Calculated from your inputs, before tax."
)
MEASURE_WORDS = {"average": "on the four-year average", "first": "in year one"}


def _years(compare: str) -> int:
    """The years a measure covers: 1 for the first year, 4 for the four-year average."""
    return 1 if compare == "first" else YEARS


@dataclass(frozen=True)
class Match:
    """What the weaker offer would need to pay as much as the leader over the measure's horizon."""

    leader: str
    weaker: str
    years: int
    gap: float  # the leader's total minus the weaker's, over `years`
    sign_on: float  # extra sign-on bonus that closes the gap (the gap itself)
    base: float  # the weaker offer's base salary that closes it, rounded up to the dollar
    extra_base: float  # base minus the weaker offer's base now
    bonus_percent: float | None  # the weaker offer's bonus as a percent of base, when it grows with the base


def what_would_match(leader: Offer, weaker: Offer, compare: str = COMPARE_DEFAULT) -> Match | None:
    """The sign-on or base that makes `weaker` pay as much as `leader` by the measure (None if it already does)."""
    years = _years(compare)
    total = SPANS[compare][1]
    gap = cents(offer_summary(leader)[total] - offer_summary(weaker)[total])
    if gap <= 0:
        return None
    percent = weaker.bonus_percent if weaker.bonus_is_percent else None
    growth = 1 + (percent or 0) / 100
    # Rounded to a millionth first, so a float quotient of 33,500.000000001 is not raised a dollar.
    extra = float(math.ceil(round(gap / (years * growth), 6)))
    return Match(leader.name, weaker.name, years, gap, gap, cents(weaker.base + extra), extra, percent)


def matches(offers: Sequence[Offer], compare: str = COMPARE_DEFAULT) -> list[Match]:
    """What each offer below the leader (by the measure) would need to match it; empty for one offer."""
    if len(offers) < 2:
        return []
    leader, *others = ranked(offers, compare)
    return [m for other in others if (m := what_would_match(leader, other, compare)) is not None]


def match_text(match: Match) -> str:
    """One sentence: the extra sign-on or the base that would make the weaker offer match the leader."""
    span = "in year one" if match.years == 1 else "over four years"
    sign_on = (
        f"a year-1 sign-on bonus {money(match.sign_on)} higher"
        if match.years == 1
        else f"{money(match.sign_on)} more in sign-on bonuses"
    )
    grows = f"; its {match.bonus_percent:g}% bonus grows with it" if match.bonus_percent else ""
    return (
        f"To match {match.leader} {span}, {match.weaker} would need {sign_on}, or a base salary of "
        f"{money(match.base)} instead of {money(match.base - match.extra_base)} ({money(match.extra_base)} more "
        f"a year{grows})."
    )


def share_price_scenarios(offers: Sequence[Offer]) -> pd.DataFrame:
    """One row per offer and share-price change: the grant's value then, first-year and four-year totals and
    the four-year average."""
    rows = []
    for offer in offers:
        summary = offer_summary(offer)
        for change, label in SHARE_PRICE_CHANGES.items():
            moved = change * offer.equity_grant
            four_years = cents(summary["four_year_total"] + moved * sum(offer.schedule) / 100)
            rows.append(
                {
                    "offer": offer.name,
                    "change": change,
                    "scenario": label,
                    "grant_value": cents(offer.equity_grant + moved),
                    "first_year_total": cents(summary["first_year_total"] + moved * offer.schedule[0] / 100),
                    "four_year_total": four_years,
                    "four_year_average": cents(four_years / YEARS),
                }
            )
    return pd.DataFrame(
        rows,
        columns=[
            "offer",
            "change",
            "scenario",
            "grant_value",
            "first_year_total",
            "four_year_total",
            "four_year_average",
        ],
    )


MEASURE_COLUMNS = {"average": "four_year_average", "first": "first_year_total"}


def scenario_table(scenarios: pd.DataFrame, compare: str = COMPARE_DEFAULT) -> pd.DataFrame:
    """The offers (rows, in the order given) by the measure under each share price (columns, as headed)."""
    wide = scenarios.pivot(index="offer", columns="scenario", values=MEASURE_COLUMNS[compare])
    order = list(dict.fromkeys(scenarios["offer"]))
    return wide.reindex(index=order, columns=list(SHARE_PRICE_CHANGES.values())).reset_index().rename_axis(None, axis=1)


def scenario_text(scenarios: pd.DataFrame, compare: str = COMPARE_DEFAULT) -> str:
    """Who leads under each share price and by how much, saying whether the share price changes the leader."""
    if scenarios["offer"].nunique() < 2:
        return ""
    column = MEASURE_COLUMNS[compare]
    leads = []  # (scenario label, leader or None for a tie, gap)
    for change, words in SCENARIO_WORDS.items():
        rows = scenarios[scenarios["change"] == change].sort_values(column, ascending=False, kind="stable")
        gap = cents(rows[column].iloc[0] - rows[column].iloc[1])
        leads.append((words, rows["offer"].iloc[0] if gap else None, gap))
    measure = MEASURE_WORDS[compare]
    leaders = {leader for _, leader, _ in leads}
    if len(leaders) == 1 and None not in leaders:
        gaps = ", ".join(f"{money(gap)} {words}" for words, _, gap in leads)
        return f"{leaders.pop()} leads {measure} at each share price: by {gaps}."
    parts = "; ".join(
        f"{words}, {f'{leader} leads by {money(gap)}' if leader else 'the top two tie'}" for words, leader, gap in leads
    )
    return f"{measure[0].upper()}{measure[1:]}: {parts}. The share price changes the leader."
