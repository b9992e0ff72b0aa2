"""The one Streamlit-aware module: what every page shares, and one way for each shared job.

- Data: `connection()` (this session's pinned warehouse build), `load(query, ...)` (a query's result,
  cached per arguments and build) and `figure(builder, ...)` (a chart, cached per inputs, build and
  money view).
- State: `PageState(page, defaults, read)` declares a page's values and how a link is read
  (analytics.urlstate's parsers). Values are seeded from the URL once per session, kept across page
  switches, bound to widgets keyed `<page>_<name>`, and written back to the URL. `open_page(page,
  **values)` goes to another page showing those values.
- The shared sidebar (filters, money view), one picker per kind of choice (occupation, area).
- Tables and downloads: `table(frame, described, key)` shows a frame as its analytics.columns.Table
  describes it, and `download(frame, described, name, key)` offers the same rows as CSV, Excel and a
  data dictionary (analytics.export), so the screen and the files share headers, units and rounding.
"""

from __future__ import annotations

import hashlib
import json
import logging
import pickle
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import duckdb
import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from analytics.access import REFUSAL, Mode, host_allowed, is_loopback, mode
from analytics.columns import COUNT, DATE, LINK, MONEY, NUMBER, PERCENT, YEAR, Column, Table
from analytics.db import USER_MESSAGE, WarehouseError, check_warehouse, current_warehouse, open_warehouse
from analytics.export import XLSX_MIME, dictionary_csv, table_csv, table_xlsx, to_parquet
from analytics.format import md
from analytics.levels.queries import companies, level_names
from analytics.market.queries import areas, occupations
from analytics.market.tables import area_labels, occupation_labels, occupation_order
from analytics.realterms.adjust import REPORTED, TODAY
from analytics.realterms.adjust import mode_labels as cpi_mode_labels
from analytics.realterms.currency import supported_currencies
from analytics.realterms.view import MoneyView
from analytics.roles.queries import role_names, roles_with_pay
from analytics.sources.queries import sources
from analytics.urlstate import Parsed, parse_choice, parse_choices, to_params
from analytics.yourdata.read import ImportProblem
from analytics.yourdata.store import LOCAL, Identity, Store, open_store

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


def pinned_build() -> str:
    """The file of this session's warehouse build (pinned on first use): the cache key of anything computed
    from it."""
    connection()  # pins this session's build, or says how to build one and stops
    return st.session_state["_warehouse"]


def load(fn: Callable, *args, **kwargs):
    """Run a query function on this session's build, cached per function, arguments and build."""
    frozen = tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in sorted(kwargs.items()))
    args = tuple(tuple(a) if isinstance(a, list) else a for a in args)
    name = f"{fn.__module__}.{fn.__qualname__}"  # the cache key; the function itself is unhashable
    warehouse = pinned_build()
    try:
        return _load(fn, name, warehouse, args, frozen)
    except (duckdb.Error, WarehouseError) as e:
        try:
            check_warehouse(Path(warehouse))
        except WarehouseError as damaged:  # damaged since it was opened: the same message as any other
            _unavailable(damaged)
        raise e  # the warehouse is fine: a query bug, logged by Streamlit, shown without details


@st.cache_resource(show_spinner=False, max_entries=256)
def _figure(
    _builder: Callable, name: str, build: str, money: tuple, key: str, _inputs: tuple, options: tuple
) -> go.Figure:
    return _builder(*_inputs, **dict(options))


def _digest(inputs: tuple) -> str:
    """The cache key of a figure's inputs: a hash of their pickle (0.4 ms for a small frame; Streamlit's own
    hashing of the same frame, column by column, took 5-6 ms, for every chart on every rerun). Equal inputs
    that pickle differently only miss the cache; different inputs never share a key."""
    return hashlib.blake2b(pickle.dumps(inputs, protocol=5), digest_size=16).hexdigest()


