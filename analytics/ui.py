"""The one Streamlit-aware module: cached connection and queries, shared filters, URL state, downloads.

Pages call these helpers so that every page filters, links and downloads the same way. The
shared filters (roles, companies, level range) live in the sidebar; their values are kept in
session state under `shared_*` keys, so they carry from page to page, and written to the URL,
so a copied link opens the same view.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import duckdb
import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from analytics import queries
from analytics.db import USER_MESSAGE, WarehouseError, check_warehouse, current_warehouse, open_warehouse
from analytics.export import to_csv
from analytics.state import Parsed, parse_choice, parse_choices, to_params

# When a fresh server's first request is a page's own URL, Streamlit (1.67) runs that file in its
# old pages/-folder mode, bypassing dashboard.py's st.navigation. Every page imports this module, so
# leave that mode here and rerun: the page hash is the same in both modes, so the user stays on it.
if PagesManager.uses_pages_directory:
    PagesManager.uses_pages_directory = False
    st.rerun()

log = logging.getLogger("payladder")


@st.cache_resource(show_spinner=False, max_entries=4)
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    return open_warehouse(Path(path))[0]


def _unavailable(error: Exception) -> NoReturn:
    """Log why the warehouse cannot be read; show the user one plain message with the fix, and stop."""
    log.error("warehouse unavailable: %s", error)
    st.error(USER_MESSAGE, icon=":material/error:")
    st.stop()


def connection() -> duckdb.DuckDBPyConnection:
    """This session's read-only warehouse connection: the build that was current when the session began.

    A rebuild swaps the pointer, so new sessions open the new build while open ones keep theirs
    (its file stays readable while open), and no session sees a mix of two builds.
    """
    pinned = st.session_state.get("_warehouse")
    if pinned:
        try:
            return _connection(pinned)
        except WarehouseError:
            pass  # that build was replaced and its connection dropped from the cache: move to the current one
    try:
        path = str(current_warehouse())
        con = _connection(path)
    except WarehouseError as e:
        st.session_state.pop("_warehouse", None)
        _unavailable(e)
    st.session_state["_warehouse"] = path
    return con


@st.cache_data(show_spinner=False, max_entries=512)
def _load(_fn: Callable, name: str, warehouse: str, args: tuple, kwargs: tuple) -> pd.DataFrame | list:
    return _fn(_connection(warehouse), *args, **dict(kwargs))


def load(fn: Callable, *args, **kwargs):
    """Run a query function on this session's build, cached per function, arguments and build."""
    frozen = tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in sorted(kwargs.items()))
    args = tuple(tuple(a) if isinstance(a, list) else a for a in args)
    name = f"{fn.__module__}.{fn.__qualname__}"  # the cache key; the function itself is unhashable
    connection()  # pins this session's build, or says how to build one and stops
    warehouse = st.session_state["_warehouse"]
    try:
        return _load(fn, name, warehouse, args, frozen)
    except (duckdb.Error, WarehouseError) as e:
        try:
            check_warehouse(Path(warehouse))
        except WarehouseError as damaged:  # damaged since it was opened: the same message as any other
            _unavailable(damaged)
        raise e  # the warehouse is fine: a query bug, logged by Streamlit, shown without details


@dataclass(frozen=True)
class Filters:
    """The shared sidebar filters."""

    roles: list[str]
    companies: list[str]
    level_from: str
    level_to: str

    def levels(self, ladder: Sequence[str]) -> list[str]:
        """The level labels from level_from to level_to in ladder order."""
        i, j = ladder.index(self.level_from), ladder.index(self.level_to)
        return list(ladder[min(i, j): max(i, j) + 1])


def _read_url_once(name: str, read: Callable[[Mapping, Parsed], None]) -> None:
    """Seed session state from the URL the first time these parameters are read; say what was ignored."""
    if st.session_state.get(f"_url_read_{name}"):
        return
    st.session_state[f"_url_read_{name}"] = True
    params = {k: st.query_params.get_all(k) for k in st.query_params.keys()}
    parsed = Parsed()
    read(params, parsed)
    for key, value in parsed.values.items():
        st.session_state[f"shared_{key}"] = value
    for notice in parsed.notices:
        st.info(notice, icon=":material/link:")


