"""Data-quality checks over the built warehouse: contradictions, disagreements and arithmetic.

Each check reads the reference tables and returns flags. A flag explains the problem in plain
English and lists every figure involved with its amount, statistic, component, year and source.
A check flags; it never deletes or changes a figure: where sources conflict, both are kept and
the reader is told. `write_quality_flags` stores the flags as the table `quality_flags` at the
end of the build; `quality_flags` reads them back, or computes them for an older warehouse.

Published figures are rounded, so arithmetic is checked within the rounding each figure can
carry: half the unit it appears rounded to ($1 for 148,688; $1,000 for 55,000, at most $1,000),
times the factor that annualises it (52 for a weekly figure).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import duckdb
import pandas as pd

from analytics.db import query
from analytics.format import LOW_N, MARKET, STATISTIC_LABELS, money

COLUMNS = ("check", "severity", "title", "explanation", "figures", "source_ids")
SEVERITIES = ("contradiction", "disagreement", "arithmetic", "note", "info")  # most serious first
PARTS = ("base", "bonus", "stock", "sign_on")
ADDITIVE = ("mean",)  # a mean of totals is the sum of the parts' means; a median is not
UPPER_TAIL = ("top", "max", "p75")
CENTRAL = ("median", "mean", "typical")
PERIOD_WORDS = {"annual": "a year", "weekly": "a week", "hourly": "an hour", "unstated": "(period not stated)"}
CHECKS = {  # what each check looks for, in the words the page shows
    "level_pay_inconsistent": "A source's top-earners, maximum or 75th-percentile figure for a level is "
    "below another source's median, average or reported figure for it.",
    "level_holder": "Sources name different holders of a level that holds one person.",
    "level_not_used": "One source says a level is not used; another says who holds it.",
    "level_title": "Sources give a level different titles, where the data records the disagreement.",
    "parts_sum": "An average total is not the sum of its average parts (base, bonus, stock, sign-on), beyond rounding.",
    "parts_not_additive": "Median parts need not add up to the median total: listed as a note, not checked.",
    "annualised": "A weekly (× 52) or hourly (× 2,080) figure disagrees with the same table's annual figure "
    "beyond rounding; 1,923 × 52 = 99,996 against 100,000 is rounding.",
    "derived": "A figure marked derived: the arithmetic its note states is re-done.",
}
CHECK_NAMES = {  # each check's name as the page shows it; the code stays in the data and the help
    "level_pay_inconsistent": "Pay at a level inconsistent between sources",
    "level_holder": "Who holds a level",
    "level_not_used": "Whether a level is used",
    "level_title": "A level's title",
    "parts_sum": "Average parts against the average total",
    "parts_not_additive": "Median parts and the median total",
    "annualised": "Weekly or hourly against annual",
    "derived": "Derived figures, re-done",
}
_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_FORMULA = re.compile(rf"{_NUMBER}(?:\s+[-+−–×x*/÷]\s+{_NUMBER})+")


def rounding_step(amount: float) -> float:
    """The unit a published figure appears rounded to, read from its trailing zeros ($0.01 to $1,000)."""
    return next((float(step) for step in (1000, 100, 10, 1) if amount % step == 0), 0.01) if amount else 1.0


def rounding_tolerance(*figures: tuple[float, float]) -> float:
    """How far (amount, factor) figures can be off by rounding alone: half a unit each, annualised."""
    return sum(rounding_step(amount) / 2 * factor for amount, factor in figures)


def _stat(statistic: str) -> str:
    label = STATISTIC_LABELS.get(statistic, statistic)
    return label[0].lower() + label[1:]


def describe(f: pd.Series) -> str:
    """One figure as readable text: where, what, how much, when and from whom."""
    who = " · ".join(
        p
        for p in (
            f.company if pd.notna(f.company) else MARKET,
            f.role if pd.notna(f.role) else "role not stated",
            f.level if pd.notna(f.level) else None,
        )
        if p
    )
    extra = [str(int(f.year)) if pd.notna(f.year) else "year not stated"]
    if pd.notna(f.sample_size):
        extra.append(f"n={int(f.sample_size)}" + (" (low confidence)" if f.sample_size < LOW_N else ""))
    amount = f"{money(f.amount_usd)} {PERIOD_WORDS.get(f.period, '')}{' (derived)' if f.derived else ''}"
    return f"{who}: {f.component} {_stat(f.statistic)} {amount}, {', '.join(extra)}, {f.source_publisher}"


def describe_level(row: pd.Series) -> str:
    """One row of the levels table as readable text."""
    said = "; ".join(str(v) for v in (row.title, row.who) if pd.notna(v))
    when = f"as of {row.as_of}" if pd.notna(row.as_of) else "undated"
    return f"{row.company} {row.level}: {said} ({when}; {row.source_names})"


def _flag(
    check: str, severity: str, title: str, explanation: str, figures: Iterable[str], source_ids: Iterable[str]
) -> dict:
    return {
        "check": check,
        "severity": severity,
        "title": title,
        "explanation": explanation,
        "figures": "\n".join(figures),
        "source_ids": ";".join(dict.fromkeys(s for ids in source_ids for s in str(ids).split(";"))),
    }


def level_pay_inconsistent(figs: pd.DataFrame) -> list[dict]:
    """Flag a source whose upper-tail figure at a level is below another source's central figure."""
    flags = []
    levelled = figs[figs.level.notna() & figs.annual_usd.notna() & (figs.period != "unstated")]
    for (company, level, component), group in levelled.groupby(["company", "level", "component"]):
        for source, own in group.groupby("source_id"):
            # A percentile of a reported sample is a spread: another source's figure above it is a
            # disagreement between data sets, not a sign the figures are about other roles.
            tail = own[own.statistic.isin(UPPER_TAIL) & own.sample_size.isna()]
            others = group[(group.source_id != source) & group.statistic.isin(CENTRAL)]
            if tail.empty or not (others.annual_usd > tail.annual_usd.max()).any():
                continue
            top = tail.loc[tail.annual_usd.idxmax()]
            above = others[others.annual_usd > top.annual_usd]
            low = above.loc[above.annual_usd.idxmin()]
            shown = own[own.period == "annual"] if (own.period == "annual").any() else own
            shown = shown.sort_values("annual_usd", ascending=False)
            context = levelled[
                (levelled.company == company)
                & (levelled.level == level)
                & (levelled.source_id != source)
                & levelled.statistic.isin(CENTRAL)
                & levelled.component.isin([component, "total"])
            ]
            context = context.sort_values(["component", "annual_usd"])
            roles = " and ".join(f"{r}s" for r in sorted(set(above.role.dropna()))) or "employees"
            n = f", n={int(low.sample_size)}" if pd.notna(low.sample_size) else ""
            explanation = (
                f"{top.source_publisher} reports {company} {level} {component} pay "
                f"({PERIOD_WORDS[shown.period.iloc[0]]}) of "
                + ", ".join(f"{_stat(r.statistic)} {money(r.amount_usd)}" for r in shown.itertuples())
                + ("; the role is not stated" if own.role.isna().all() else "")
                + f". Even its highest figure ({_stat(top.statistic)}, {money(top.annual_usd)}) is below "
                f"the {_stat(low.statistic)} {component} that {low.source_publisher} reports for {company} "
                f"{level} {roles} ({money(low.annual_usd)}{n}). Other sources report for {company} {level}: "
                + "; ".join(
                    f"{_stat(r.statistic)} {r.component} {money(r.annual_usd)} ({r.source_publisher})"
                    for r in context.itertuples()
                )
                + f". The figures of {top.source_publisher} are not consistent with what {level} {roles} are "
                f"reported to earn, so its table is likely not about {company}'s {level} corporate roles. Both are "
                "kept as published; compare them with care."
            )
            involved = pd.concat([shown, context])
            flags.append(
                _flag(
                    "level_pay_inconsistent",
                    "contradiction",
                    f"{company} {level}: the figures of {top.source_publisher} are not consistent with other sources",
                    explanation,
                    [describe(f) for _, f in involved.iterrows()],
                    involved.source_id,
                )
            )
    return flags


