"""The offer calculator's form state: what the user typed, in the URL and back, and beside reported pay.

`OfferInput` is one offer as the form holds it (the bonus in both forms, the schedule as a
preset name or "Custom", company and level for context); `to_offer` gives the
`analytics.offers.model.Offer` that the sums use. A link carries each shown offer in one parameter,
fields separated by `~` and lists by `_` (characters a URL keeps as they are), trailing blank
fields left out (as the address bar shows them):

    o1=Offer+A~150000~15pct~200000~amazon~50000_40000~40000~Amazon~L6~WA~0042660
       name   ~base  ~bonus (n pct, or an amount)~grant~schedule~sign-on years 1-4~refresher~company~level
       ~work state (income tax)~work area (BLS area code, for the Market page)

The schedule is a preset code (amazon, google, even) or four percents ("30_30_20_20"). Links written
before offers had a work location end at the level: they read as California and the nation. Every
function is pure and never raises on what a link holds: an unreadable value is dropped with
a notice and a default is used, as in `analytics.urlstate`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from urllib.parse import unquote

from analytics.market.ingest import NATIONAL
from analytics.metrics import PayRange
from analytics.offers.limits import FIELD_RANGES, REQUIRED, PercentRange
from analytics.offers.model import VESTING_PRESETS, YEARS, Offer, validate_offer
from analytics.realterms.tax import US_STATES
from analytics.urlstate import Parsed

MAX_OFFERS = 3
CUSTOM = "Custom"
SCHEDULES = [*VESTING_PRESETS, CUSTOM]
SCHEDULE_CODES = dict(zip(("amazon", "google", "even"), VESTING_PRESETS, strict=True))
"""Short names for the presets in links."""
PARAMS = tuple(f"o{i}" for i in range(1, MAX_OFFERS + 1))
NAME_LIMIT = 40
LINK_LIMIT = 400  # an offer's link value longer than this is not one the app wrote
WORK_STATE = "CA"
"""An offer's work state until the user picks one (and in links written before offers had one)."""
FIELDS = 11


@dataclass(frozen=True)
class OfferInput:
    """One offer as the form holds it; `normalised` fills the derived fields."""

    name: str
    base: float = 0.0
    bonus_mode: str = "percent"  # or "amount"
    bonus_percent: float = 0.0
    bonus_amount: float = 0.0
    equity: float = 0.0
    schedule: str = "Even 25/25/25/25"
    custom: tuple[float, ...] = (25.0, 25.0, 25.0, 25.0)
    sign_on: tuple[float, ...] = (0.0, 0.0, 0.0, 0.0)
    refresher: float = 0.0
    company: str = ""
    level: str = ""
    work_state: str = WORK_STATE  # two-letter code: the state whose income tax applies
    work_area: str = NATIONAL  # BLS area code: where the Market page places the base salary

    def normalised(self) -> OfferInput:
        """The same offer with the unused bonus form and the schedule percents worked out.

        Switching the bonus between percent and amount, or the schedule to Custom, then
        starts from the same figures instead of stale ones.
        """
        out = self
        if self.bonus_mode == "percent":
            out = replace(out, bonus_amount=self.base * self.bonus_percent / 100)
        else:
            out = replace(out, bonus_percent=self.bonus_amount / self.base * 100 if self.base > 0 else 0.0)
        if self.schedule in VESTING_PRESETS:
            out = replace(out, custom=tuple(float(p) for p in VESTING_PRESETS[self.schedule]))
        return out

    @property
    def percents(self) -> tuple[float, ...]:
        """The yearly vesting percents in use."""
        return tuple(VESTING_PRESETS.get(self.schedule, self.custom))

    def to_offer(self) -> Offer:
        """The offer the calculator sums."""
        return Offer(
            name=self.name.strip(),
            base=self.base,
            bonus_target=self.bonus_amount,
            bonus_is_percent=self.bonus_mode == "percent",
            bonus_percent=self.bonus_percent,
            equity_grant=self.equity,
            schedule=self.percents,
            sign_on=self.sign_on,
            refresher=self.refresher,
        )


