"""Is the machine quiet enough to measure on? The load average, and the CPU other processes used meanwhile.

Timings taken while other work runs on the machine are not worth keeping: bench/browser.py waits a
while for a quiet start, and writes bench/RESULTS.md only when the 1-minute load average was at most
MAX_LOAD when it started and other processes used at most MAX_OTHERS of a core during the run. The
run's own load cannot be told apart in the load average at its end, but its CPU time can: the
machine's busy time (/proc/stat) less this process's and its descendants' (the servers, Playwright's
driver, Chromium and its renderers), sampled from /proc every half second while they live, since
Chromium's renderers are never waited for and so never show in this process's rusage. A descendant's
last half second before it exits is missed, which counts against the machine, not for it.
"""

from __future__ import annotations

import os
import resource
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

MAX_LOAD = 1.5  # 1-minute load average at the start
MAX_OTHERS = 0.25  # cores used on average by other processes during the run


def load_text() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def wait_for_quiet(limit: float, seconds: float) -> float:
    """Wait up to `seconds` for the 1-minute load to fall to `limit`; the 1-minute load then."""
    deadline = time.monotonic() + seconds
    while (load := os.getloadavg()[0]) > limit and time.monotonic() < deadline:
        print(f"load average {load_text()}: waiting for it to fall to {limit}", file=sys.stderr)
        time.sleep(10)
    return load


def _busy_s() -> float:
    """CPU seconds the whole machine has been busy since boot (every core, all but idle and iowait)."""
    fields = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


def _descendants_cpu(pid: int) -> dict[tuple[int, int], float]:
    """CPU seconds so far of every live descendant of pid, keyed by (pid, start time) against pid reuse."""
    children: dict[int, list[tuple[int, int, float]]] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        f = stat[stat.rindex(")") + 2 :].split()  # f[1] ppid, f[11] utime, f[12] stime, f[19] starttime
        children.setdefault(int(f[1]), []).append((int(entry), int(f[19]), (int(f[11]) + int(f[12])) / tick))
    found, todo = {}, [pid]
    while todo:
        for child, started, cpu in children.get(todo.pop(), []):
            found[(child, started)] = cpu
            todo.append(child)
    return found


class _OwnCpu(threading.Thread):
    """Samples this process's descendants' CPU time every half second and keeps the last seen per process."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.seen: dict[tuple[int, int], float] = {}
        self.stop = threading.Event()
        self.base = self._self_s()
        self.sample()  # what already ran before the run is not the run's
        self.before = dict(self.seen)

    @staticmethod
    def _self_s() -> float:
        me = resource.getrusage(resource.RUSAGE_SELF)
        return me.ru_utime + me.ru_stime

    def sample(self) -> None:
        for key, cpu in _descendants_cpu(os.getpid()).items():
            self.seen[key] = max(cpu, self.seen.get(key, 0.0))

    def run(self) -> None:
        while not self.stop.wait(0.5):
            self.sample()

    def total(self) -> float:
        """CPU seconds this process and its descendants used since this sampler started."""
        self.stop.set()
        self.join()
        self.sample()
        grown = sum(cpu - self.before.get(key, 0.0) for key, cpu in self.seen.items())
        return self._self_s() - self.base + grown


@dataclass
class Quiet:
    """The machine's load over one run: started with start(), summed up with end()."""

    load_start: float = 0.0
    load_start_text: str = ""
    load_end_text: str = ""
    others: float = 0.0  # cores used on average by other processes
    seconds: float = 0.0

    def start(self, limit: float, wait_s: float) -> Quiet:
        self.load_start = wait_for_quiet(limit, wait_s)
        self.load_start_text = load_text()
        print(f"load average at the start: {self.load_start_text}", file=sys.stderr)
        self._t, self._busy, self._own = time.monotonic(), _busy_s(), _OwnCpu()
        self._own.start()
        return self

    def end(self) -> Quiet:
        """Call once every server and the browser have exited (so their CPU time is counted as the run's)."""
        self.seconds = time.monotonic() - self._t
        others = (_busy_s() - self._busy) - self._own.total()
        self.others = max(others, 0.0) / max(self.seconds, 1e-9)
        self.load_end_text = load_text()
        print(
            f"load average at the end: {self.load_end_text}; other processes used {self.others:.2f} cores "
            f"on average over {self.seconds / 60:.1f} min",
            file=sys.stderr,
        )
        return self

    def refusal(self, max_load: float, max_others: float) -> str:
        """Why these timings should not be written as results, or '' when the machine was quiet."""
        reasons = []
        if self.load_start > max_load:
            reasons.append(f"the 1-minute load average was {self.load_start:.2f} at the start (limit {max_load})")
        if self.others > max_others:
            reasons.append(f"other processes used {self.others:.2f} cores during the run (limit {max_others})")
        return "; ".join(reasons)