def level_disagreements(levels: pd.DataFrame, headcounts: pd.DataFrame) -> list[dict]:
    """Flag levels whose holder, use or title differ between sources."""
    flags = []
    one = headcounts[headcounts.order_of_magnitude == 1]
    single = set(zip(one.company, one.levels, strict=True))
    for (company, level), rows in levels.groupby(["company", "level"], sort=False):
        notes = "; ".join(f"“{n}”" for n in rows.note.dropna().unique())
        notes = f" Notes recorded with the data: {notes}." if notes else ""
        lines, ids = [describe_level(r) for _, r in rows.iterrows()], rows.source_ids
        unused = rows.title.str.casefold().eq("not used")
        if (company, level) in single and rows.who.dropna().nunique() > 1:
            said = "; ".join(
                f"{r.source_names} (as of {r.as_of}) says “{r.who}”" for r in rows[rows.who.notna()].itertuples()
            )
            flags.append(
                _flag(
                    "level_holder",
                    "disagreement",
                    f"{company} {level}: sources disagree on who holds the level",
                    f"{company} {level} holds one person, yet {said}. They cannot both be "
                    f"current; compare their dates.{notes}",
                    lines,
                    ids,
                )
            )
        elif unused.any() and not unused.all():
            used = "; ".join(
                f"{r.source_names} (as of {r.as_of}) calls it {r.title}" + (f" (“{r.who}”)" if pd.notna(r.who) else "")
                for r in rows[~unused].itertuples()
            )
            flags.append(
                _flag(
                    "level_not_used",
                    "disagreement",
                    f"{company} {level}: sources disagree on whether the level is used",
                    f"{'; '.join(rows[unused].source_names)} say {company} {level} is not used; {used}.{notes}",
                    lines,
                    ids,
                )
            )
        elif rows.note.str.contains("disagree", case=False, na=False).any():
            titles = "; ".join(f"{r.title} ({r.source_names})" for r in rows.itertuples())
            flags.append(
                _flag(
                    "level_title",
                    "disagreement",
                    f"{company} {level}: sources give different titles",
                    f"Sources call {company} {level}: {titles}.{notes}",
                    lines,
                    ids,
                )
            )
    return flags