EXAMPLES = (
    OfferInput(
        "Offer A",
        base=150_000.0,
        bonus_percent=15.0,
        equity=200_000.0,
        schedule="Amazon 5/15/40/40",
        sign_on=(50_000.0, 40_000.0, 0.0, 0.0),
        refresher=40_000.0,
        company="Amazon",
        level="L6",
    ).normalised(),
    OfferInput("Offer B", base=170_000.0, bonus_mode="amount", bonus_amount=20_000.0, equity=120_000.0).normalised(),
    OfferInput(
        "Offer C",
        base=160_000.0,
        bonus_percent=10.0,
        equity=150_000.0,
        schedule="Google 33/33/22/12",
        sign_on=(25_000.0, 0.0, 0.0, 0.0),
        company="Google",
        level="L5",
    ).normalised(),
)
"""Round illustrative offers shown until the user types their own: not reference data."""
DEFAULT_COUNT = 2


def _blank(value: object) -> object:
    """A missing number (NaN) as the form shows it: a blank field (None)."""
    return None if isinstance(value, float) and math.isnan(value) else value


def widget_values(state: OfferInput) -> dict[str, object]:
    """The form's fields for one offer, named as the widget keys end (offers_<field>_<i>); missing is None."""
    values = {f.name: _blank(getattr(state, f.name)) for f in fields(OfferInput) if f.name not in ("custom", "sign_on")}
    values |= {f"vest{y}": _blank(p) for y, p in enumerate(state.custom, start=1)}
    values |= {f"signon{y}": _blank(s) for y, s in enumerate(state.sign_on, start=1)}
    return values


def _form_number(value: object, name: str) -> float:
    """A form number: a cleared field (None) is missing (NaN, which validation names) if required, else 0."""
    if value is None:
        return math.nan if name in REQUIRED else 0.0
    return float(value)


def from_widget_values(values: Mapping[str, object]) -> OfferInput:
    """Rebuild an offer from its form fields (the inverse of widget_values)."""
    plain = {
        f.name: _form_number(values[f.name], f.name) if f.type == "float" else values[f.name]
        for f in fields(OfferInput)
        if f.name in values
    }
    years = range(1, YEARS + 1)
    return OfferInput(
        **plain,
        custom=tuple(_form_number(values[f"vest{y}"], "vest") for y in years),
        sign_on=tuple(_form_number(values[f"signon{y}"], "signon") for y in years),
    ).normalised()


def form_problems(inputs: Sequence[OfferInput]) -> list[dict[str, str]]:
    """Each offer's {field: message} from validate_offer, plus names repeated from an earlier offer."""
    problems, seen = [], set()
    for state in inputs:
        found = validate_offer(state.to_offer())
        name = state.name.strip().casefold()
        if name and name in seen:
            found["name"] = "Another offer has this name: give each offer its own."
        seen.add(name)
        problems.append(found)
    return problems


def _number(value: float) -> str:
    """A number as short as it reads back exactly: 150000, 33.5, 33.333333333333336."""
    if math.isnan(value):
        return ""  # blank: the link leaves it out, and reading it back gives a blank field
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(float(value))


def encode_offer(state: OfferInput) -> str:
    """One offer as a link value (see the module docstring)."""
    state = state.normalised()
    name = state.name.replace("%", "%25").replace("~", "%7E")
    percent = state.bonus_mode == "percent"
    bonus = f"{_number(state.bonus_percent)}pct" if percent else _number(state.bonus_amount)
    codes = {preset: code for code, preset in SCHEDULE_CODES.items()}
    schedule = codes.get(state.schedule) or "_".join(_number(p) for p in state.custom)
    sign_on = list(state.sign_on)
    while sign_on and sign_on[-1] == 0:
        sign_on.pop()
    parts = [
        name,
        _number(state.base),
        bonus,
        _number(state.equity),
        schedule,
        "_".join(_number(s) for s in sign_on),
        _number(state.refresher),
        state.company,
        state.level,
        state.work_state,
        state.work_area,
    ]
    # What decode_offer assumes for a missing field.
    missing = ["", "", "", "0", "even", "", "0", "", "", WORK_STATE, NATIONAL]
    while len(parts) > 3 and parts[-1] == missing[len(parts) - 1]:  # name, base and bonus always stay
        parts.pop()
    return "~".join(parts)