def figure(builder: Callable[..., go.Figure], *inputs, **options) -> go.Figure:
    """`builder(*inputs, **options)`, built once per builder, inputs, warehouse build and money view.

    Building Plotly figures was most of a rerun. The figure is shared by every session with the same
    key (st.plotly_chart copies a figure and never changes it), so a builder's inputs must decide it.
    """
    money = st.session_state.get("_state", {}).get("money", {})
    return _figure(
        builder,
        f"{builder.__module__}.{builder.__qualname__}",  # the key; the function itself is not hashed
        pinned_build(),
        (money.get("money"), money.get("currency")),
        _digest(inputs),
        inputs,
        tuple(sorted(options.items())),
    )


class PageState:
    """A page's values: seeded from the URL once, kept across pages, bound to widgets, written to the URL.

    `defaults` are the values a link can carry; `params` names the URL parameter of a value where it
    differs from the value's name. A multi-step flow also keeps values that never go in a link
    (`session`, with their defaults), groups of values seeded again when what they derive from changes
    (`seed`), and objects made once per session, such as a connection (`keep`).
    """

    def __init__(
        self,
        page: str,
        defaults: Mapping[str, object],
        read: Callable[[Mapping, Parsed], None] | None = None,
        params: Mapping[str, str] | None = None,
        session: Mapping[str, object] | None = None,
    ):
        self.page, self.defaults, self.params = page, dict(defaults), dict(params or {})
        self.session = dict(session or {})
        self.values: dict[str, object] = st.session_state.setdefault("_state", {}).setdefault(page, {})
        if read is not None and not self.values.get("_url_read"):
            self.values["_url_read"] = True
            self._read_url(read)
        for name, value in {**self.session, **self.defaults}.items():
            self.values.setdefault(name, value)

    def _read_url(self, read: Callable[[Mapping, Parsed], None]) -> None:
        parsed = Parsed()
        read({k: st.query_params.get_all(k) for k in st.query_params.keys()}, parsed)
        names = {param: name for name, param in self.params.items()}
        for param, value in parsed.values.items():
            self.values[names.get(param, param)] = value
        for notice in parsed.notices:
            st.info(notice, icon=":material/link:")

    def __getitem__(self, name: str):
        return self.values[name]

    def __setitem__(self, name: str, value: object) -> None:
        self.values[name] = value

    def update(self, **values: object) -> None:
        """Set several values at once."""
        self.values.update(values)

    def seed(self, group: str, values: Mapping[str, object], since: object) -> None:
        """Set a group of values now, and again whenever `since` differs from the last call's; the user's
        changes are kept in between (column choices guessed from a file, seeded again for the next file)."""
        marker = f"_seeded_{group}"
        if marker not in self.values or self.values[marker] != since:
            self.values.update(values)
            self.values[marker] = since

    def keep(self, name: str, make: Callable[[], object]):
        """An object made by `make()` on first use and kept for the session (never in a link)."""
        if name not in self.values:
            self.values[name] = make()
        return self.values[name]

    def key(self, name: str) -> str:
        """The widget key of a value: `<page>_<name>`."""
        return f"{self.page}_{name}"

    def widget(self, widget: Callable, label: str, name: str, on_change: Callable[[], None] | None = None, **kwargs):
        """Show `widget` bound to the value `name` (seeded from it, copied back on change); return its value.
        Streamlit forgets a widget's state while a page does not show it, so the value lives in the page state."""
        key = self.key(name)
        st.session_state[key] = self.values[name]

        def copy() -> None:
            self.values[name] = st.session_state[key]
            if on_change:
                on_change()

        return widget(label, key=key, on_change=copy, **kwargs)

    def tab(self, name: str, labels: Mapping[str, str]):
        """Tabs bound to the value `name` (one of `labels`' keys, each shown as its label); returns the open tab
        to draw into. Only the open tab is drawn: opening another reruns the page, so a change elsewhere
        recomputes and re-sends one tab's charts, not every tab's."""
        key, codes = self.key(name), {label: code for code, label in labels.items()}
        st.session_state[key] = labels[self.values[name]]
        tabs = st.tabs(
            list(labels.values()), key=key, on_change=lambda: self.update(**{name: codes[st.session_state[key]]})
        )
        return tabs[list(labels).index(self.values[name])]

    def sync_url(self, names: Iterable[str] | None = None) -> None:
        """Write the values (all the defaults' names, or those given; never the session's) to the URL."""
        names = list(self.defaults if names is None else names)
        sync_url(
            {self.params.get(n, n): self.values[n] for n in names},
            {self.params.get(n, n): self.defaults[n] for n in names},
        )


