"""The temporary space of imports: what a session writes is gone when it ends, and what a killed process left
is gone when the next one starts.

Each test runs its sessions in a child process with a temporary folder of its own (TMPDIR), so that
nothing else on the machine (another test run, a served app) adds to or takes from what is measured.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from analytics.yourdata import scratch
from tests.helpers import ROOT

SESSIONS = """
import gc, json, os, sys, tempfile
from pathlib import Path
from analytics.yourdata import pipeline
from analytics.yourdata.columns import guess_mapping
from analytics.yourdata.samples import BANDS_FILE, SAMPLES_DIR, write_synthetic_people
from analytics.yourdata.session import ImportSession

pipeline.MEMORY_LIMIT = "32MB"  # small, so that checking the people spills to the session's folder
root = Path(tempfile.gettempdir())


class Upload:
    def __init__(self, file_id, name, data):
        self.file_id, self.name, self.data, self.size = file_id, name, data, len(data)

    def getbuffer(self):
        return memoryview(self.data)


def ours():
    files = [p for p in root.rglob("*") if p.is_file() and p.relative_to(root).parts[0].startswith("payladder-")]
    return sum(p.stat().st_size for p in files), len(files)


def rss():
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:")) * 1024


bands = (SAMPLES_DIR / BANDS_FILE).read_bytes()
people = write_synthetic_people(Path(sys.argv[1]), 100_000).read_bytes()
out = {"before": ours(), "after": [], "spilled": 0, "rss": []}
for i in range(20):
    session = ImportSession()
    session.take_upload("bands", Upload(f"b{i}", "bands.csv", bands))
    session.take_upload("people", Upload(f"p{i}", "people.csv", people))
    session.check({k: guess_mapping(r.headers, k) for k, r in session.raws.items()}, ".", None)
    assert session.checked["people"].good_rows == 100_000
    out["spilled"] += (session.folder.parent / "spill").exists()
    del session
    gc.collect()
    out["after"].append(ours())
    out["rss"].append(rss())
print(json.dumps(out))
"""


def child_env(tmp: Path) -> dict[str, str]:
    tmp.mkdir(exist_ok=True)
    return {**os.environ, "TMPDIR": str(tmp), "PYTHONPATH": str(ROOT)}


def payladder_entries(tmp: Path) -> list[str]:
    return sorted(p.name for p in tmp.iterdir() if p.name.startswith("payladder-"))


def test_twenty_sessions_that_upload_and_end_leave_the_temporary_space_where_it_started(tmp_path):
    tmp = tmp_path / "tmp"
    run = subprocess.run(
        [sys.executable, "-c", SESSIONS, str(tmp_path / "people.csv")],
        cwd=ROOT,
        env=child_env(tmp),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["before"] == [0, 0]
    assert out["after"] == [[0, 1]] * 20  # the process folder's empty lock file, and nothing else
    assert out["spilled"] == 20  # DuckDB spilled into each session's folder, which went with the session
    grown = out["rss"][-1] - out["rss"][0]
    assert grown < 64 * 2**20, f"20 ended sessions kept {grown / 2**20:.0f} MiB"
    assert payladder_entries(tmp) == []  # the process folder went when the process exited


HOLD = """
import sys
from analytics.yourdata.session import ImportSession
session = ImportSession()
(session.folder / "upload-x.csv").write_bytes(b"x" * 1000)
print(session.folder.parent.parent, flush=True)
sys.stdin.read()  # until the test closes stdin or kills this process
"""


def holder(tmp: Path) -> tuple[subprocess.Popen, Path]:
    """A process with a session open (and a file in its folder); its process folder."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD],
        cwd=ROOT,
        env=child_env(tmp),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    return proc, Path(proc.stdout.readline().strip())


def aged(path: Path, seconds: float) -> Path:
    path.mkdir()
    (path / "upload-old.csv").write_bytes(b"old")
    then = time.time() - seconds
    os.utime(path, (then, then))
    return path


def test_a_start_removes_what_killed_processes_left_and_nothing_else(tmp_path):
    tmp = tmp_path / "tmp"
    killed, killed_folder = holder(tmp)
    alive, alive_folder = holder(tmp)
    try:
        killed.send_signal(signal.SIGKILL)
        killed.wait(timeout=60)
        old = aged(tmp / "payladder-upload-old", 2 * scratch.LEGACY_AGE)
        young = aged(tmp / "payladder-upload-young", 60)
        other = aged(tmp / "payladder-pg-old", 2 * scratch.LEGACY_AGE)  # the tests' PostgreSQL, not ours
        assert killed_folder.name.startswith(f"payladder-import-{killed.pid}-")
        assert sorted(scratch.sweep(tmp)) == sorted([killed_folder, old])
        assert payladder_entries(tmp) == sorted([alive_folder.name, young.name, other.name])
        assert (alive_folder / "lock").exists()
    finally:
        alive.stdin.close()  # ends normally: its folder goes with it
        alive.wait(timeout=60)
        killed.kill()
    assert payladder_entries(tmp) == sorted([young.name, other.name])
