"""Who may reach PayLadder: the modes, the address rules, the Host header rule, and `make run`'s launcher."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from analytics import access
from analytics.serve import command

ROOT = Path(__file__).resolve().parent.parent
AUTH = '[auth]\nredirect_uri = "http://localhost:8501/oauth2callback"\ncookie_secret = "x"\nclient_id = "p"\n'


def test_auth_is_configured_by_an_auth_section(tmp_path):
    with_auth, without, broken = tmp_path / "a.toml", tmp_path / "b.toml", tmp_path / "c.toml"
    with_auth.write_text(AUTH)
    without.write_text("[other]\nx = 1\n")
    broken.write_text("[auth\n")
    assert access.auth_configured([without, with_auth])
    assert not access.auth_configured([without, broken, tmp_path / "missing.toml"])


@pytest.mark.parametrize(
    ("auth", "env", "name", "public"),
    [
        (False, {}, "local", False),
        (False, {"PAYLADDER_ALLOW_OPEN": "1"}, "open", False),
        (False, {"PAYLADDER_ALLOW_OPEN": "yes"}, "local", False),  # only 1 opens it
        (True, {}, "team", False),
        (True, {"PAYLADDER_ALLOW_OPEN": "1", "PAYLADDER_PUBLIC_REFERENCE": "1"}, "team", True),
    ],
)
def test_modes(auth, env, name, public):
    mode = access.mode(auth, env)
    assert (mode.name, mode.public_reference, mode.signs_in) == (name, public, name == "team")


def test_the_statements():
    assert access.Mode("local").statement() == "Local mode: only this computer can open PayLadder."
    assert "PAYLADDER_ALLOW_OPEN=1" in access.Mode("open").statement()


@pytest.mark.parametrize(
    ("address", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.1.1", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("", False),
        (None, False),
        ("10.0.0.5", False),
        ("example.com", False),
    ],
)
def test_loopback_addresses(address, loopback):
    assert access.is_loopback(address) is loopback


@pytest.mark.parametrize(
    ("header", "allowed"),
    [
        ("localhost:8501", True),
        ("127.0.0.1:8501", True),
        ("[::1]:8501", True),
        ("LOCALHOST", True),
        (None, True),  # no request at all: a script run under AppTest
        ("evil.example:8501", False),
        ("localhost.evil.example:8501", False),
        ("127.0.0.1.nip.io:8501", False),
        ("[::ffff:7f00:1]:8501", False),
        ("", False),
    ],
)
def test_hosts_a_local_server_answers(header, allowed):
    assert access.host_allowed(header) is allowed


def test_the_launcher_listens_on_loopback_in_local_mode_and_refuses_other_addresses(tmp_path, monkeypatch):
    monkeypatch.delenv(access.ALLOW_OPEN_ENV, raising=False)
    missing = tmp_path / "none.toml"
    run = command(["--port", "9999", "--secrets", str(missing)])
    assert run[run.index("--server.address") + 1] == "127.0.0.1"
    for address in ("0.0.0.0", "::", "10.1.2.3"):
        with pytest.raises(SystemExit) as refused:
            command(["--address", address, "--secrets", str(missing)])
        assert str(refused.value) == access.REFUSAL.format(address=address)
        assert "\n" not in str(refused.value) and "[auth]" in str(refused.value)
    monkeypatch.setenv(access.ALLOW_OPEN_ENV, "1")
    assert "0.0.0.0" in command(["--address", "0.0.0.0", "--secrets", str(missing)])
    monkeypatch.delenv(access.ALLOW_OPEN_ENV)
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(AUTH)
    team = command(["--secrets", str(secrets)])
    assert team[team.index("--server.address") + 1] == "0.0.0.0" and team[-2:] == ["--secrets.files", str(secrets)]


def test_make_runs_refusal_is_one_line_on_the_terminal(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != access.ALLOW_OPEN_ENV}
    done = subprocess.run(
        [sys.executable, "-m", "analytics.serve", "--address", "0.0.0.0", "--secrets", str(tmp_path / "x.toml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == access.REFUSAL.format(address="0.0.0.0") + "\n"


def listening(port: int) -> set[str]:
    """The local addresses with a listening TCP socket on this port (from /proc/net/tcp and tcp6)."""
    found = set()
    for table, size in (("/proc/net/tcp", 4), ("/proc/net/tcp6", 16)):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                raw = bytes.fromhex(address)
                # /proc prints each 32-bit word in host (little-endian) order
                words = b"".join(raw[i : i + 4][::-1] for i in range(0, size, 4))
                found.add(socket.inet_ntop(socket.AF_INET if size == 4 else socket.AF_INET6, words))
    return found


def test_a_local_server_listens_on_127_0_0_1_only(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k != access.ALLOW_OPEN_ENV}
    env["PAYLADDER_WORKSPACES"] = str(tmp_path / "ws")
    proc = subprocess.Popen(
        [sys.executable, "-m", "analytics.serve", "--port", str(port), "--secrets", str(tmp_path / "none.toml")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
                break
            except OSError:
                assert time.monotonic() < deadline and proc.poll() is None
                time.sleep(0.2)
        assert listening(port) == {"127.0.0.1"}
    finally:
        proc.terminate()
        proc.wait(timeout=10)
