"""Browser benchmark: first chart and widget changes per page, and server memory, against a floor app.

`python -m bench.browser [--root DIR] [--pages Overview,Market] [--repeats N] [--changes M]` serves
the dashboard of DIR (default: this checkout) and bench/floor_app.py (one selectbox, one Plotly chart)
on free loopback ports and drives them with Playwright and Debian's Chromium. Per page: process start
to first chart drawn (a fresh server each time), a fresh browser context on a running server to first
chart, a returning visitor (same context, warm cache), and the time from a widget's input event to
the last DOM change inside a chart (at least 10 changes, alternating two values); then the peak RSS
of the server's process tree with one session and with ten. Every figure is printed as a ratio to
the floor measured in the same run, and bench/RESULTS.md is written. Medians; the machine is noisy.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.browser_pages import FLOOR, PAGES, Page, change_widget, read_widget
from bench.browser_server import Server

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
TIMEOUT_MS = 90_000
QUIET_MS = 500
# In every page: the time of the last user input event, and a MutationObserver on the whole body that
# keeps only changes inside a chart (so a chart the rerun replaces is still seen), installed per change.
PROBE = """
window.__pl = {input: 0, last: 0, n: 0, ran: false};
for (const t of ['pointerdown', 'pointerup', 'click', 'keydown'])
  addEventListener(t, () => { window.__pl.input = performance.now(); }, true);
window.__plWatch = (sel) => {
  const st = window.__pl;
  Object.assign(st, {input: 0, last: 0, n: 0, ran: false});
  if (st.obs) st.obs.disconnect();
  const hit = (n) => n.nodeType === 1 && (n.matches(sel) || n.querySelector(sel));
  st.obs = new MutationObserver((records) => {
    const now = performance.now();
    for (const m of records) {
      const el = m.target.nodeType === 1 ? m.target : m.target.parentElement;
      if (m.attributeName === 'data-test-script-state') { st.ran = true; continue; }
      if ((el && el.closest(sel)) || [...m.addedNodes, ...m.removedNodes].some(hit)) { st.last = now; st.n++; }
    }
  });
  st.obs.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
};
window.__plDrawn = (sel) => [...document.querySelectorAll(sel)].some((el) => {
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.height === 0 || !el.checkVisibility()) return false;
  if (el.matches('.js-plotly-plot')) return !!el.querySelector('.main-svg .trace, .main-svg .sankey');
  return !!el.querySelector('canvas');
});
"""
IDLE = """() => !document.querySelector('[data-testid="stStatusWidget"]')
  && document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state') !== 'running'"""
SETTLED = (
    "(q) => { const st = window.__pl; return st.input > 0 && (st.ran || st.n > 0) && (" + IDLE + ")()"
    " && performance.now() - Math.max(st.last, st.input) > q; }"
)


@dataclass
class Figures:
    """Everything measured for one page (or the floor), in ms and MB."""

    start: list[float] = field(default_factory=list)
    answer: list[float] = field(default_factory=list)
    fresh: list[float] = field(default_factory=list)
    returning: list[float] = field(default_factory=list)
    change: list[float] = field(default_factory=list)
    missed: int = 0  # changes that did not settle within 30 s
    unchanged: int = 0  # changes after which no chart changed


def wait_drawn(page, spec: Page) -> None:
    page.wait_for_function("(sel) => window.__plDrawn(sel)", arg=spec.ready, timeout=TIMEOUT_MS)


def wait_idle(page) -> None:
    page.wait_for_function(IDLE, timeout=TIMEOUT_MS)


def new_context(browser):
    ctx = browser.new_context(viewport=VIEWPORT)
    ctx.add_init_script(PROBE)
    ctx.set_default_timeout(TIMEOUT_MS)
    return ctx


def load_ms(page, url: str, spec: Page) -> float:
    """Navigate to the page and return the ms until its first chart is drawn."""
    start = time.perf_counter()
    page.goto(url + "/" + spec.path)
    wait_drawn(page, spec)
    return (time.perf_counter() - start) * 1000


def measure_start(browser, root: Path, script: Path, spec: Page, fig: Figures) -> None:
    """Process start to first chart: a new server and a fresh context."""
    with Server(root, script) as server:
        ctx = new_context(browser)
        try:
            page = ctx.new_page()
            page.goto(server.url + "/" + spec.path)
            wait_drawn(page, spec)
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


def open_for_changes(browser, url: str, spec: Page):
    """A page opened and idle, with the two values its widget will alternate between."""
    ctx = new_context(browser)
    page = ctx.new_page()
    load_ms(page, url, spec)
    wait_idle(page)
    return ctx, page, read_widget(page, spec)


