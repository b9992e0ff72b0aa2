"""Shareable view state: the URL's query parameters to filter values and back.

Pure functions, so links can be tested without Streamlit. An unknown or malformed parameter
never raises: it is dropped, the default is used, and a short notice says what was ignored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field


@dataclass
class Parsed:
    """Values read from a URL, with notices for what was ignored."""

    values: dict[str, object] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)


def parse_choices(
    params: Mapping[str, Sequence[str]],
    name: str,
    options: Sequence[str],
    default: Sequence[str],
    parsed: Parsed,
    label: str | None = None,
) -> None:
    """Read a multi-value parameter (repeated or comma-separated) restricted to options."""
    raw = [part.strip() for value in params.get(name, []) for part in str(value).split(",")]
    raw = [r for r in raw if r]
    if not raw:
        parsed.values[name] = list(default)
        return
    known = [r for r in raw if r in options]
    unknown = [r for r in raw if r not in options]
    if unknown:
        parsed.notices.append(f"Ignored unknown {label or name} in the link: {_shown(unknown)}.")
    parsed.values[name] = list(dict.fromkeys(known)) or list(default)


def parse_choice(
    params: Mapping[str, Sequence[str]],
    name: str,
    options: Sequence[str],
    default: str,
    parsed: Parsed,
    label: str | None = None,
) -> None:
    """Read a single-value parameter restricted to options."""
    values = [str(v) for v in params.get(name, [])]
    if not values:
        parsed.values[name] = default
    elif values[-1] in options:
        parsed.values[name] = values[-1]
    else:
        parsed.notices.append(f"Ignored unknown {label or name} in the link: {_shown(values[-1:])}.")
        parsed.values[name] = default


def parse_number(
    params: Mapping[str, Sequence[str]],
    name: str,
    default: float | None,
    parsed: Parsed,
    *,
    low: float = 0,
    high: float = 1e9,
    label: str | None = None,
) -> None:
    """Read a number parameter within [low, high]."""
    values = [str(v) for v in params.get(name, [])]
    if not values:
        parsed.values[name] = default
        return
    try:
        number = float(values[-1].replace(",", ""))
        if not low <= number <= high:
            raise ValueError
    except ValueError:
        parsed.notices.append(
            f"Ignored {label or name} in the link: {_shown(values[-1:])} is not a number "
            f"from {low:,.0f} to {high:,.0f}."
        )
        number = default
    parsed.values[name] = number


def to_params(values: Mapping[str, object], defaults: Mapping[str, object]) -> dict[str, str | list[str]]:
    """Query parameters for the values that differ from their defaults, so links stay short."""
    out: dict[str, str | list[str]] = {}
    for name, value in values.items():
        if value == defaults.get(name) or value is None:
            continue
        if isinstance(value, list | tuple):
            out[name] = [str(v) for v in value]
        elif isinstance(value, float) and value.is_integer():
            out[name] = str(int(value))
        else:
            out[name] = str(value)
    return out


def _shown(values: Sequence[str]) -> str:
    """Quote values for a notice, cut short so a hostile link cannot flood the page."""
    return ", ".join(repr(v[:40] + ("…" if len(v) > 40 else "")) for v in values[:5]) + (
        f" and {len(values) - 5} more" if len(values) > 5 else ""
    )
