"""One browser session's pay gap report, as plain Python: the page keeps a `PayGapSession` in its state.

The people come from what Your data shows (analytics.yourdata.session.Shown): this session's import or a
workspace the person may open, read through the workspace store. The analyst's settings arrive as the
page's plain values (`SETTING_DEFAULTS`) and become a `Settings` (`settings_from`, which says in words what
is wrong instead of raising). Exclusions (employee ID → the reason written) and the settings are kept
in the workspace's settings (under "paygap", through `Store.save_into`, which checks that the person may
edit it); for this session's import, or a workspace the person may only view, they are kept for the
session. The report is computed once per source version, settings and exclusions, and kept here, for
this session only: people's pay never enters a cache shared between sessions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from analytics.paygap.people import CONTROLS, HOURS_ARE, Settings
from analytics.paygap.report import PayGapReport, build_report
from analytics.yourdata.read import ImportProblem
from analytics.yourdata.session import ImportSession, Shown
from analytics.yourdata.store import Identity, Store, WorkspaceInfo

SETTINGS_KEY = "paygap"
"""Where a workspace's settings keep the pay gap report's settings and exclusions."""
IMPORT = None
"""The source that is this session's import (a workspace is named by its id)."""
SETTING_DEFAULTS: dict[str, object] = {
    "full_time": 40.0,
    "reference_date": None,
    "category_by": ["family", "level"],
    "controls": list(CONTROLS),
    "currency": None,
    "hours_are": "detect",
    "base_fte": False,
}
"""The page's setting values and their defaults (reference_date None: today)."""
CATEGORY_LABELS = {"family": "job family", "level": "level", "zone": "location", "category": "the file's category"}


@dataclass(frozen=True)
class Source:
    """The people a report is made from: a key (None for the import, else the workspace id), what it reads,
    the version of its data, the source file's name and date for the report, and the workspace if any."""

    key: str | None
    shown: Shown
    version: object
    name: str
    date: dt.date

    @property
    def workspace(self) -> WorkspaceInfo | None:
        return self.shown.workspace

    @property
    def saved(self) -> bool:
        """Whether exclusions and settings are kept in the workspace (the person may edit it)."""
        return self.workspace is not None and self.workspace.can_edit


def source_of(shown: Shown, imports: ImportSession) -> Source:
    """The report's source for what Your data's session shows: the import, or an opened workspace."""
    info = shown.workspace
    if info is None:
        return Source(IMPORT, shown, imports.people_version, imports.people_file, dt.date.today())
    date = dt.date.fromisoformat(info.saved_at[:10])
    return Source(info.id, shown, (info.id, info.saved_at), f"workspace “{info.name}” ({info.files})", date)


def saved_values(source: Source | None) -> dict[str, object]:
    """The page's setting values for a source: the defaults, with what its workspace keeps over them."""
    values = {**SETTING_DEFAULTS, "reference_date": dt.date.today()}
    kept = _kept(source).get("settings", {})
    for name in SETTING_DEFAULTS:
        if name in kept:
            values[name] = kept[name]
    if isinstance(values["reference_date"], str):
        values["reference_date"] = dt.date.fromisoformat(values["reference_date"])
    return values


def _kept(source: Source | None) -> dict:
    if source is None or source.workspace is None:
        return {}
    kept = source.workspace.settings.get(SETTINGS_KEY, {})
    return kept if isinstance(kept, dict) else {}


def settings_from(values: Mapping[str, object]) -> tuple[Settings | None, str | None]:
    """The report's settings from the page's values, or None and what to change, in words."""
    if not values["category_by"]:
        return None, "Choose at least one column that makes the categories of workers."
    if values["hours_are"] not in HOURS_ARE:
        return None, "Choose how the hours column is read."
    settings = Settings(
        full_time_hours=float(values["full_time"]),
        reference_date=values["reference_date"],
        category_by=tuple(values["category_by"]),
        controls=tuple(values["controls"]),
        base_is_full_time_equivalent=bool(values["base_fte"]),
        currency=values["currency"],
        hours_are=str(values["hours_are"]),
    )
    try:
        return settings.checked(), None
    except ValueError as problem:
        return None, f"Check the settings: {problem}."


