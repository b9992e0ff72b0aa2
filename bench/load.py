"""Load test: 30 concurrent browser sessions against one local server, against one session alone.

Starts `streamlit run dashboard.py` on a free loopback port (on the built warehouse), launches one
Debian Chromium under Playwright and drives each session in its own browser context through four
pages (Overview, Roles, Pay mix, Offer calculator), changing a widget on each. Reports completed
sessions, Streamlit exceptions found in the page, session times, and the server's memory (RSS of
the server and its children, from /proc) and CPU time. The baseline is one session alone, measured
in the same run. Bounded: a fixed number of sessions, a time limit per session and for the run,
loopback only. Run with `python -m bench.load [--sessions 30]`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("PAYLADDER_CHROMIUM", "/usr/bin/chromium")
# Thirty pages in one browser are mostly "in the background": without the last three flags Chromium
# throttles their timers and animation frames, and the browser, not the server, sets the pace.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
    "--disable-renderer-backgrounding",
]
SESSION_LIMIT_S = 600  # one session's four pages; a session over this counts as not completed
RUN_LIMIT_S = 1200
RAMP_S = 1.0  # sessions start this far apart, as users arrive, and then all run at once
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
TICKS = os.sysconf("SC_CLK_TCK")


# --- the server and its resources, from /proc ----------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def process_tree(pid: int) -> list[int]:
    """The process and all its descendants."""
    tree, todo = [], [pid]
    while todo:
        p = todo.pop()
        tree.append(p)
        todo += _children(p)
    return tree


def rss_mb(pid: int) -> float:
    """Resident memory of the process tree, in MB."""
    total = 0
    for p in process_tree(pid):
        try:
            total += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * PAGE_SIZE
        except (OSError, IndexError):
            pass
    return total / 2**20


def cpu_s(pid: int, leave_out: int | None = None) -> float:
    """CPU seconds (user + system) used so far by the process tree (less one subtree), with reaped children."""
    total, skip = 0, set(process_tree(leave_out)) if leave_out else set()
    for p in process_tree(pid):
        if p in skip:
            continue
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += sum(int(x) for x in fields[11:15])  # utime, stime, cutime, cstime
        except (OSError, IndexError):
            pass
    return total / TICKS


class Sampler(threading.Thread):
    """Samples the server's RSS every 0.25 s; keeps the peak."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.stop = pid, 0.0, threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.25):
            self.peak = max(self.peak, rss_mb(self.pid))


