"""Which BLS occupation and area price each band: suggested from the names in the bands file, corrected by
the user, kept with the workspace (`analytics.yourdata.settings`).

A job family is suggested the occupation of data/family_occupations.csv whose family name or alias it is
(case, punctuation and spacing aside: "software-engineering" is "Software Engineering"); failing that, the
one whose longest name appears in it as whole words ("Senior Software Engineering" → Software Developers).
Two occupations tied for the longest name suggest nothing: the user chooses.

A location (a band's zone) is suggested the nation when it is blank or names no place in particular
("Remote", "US", "National", ...); else a metropolitan area whose principal city it names, as BLS names
metros after their principal cities ("Seattle" → Seattle-Tacoma-Bellevue, WA; "Tacoma" too; "Austin, TX"
with the state checked); else a state or territory by name or postal code ("Texas", "TX"). Where two metros
share a city ("Portland"), a state written with it chooses ("Portland, ME"); otherwise the larger one (BLS
employment in all occupations) is suggested. A city before a state: "New York" and "Washington" suggest the
metros (an office is in a city); "New York State" or "NY" the state. Pay zones that are not places ("Zone A",
"Tier 1") suggest nothing: a band whose family or location has no occupation or area is not priced, and says
so. Nonmetropolitan areas are never suggested (no office names them).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

import pandas as pd

from analytics.market.ingest import NATIONAL

NATIONWIDE = frozenset(
    {
        "remote",
        "us",
        "usa",
        "u s",
        "u s a",
        "united states",
        "united states of america",
        "national",
        "nationwide",
        "anywhere",
        "us remote",
        "remote us",
        "us national",
        "all",
        "all locations",
    }
)
"""Zone names that name no place in particular: priced against the nation."""
CITY_ALIASES = {
    "nyc": "new york",
    "new york city": "new york",
    "sf": "san francisco",
    "bay area": "san francisco",
    "sf bay area": "san francisco",
    "san francisco bay area": "san francisco",
    "dc": "washington",
    "washington dc": "washington",
    "washington d c": "washington",
}
"""Common short names of cities whose metros BLS names otherwise (DC also names the District of Columbia)."""


def normal(text: object) -> str:
    """A name reduced for matching: 'Software-Engineering ' → 'software engineering'."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    folded = unicodedata.normalize("NFKC", str(text)).casefold()
    return " ".join(re.sub(r"[^\w]+|_", " ", folded).split())


def _contains(words: str, phrase: str) -> bool:
    """Whether `phrase` appears in `words` as whole words (both normal)."""
    return bool(phrase) and f" {phrase} " in f" {words} "


def suggest_occupation(family: str, table: pd.DataFrame) -> str | None:
    """The occupation code suggested for a job family's name, or None (family_occupations' frame)."""
    name = normal(family)
    if not name:
        return None
    names: list[tuple[str, str]] = []  # (a name the family goes by, its occupation)
    for row in table.itertuples():
        names.append((normal(row.family), row.occupation_code))
        names += [(normal(alias), row.occupation_code) for alias in str(row.aliases or "").split(";")]
    names = [(n, code) for n, code in names if n]
    exact = {code for n, code in names if n == name}
    if exact:
        return exact.pop() if len(exact) == 1 else None
    found = [(len(n.split()), code) for n, code in names if _contains(name, n)]
    if not found:
        return None
    longest = max(size for size, _ in found)
    codes = {code for size, code in found if size == longest}
    return codes.pop() if len(codes) == 1 else None


def _principal_cities(area_name: str) -> tuple[list[str], list[str]]:
    """A metro's principal cities and states, normal: 'Seattle-Tacoma-Bellevue, WA' → (['seattle', 'tacoma',
    'bellevue'], ['wa'])."""
    cities, _, states = area_name.rpartition(", ")
    return [normal(c) for c in re.split(r"[-/]", cities)], [normal(s) for s in states.split("-")]


def _place_and_state(zone: str, postal: set[str]) -> tuple[str, str | None]:
    """A zone's place and the state written after it: 'Austin, TX' → ('austin', 'tx'); 'Seattle' → ('seattle',
    None)."""
    name = normal(zone)
    words = name.split()
    if len(words) > 1 and words[-1] in postal:
        return " ".join(words[:-1]), words[-1]
    return name, None


def suggest_area(zone: object, areas: pd.DataFrame, employment: Mapping[str, float] | None = None) -> str | None:
    """The BLS area code suggested for a zone's name, or None (areas: market.queries.areas' frame; employment:
    area code → employment in all occupations, to choose between metros that share a city)."""
    name = normal(zone)
    if not name or name in NATIONWIDE:
        return NATIONAL
    states = areas[areas["area_type"] == "state"]
    postal = {normal(p): code for p, code in zip(states["state_postal"], states["area_code"], strict=True) if p}
    by_name = {normal(n): code for n, code in zip(states["area_name"], states["area_code"], strict=True)}
    place, hint = _place_and_state(name, set(postal))
    place = CITY_ALIASES.get(place, place)
    metros = areas[(areas["area_type"] == "metro") & ~areas["nonmetropolitan"].astype(bool)]
    candidates = []  # (city listed first, employment, code)
    for code, area_name in zip(metros["area_code"], metros["area_name"], strict=True):
        cities, metro_states = _principal_cities(area_name)
        if place in cities and (hint is None or hint in metro_states):
            candidates.append((cities[0] == place, (employment or {}).get(code, 0.0), code))
    if candidates:
        return max(candidates)[2]
    for state_name in (name, name.removesuffix(" state")):
        if state_name in by_name:
            return by_name[state_name]
    return postal.get(name)


def suggestions(
    families: Iterable[str],
    zones: Iterable[str],
    table: pd.DataFrame,
    areas: pd.DataFrame,
    employment: pd.DataFrame,
) -> tuple[dict[str, str | None], dict[str, str | None]]:
    """(family → occupation code, zone → area code) suggested for the bands' families and zones ("" for bands
    without a zone); None where nothing is suggested. `employment` is market.queries.area_employment's frame."""
    sizes = dict(zip(employment["area_code"], employment["employment"], strict=True))
    return (
        {family: suggest_occupation(family, table) for family in families},
        {zone: suggest_area(zone, areas, sizes) for zone in zones},
    )