def open_page(page: str, scroll_to: str | None = None, **values: object) -> None:
    """Go to pages/<page>.py showing these values of its page state (named as the file), also in the link;
    with `scroll_to`, scrolled to the heading of that anchor (see `scroll_on_arrival`)."""
    st.session_state.setdefault("_state", {}).setdefault(page, {}).update(values)
    if scroll_to:
        st.session_state["_scroll_to"] = scroll_to
    st.switch_page(f"pages/{page}.py", query_params=to_params(values, {}))


# Streamlit has no scroll API and st.switch_page keeps no URL fragment: a script scrolls the heading into view,
# again while the charts above it draw and push it down, until the reader scrolls or after five seconds.
_SCROLL_SCRIPT = """<script>
(() => {
  const id = %s, started = Date.now();
  let stopped = false;
  const stop = () => { stopped = true; };
  ["wheel", "touchstart", "keydown", "mousedown"].forEach((e) => window.addEventListener(e, stop, { once: true }));
  const step = () => {
    const target = document.getElementById(id);
    if (target) target.scrollIntoView({ block: "start" });
    if (!stopped && Date.now() - started < 5000) setTimeout(step, 200);
  };
  step();
})();
</script>"""


@contextmanager
def scroll_on_arrival() -> Iterator[None]:
    """Around the router's page run: after a page opened by `open_page(..., scroll_to=anchor)` has drawn,
    scroll to the heading with that anchor, once (a page that stops early does not keep it for later)."""
    anchor = st.session_state.pop("_scroll_to", None)
    yield
    if anchor:
        st.html(_SCROLL_SCRIPT % json.dumps(anchor), unsafe_allow_javascript=True)


def sync_url(values: Mapping[str, object], defaults: Mapping[str, object]) -> None:
    """Write the view's state to the URL (only what differs from the defaults)."""
    wanted = to_params(values, defaults)
    for key in list(st.query_params.keys()):
        if key in defaults and key not in wanted:
            del st.query_params[key]
    for key, value in wanted.items():
        if st.query_params.get_all(key) != (value if isinstance(value, list) else [value]):
            st.query_params[key] = value


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
        return list(ladder[min(i, j) : max(i, j) + 1])


def shared_filters(show: Sequence[str] = ("roles", "companies", "levels")) -> Filters:
    """Sidebar filters shared by every page (state `filters`), seeded from the URL and kept across pages."""
    roles, firms, ladder = load(role_names), load(companies), load(level_names)
    defaults = {"roles": load(roles_with_pay), "companies": firms, "level_from": ladder[0], "level_to": ladder[-1]}

    def read(params: Mapping, parsed: Parsed) -> None:
        parse_choices(params, "roles", roles, defaults["roles"], parsed, "role")
        parse_choices(params, "companies", firms, defaults["companies"], parsed, "company")
        parse_choice(params, "level_from", ladder, defaults["level_from"], parsed, "level")
        parse_choice(params, "level_to", ladder, defaults["level_to"], parsed, "level")

    state = PageState("filters", defaults, read)
    with st.sidebar:
        st.subheader("Filters")
        if "roles" in show:
            state.widget(st.multiselect, "Roles", "roles", options=roles)
        if "companies" in show:
            state.widget(
                st.multiselect, "Companies", "companies", options=firms, help="Market-wide figures name no company."
            )
        if "levels" in show:
            key = state.key("levels")
            st.select_slider(
                "Levels",
                options=list(ladder),
                key=key,
                value=(state["level_from"], state["level_to"]),
                on_change=lambda: state.update(
                    **dict(zip(("level_from", "level_to"), st.session_state[key], strict=True))
                ),
                help="Company levels; figures that name no level are always shown.",
            )
    state.sync_url()
    return Filters(*(state[k] for k in defaults))


