"""Map a file's column headers onto PayLadder's fields for bands and for people, with user corrections.

Two kinds of file: `bands` (job family, level, optional zone, currency, min and max or midpoint
and spread, optional midpoint/target and equity target) and `people` (optional id, family,
level, optional zone, base pay, optional currency, bonus target, equity, start date and a
grouping column; and, for the pay gap report (analytics.paygap), optional gender, contracted weekly
hours, variable pay received in the year as an amount or as a percent of base, and the category of
workers). Gender has its own field: when no grouping column is chosen, the group comparison compares
by gender. `guess_mapping` recognises the header names HR tools export (Pave, Lattice,
ChartHop and spreadsheets alike: "Job Family", "Pay Zone", "Range Min", "Base Salary", ...)
after normalising case, punctuation and unit words; the user corrects the guess, and
`check_mapping` says what is still missing. A mapping is field → column position, because
headers may repeat or be blank.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

KINDS = ("bands", "people")
NOT_IN_FILE = "(not in this file)"
"""The column picker's choice for a field the file does not have."""


@dataclass(frozen=True)
class Field:
    """One PayLadder field: its name, label, whether required and the headers that mean it."""

    name: str
    label: str
    required: bool
    synonyms: tuple[str, ...]


_FAMILY = (
    "job family",
    "family",
    "role",
    "job",
    "job title",
    "title",
    "job code",
    "function",
    "job name",
    "position",
    "job profile",
    "track",
)
_LEVEL = ("level", "job level", "grade", "pay grade", "career level", "band", "job grade", "seniority", "tier")
_ZONE = (
    "zone",
    "location zone",
    "pay zone",
    "geo zone",
    "geo",
    "location",
    "region",
    "market",
    "geography",
    "location tier",
    "office",
    "work location",
    "geo tier",
)
_CURRENCY = ("currency", "currency code", "ccy", "pay currency", "salary currency")

PAY_GAP_FIELDS = (
    Field("gender", "Gender", False, ("gender", "sex", "gender identity", "geschlecht", "genre")),
    Field(
        "hours",
        "Contracted weekly hours",
        False,
        (
            "weekly hours",
            "contracted hours",
            "hours per week",
            "contract hours",
            "fte hours",
            "working hours",
            "standard hours",
            "fte",
        ),
    ),
    Field(
        "variable",
        "Variable pay received (year)",
        False,
        ("variable pay", "bonus paid", "bonus amount paid", "incentive paid", "commission", "annual bonus paid"),
    ),
    Field("variable_pct", "Variable pay (% of base)", False, ("variable pay %", "bonus %", "bonus percent")),
    Field(
        "category",
        "Category of workers",
        False,
        ("category", "job category", "equal value group", "job evaluation grade", "pay category"),
    ),
)
"""The people fields the pay gap report reads (analytics.paygap.queries): all optional."""

FIELDS: dict[str, tuple[Field, ...]] = {
    "bands": (
        Field("family", "Job family or role", True, _FAMILY),
        Field("level", "Level", True, _LEVEL),
        Field("zone", "Location zone", False, _ZONE),
        Field("currency", "Currency", True, _CURRENCY),
        Field(
            "min",
            "Minimum",
            False,
            (
                "min",
                "minimum",
                "range min",
                "salary min",
                "min salary",
                "band min",
                "base min",
                "minimum salary",
                "low",
                "range minimum",
                "pay min",
            ),
        ),
        Field(
            "max",
            "Maximum",
            False,
            (
                "max",
                "maximum",
                "range max",
                "salary max",
                "max salary",
                "band max",
                "base max",
                "maximum salary",
                "high",
                "range maximum",
                "pay max",
            ),
        ),
        Field(
            "midpoint",
            "Midpoint or target",
            False,
            (
                "midpoint",
                "mid",
                "mid point",
                "target",
                "range midpoint",
                "salary midpoint",
                "target salary",
                "base target",
            ),
        ),
        Field("spread", "Spread", False, ("spread", "range spread", "range width", "width", "spread pct")),
        Field(
            "equity_target",
            "Equity target",
            False,
            ("equity", "equity target", "target equity", "stock target", "equity amount", "equity grant", "stock"),
        ),
    ),
    "people": (
        Field(
            "person_id",
            "Employee ID",
            False,
            (
                "employee id",
                "employee number",
                "id",
                "person id",
                "emp id",
                "worker id",
                "employee",
                "employee no",
                "staff id",
                "emp no",
            ),
        ),
        Field("family", "Job family or role", True, _FAMILY),
        Field("level", "Level", True, _LEVEL),
        Field("zone", "Location zone", False, _ZONE),
        Field("currency", "Currency", False, _CURRENCY),
        Field(
            "base",
            "Base pay",
            True,
            (
                "base salary",
                "base",
                "salary",
                "base pay",
                "current base",
                "current salary",
                "annual base",
                "base compensation",
                "pay",
            ),
        ),
        Field(
            "bonus",
            "Bonus target",
            False,
            (
                "bonus target",
                "bonus",
                "target bonus",
                "bonus amount",
                "target bonus amount",
                # a percent of base pay: analytics.yourdata.units asks which. "Bonus %" alone is the pay gap's
                # variable pay received (PAY_GAP_FIELDS); a target says "target"
                "bonus target pct",
                "target bonus pct",
                "bonus target percent",
                "target bonus percent",
                "bonus percentage",
                "bonus target percentage",
                "target bonus percentage",
                "bonus rate",
            ),
        ),
        Field(
            "equity",
            "Equity (per year)",
            False,
            ("equity", "annual equity", "equity value", "stock", "equity per year", "annual stock", "rsu"),
        ),
        Field(
            "start_date",
            "Start date",
            False,
            ("start date", "hire date", "date of hire", "start", "date hired", "hired", "joined", "date joined"),
        ),
        Field(
            "group",
            "Group (for comparisons)",
            False,
            ("group", "ethnicity", "race", "demographic"),
        ),
        *PAY_GAP_FIELDS,
    ),
}