def parts_sums(figs: pd.DataFrame) -> list[dict]:
    """Flag average totals that are not the sum of their parts; note the medians that need not add up."""
    flags, not_additive = [], {}
    keys = ["company", "role", "level", "source_id", "statistic", "period", "year"]
    for key, group in figs.groupby(keys, dropna=False, sort=False):
        total, parts = group[group.component == "total"], group[group.component.isin(PARTS)]
        if total.empty or parts.empty:
            continue
        t, parts_sum = total.iloc[0], parts.amount_usd.sum()
        summed = " + ".join(f"{p.component} {money(p.amount_usd)}" for p in parts.itertuples())
        where = " ".join(str(v) for v in (t.company, t.role, t.level) if pd.notna(v))
        if key[4] not in ADDITIVE:
            not_additive.setdefault((t.source_id, t.source_publisher, t.statistic), []).append(
                f"{where}: total {money(t.amount_usd)}; {summed} = {money(parts_sum)}"
            )
            continue
        tolerance = rounding_tolerance((t.amount_usd, 1), *((a, 1) for a in parts.amount_usd))
        gap = t.amount_usd - parts_sum
        if abs(gap) <= tolerance:
            continue
        missing = [c.replace("_", "-") for c in PARTS if c not in set(parts.component)]
        why = (
            f" The source gives no {' or '.join(missing)} figure, which may account for the difference."
            if gap > 0 and missing
            else " The parts add up to more than the total, so a figure is wrong."
        )
        flags.append(
            _flag(
                "parts_sum",
                "arithmetic",
                f"{where}: the {_stat(t.statistic)} total is not the sum of its parts",
                f"{t.source_publisher} gives {_stat(t.statistic)} total pay of "
                f"{money(t.amount_usd)}, but {summed} = {money(parts_sum)}: {money(abs(gap))} "
                f"{'short' if gap > 0 else 'over'}, and rounding explains at most {money(tolerance)}.{why}",
                [describe(f) for _, f in group.iterrows()],
                group.source_id,
            )
        )
    for (source, publisher, stat), lines in not_additive.items():
        flags.append(
            _flag(
                "parts_not_additive",
                "note",
                f"{publisher}: {_stat(stat)} parts do not add up to the total",
                f"{publisher} gives {_stat(stat)} totals and {_stat(stat)} parts. A {_stat(stat)} of "
                f"totals is not the sum of the parts' {_stat(stat)}s, so these figures are not expected to add "
                "up and are not checked. This is not an error; do not add them to get a total.",
                lines,
                [source],
            )
        )
    return flags


def annualised(figs: pd.DataFrame) -> list[dict]:
    """Flag weekly or hourly figures that, annualised, disagree with the same table's annual figure."""
    flags = []
    keys = ["company", "role", "level", "component", "statistic", "source_id", "year"]
    for _, group in figs[figs.annual_factor.notna()].groupby(keys, dropna=False, sort=False):
        yearly = group[group.period == "annual"]
        if yearly.empty:
            continue
        a = yearly.iloc[0]
        for _, f in group[group.period != "annual"].iterrows():
            tolerance = rounding_tolerance((a.amount_usd, 1), (f.amount_usd, f.annual_factor))
            apart = abs(f.annual_usd - a.amount_usd)
            if apart <= tolerance:
                continue
            flags.append(
                _flag(
                    "annualised",
                    "arithmetic",
                    f"{describe(a).split(':')[0]}: {f.period} and annual {_stat(f.statistic)} disagree",
                    f"{money(f.amount_usd)} {PERIOD_WORDS[f.period]} × {int(f.annual_factor):,} = "
                    f"{money(f.annual_usd)} a year, but the same table gives {money(a.amount_usd)} a year: "
                    f"{money(apart)} apart, more than the {money(tolerance)} that rounding could explain.",
                    [describe(a), describe(f)],
                    [a.source_id, f.source_id],
                )
            )
    return flags