def money_view() -> MoneyView:
    """The sidebar's money switch (as reported or today's dollars) and currency, shared by every page."""
    labels = load(cpi_mode_labels)
    currencies = ["USD", *(c for c in supported_currencies()["currency"] if c != "USD")]

    def read(params: Mapping, parsed: Parsed) -> None:
        parse_choice(params, "money", list(labels), REPORTED, parsed, "money view")
        parse_choice(params, "currency", currencies, "USD", parsed, "currency")

    state = PageState("money", {"money": REPORTED, "currency": "USD"}, read)
    with st.sidebar:
        st.subheader("Money")
        mode = state.widget(
            st.radio,
            "Amounts",
            "money",
            options=list(labels),
            format_func=labels.get,
            help="Today's dollars restate a figure of a known year by the US CPI-U; the "
            "reported amount stays in the tables and downloads.",
        )
        currency = state.widget(
            st.selectbox,
            "Also show in",
            "currency",
            options=currencies,
            format_func=lambda c: "US dollars only" if c == "USD" else c,
            help="ECB euro reference rates; tables and downloads add a column in this "
            "currency, with the rate and its date.",
        )
    state.sync_url()
    return MoneyView(mode, currency, labels[TODAY].removeprefix("In ").removeprefix("in "))


@st.cache_data(show_spinner=False, max_entries=4)
def _picker_labels(warehouse: str) -> tuple[dict[str, str], dict[str, str]]:
    """The occupation picker's labels (mapped occupations first) and the area picker's, made once per build:
    made from the frames on every run they took about 20 ms of each Market rerun."""
    con = _connection(warehouse)
    occ = occupations(con)
    labels = occupation_labels(occ)
    return {code: labels[code] for code in occupation_order(occ)}, area_labels(areas(con))


def occupation_codes() -> list[str]:
    """Every BLS occupation code, those PayLadder maps its roles to first: the options of the picker."""
    return list(_picker_labels(pinned_build())[0])


def occupation_label(code: str) -> str:
    """An occupation as the picker shows it: 'Marketing Managers (11-2021)'."""
    return _picker_labels(pinned_build())[0][code]


def occupation_picker(
    state: PageState, name: str = "occupation", where=st, label: str = "Occupation", none: str | None = None, **kwargs
) -> str:
    """The one occupation picker: a searchable list of BLS occupations bound to `state[name]`; with `none`, a
    first choice "" that picks none, labelled so."""
    labels = _picker_labels(pinned_build())[0]
    return state.widget(
        where.selectbox,
        label,
        name,
        options=([""] if none else []) + list(labels),
        format_func={"": none, **labels}.get,
        **{
            "help": "BLS's Standard Occupational Classification. The occupations PayLadder maps its roles to "
            "come first; type a title or code to search them all.",
            **kwargs,
        },
    )


def area_codes() -> list[str]:
    """Every BLS area code (the nation, states, metropolitan and nonmetropolitan areas): the picker's options."""
    return list(_picker_labels(pinned_build())[1])


def area_label(code: str) -> str:
    """An area as the picker shows it: 'Seattle-Tacoma-Bellevue, WA (metropolitan area)'."""
    return _picker_labels(pinned_build())[1][code]


def area_picker(
    state: PageState, name: str = "area", label: str = "Area", where=st, none: str | None = None, **kwargs
) -> str:
    """The one area picker: the nation, a state or a metropolitan area, bound to `state[name]`; with `none`, a
    first choice "" that picks none, labelled so."""
    labels = _picker_labels(pinned_build())[1]
    return state.widget(
        where.selectbox,
        label,
        name,
        options=([""] if none else []) + list(labels),
        format_func={"": none, **labels}.get,
        **{"help": "The nation, a state or territory, or a metropolitan or nonmetropolitan area.", **kwargs},
    )


