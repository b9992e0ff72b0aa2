"""Benchmark of the Market page's rerun under AppTest: the median of 10 reruns of the default view.

A rerun is what a user waits for after each click. The first run (which fills the query and
figure caches) is not counted; the ten after it are, and the table prints their median beside the
baseline given on the command line (the same measurement taken before a change, in this run's terms).
Usage: `.venv/bin/python -m bench.market_page [baseline_ms]`.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


def rerun_ms(repeat: int = 10, url: str = "") -> tuple[list[float], list[float]]:
    """Wall and CPU times (ms) of `repeat` reruns of the Market page's default view, after one warm-up run.

    CPU time (all threads of this process) is steadier than wall time on a shared machine."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/market.py")
    if url:
        for key, value in (p.split("=") for p in url.split("&")):
            at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    runs, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        at.run()
        runs.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    assert not at.exception, at.exception
    return runs, cpu


def main(argv: list[str]) -> None:
    """Print the median rerun time, and its ratio to a baseline when one is given."""
    runs, cpu = rerun_ms()
    median = statistics.median(runs)
    print(f"{'measure':<34}{'median ms':>10}{'min ms':>9}{'max ms':>9}{'CPU median ms':>15}")
    print(
        f"{'Market rerun (10 reruns)':<34}{median:>10.0f}{min(runs):>9.0f}{max(runs):>9.0f}"
        f"{statistics.median(cpu):>15.0f}"
    )
    if argv:
        baseline = float(argv[0])
        print(f"{'baseline (given)':<34}{baseline:>10.0f}")
        print(f"{'ratio to baseline':<34}{median / baseline:>10.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