def evaluate(formula: str) -> float:
    """The value of 'a − b + c × d' written with thousands separators (× and ÷ bind tighter)."""
    tokens = re.findall(rf"{_NUMBER}|[-+−–×x*/÷]", formula)
    terms, sign, product, op = [], 1.0, None, "*"
    for tok in tokens:
        if re.fullmatch(_NUMBER, tok):
            n = float(tok.replace(",", ""))
            product = n if product is None else product * n if op == "*" else product / n
        elif tok in "×x*/÷":
            op = "*" if tok in "×x*" else "/"
        else:
            terms.append(sign * product)
            sign, product, op = (1.0 if tok == "+" else -1.0), None, "*"
    return sum(terms) + sign * product


def derived(figs: pd.DataFrame) -> list[dict]:
    """List derived figures as information, re-doing the arithmetic their note states."""
    flags = []
    for _, f in figs[figs.derived.fillna(False)].iterrows():
        formula = _FORMULA.search(str(f.note or ""))
        operands = [float(n.replace(",", "")) for n in re.findall(_NUMBER, formula[0] if formula else "")]
        inputs = figs[(figs.source_id == f.source_id) & figs.amount_usd.isin(operands) & ~figs.derived]
        lines = [describe(f), *(describe(i) for _, i in inputs.iterrows())]
        label = f"{describe(f).split(':')[0]}: {_stat(f.statistic)} {f.component}"
        intro = f"{money(f.amount_usd)} is not published by {f.source_publisher}"
        if not formula:
            flags.append(
                _flag(
                    "derived",
                    "info",
                    f"{label} is derived",
                    f"{intro}; it was derived. Its note does not show the arithmetic, so it "
                    f"cannot be checked: “{f.note}”",
                    lines,
                    [f.source_id],
                )
            )
            continue
        value = evaluate(formula[0])
        ok = abs(value - f.amount_usd) <= rounding_step(f.amount_usd) / 2
        verdict = (
            "The arithmetic checks out."
            if ok
            else (f"The arithmetic does not hold: the stored figure is {money(abs(value - f.amount_usd))} off.")
        )
        flags.append(
            _flag(
                "derived",
                "info" if ok else "arithmetic",
                f"{label} is derived: {formula[0]}",
                f"{intro}; it is implied by the source's figures: {formula[0]} = {value:,.0f}. {verdict}",
                lines,
                [f.source_id],
            )
        )
    return flags


def quality_checks(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every data-quality flag for the warehouse, most serious first."""
    figs = query(con, "SELECT * FROM figures ORDER BY source_id, company, role, level, component, statistic")
    levels = query(
        con,
        """
        SELECT l.*, (SELECT string_agg(s.publisher, ', ' ORDER BY s.publisher) FROM sources s
                     WHERE list_contains(string_split(l.source_ids, ';'), s.source_id)) AS source_names
        FROM levels l ORDER BY company, rank, source_ids""",
    )
    headcounts = query(con, "SELECT * FROM level_headcounts")
    rows = [
        *level_pay_inconsistent(figs),
        *level_disagreements(levels, headcounts),
        *parts_sums(figs),
        *annualised(figs),
        *derived(figs),
    ]
    df = pd.DataFrame(rows, columns=list(COLUMNS)).astype(str)
    order = df.severity.map({s: i for i, s in enumerate(SEVERITIES)})
    return df.iloc[order.argsort(kind="stable")].reset_index(drop=True)


def write_quality_flags(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Store the flags as the table `quality_flags` (called at the end of the build) and return them."""
    flags = quality_checks(con)
    con.register("quality_incoming", flags)
    con.execute("CREATE OR REPLACE TABLE quality_flags AS SELECT * FROM quality_incoming")
    con.unregister("quality_incoming")
    return flags


def quality_flags(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The stored flags, or the flags computed now when the warehouse predates the table."""
    stored = query(
        con, "SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'quality_flags' AND schema_name = 'main'"
    )
    if stored.n.iloc[0]:
        return query(con, "SELECT * FROM quality_flags")
    return quality_checks(con)