DOMAIN = r"https?://(?:www\.)?([^/]+)"
"""A link in a table shows as its site's name."""


def _column_config(column: Column, text: bool) -> dict:
    """Streamlit's settings of one described column: its header with unit, its meaning as help, its format.

    Money and counts show with thousands separators; their values are rounded half up before (Streamlit's
    `step` truncates: 134,759.80 would read 134,759)."""
    common = {"label": column.label, "help": column.meaning or None, "width": column.width}
    if column.pinned:
        common["pinned"] = True
    places = column.places
    if text:
        return st.column_config.TextColumn(**common)
    if column.kind in (MONEY, COUNT):
        return st.column_config.NumberColumn(**common, format="localized", step=10.0**-places if places else 1)
    if column.kind == PERCENT:
        return st.column_config.NumberColumn(**common, format=f"%.{places}f%%")
    if column.kind == NUMBER:
        return st.column_config.NumberColumn(**common, format=f"%.{places}f")
    if column.kind == YEAR:
        return st.column_config.NumberColumn(**common, format="%d")
    if column.kind == DATE:
        return st.column_config.DateColumn(**common, format="YYYY-MM-DD")
    if column.kind == LINK:
        return st.column_config.LinkColumn(**common, display_text=DOMAIN)
    return st.column_config.TextColumn(**common)


def table(frame: pd.DataFrame, described: Table, key: str, **kwargs) -> None:
    """The frame as a full-width table of its described on-screen columns: headers with units, numbers rounded
    as the downloads write them (`download` with the same key offers its files). kwargs go to st.dataframe."""
    shown = described.screen(frame)
    columns = [c for c in described.present(frame) if c.screen]
    with st.container(key=key):  # .st-key-<key>: the table whose files are .st-key-<key>_csv and _xlsx
        st.dataframe(
            frame.assign(**{c.name: shown[c.name] for c in columns}),  # the other columns stay, hidden
            hide_index=True,
            width="stretch",
            column_order=[c.name for c in columns],
            column_config={c.name: _column_config(c, shown[c.name].dtype == object) for c in columns},
            **kwargs,
        )


def download(
    frame: pd.DataFrame,
    described: Table,
    name: str,
    key: str,
    label: str = "Download this table",
    audit: Callable[[str], None] | None = None,
) -> None:
    """Buttons for exactly these rows as the page shows them: CSV, Excel (.xlsx, with Sources and Dictionary
    sheets) and the data dictionary (`<name>-data-dictionary.csv`); each file is made only when clicked, and
    `audit(file name)` is called then (a workspace's trail records the download).
    Keys `<key>_csv`, `<key>_xlsx` and `<key>_dictionary`: a table shown with ui.table(key=key) has these."""
    catalogue = load(sources)  # for the Sources sheet; loaded now, since the files are made outside this run
    with st.container(horizontal=True, key=f"{key}_downloads"):
        _button(
            f"{label} (CSV)",
            lambda: table_csv(frame, described),
            f"{name}.csv",
            "text/csv",
            f"{key}_csv",
            frame,
            audit=audit,
        )
        _button(
            "Excel",
            lambda: table_xlsx(frame, described, catalogue),
            f"{name}.xlsx",
            XLSX_MIME,
            f"{key}_xlsx",
            frame,
            "The same rows as an Excel workbook: typed cells, a Sources sheet and a Dictionary sheet",
            audit,
        )
        _button(
            "Data dictionary",
            lambda: dictionary_csv(frame, described),
            f"{name}-data-dictionary.csv",
            "text/csv",
            f"{key}_dictionary",
            frame,
            "What each column of the download means, its unit and where it comes from (CSV)",
            audit,
        )