def _shown(text: str) -> str:
    """Quote a link value for a notice, cut short so a hostile link cannot flood the page."""
    return repr(text[:40] + ("…" if len(text) > 40 else ""))


def _numbers(text: str, count: int, bounds: PayRange | PercentRange) -> tuple[float, ...] | None:
    """Up to count numbers within bounds, split by _ (or commas), padded with zeros; else None."""
    try:
        numbers = [float(part) if len(part) <= 32 else math.nan for part in re.split("[_,]", text)]
    except ValueError:
        return None
    if len(numbers) > count or not all(bounds.contains(n) for n in numbers):
        return None
    return tuple(numbers) + (0.0,) * (count - len(numbers))


def decode_offer(
    text: str, slot: int, levels: Mapping[str, Sequence[str]], areas: Collection[str] = (NATIONAL,)
) -> tuple[OfferInput, list[str]]:
    """Read one offer from a link value; return it and notices for what was ignored.

    levels maps each company to its level labels, areas holds the BLS area codes. An unreadable
    value leaves that field blank (the default state and area for the location); an unreadable
    offer (no name, or far too long) gives the slot's example.
    """
    label, example = f"offer {slot}", EXAMPLES[slot - 1]
    if len(text) > LINK_LIMIT:
        return example, [f"Ignored {label} in the link: it is too long to be an offer. Showing the example."]
    parts, notices = text.split("~"), []
    if len(parts) > FIELDS:
        notices.append(f"Ignored extra fields of {label} in the link: {_shown('~'.join(parts[FIELDS:]))}.")
    name, base, bonus, equity, schedule, sign_on, refresher, company, level, work_state, work_area = (
        parts + [""] * FIELDS
    )[:FIELDS]
    name = re.sub(r"[\x00-\x1f\x7f]", "", unquote(name)).strip()
    if not name:
        return example, [f"Ignored {label} in the link: it has no name. Showing the example."]
    if len(name) > NAME_LIMIT:
        notices.append(f"Shortened the name of {label} in the link to {NAME_LIMIT} characters.")
    state = OfferInput(name[:NAME_LIMIT].strip())

    def read(field: str, raw: str, bounds: PayRange | PercentRange, count: int = 1) -> tuple[float, ...] | None:
        numbers = _numbers(raw, count, bounds) if raw else None
        if raw and numbers is None:
            notices.append(
                f"Ignored the {field} of {label} in the link: {_shown(raw)} is not a number {bounds.text()}."
            )
        return numbers

    for field, raw in (("base", base), ("equity", equity), ("refresher", refresher)):
        if number := read(field.replace("equity", "stock grant"), raw, FIELD_RANGES[field]):
            state = replace(state, **{field: number[0]})
    percent = bonus.endswith(("pct", "%"))
    bounds = FIELD_RANGES["bonus_percent" if percent else "bonus_amount"]
    if number := read("bonus", re.sub("(pct|%)$", "", bonus), bounds):
        state = (
            replace(state, bonus_mode="percent", bonus_percent=number[0])
            if percent
            else replace(state, bonus_mode="amount", bonus_amount=number[0])
        )
    percents = _numbers(schedule, YEARS, FIELD_RANGES["vest"]) if len(re.split("[_,]", schedule)) == YEARS else None
    if schedule in SCHEDULE_CODES or percents:
        state = replace(state, schedule=SCHEDULE_CODES.get(schedule, CUSTOM), custom=percents or state.custom)
    elif schedule:
        notices.append(
            f"Ignored the vesting schedule of {label} in the link: {_shown(schedule)} is not "
            f"{', '.join(SCHEDULE_CODES)} or four percents."
        )
    if amounts := read("sign-on bonuses", sign_on, FIELD_RANGES["signon"], YEARS):
        state = replace(state, sign_on=amounts)
    if company in levels:
        state = replace(state, company=company)
    elif company:
        notices.append(f"Ignored the company of {label} in the link: {_shown(company)}.")
    if level in levels.get(state.company, ()):
        state = replace(state, level=level)
    elif level:
        notices.append(f"Ignored the level of {label} in the link: {_shown(level)}.")
    if work_state in US_STATES:
        state = replace(state, work_state=work_state)
    elif work_state:
        notices.append(f"Ignored the work state of {label} in the link: {_shown(work_state)}.")
    if work_area in areas:
        state = replace(state, work_area=work_area)
    elif work_area:
        notices.append(f"Ignored the work area of {label} in the link: {_shown(work_area)}.")
    return state.normalised(), notices


