"""Browser benchmark: first chart, response and settle per page, where the time goes, and server memory.

`python -m bench.browser` serves the dashboard of --root (default: this checkout), the floor
(bench/floor_app.py: one selectbox, one Plotly chart) and the Sankey alone (bench/sankey_app.py: the
Career paths diagram toggled by a selectbox) on free loopback ports, and drives them with Playwright
and Debian's Chromium, the floor and every page in turn in each round so drift on the machine hits
them alike. Per page:

- start: process start to first chart drawn (a new server each time);
- fresh / returning: a new browser context on a running server to first chart, then the same
  context again (cache warm);
- response and settle of a widget change (alternating two values): the input event to the server's
  last websocket frame for it, and to the last DOM change inside a chart (bench/browser_probe.py);
- the split of a few traced changes: server, transfer, and the main thread's time by kind, with
  each Plotly draw and animation (bench/browser_trace.py);
- peak RSS of the server's process tree with one session visiting every page, and with ten.

Medians with IQR, and ratios to the floor of the same run. A page that fails records its error and
the run goes on; every wait has a timeout. The load average is printed at the start and the end,
and bench/RESULTS.md is written only on a quiet machine (bench/quiet.py) unless --force.

Options (see --help): --pages "Overview,Market" (titles as in the sidebar), --starts, --repeats,
--changes, --traces (samples per page), --no-memory, --no-sankey, --out FILE, --force, --max-load,
--max-others, --wait-quiet SECONDS, --root DIR (another checkout, e.g. a "before" worktree).
With the defaults (every page, 3 starts, 5 rounds of loads, 12 changes, 3 traced changes) a run takes
about half an hour on two quiet cores: loads 12 min, starts 5, memory 5, changes 4, traces 2.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from bench.browser_pages import FLOOR, PAGES, SANKEY, Page, change_widget, read_widget, set_up
from bench.browser_probe import IDLE, PROBE, SETTLED, Rerun, Wire, mark_offset, trace_events
from bench.browser_server import Server
from bench.browser_trace import CATEGORIES, MARK, Split, summarise
from bench.quiet import MAX_LOAD, MAX_OTHERS, Quiet

HERE = Path(__file__).resolve().parent
CHROMIUM = os.environ.get("PAYLADDER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 900}
TIMEOUT_MS = 90_000  # a page load (a loaded machine can take tens of seconds)
SETTLE_MS = 30_000  # a widget change
QUIET_MS = 500  # no chart change for this long after an idle app: the change is over
GIVE_UP = 3  # errors after which a page is left out of the rest of a phase


@dataclass
class Change:
    """One measured widget change: ms after its input event."""

    rerun: Rerun
    settle: float | None  # None: no chart changed


@dataclass
class Figures:
    """Everything measured for one page (or reference app), in ms and MB, and what went wrong."""

    start: list[float] = field(default_factory=list)
    answer: list[float] = field(default_factory=list)
    fresh: list[float] = field(default_factory=list)
    returning: list[float] = field(default_factory=list)
    response: list[float] = field(default_factory=list)
    settle: list[float] = field(default_factory=list)
    missed: int = 0  # changes that did not settle within SETTLE_MS
    unchanged: int = 0  # changes after which no chart changed
    traced: list[tuple[Change, Split]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def record(self, change: Change | None) -> None:
        if change is None:
            self.missed += 1
            return
        if change.rerun.last is not None:
            self.response.append(change.rerun.last)
        if change.settle is None:
            self.unchanged += 1
        else:
            self.settle.append(change.settle)


def describe(exc: Exception) -> str:
    """An error in one line: its type, its first line and, from Playwright, what it was waiting for."""
    lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    waiting = next((line.removeprefix("- ") for line in lines[1:] if "waiting for" in line), "")
    return f"{type(exc).__name__}: {lines[0] if lines else ''}" + (f" ({waiting})" if waiting else "")


def attempt(fig: Figures, what: str, fn: Callable, *args):
    """fn(*args), or None with the error recorded against the page: one failure never ends the run."""
    try:
        return fn(*args)
    except Exception as exc:  # noqa: BLE001 (recorded in the results; the run goes on)
        message = f"{what}: {describe(exc)}"[:300]
        fig.errors.append(message)
        print(f"  error, {message}", file=sys.stderr)
        return None


def wait_drawn(page, selector: str, timeout: float = TIMEOUT_MS) -> None:
    page.wait_for_function("(sel) => window.__plDrawn(sel)", arg=selector, timeout=timeout)


def wait_idle(page, timeout: float = TIMEOUT_MS) -> None:
    page.wait_for_function(IDLE, timeout=timeout)


def new_context(browser):
    ctx = browser.new_context(viewport=VIEWPORT)
    ctx.add_init_script(PROBE + "\n//# sourceURL=payladder-bench-probe.js")
    ctx.set_default_timeout(TIMEOUT_MS)
    return ctx


def load_ms(page, url: str, spec: Page) -> float:
    """Navigate to the page and return the ms until its first chart is drawn."""
    start = time.perf_counter()
    page.goto(url + "/" + spec.path, timeout=TIMEOUT_MS)
    wait_drawn(page, spec.ready)
    return (time.perf_counter() - start) * 1000


def measure_start(browser, root: Path, script: Path, spec: Page, fig: Figures) -> None:
    """Process start to first chart: a new server and a fresh context."""
    with Server(root, script) as server:
        ctx = new_context(browser)
        try:
            page = ctx.new_page()
            page.goto(server.url + "/" + spec.path, timeout=TIMEOUT_MS)
            wait_drawn(page, spec.ready)
            fig.start.append((time.perf_counter() - server.started) * 1000)
            fig.answer.append(server.answered * 1000)
        finally:
            ctx.close()


def measure_loads(browser, url: str, spec: Page, fig: Figures) -> None:
    """A fresh context to first chart, then twice a returning visitor (same context, cache warm)."""
    ctx = new_context(browser)
    try:
        fig.fresh.append(load_ms(ctx.new_page(), url, spec))
        for _ in range(2):
            page = ctx.new_page()
            fig.returning.append(load_ms(page, url, spec))
            page.close()
    finally:
        ctx.close()


@dataclass
class Session:
    """A page opened for widget changes: its context, its websocket on the page's clock, its two values."""

    spec: Page
    ctx: object
    page: object
    wire: Wire
    values: tuple