def measure_change(page, spec: Page, values: tuple, i: int, fig: Figures) -> None:
    """One widget change: input event to the last DOM change in a chart, once the app is quiet."""
    change_widget(page, spec, values, i, lambda: page.evaluate("(s) => window.__plWatch(s)", spec.watch))
    try:
        page.wait_for_function(SETTLED, arg=QUIET_MS, timeout=30_000, polling=50)
    except Exception:  # noqa: BLE001 (a change that never settles is counted, not fatal)
        fig.missed += 1
        return
    st = page.evaluate("window.__pl")
    if st["n"] and st["last"] > st["input"]:
        fig.change.append(st["last"] - st["input"])
    else:
        fig.unchanged += 1


def measure_running(
    browser, apps: list[tuple[Page, str]], results: dict[str, Figures], repeats: int, changes: int
) -> None:
    """Loads and widget changes on running servers, in rounds over every page and the floor."""
    for r in range(repeats):
        print(f"page loads, round {r + 1} of {repeats}", file=sys.stderr)
        for spec, url in apps:
            measure_loads(browser, url, spec, results[spec.title])
    opened = []
    try:
        for spec, url in apps:
            opened.append(open_for_changes(browser, url, spec))
        for i in range(changes):
            print(f"widget changes, round {i + 1} of {changes}", file=sys.stderr)
            for (spec, _url), (_ctx, page, values) in zip(apps, opened, strict=False):
                page.bring_to_front()
                measure_change(page, spec, values, i, results[spec.title])
    finally:
        for ctx, _page, _values in opened:
            ctx.close()


def measure_memory(browser, root: Path, script: Path, specs: list[Page]) -> tuple[float, float]:
    """Peak RSS of the server tree: one visitor opening every page in turn, then ten visitors at once."""
    with Server(root, script) as server:
        ctx = new_context(browser)
        try:
            stop = server.sample_memory()
            page = ctx.new_page()
            page.goto(server.url + "/")
            for spec in specs:
                visit(page, server.url, spec)
            one = stop()
            stop = server.sample_memory()
            pages = [ctx.new_page() for _ in range(10)]
            for page in pages:
                page.goto(server.url + "/", wait_until="commit")
            for spec in specs:
                for page in pages:
                    visit(page, server.url, spec, wait=False)
                for page in pages:
                    wait_drawn(page, spec)
                    wait_idle(page)
            return one, stop()
        finally:
            ctx.close()


def visit(page, url: str, spec: Page, wait: bool = True) -> None:
    """Open a page by its URL (a sidebar click can be intercepted while a loaded machine renders)."""
    page.goto(url + "/" + spec.path, wait_until="load" if wait else "commit")
    if wait:
        wait_drawn(page, spec)
        wait_idle(page)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=HERE.parent, help="checkout to measure")
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated page titles")
    parser.add_argument("--repeats", type=int, default=5, help="page loads per page and kind")
    parser.add_argument("--starts", type=int, default=3, help="server starts per page")
    parser.add_argument("--changes", type=int, default=12, help="widget changes per page (at least 10)")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so `kill` still stops the servers it started
    root = args.root.resolve()
    specs = [PAGES[t.strip()] for t in args.pages.split(",") if t.strip()]
    from playwright.sync_api import sync_playwright

    from bench.browser_report import machine, write_results

    results: dict[str, Figures] = {}
    memory: dict[str, tuple[float, float]] = {}
    apps = [(FLOOR, HERE / "floor_app.py")] + [(spec, root / "dashboard.py") for spec in specs]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for r in range(args.starts):  # interleaved, so drift on the machine hits every page alike
                print(f"process starts, round {r + 1} of {args.starts}", file=sys.stderr)
                for spec, script in apps:  # the floor runs from the root too, so it reads the same config
                    measure_start(browser, root, script, spec, results.setdefault(spec.title, Figures()))
            with Server(root, HERE / "floor_app.py") as floor, Server(root, root / "dashboard.py") as app:
                ctx = new_context(browser)
                ctx.new_page().goto(app.url + "/")  # let the router run once, as a first visitor does
                ctx.close()
                measure_running(
                    browser,
                    [(FLOOR, floor.url)] + [(spec, app.url) for spec in specs],
                    results,
                    args.repeats,
                    args.changes,
                )
            for name, script, group in (
                (FLOOR.title, HERE / "floor_app.py", [FLOOR]),
                ("PayLadder", root / "dashboard.py", specs),
            ):
                print(f"memory: {name}", file=sys.stderr)
                # Written now too, so the timings survive a failure below.
                write_results(args.out, results, memory, machine(browser_version(), root), specs)
                try:
                    memory[name] = measure_memory(browser, root, script, group)
                except Exception as exc:  # noqa: BLE001 (the timings above are still worth writing)
                    print(f"memory of {name} not measured: {exc}", file=sys.stderr)
        finally:
            browser.close()
    text = write_results(args.out, results, memory, machine(browser_version(), root), specs)
    print(text)


def browser_version() -> str:
    out = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, check=False).stdout
    return out.strip() or "unknown"


if __name__ == "__main__":
    main()