def _button(label, make, filename, mime, key, frame=None, help=None, audit=None) -> None:
    """A download button whose file `make()` builds only when clicked (`audit(filename)` is called then);
    disabled when `frame` is given and empty."""

    def data() -> bytes:
        if audit is not None:
            audit(filename)
        return make()

    st.download_button(
        label,
        data=data,
        file_name=filename,
        mime=mime,
        key=key,
        disabled=frame is not None and frame.empty,
        icon=":material/download:",
        on_click="ignore",
        help=help,
    )


def download_parquet(
    df: pd.DataFrame,
    filename: str,
    key: str,
    label: str = "Download for a notebook or database (Parquet)",
    help: str | None = "Raw values and the data's own column names (amount_usd, source_id), typed: for loading "
    "into pandas, R, DuckDB or a database. For a spreadsheet, use the CSV or Excel download.",
) -> None:
    """A download button for exactly the rows given, raw and typed, as Parquet built only when clicked."""
    _button(label, lambda: to_parquet(df), filename, "application/vnd.apache.parquet", key, df, help)


def download_file(
    make: Callable[[], bytes],
    filename: str,
    key: str,
    label: str,
    mime: str,
    audit: Callable[[str], None] | None = None,
) -> None:
    """A download button for a file (a workbook, a report) built by `make()` only when clicked
    (`audit(filename)` is called then)."""
    _button(label, make, filename, mime, key, audit=audit)


def workspace_store() -> Store:
    """This server's workspace store; if it cannot be opened, the reason, and the page stops."""
    try:
        return open_store()
    except ImportProblem as problem:
        st.error(md(problem.message), icon=":material/error:")
        st.stop()


def empty_message(what: str) -> None:
    """Say plainly why there is nothing to show and what to do."""
    st.info(f"No {what} for this selection. Widen the filters in the sidebar.", icon="🔎")


def access_mode() -> Mode:
    """This server's mode: team when the secrets have an [auth] section (Streamlit's st.login), else local
    (or open, with PAYLADDER_ALLOW_OPEN=1)."""
    return mode(bool(st.secrets.load_if_toml_exists() and st.secrets.get("auth")))


def gate() -> None:
    """Every page's first step, in the router: say in the sidebar how PayLadder is reached, and show
    nothing to a request the mode does not allow."""
    current = access_mode()
    with st.sidebar:
        st.caption(current.statement())
        if current.signs_in and st.user.is_logged_in:
            st.caption(f"Signed in as {md(st.user.get('email') or st.user.get('name') or 'you')}.")
            st.button("Sign out", key="access_sign_out", on_click=st.logout, icon=":material/logout:")
    if current.name == "local" and not is_loopback(st.get_option("server.address")):
        st.error(REFUSAL.format(address=st.get_option("server.address") or "every network interface"))
        st.stop()
    if current.name == "local" and not host_allowed(st.context.headers.get("Host")):
        st.error(
            "This PayLadder runs in local mode and answers only pages opened as localhost, 127.0.0.1 or [::1]; "
            "this page was opened under another name, so it shows nothing.",
            icon=":material/block:",
        )
        st.stop()
    if current.signs_in and not current.public_reference and not st.user.is_logged_in:
        sign_in("Sign in to use PayLadder.")


def sign_in(why: str) -> NoReturn:
    """Ask the visitor to sign in with the organisation's identity provider, and stop the page."""
    st.info(why, icon=":material/login:")
    st.button("Sign in", key="access_sign_in", type="primary", on_click=st.login, icon=":material/login:")
    st.stop()


def identity() -> Identity:
    """Who is using the page, for the workspace store: the signed-in user in team mode (asking them to sign
    in, and stopping, when they have not), else the one local owner."""
    if not access_mode().signs_in:
        return LOCAL
    if not st.user.is_logged_in:
        sign_in("Sign in to use your own data: your workspaces are yours unless you share them.")
    return Identity.signed_in(st.user.get("email"), st.user.get("sub"), st.user.get("name"))