def open_for_changes(browser, url: str, spec: Page) -> Session:
    """A page opened and idle (its setup clicked), with the two values its widget will alternate between."""
    ctx = new_context(browser)
    try:
        page = ctx.new_page()
        wire = Wire(ctx, page)
        load_ms(page, url, spec)
        wait_idle(page)
        set_up([page], spec)
        wire.calibrate(browser, page)
        return Session(spec, ctx, page, wire, read_widget(page, spec))
    except Exception:
        ctx.close()
        raise


def start_change(s: Session, i: int) -> None:
    """Change the widget once the app is quiet, the probe armed just before the committing action."""
    s.page.bring_to_front()
    wait_idle(s.page)
    s.wire.clear()
    change_widget(s.page, s.spec, s.values, i, lambda: s.page.evaluate("(sel) => window.__plWatch(sel)", s.spec.watch))


def read_change(s: Session) -> tuple[Change, dict]:
    """The settled change, and the probe's record of it (page-clock ms: input, last, charts' change times)."""
    st = s.page.evaluate("(sel) => window.__plRead(sel)", s.spec.watch)
    s.page.evaluate("window.__pl.obs && window.__pl.obs.disconnect()")
    settle = st["last"] - st["input"] if st["n"] and st["last"] > st["input"] else None
    return Change(s.wire.rerun(st["input"]), settle), st


def measure_change(s: Session, i: int, fig: Figures) -> None:
    """One widget change: its response and settle, or counted as missed when it does not settle."""
    start_change(s, i)
    try:
        s.page.wait_for_function(SETTLED, arg=QUIET_MS, timeout=SETTLE_MS, polling=50)
    except Exception:  # noqa: BLE001 (a change that never settles is counted, not fatal)
        fig.record(None)
        return
    fig.record(read_change(s)[0])


def measure_traced(browser, s: Session, i: int, fig: Figures) -> None:
    """One widget change inside a Chromium trace, summarised into where its time went."""
    browser.start_tracing(page=s.page, categories=CATEGORIES)
    try:
        marked = s.page.evaluate(f"performance.mark('{MARK}').startTime")
        start_change(s, i)
        s.page.wait_for_function(SETTLED, arg=QUIET_MS, timeout=SETTLE_MS, polling=50)
    finally:
        raw = browser.stop_tracing()
    events = trace_events(raw)
    s.wire.offset = mark_offset(events, MARK, marked)  # the same as calibrate()'s, from this very trace
    change, st = read_change(s)
    end = st["input"] + (change.settle if change.settle is not None else change.rerun.last or 0)
    fig.traced.append((change, summarise(events, st["input"], end, s.wire.offset, st["charts"])))


