"""The servers bench/browser.py measures: `streamlit run` on a free loopback port, and its memory.

Each server runs in its own process group and is killed (the whole group) when its `with` block
ends, also on error. Memory is the resident set of the server's process tree, read from /proc.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, from /proc, in MB."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
            children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo += children.get(p, [])
        try:
            total += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            pass
    return total / 2**20


class Server:
    """`streamlit run` on a free loopback port in its own process group, killed on exit."""

    def __init__(self, root: Path, script: Path):
        python = root / ".venv" / "bin" / "python"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            [
                str(python if python.exists() else sys.executable),
                "-m",
                "streamlit",
                "run",
                str(script),
                "--server.port",
                str(self.port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--server.fileWatcherType",
                "none",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=root,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        self.peak, self._sampling = 0.0, False

    def __enter__(self) -> Server:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                if urllib.request.urlopen(self.url + "/_stcore/health", timeout=1).status == 200:
                    self.answered = time.perf_counter() - self.started
                    return self
            except OSError:
                time.sleep(0.05)  # polling the health endpoint while the server starts
        self.__exit__()
        raise RuntimeError("Streamlit did not start: " + self.proc.stderr.read().decode()[-2000:])

    def __exit__(self, *exc) -> None:
        self._sampling = False
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait(timeout=30)
        self.proc.stderr.close()

    def sample_memory(self) -> Callable[[], float]:
        """Start sampling the tree's RSS every 50 ms; the returned function stops and gives the peak."""
        self.peak, self._sampling = tree_rss_mb(self.proc.pid), True

        def loop() -> None:
            while self._sampling:
                self.peak = max(self.peak, tree_rss_mb(self.proc.pid))
                time.sleep(0.05)

        thread = threading.Thread(target=loop, daemon=True)
        thread.start()

        def stop() -> float:
            self._sampling = False
            thread.join()
            return self.peak

        return stop
