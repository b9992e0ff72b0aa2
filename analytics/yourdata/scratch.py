"""The temporary space of imports: a folder per server process, in it one per import session, all removed.

Everything an import writes outside its in-memory DuckDB (an upload's copy while it is read, DuckDB's
spill files past its memory cap) goes under `payladder-import-<pid>-<random>/` in the system's
temporary folder (created 0700): a session's folder is removed when the session ends, the process's
folder when the process exits. The process holds an exclusive lock (flock) on `lock` in its folder
for as long as it runs, and the kernel lets go of it however the process ends; so a process that
starts removes every folder whose lock it can take (its process was killed), and the folders of
the older layout (`payladder-upload-*`, one per visit) once they are a day old, since a server of
that version may still be running. Only folders of this user are touched, and never through a link.
"""

from __future__ import annotations

import atexit
import fcntl
import logging
import os
import re
import shutil
import tempfile
import threading
import time
from pathlib import Path

PREFIX = "payladder-import-"
"""The start of every process folder's name."""
LEGACY = "payladder-upload-"
"""The start of the per-visit folders of the older layout."""
LEGACY_AGE = 24 * 3600
"""Seconds after which an older-layout folder is removed: no visit lasts that long."""
STARTING_AGE = 60
"""Seconds a process folder without its lock file is left alone: its process may be creating it."""
OURS = re.compile(re.escape(PREFIX) + r"\d+-\w+")
log = logging.getLogger("payladder")

_guard = threading.Lock()
_folder: Path | None = None
_held: int | None = None  # the lock file's descriptor, open for the life of the process


def process_folder() -> Path:
    """This process's folder, made (after a sweep of what ended processes left) on first use."""
    global _folder, _held
    with _guard:
        if _folder is None or not _folder.is_dir():
            sweep()
            folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-"))
            held = os.open(folder / "lock", os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
            fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
            _folder, _held = folder, held
        return _folder


def session_folder() -> Path:
    """A new folder for one session, inside this process's folder (0700)."""
    return Path(tempfile.mkdtemp(prefix="session-", dir=process_folder()))


def remove(path: Path) -> None:
    """Remove a folder and everything in it, never following a link out of it."""
    shutil.rmtree(path, ignore_errors=True)


def sweep(root: Path | None = None) -> list[Path]:
    """Remove the folders that ended PayLadder processes left in root (the temporary folder); return them."""
    root = Path(root or tempfile.gettempdir())
    removed = []
    for path in root.glob("payladder-*"):
        if path == _folder or not _mine(path):
            continue
        if OURS.fullmatch(path.name):
            dead = _ended(path)
        elif path.name.startswith(LEGACY):
            dead = _age(path) > LEGACY_AGE
        else:
            continue  # another tool's folder with a similar name (the tests' PostgreSQL, ...)
        if dead:
            log.info("removing %s, left by a PayLadder process that ended", path)
            remove(path)
            removed.append(path)
    return removed


def _mine(path: Path) -> bool:
    try:
        info = path.lstat()
    except OSError:
        return False
    return path.is_dir() and not path.is_symlink() and info.st_uid == os.getuid()


def _age(path: Path) -> float:
    try:
        return time.time() - path.lstat().st_mtime
    except OSError:
        return 0.0


def _ended(path: Path) -> bool:
    """True when no process holds the folder's lock (a folder just made, without one yet, is young)."""
    try:
        fd = os.open(path / "lock", os.O_RDWR | os.O_NOFOLLOW)
    except FileNotFoundError:
        return _age(path) > STARTING_AGE
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # held: its process is running
    finally:
        os.close(fd)  # closing lets go of a lock just taken
    return True


@atexit.register
def _at_exit() -> None:
    """Remove this process's folder when it exits normally (a killed one is swept by the next start)."""
    global _folder, _held
    with _guard:
        if _folder is not None:
            remove(_folder)
        if _held is not None:
            os.close(_held)
        _folder, _held = None, None