def read_offers(
    params: Mapping[str, Sequence[str]],
    parsed: Parsed,
    levels: Mapping[str, Sequence[str]],
    areas: Collection[str] = (NATIONAL,),
) -> None:
    """Read `count` and each offer's form values (see form_values) from a link's o1..o3 (nothing if none)."""
    extra = sorted(k for k in params if re.fullmatch(r"o\d{1,6}", k) and k not in PARAMS)
    if extra:
        parsed.notices.append(
            f"Ignored {', '.join(extra[:5])} in the link: the calculator compares up to {MAX_OFFERS} offers."
        )
    present = [i for i, key in enumerate(PARAMS, start=1) if params.get(key)]
    if not present:
        return
    parsed.values["count"] = max(present)
    for i in range(1, max(present) + 1):
        values = [str(v) for v in params.get(PARAMS[i - 1], [])]
        if not values:
            parsed.notices.append(f"Offer {i} is missing from the link: showing the example.")
            parsed.values.update(form_values(EXAMPLES[i - 1], i))
            continue
        state, notices = decode_offer(values[-1], i, levels, areas)
        parsed.values.update(form_values(state, i))
        parsed.notices.extend(notices)


def form_values(state: OfferInput, slot: int) -> dict[str, object]:
    """Offer `slot`'s form fields as page-state values named `<field>_<slot>` (widgets offers_<field>_<slot>)."""
    return {f"{field}_{slot}": value for field, value in widget_values(state).items()}


def forms_values(inputs: Sequence[OfferInput]) -> dict[str, object]:
    """The form values (see form_values) of these offers in slots 1, 2, ..."""
    return {
        name: value for slot, state in enumerate(inputs, start=1) for name, value in form_values(state, slot).items()
    }


EXAMPLE_FORMS = forms_values(EXAMPLES)
"""The form values of the examples, in every slot: what the form shows until the user types."""


def from_form_values(values: Mapping[str, object], slot: int) -> OfferInput:
    """Offer `slot` rebuilt from its form values (the inverse of form_values)."""
    return from_widget_values({field: values[f"{field}_{slot}"] for field in widget_values(EXAMPLES[0])})


def shown_offers(values: Mapping[str, object], count: int, levels: Mapping[str, Sequence[str]]) -> list[OfferInput]:
    """The first `count` offers of the form; a level its company does not have (the company changed) is cleared."""
    shown = [from_form_values(values, slot) for slot in range(1, count + 1)]
    return [state if state.level in levels.get(state.company, ()) else replace(state, level="") for state in shown]


def cleared(slot: int) -> OfferInput:
    """An empty offer for `slot`: the example's name and blank amounts (the base to be entered; blank is none
    elsewhere), vesting evenly, in the default work state and area."""
    blank = math.nan
    return OfferInput(
        EXAMPLES[slot - 1].name,
        base=blank,
        bonus_percent=blank,
        bonus_amount=blank,
        equity=blank,
        sign_on=(blank,) * YEARS,
        refresher=blank,
    )


def is_example(state: OfferInput, slot: int) -> bool:
    """True while offer `slot` is still the example the form starts with."""
    return state == EXAMPLES[slot - 1]


def offer_params(inputs: Sequence[OfferInput]) -> dict[str, str | None]:
    """The o1..o3 link values for the offers shown; all None while they are the default examples."""
    if list(inputs) == list(EXAMPLES[:DEFAULT_COUNT]):
        return dict.fromkeys(PARAMS)
    encoded = [encode_offer(state) for state in inputs]
    return {key: encoded[i] if i < len(encoded) else None for i, key in enumerate(PARAMS)}