def shared_filters(show: Sequence[str] = ("roles", "companies", "levels")) -> Filters:
    """Sidebar filters shared by every page, seeded from the URL and kept in session state."""
    roles, companies, ladder = load(queries.role_names), load(queries.companies), load(queries.level_names)
    defaults = {"roles": load(queries.roles_with_pay), "companies": companies,
                "level_from": ladder[0], "level_to": ladder[-1]}

    def read(params: Mapping, parsed: Parsed) -> None:
        parse_choices(params, "roles", roles, defaults["roles"], parsed, "role")
        parse_choices(params, "companies", companies, defaults["companies"], parsed, "company")
        parse_choice(params, "level_from", ladder, defaults["level_from"], parsed, "level")
        parse_choice(params, "level_to", ladder, defaults["level_to"], parsed, "level")

    _read_url_once("shared", read)
    for key, value in defaults.items():
        st.session_state.setdefault(f"shared_{key}", value)
    with st.sidebar:
        st.subheader("Filters")
        if "roles" in show:
            _persistent(st.multiselect, "Roles", "roles", options=roles)
        if "companies" in show:
            _persistent(st.multiselect, "Companies", "companies", options=companies,
                        help="Market-wide figures name no company.")
        if "levels" in show:
            _persistent_range("Levels", ladder)
    filters = Filters(*(st.session_state[f"shared_{k}"] for k in ("roles", "companies", "level_from", "level_to")))
    sync_url({k: st.session_state[f"shared_{k}"] for k in defaults}, defaults)
    return filters


def _persistent(widget: Callable, label: str, name: str, **kwargs) -> None:
    """A widget whose value survives page switches (widget keys are dropped when unrendered)."""
    key = f"widget_{name}"
    st.session_state[key] = st.session_state[f"shared_{name}"]
    widget(label, key=key, on_change=_copy, args=(key, f"shared_{name}"), **kwargs)


def _persistent_range(label: str, ladder: Sequence[str]) -> None:
    key = "widget_levels"
    st.select_slider(label, options=list(ladder), key=key, on_change=_copy_range, args=(key,),
                     value=(st.session_state["shared_level_from"], st.session_state["shared_level_to"]),
                     help="Company levels; figures that name no level are always shown.")


def _copy(src: str, dst: str) -> None:
    st.session_state[dst] = st.session_state[src]


def _copy_range(src: str) -> None:
    st.session_state["shared_level_from"], st.session_state["shared_level_to"] = st.session_state[src]


def page_state(name: str, read: Callable[[Mapping, Parsed], None]) -> None:
    """Seed a page's own `shared_*` state from the URL once; the page reads st.session_state."""
    _read_url_once(name, read)


def sync_url(values: Mapping[str, object], defaults: Mapping[str, object]) -> None:
    """Write the view's state to the URL (only what differs from the defaults)."""
    wanted = to_params(values, defaults)
    for key in list(st.query_params.keys()):
        if key in defaults and key not in wanted:
            del st.query_params[key]
    for key, value in wanted.items():
        if st.query_params.get_all(key) != (value if isinstance(value, list) else [value]):
            st.query_params[key] = value


def download_csv(df: pd.DataFrame, filename: str, key: str, label: str = "Download this comparison (CSV)") -> None:
    """A download button for exactly the rows shown, as spreadsheet-safe CSV."""
    st.download_button(label, data=to_csv(df), file_name=filename, mime="text/csv", key=key,
                       disabled=df.empty, icon=":material/download:")


def money_column(label: str) -> st.column_config.NumberColumn:
    """A table column of whole US dollars with thousands separators."""
    return st.column_config.NumberColumn(f"{label} (USD)", format="localized", step=1)


def percent_column(label: str, help: str | None = None) -> st.column_config.NumberColumn:
    """A column of fractions shown as percentages (the page multiplies them by 100 for display)."""
    return st.column_config.NumberColumn(label, help=help, format="%.1f%%")


def empty_message(what: str) -> None:
    """Say plainly why there is nothing to show and what to do."""
    st.info(f"No {what} for this selection. Widen the filters in the sidebar.", icon="🔎")