def in_turn(
    sessions: list[Session], results: dict[str, Figures], label: str, rounds: int, fn: Callable[[Session, int], None]
) -> None:
    """fn on every open page in each round; a page with GIVE_UP errors in this phase is left out of it."""
    failed = dict.fromkeys(results, 0)
    for r in range(rounds):
        print(f"{label}, round {r + 1} of {rounds}", file=sys.stderr)
        for s in sessions:
            fig = results[s.spec.title]
            if failed[s.spec.title] < GIVE_UP:
                before = len(fig.errors)
                attempt(fig, f"{label} {r + 1}", fn, s, r)
                failed[s.spec.title] += len(fig.errors) > before


def measure_running(
    browser, apps: list[tuple[Page, str]], results: dict[str, Figures], args, phases: dict[str, float]
) -> None:
    """Loads, widget changes and traced changes on running servers, in rounds over every app."""
    phases["loads"] = time.monotonic()
    for r in range(args.repeats):
        print(f"page loads, round {r + 1} of {args.repeats}", file=sys.stderr)
        for spec, url in apps:
            attempt(results[spec.title], f"page load {r + 1}", measure_loads, browser, url, spec, results[spec.title])
    sessions: list[Session] = []
    try:
        phases["opening pages"] = time.monotonic()
        for spec, url in apps:
            print(f"opening {spec.title} for widget changes", file=sys.stderr)
            s = attempt(results[spec.title], "opening for changes", open_for_changes, browser, url, spec)
            if s is not None:
                sessions.append(s)
        phases["changes"] = time.monotonic()
        in_turn(
            sessions, results, "widget changes", args.changes, lambda s, i: measure_change(s, i, results[s.spec.title])
        )
        phases["traced changes"] = time.monotonic()
        in_turn(
            sessions,
            results,
            "traced changes",
            args.traces,
            lambda s, i: measure_traced(browser, s, args.changes + i, results[s.spec.title]),
        )
    finally:
        for s in sessions:
            s.wire.close()
            s.ctx.close()


@dataclass
class Memory:
    """Peak RSS (MB) of a server's process tree with one session and with ten, and the peak after each page."""

    one: float
    ten: float
    one_steps: list[tuple[str, float]]
    ten_steps: list[tuple[str, float]]


def measure_memory(browser, root: Path, script: Path, specs: list[Page], errors: list[str]) -> Memory:
    """Peak RSS of the server tree: one visitor opening every page in turn, then ten visitors at once."""
    with Server(root, script) as server:
        ctx = new_context(browser)
        try:
            stop = server.sample_memory()
            page = ctx.new_page()
            page.goto(server.url + "/", timeout=TIMEOUT_MS)
            one_steps, ten_steps = [], []
            for spec in specs:
                try:
                    visit(page, server.url, spec)
                except Exception as exc:  # noqa: BLE001 (the other pages are still worth measuring)
                    errors.append(f"one session, {spec.title}: {describe(exc)}")
                one_steps.append((spec.title, server.peak))
            one = stop()
            stop = server.sample_memory()
            pages = [ctx.new_page() for _ in range(10)]
            for page in pages:
                page.goto(server.url + "/", wait_until="commit", timeout=TIMEOUT_MS)
            for spec in specs:
                try:
                    visit_all(pages, server.url, spec)
                except Exception as exc:  # noqa: BLE001
                    errors.append(f"ten sessions, {spec.title}: {describe(exc)}")
                ten_steps.append((spec.title, server.peak))
            return Memory(one, stop(), one_steps, ten_steps)
        finally:
            ctx.close()


def visit(page, url: str, spec: Page) -> None:
    """Open a page by its URL (a sidebar click can be intercepted while a loaded machine renders), set it up."""
    page.goto(url + "/" + spec.path, timeout=TIMEOUT_MS)
    wait_drawn(page, spec.ready)
    wait_idle(page)
    set_up([page], spec)


