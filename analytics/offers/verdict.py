"""The offer calculator's verdict: which offer pays more, by how much and why, in words, and running totals.

Offers are compared by one measure, the four-year average (the default: year one alone flatters
an offer heavy in sign-on bonuses or front-loaded stock) or the first year; the measure orders
the offers and leads the verdict, and the other measure follows in a second sentence, naming the
pay component behind a different leader. Pure: Offer objects in, plain text and frames out
(the page escapes the text for Markdown).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from analytics.format import md, money
from analytics.offers.limits import cents
from analytics.offers.model import YEARS, Offer, offer_summary, offer_years

COMPARE = {"average": "Four-year average", "first": "First year"}
"""The measures offers can be compared by (state and URL parameter `compare`), default first."""
COMPARE_DEFAULT = "average"
MEASURE = {"average": "four_year_average", "first": "first_year_total"}
SPANS = {"average": ("Over four years", "four_year_total"), "first": ("In year one", "first_year_total")}
"""How a sentence on each measure opens, and the total it compares."""
PARTS = {"base": "base salary", "bonus": "bonus", "stock": "stock vesting", "sign_on": "sign-on bonus"}


def ranked(offers: Sequence[Offer], compare: str) -> list[Offer]:
    """The offers from the highest paying to the lowest by the chosen measure (ties keep their order)."""
    measure = MEASURE[compare]
    return sorted(offers, key=lambda o: -offer_summary(o)[measure])


def cumulative_table(offers: Sequence[Offer]) -> pd.DataFrame:
    """One row per offer and year: the year's total and the running total to the end of that year."""
    frames = [offer_years(o)[["year", "total"]].assign(offer=o.name) for o in offers]
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["year", "total", "offer"])
    table["cumulative"] = table.groupby("offer", sort=False)["total"].cumsum().map(cents)
    return table[["offer", "year", "total", "cumulative"]]


def _share(difference: float, base: float) -> str:
    """A difference as a percent of the lower figure: 17.5%."""
    return f"{difference / base * 100:.1f}%" if base > 0 else "–"


def _reason(leader: Offer, other: Offer, years: int) -> str:
    """The component that most favours leader over other in the first `years` years, in words."""
    mine, theirs = (offer_years(o).head(years)[list(PARTS)].sum() for o in (leader, other))
    part = (mine - theirs).idxmax()
    span = "in year one" if years == 1 else "over four years"
    return f"its {PARTS[part]} ({money(mine[part])} against {money(theirs[part])} {span})"


def _lead(leader: Offer, others: Sequence[Offer], measure: str) -> str:
    """'A pays $X more than B (Y%) and $W more than C (V%)' on one measure."""
    top = offer_summary(leader)[measure]
    parts = []
    for other in others:
        value = offer_summary(other)[measure]
        gap = cents(top - value)
        parts.append(
            f"the same as {other.name} ({money(top)})"
            if gap == 0
            else f"{money(gap)} more than {other.name} ({_share(gap, value)})"
        )
    return f"{leader.name} pays " + " and ".join(parts)


def verdict(offers: Sequence[Offer], compare: str = COMPARE_DEFAULT) -> list[str]:
    """The comparison in words: the leader by the chosen measure, then what the other measure says.

    Empty for fewer than two offers. Differences are in dollars and as a percent of the lower offer.
    """
    if len(offers) < 2:
        return []
    leader, *others = ranked(offers, compare)
    span, total = SPANS[compare]
    average = ""
    if compare == "average" and len(others) == 1 and (yearly := _yearly(leader, others[0])) != money(0):
        average = f", {yearly} a year on average"
    out = [f"{span}, {_lead(leader, others, total)}{average}."]
    other_way = "first" if compare == "average" else "average"
    runner = ranked(offers, other_way)[0]
    span, total = SPANS[other_way]
    gap = cents(offer_summary(runner)[total] - offer_summary(leader)[total])
    if runner is leader or gap == 0:
        out.append(f"{span}, {_lead(leader, others, total)}.")
    elif other_way == "first":
        out.append(
            f"In year one, {runner.name} leads {leader.name} by {money(gap)}, because of "
            f"{_reason(runner, leader, 1)}; {leader.name}'s running total passes it in year "
            f"{_overtakes(leader, runner)}."
        )
    else:
        out.append(
            f"Over four years, {runner.name} pays {money(gap)} more than {leader.name}, because "
            f"of {_reason(runner, leader, YEARS)}: year one alone flatters {leader.name}."
        )
    return out


def verdict_text(offers: Sequence[Offer], compare: str = COMPARE_DEFAULT) -> str:
    """The verdict as the page shows it, in Markdown, led by the measure ("" for fewer than two offers)."""
    sentences = verdict(offers, compare)
    return f"**Verdict, by {COMPARE[compare].lower()}.** " + " ".join(map(md, sentences)) if sentences else ""


def _yearly(leader: Offer, other: Offer) -> str:
    """The four-year average's gap between two offers."""
    return money(cents(offer_summary(leader)["four_year_average"] - offer_summary(other)["four_year_average"]))


def _overtakes(leader: Offer, other: Offer) -> int:
    """The first year by whose end leader's running total is above other's."""
    table = cumulative_table([leader, other]).pivot(index="year", columns="offer", values="cumulative")
    return int(table.index[table[leader.name] > table[other.name]][0])


TAKE_HOME = {"average": "four_year_take_home", "first": "first_year_take_home"}
"""The take-home total each measure compares (analytics.offers.aftertax.take_home_totals columns)."""


def take_home_verdict(totals: pd.DataFrame, compare: str, gross_leader: str, states: Mapping[str, str]) -> list[str]:
    """The verdict on take-home pay, each offer taxed in its own work state: the leader by the measure, by how
    much, and whether that turns the verdict on gross pay. totals holds aftertax.take_home_totals rows; states
    maps a state code to its name. Offers in states whose income tax is not covered are named, not compared."""
    column = TAKE_HOME[compare]
    span = SPANS[compare][0]
    where = {r.offer: states[r.state] for r in totals.itertuples()}
    known = totals[totals[column].notna()].sort_values(column, ascending=False, kind="stable")
    out = []
    if len(known) == 1:
        row = known.iloc[0]
        amount = money(row[column])
        if compare == "average":
            amount += f" ({money(row['four_year_average_take_home'])} a year on average)"
        out.append(f"{span}, {row.offer} takes home {amount} in {where[row.offer]}.")
    elif len(known) > 1:
        top = known.iloc[0]
        parts = []
        for other in known.iloc[1:].itertuples():
            gap = cents(top[column] - getattr(other, column))
            parts.append(
                f"the same as {other.offer} ({where[other.offer]})"
                if gap == 0
                else f"{money(gap)} more than {other.offer} in {where[other.offer]} "
                f"({_share(gap, getattr(other, column))})"
            )
        tied = all(cents(top[column] - v) == 0 for v in known[column].iloc[1:])
        turned = (
            ""
            if tied or top.offer == gross_leader or gross_leader not in set(known["offer"])
            else f" That turns the verdict on gross pay: {top.offer} leads after tax."
        )
        out.append(f"{span}, {top.offer} in {where[top.offer]} takes home " + " and ".join(parts) + "." + turned)
    blank = totals[totals[column].isna()]
    if not blank.empty:
        out.append(
            "Take-home is not worked out for "
            + ", ".join(f"{r.offer} ({where[r.offer]})" for r in blank.itertuples())
            + ": tenforty does not cover that state's income tax."
        )
    return out