def start_server() -> tuple[subprocess.Popen, str]:
    """Serve the dashboard on a free loopback port; the process and its URL."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "dashboard.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=1).status == 200:
                return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("Streamlit did not start within 60 s")


# --- one session -------------------------------------------------------------------------------


async def wait_for_run(page) -> None:
    await page.wait_for_selector('[data-testid="stApp"]')
    await page.wait_for_function(
        "document.querySelector('[data-testid=\"stApp\"]')?.getAttribute('data-test-script-state') !== 'running'",
        polling=200,
    )
    await page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached")


async def _fill(page, key: str, value: str) -> None:
    box = page.locator(f".st-key-{key} input")
    await box.fill(value)
    await box.press("Enter")


async def _add_role(page, role: str) -> None:
    """Add a role in the sidebar filter, then close its list (an open list hides the page from the nav)."""
    await _fill(page, "widget_roles", role)
    await page.keyboard.press("Escape")


# (sidebar link, ready selector, widget change); Overview is where a session starts.
STEPS = [
    ("Overview", '[data-testid="stMetric"]', lambda page, i: _add_role(page, "VP of Product")),
    ("Roles", ".js-plotly-plot .bars", lambda page, i: _fill(page, "roles_pay", str(60_000 + 1_000 * i))),
    (
        "Pay mix",
        ".js-plotly-plot .bars",
        lambda page, i: page.locator(".st-key-pay_mix_basis").get_by_text("First-year pay").click(),
    ),
    ("Offer calculator", ".js-plotly-plot .bars", lambda page, i: _fill(page, "offers_base_1", str(150_000 + i))),
]


OPEN = {"now": 0, "peak": 0}  # sessions open at once (one event loop, so no lock)


@dataclass
class Session:
    """What one session did."""

    completed: bool = False
    exceptions: int = 0
    seconds: float = 0.0
    error: str = ""
    steps: list[str] = field(default_factory=list)


async def run_session(browser, url: str, i: int) -> Session:
    """Open the app in a fresh context and walk the four pages, changing one widget on each."""
    await asyncio.sleep(i * RAMP_S)
    result, started = Session(), time.perf_counter()
    OPEN["now"] += 1
    OPEN["peak"] = max(OPEN["peak"], OPEN["now"])
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(SESSION_LIMIT_S * 1000)
    page = await context.new_page()
    try:
        async with asyncio.timeout(SESSION_LIMIT_S):
            await page.goto(url)
            await wait_for_run(page)
            for n in range(len(STEPS)):
                link, ready, change = STEPS[(n + i) % len(STEPS)]  # sessions start on different pages
                await page.get_by_test_id("stSidebarNav").get_by_role("link", name=link, exact=True).click()
                await page.locator(ready).first.wait_for()
                await wait_for_run(page)
                await change(page, i)
                await wait_for_run(page)
                result.exceptions += await page.get_by_test_id("stException").count()
                result.steps.append(link)
        result.completed = True
    except Exception as e:  # noqa: BLE001 (a failed session is a result to report, not a crash)
        first = (str(e).splitlines() or [""])[0][:120]
        result.error = f"after {', '.join(result.steps) or 'opening'}: {type(e).__name__} {first}".strip()
    finally:
        result.seconds = time.perf_counter() - started
        OPEN["now"] -= 1
        await context.close()
    return result


# --- phases and the table ------------------------------------------------------------------------


@dataclass
class Phase:
    name: str
    sessions: list[Session]
    peak_open: int
    rss_before: float
    rss_peak: float
    rss_after: float
    cpu: float
    browser_cpu: float
    wall: float


async def phase(name: str, browser, url: str, pid: int, count: int) -> Phase:
    sampler = Sampler(pid)
    OPEN.update(now=0, peak=0)
    rss_before, cpu_before, started = rss_mb(pid), cpu_s(pid), time.perf_counter()
    client_before = cpu_s(os.getpid(), leave_out=pid)  # this process, the Playwright driver and Chromium
    sampler.start()
    async with asyncio.timeout(RUN_LIMIT_S):
        sessions = await asyncio.gather(*(run_session(browser, url, i) for i in range(count)))
    sampler.stop.set()
    sampler.join()
    wall = time.perf_counter() - started
    return Phase(
        name,
        sessions,
        OPEN["peak"],
        rss_before,
        max(sampler.peak, rss_mb(pid)),
        rss_mb(pid),
        cpu_s(pid) - cpu_before,
        cpu_s(os.getpid(), leave_out=pid) - client_before,
        wall,
    )


def table(phases: list[Phase]) -> str:
    header = (
        "phase",
        "sessions",
        "open at once",
        "completed",
        "exceptions",
        "median s",
        "max s",
        "vs alone",
        "RSS before MB",
        "RSS peak MB",
        "RSS after MB",
        "CPU s",
        "CPU cores",
        "client CPU cores",
    )
    base = statistics.median(s.seconds for s in phases[0].sessions)
    rows = []
    for p in phases:
        times = [s.seconds for s in p.sessions]
        med = statistics.median(times)
        rows.append(
            (
                p.name,
                len(p.sessions),
                p.peak_open,
                sum(s.completed for s in p.sessions),
                sum(s.exceptions for s in p.sessions),
                f"{med:.1f}",
                f"{max(times):.1f}",
                f"{med / base:.1f}x",
                f"{p.rss_before:.0f}",
                f"{p.rss_peak:.0f}",
                f"{p.rss_after:.0f}",
                f"{p.cpu:.1f}",
                f"{p.cpu / p.wall:.2f}",
                f"{p.browser_cpu / p.wall:.2f}",
            )
        )
    widths = [max(len(str(r[i])) for r in (header, *rows)) for i in range(len(header))]
    line = lambda r: " | ".join(str(c).rjust(w) for c, w in zip(r, widths, strict=True))  # noqa: E731
    return "\n".join([line(header), "-+-".join("-" * w for w in widths), *map(line, rows)])


async def main_async(count: int) -> None:
    from playwright.async_api import async_playwright

    server, url = start_server()
    try:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            warm = await phase("warm-up (1 session)", browser, url, server.pid, 1)
            alone = await phase("1 session alone", browser, url, server.pid, 1)
            load = await phase(f"{count} concurrent", browser, url, server.pid, count)
            await browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(
        f"Load test against {url} (loopback), one Chromium, a browser context per session; "
        f"pages: {', '.join(s[0] for s in STEPS)}, one widget change each."
    )
    print("Baseline: the same walk by one session alone; 'vs alone' = median session time / that.")
    print(
        "RSS and CPU are the server's (with its children); client CPU is Playwright's and Chromium's, "
        f"on {os.cpu_count()} cores with load average {os.getloadavg()[0]:.1f} at the end.\n"
    )
    print(table([alone, load, warm]))
    failed = [s.error for s in (*warm.sessions, *alone.sessions, *load.sessions) if not s.completed]
    for error in sorted(set(failed)):
        print(f"not completed ({failed.count(error)}): {error}")


def main(argv: list[str] | None = None) -> None:
    """Command line: run the load test and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30, choices=range(1, 61), metavar="1..60")
    asyncio.run(main_async(parser.parse_args(argv).sessions))


if __name__ == "__main__":
    main()
