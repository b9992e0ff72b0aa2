"""How a workspace is analysed, kept with it: each job family's BLS occupation, each location's BLS area, and
which family and zone the band chart shows.

`Settings` goes to and from the JSON the workspace store keeps (`to_json`, `from_json`; a setting that no
longer applies, such as a family no longer in the bands or a code the installed BLS release lacks, is
dropped and its suggestion used instead). The page binds one picker per family and per location, so the
settings also go to and from the page's values (`page_values`, `from_page`): `occupation_<i>` for the i-th
family and `area_<j>` for the j-th zone, NOT_PRICED for none. Zones are keyed by name, "" for bands without a
zone (JSON keys are text).

Where settings come from is decided here too: a workspace opened shows what was saved with it (`saved`), and
is seeded again whenever it is saved again (`since`), so a reload, a link or another editor's save shows the
workspace as it was last saved.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from analytics.yourdata.store import Identity, Store, WorkspaceInfo

NOT_PRICED = ""
"""The picker's choice for a family or location not priced against the market."""
VERSION = 1


def zone_key(zone: object) -> str:
    """A zone as settings name it: its text, "" for bands without a zone."""
    return "" if zone is None or (isinstance(zone, float) and pd.isna(zone)) else str(zone)


@dataclass(frozen=True)
class Settings:
    """How a workspace is analysed."""

    occupations: dict[str, str] = field(default_factory=dict)
    """Job family → BLS occupation code (NOT_PRICED: not priced)."""
    areas: dict[str, str] = field(default_factory=dict)
    """Zone ("" for none) → BLS area code (NOT_PRICED: not priced)."""
    family: str | None = None
    """The band chart's job family."""
    zone: str | None = None
    """The band chart's zone ("" for bands without a zone)."""

    def to_json(self) -> dict:
        """The settings as the workspace store keeps them."""
        return {
            "version": VERSION,
            "market": {"occupations": dict(self.occupations), "areas": dict(self.areas)},
            "band_chart": {"family": self.family, "zone": self.zone},
        }

    @classmethod
    def from_json(cls, data: object) -> Settings:
        """Settings from the store's JSON; anything missing or malformed reads as not set (never an error)."""
        data = data if isinstance(data, dict) else {}
        market = data.get("market") if isinstance(data.get("market"), dict) else {}
        chart = data.get("band_chart") if isinstance(data.get("band_chart"), dict) else {}

        def texts(value: object) -> dict[str, str]:
            items = value.items() if isinstance(value, dict) else ()
            return {str(k): v for k, v in items if isinstance(v, str)}

        family, zone = chart.get("family"), chart.get("zone")
        return cls(
            texts(market.get("occupations")),
            texts(market.get("areas")),
            family if isinstance(family, str) else None,
            zone if isinstance(zone, str) else None,
        )


def saved(workspace: WorkspaceInfo | None) -> Settings:
    """The settings saved with an opened workspace; none for an import not saved yet."""
    return Settings() if workspace is None else Settings.from_json(workspace.settings)


def since(workspace: WorkspaceInfo | None, families: Sequence[str], zones: Sequence[str]) -> tuple:
    """When the page's settings are seeded again: for a workspace, each time it is opened or saved; for an
    import, when its families or zones change."""
    if workspace is None:
        return ("import", tuple(families), tuple(zones))
    return ("workspace", workspace.id, workspace.saved_at)


def page_values(
    settings: Settings,
    families: Sequence[str],
    zones: Sequence[str],
    suggested: tuple[Mapping[str, str | None], Mapping[str, str | None]],
    occupations: Collection[str],
    areas: Collection[str],
) -> dict[str, str | None]:
    """The page's values: each family's and zone's saved choice when it is still a choice (a known code or
    NOT_PRICED), else the suggestion, else NOT_PRICED; and the band chart's family and zone as saved.
    `occupations` and `areas` are the known codes."""
    occupation_of, area_of = suggested
    values: dict[str, str | None] = {"family": settings.family, "zone": settings.zone}
    for i, family in enumerate(families):
        chosen = settings.occupations.get(family)
        ok = chosen == NOT_PRICED or chosen in occupations
        values[f"occupation_{i}"] = chosen if ok else occupation_of.get(family) or NOT_PRICED
    for j, zone in enumerate(zones):
        chosen = settings.areas.get(zone)
        ok = chosen == NOT_PRICED or chosen in areas
        values[f"area_{j}"] = chosen if ok else area_of.get(zone) or NOT_PRICED
    return values


def chart_choice(chosen: str | None, options: Sequence[str]) -> str | None:
    """The band chart's family or zone: the chosen one while it is an option, else the first (None if none)."""
    return chosen if chosen in options else (options[0] if options else None)


def from_page(values: Mapping[str, object], families: Sequence[str], zones: Sequence[str]) -> Settings:
    """The settings the page shows (its values, as `page_values` named them)."""
    return Settings(
        {family: str(values[f"occupation_{i}"]) for i, family in enumerate(families)},
        {zone: str(values[f"area_{j}"]) for j, zone in enumerate(zones)},
        values.get("family"),
        values.get("zone"),
    )


def zones_of(ladder: pd.DataFrame) -> list[str]:
    """Every zone of a band ladder in alphabetical order, "" (bands without a zone) first."""
    return sorted({zone_key(z) for z in ladder["zone"]})


def keep(who: Identity, store: Store, workspace: WorkspaceInfo | None, settings: Settings) -> None:
    """Save the settings into the opened workspace at once when this person may edit it; a viewer's (and an
    unsaved import's) stay in the session.

    Saved on every change rather than by a button: a mapping is a deliberate choice made in one picker, so a
    save per change is cheap, and the workspace then never forgets it, on a reload, in a link or for the other
    people it is shared with; its history records each save and who made it."""
    if workspace is not None and workspace.can_edit:
        store.save_into(who, workspace.id, settings=settings.to_json())


def keeping(workspace: WorkspaceInfo | None) -> str:
    """What happens to the choices made on the page, in one sentence."""
    if workspace is None:
        return "They are saved with this import when you save it as a workspace."
    if workspace.can_edit:
        return "Each change is saved to the workspace at once (its history says who changed it)."
    return (
        "You can view this workspace but not change it: your choices last while the page is open. "
        "Save a copy to keep them."
    )


def for_import(workspace: WorkspaceInfo | None, current: Settings, before: dict) -> dict:
    """The settings to save with this import: those shown, when the analysis shows the import, else as before."""
    return current.to_json() if workspace is None else before