def visit_all(pages: list, url: str, spec: Page) -> None:
    """Open a page in every session at once, then click its setup buttons in every session at once."""
    for page in pages:
        page.goto(url + "/" + spec.path, wait_until="commit", timeout=TIMEOUT_MS)
    for page in pages:
        wait_drawn(page, spec.ready)
        wait_idle(page)
    set_up(pages, spec)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=HERE.parent, help="checkout to measure")
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated page titles (default: all)")
    parser.add_argument("--starts", type=int, default=2, help="server starts per page")
    parser.add_argument("--repeats", type=int, default=3, help="rounds of page loads (1 fresh + 2 returning each)")
    parser.add_argument("--changes", type=int, default=10, help="widget changes per page")
    parser.add_argument("--traces", type=int, default=2, help="traced widget changes per page")
    parser.add_argument("--no-memory", action="store_true", help="leave out the memory phase")
    parser.add_argument(
        "--no-sankey", action="store_true", help="leave out the Sankey reference (it runs with Career paths)"
    )
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md", help="where the report is written")
    parser.add_argument("--force", action="store_true", help="write --out even on a busy machine")
    parser.add_argument("--max-load", type=float, default=MAX_LOAD, help="highest 1-minute load at the start")
    parser.add_argument("--max-others", type=float, default=MAX_OTHERS, help="most cores other processes may use")
    parser.add_argument("--wait-quiet", type=float, default=300, help="seconds to wait for the load to fall first")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so `kill` still stops the servers it started
    root = args.root.resolve()
    unknown = [t.strip() for t in args.pages.split(",") if t.strip() and t.strip() not in PAGES]
    if unknown:
        parser.error(f"unknown pages {unknown}; pages are: {', '.join(PAGES)}")
    specs = [PAGES[t.strip()] for t in args.pages.split(",") if t.strip()]
    from bench.browser_report import machine, write_results

    quiet = Quiet().start(args.max_load, args.wait_quiet)
    sankey = not args.no_sankey and any(spec.title == "Career paths" for spec in specs)  # its reference
    refs = [(FLOOR, HERE / "floor_app.py")] + ([(SANKEY, HERE / "sankey_app.py")] if sankey else [])
    run = Run({spec.title: Figures() for spec, _ in refs + [(spec, None) for spec in specs]})
    try:
        measure_all(run, root, refs, specs, args)
    except Exception as exc:  # noqa: BLE001 (what was measured is still printed)
        run.stopped = describe(exc)
        print(f"the run stopped early: {run.stopped}", file=sys.stderr)
    run.phases["end"] = time.monotonic()
    quiet.end()
    refusal = "" if args.force else quiet.refusal(args.max_load, args.max_others)
    if run.stopped and not args.force:
        refusal = "; ".join(filter(None, [refusal, f"the run stopped early ({run.stopped})"]))
    info = machine(f"Chromium {run.browser}", root, quiet)
    times = list(run.phases.values())
    info["minutes per phase"] = ", ".join(
        f"{name} {(end - begin) / 60:.1f}" for name, begin, end in zip(run.phases, times, times[1:], strict=False)
    )
    text = write_results(None if refusal else args.out, run, info, specs, args)
    print(text)
    if refusal:
        print(f"\nNOT written to {args.out}: {refusal}. Run on a quiet machine, or pass --force.", file=sys.stderr)
    else:
        print(f"\nwritten to {args.out}", file=sys.stderr)


@dataclass
class Run:
    """One run's figures per app (the floor first), its memory, its phases' start times, what stopped it."""

    results: dict[str, Figures]
    memory: dict[str, Memory] = field(default_factory=dict)
    memory_errors: list[str] = field(default_factory=list)
    phases: dict[str, float] = field(default_factory=dict)
    browser: str = "?"
    stopped: str = ""


def measure_all(run: Run, root: Path, refs: list[tuple[Page, Path]], specs: list[Page], args) -> None:
    """Every phase in turn: server starts, then loads and changes on running servers, then memory."""
    from playwright.sync_api import sync_playwright

    apps = refs + [(spec, root / "dashboard.py") for spec in specs]
    results = run.results
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, timeout=TIMEOUT_MS)
        run.browser = browser.version
        try:
            run.phases["starts"] = time.monotonic()
            for r in range(args.starts):  # interleaved, so drift on the machine hits every page alike
                print(f"process starts, round {r + 1} of {args.starts}", file=sys.stderr)
                for spec, script in apps:  # the references run from the root too, so they read the same config
                    fig = results[spec.title]
                    attempt(fig, f"start {r + 1}", measure_start, browser, root, script, spec, fig)
            with ExitStack() as servers:  # one server per reference app, one for every page
                urls = {spec.title: servers.enter_context(Server(root, script)).url for spec, script in refs}
                app = servers.enter_context(Server(root, root / "dashboard.py"))
                ctx = new_context(browser)
                try:  # let the router run once, as a first visitor does
                    ctx.new_page().goto(app.url + "/", timeout=TIMEOUT_MS)
                finally:
                    ctx.close()
                running = [(spec, urls.get(spec.title, app.url)) for spec, _ in apps]
                measure_running(browser, running, results, args, run.phases)
            run.phases["memory"] = time.monotonic()
            for name, script, group in (
                (FLOOR.title, HERE / "floor_app.py", [FLOOR]),
                ("PayLadder", root / "dashboard.py", specs),
            ):
                if args.no_memory:
                    break
                print(f"memory: {name}", file=sys.stderr)
                try:
                    run.memory[name] = measure_memory(browser, root, script, group, run.memory_errors)
                except Exception as exc:  # noqa: BLE001 (the timings above are still worth writing)
                    run.memory_errors.append(f"{name}: {describe(exc)}")
        finally:
            browser.close()


if __name__ == "__main__":
    main()
