"""Serve PayLadder (`make run`): on 127.0.0.1 in local mode, on the address asked for in team mode.

    python -m analytics.serve [--address ADDRESS] [--port PORT] [--secrets FILE]

Without an [auth] section in the secrets, PayLadder is for one person on their own machine: it
listens on 127.0.0.1 only, and starting it on another address is refused with one line naming the
setting (PAYLADDER_ALLOW_OPEN=1 overrides, and every page says so). With [auth], it listens on
ADDRESS (default: every interface) and asks people to sign in (see analytics.access).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from analytics.access import SECRETS, auth_configured, refusal


def command(argv: list[str] | None = None) -> list[str]:
    """The streamlit command to run for these arguments; SystemExit with one line if refused."""
    parser = argparse.ArgumentParser(prog="python -m analytics.serve", description=__doc__.splitlines()[0])
    parser.add_argument("--address", help="the address to listen on (local mode: 127.0.0.1 only)")
    parser.add_argument("--port", type=int, default=8501)
    parser.add_argument("--secrets", type=Path, help="a secrets.toml to use instead of Streamlit's default places")
    args = parser.parse_args(argv)
    files = [args.secrets] if args.secrets else SECRETS
    auth = auth_configured(files)
    address = args.address if args.address is not None else ("0.0.0.0" if auth else "127.0.0.1")
    why = refusal(address, auth)
    if why:
        raise SystemExit(why)
    run = [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.address", address]
    run += ["--server.port", str(args.port)]
    return run + (["--secrets.files", str(args.secrets)] if args.secrets else [])


if __name__ == "__main__":
    run = command()
    os.execv(run[0], run)