def still_offered(value: object, options: list) -> object:
    """The value when it is among the options, else the first option (a workspace gone, a currency not paid)."""
    return value if value in options else options[0]


def source_label(key: str | None, saved: Mapping[str, WorkspaceInfo], imports: ImportSession) -> str:
    """How the source picker names a source: this session's import (and its people file), or a workspace."""
    if key is not IMPORT:
        info = saved[key]
        return f"Workspace “{info.name}” · {info.people:,} people · saved {info.saved_at[:10]}"
    if imports.people_version is None:
        return "This session's import (none yet)"
    return f"This session's import ({imports.people_file})"


def currency_label(currency: str | None) -> str:
    """How the currency picker names a choice (None: the file's only currency)."""
    return "the file's one currency" if currency is None else currency


class PayGapSession:
    """One session's exclusions (for sources they are not saved with) and its last report."""

    def __init__(self) -> None:
        self._exclusions: dict[str | None, dict[str, str]] = {}
        self._last: tuple[tuple, PayGapReport] | None = None

    def exclusions(self, source: Source) -> dict[str, str]:
        """The exclusions of a source, ID → reason: the workspace's when saved with it, else this session's
        (first copied from the workspace's)."""
        kept = {str(k): str(v) for k, v in _kept(source).get("exclusions", {}).items()}
        if source.saved:
            return kept
        return self._exclusions.setdefault(source.key, kept)

    def where_kept(self, source: Source) -> str:
        """A sentence saying where exclusions and settings are kept."""
        if source.saved:
            return "Exclusions and settings are kept in the workspace."
        if source.workspace is not None:
            return "You can view this workspace but not change it: exclusions are kept for this session only."
        return "Exclusions are kept for this session; save the import as a workspace on Your data to keep data."

    def exclude(
        self, source: Source, store: Store, who: Identity, person: str, reason: str, values: Mapping[str, object]
    ) -> str | None:
        """Exclude a person from the raises with the reason written; what is missing, in words, or None."""
        person, reason = str(person or "").strip(), " ".join(str(reason or "").split())
        if not person:
            return "Write the employee ID of the person to exclude."
        if not reason:
            return f"Write the reason for excluding {person}: it is kept with the report."
        return self._keep(source, store, who, {**self.exclusions(source), person: reason}, values)

    def include(
        self, source: Source, store: Store, who: Identity, person: str, values: Mapping[str, object]
    ) -> str | None:
        """Take a person's exclusion back; a message when it cannot be saved, else None."""
        left = {k: v for k, v in self.exclusions(source).items() if k != person}
        return self._keep(source, store, who, left, values)

    def save_settings(self, source: Source, store: Store, who: Identity, values: Mapping[str, object]) -> str | None:
        """Keep the settings (and the exclusions) in the workspace; a message when they cannot be."""
        return self._keep(source, store, who, self.exclusions(source), values)

    def _keep(
        self,
        source: Source,
        store: Store,
        who: Identity,
        exclusions: dict[str, str],
        values: Mapping[str, object],
    ) -> str | None:
        if not source.saved:
            self._exclusions[source.key] = exclusions
            return None
        settings = {name: values[name] for name in SETTING_DEFAULTS}
        if isinstance(settings["reference_date"], dt.date):
            settings["reference_date"] = settings["reference_date"].isoformat()
        try:
            info = store.info(who, source.workspace.id)  # the latest settings, so nothing else is lost
            kept = {"settings": settings, "exclusions": exclusions}
            store.save_into(who, info.id, settings={**info.settings, SETTINGS_KEY: kept})
        except ImportProblem as problem:
            return problem.message
        return None

    def report(self, source: Source, settings: Settings, exclusions: Mapping[str, str]) -> PayGapReport:
        """The report of a source under these settings and exclusions, computed again only when one changes."""
        key = (source.key, source.version, settings, tuple(sorted(exclusions.items())))
        if self._last is None or self._last[0] != key:
            report = build_report(source.shown.con, settings, exclusions, source.name, source.date)
            self._last = (key, report)
        return self._last[1]
