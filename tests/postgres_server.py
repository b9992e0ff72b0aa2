"""A throwaway PostgreSQL server on loopback for the tests: Debian's binaries, started and stopped here.

PostgreSQL refuses to run as root, so as root the server runs as the `postgres` system user (Debian's
package creates it); its folder is a fresh temporary one that user owns. Trust authentication is for
this loopback test server only.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from tests.helpers import free_port


def binaries() -> str | None:
    """The folder of Debian's PostgreSQL server programs (the newest installed), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    return os.path.dirname(found[-1]) if found else None


def _as_server_user(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@contextmanager
def postgres_server() -> Iterator[str]:
    """Start a PostgreSQL server on a free loopback port; yield its URL (database `postgres`); stop it after."""
    bin_dir = binaries()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL is not installed: `make test` installs Debian's postgresql package.")
    folder = tempfile.mkdtemp(prefix="payladder-pg-", dir="/tmp")
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data, port = os.path.join(folder, "data"), free_port()
    run = {"check": True, "capture_output": True}
    subprocess.run(_as_server_user([f"{bin_dir}/initdb", "-D", data, "-A", "trust", "-U", "postgres"]), **run)
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        _as_server_user([f"{bin_dir}/pg_ctl", "-D", data, "-o", options, "-l", f"{folder}/log", "-w", "start"]), **run
    )
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_server_user([f"{bin_dir}/pg_ctl", "-D", data, "-m", "immediate", "stop"]), **run)
        shutil.rmtree(folder, ignore_errors=True)


def drop_store_tables(url: str) -> None:
    """Empty a PostgreSQL workspace store: drop PayLadder's tables (the store makes them again on first use)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as con:
        for table in ("payladder_workspaces", "payladder_access", "payladder_audit", "payladder_data"):
            con.execute(f"DROP TABLE IF EXISTS {table}")