_UNIT_WORDS = {
    "usd",
    "eur",
    "gbp",
    "annual",
    "annualized",
    "annualised",
    "yearly",
    "amount",
    "value",
    "the",
    "of",
    "in",
    "per",
    "year",
    "yr",
    "pa",
    "local",
    "name",
}


def normalise(header: str) -> str:
    """A header reduced for matching: 'Base Salary (USD)' → 'base salary'."""
    text = unicodedata.normalize("NFKC", str(header)).casefold()
    text = re.sub(r"%|\bpercent\b", " pct ", text)  # 'Bonus %' and 'bonus percent' are one header, not 'bonus'
    text = re.sub(r"[^\w]+|_", " ", text)
    words = [w for w in text.split() if w not in _UNIT_WORDS]
    return " ".join(words)


def fields(kind: str) -> tuple[Field, ...]:
    """The fields of a kind of file ('bands' or 'people')."""
    if kind not in FIELDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    return FIELDS[kind]


def header_labels(headers: list[str]) -> list[str]:
    """A unique label per column: the header, with its column number when blank or repeated."""
    labels = []
    for i, h in enumerate(headers):
        if not h:
            labels.append(f"(column {i + 1}, no name)")
        elif headers.count(h) > 1:
            labels.append(f"{h} (column {i + 1})")
        else:
            labels.append(h)
    return labels


def guess_mapping(headers: list[str], kind: str) -> dict[str, int | None]:
    """Field name → column position for every field of kind, None where no header matches."""
    normal = [normalise(h) for h in headers]
    mapping: dict[str, int | None] = {}
    taken: set[int] = set()
    for f in fields(kind):
        wanted = [normalise(s) for s in f.synonyms]
        found = None
        for synonym in wanted:  # synonyms in order of preference; first column that matches
            found = next((i for i, n in enumerate(normal) if n == synonym and i not in taken), None)
            if found is not None:
                break
        mapping[f.name] = found
        if found is not None:
            taken.add(found)
    return mapping


def column_choices(headers: list[str]) -> dict[str, int | None]:
    """A column picker's choices: NOT_IN_FILE, then each column's label, with the position each stands for."""
    return {NOT_IN_FILE: None, **{label: i for i, label in enumerate(header_labels(headers))}}


def guessed_choices(headers: list[str], kind: str) -> dict[str, str]:
    """The guess as column picker choices: field name → the label of its column, or NOT_IN_FILE."""
    labels = header_labels(headers)
    return {name: NOT_IN_FILE if i is None else labels[i] for name, i in guess_mapping(headers, kind).items()}


def guess_kind(headers: list[str]) -> str:
    """'people' if a base-pay column is recognised and no range columns are, else 'bands'."""
    people, bands = guess_mapping(headers, "people"), guess_mapping(headers, "bands")
    has_range = any(bands[k] is not None for k in ("min", "max", "spread"))
    return "people" if people["base"] is not None and not has_range else "bands"


def apply_corrections(
    mapping: dict[str, int | None], corrections: dict[str, int | None], kind: str, width: int
) -> dict[str, int | None]:
    """The mapping with the user's corrections (field → column position, or None to unmap)."""
    names = {f.name for f in fields(kind)}
    out = dict(mapping)
    for name, column in corrections.items():
        if name not in names:
            raise ValueError(f"{kind} files have no field {name!r}")
        if column is not None and not (isinstance(column, int) and 0 <= column < width):
            raise ValueError(f"column {column!r} is not in the file")
        out[name] = column
    return out


def check_mapping(mapping: dict[str, int | None], kind: str, default_currency: str | None = None) -> list[str]:
    """What is wrong with a mapping, in plain words; empty when it can be validated."""
    labels = {f.name: f.label for f in fields(kind)}
    problems = [
        "Choose the column for currency, or one currency for the whole file."
        if f.name == "currency"
        else f"Choose the column for {f.label.lower()}."
        for f in fields(kind)
        if f.required and mapping.get(f.name) is None and not (f.name == "currency" and default_currency)
    ]
    if kind == "bands":
        have = {k for k in ("min", "max", "midpoint", "spread") if mapping.get(k) is not None}
        if not ({"min", "max"} <= have or {"midpoint", "spread"} <= have):
            problems.append("Choose the minimum and maximum columns, or the midpoint and spread columns.")
    used: dict[int, list[str]] = {}
    for name, column in mapping.items():
        if column is not None:
            used.setdefault(column, []).append(labels.get(name, name))
    for column, names in sorted(used.items()):
        if len(names) > 1:
            problems.append(f"Column {column + 1} is chosen for both {' and '.join(names)}: choose one.")
    return problems
