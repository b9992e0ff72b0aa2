"""Who may reach PayLadder: local mode, team mode with sign-in, or deliberately open. Pure rules.

- **local** (no `[auth]` in the secrets): one person on their own machine. The server listens on
  127.0.0.1 only, and a page opened under any other host name (a web page elsewhere reaching this
  server by DNS rebinding) shows nothing.
- **team** (`[auth]` configured, OpenID Connect through Streamlit's `st.login`): reference pages are
  readable to every signed-in user (or to everyone, with PAYLADDER_PUBLIC_REFERENCE=1); Your data
  requires sign-in, and each workspace is its owner's (see analytics.yourdata.store).
- **open** (no `[auth]`, PAYLADDER_ALLOW_OPEN=1): served on another address without sign-in, by an
  explicit choice that every page states.
"""

from __future__ import annotations

import ipaddress
import os
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ALLOW_OPEN_ENV = "PAYLADDER_ALLOW_OPEN"
PUBLIC_REFERENCE_ENV = "PAYLADDER_PUBLIC_REFERENCE"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
SECRETS = [Path.home() / ".streamlit" / "secrets.toml", Path(".streamlit") / "secrets.toml"]
"""Where Streamlit looks for secrets by default (its option secrets.files), in order."""
REFUSAL = (
    "PayLadder refuses to serve {address} without sign-in: add an [auth] section to .streamlit/secrets.toml "
    "(README: Running it for a team), or set PAYLADDER_ALLOW_OPEN=1 to serve it open to anyone who can reach it."
)


@dataclass(frozen=True)
class Mode:
    """How this server is reached: `name` is local, team or open."""

    name: str
    public_reference: bool = False

    @property
    def signs_in(self) -> bool:
        return self.name == "team"

    def statement(self) -> str:
        """What the sidebar says on every page."""
        if self.name == "local":
            return "Local mode: only this computer can open PayLadder."
        if self.name == "open":
            return (
                "Open mode (PAYLADDER_ALLOW_OPEN=1): anyone who can reach this server can open PayLadder, "
                "with no sign-in, and every workspace is shared by all of them."
            )
        return "Team mode: sign-in with your organisation's account; your workspaces are yours unless you share them."


def auth_configured(files: Iterable[Path] = SECRETS) -> bool:
    """True when any of these secrets files has an [auth] section (Streamlit's st.login settings)."""
    for path in files:
        try:
            if tomllib.loads(Path(path).read_text(encoding="utf-8")).get("auth"):
                return True
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
            continue
    return False


def mode(auth: bool, env: dict[str, str] | None = None) -> Mode:
    """The mode of a server with or without [auth], under these environment variables."""
    env = os.environ if env is None else env
    if auth:
        return Mode("team", public_reference=env.get(PUBLIC_REFERENCE_ENV) == "1")
    return Mode("open" if env.get(ALLOW_OPEN_ENV) == "1" else "local")


def is_loopback(address: str | None) -> bool:
    """True for an address that only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if not address:
        return False  # Streamlit's default: every interface
    if address == "localhost":
        return True
    try:
        return ipaddress.ip_address(address.strip("[]")).is_loopback
    except ValueError:
        return False


def host_name(host_header: str | None) -> str | None:
    """The host name of an HTTP Host header, without its port: 'localhost', '::1', 'evil.example'."""
    if host_header is None:
        return None
    host = host_header.strip().lower()
    if host.startswith("["):  # [::1]:8501
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def host_allowed(host_header: str | None) -> bool:
    """In local mode, a page is served only to a browser that named this machine: localhost, 127.0.0.1
    or [::1]. No header at all is a script run without a request (Streamlit's AppTest)."""
    return host_header is None or host_name(host_header) in LOCAL_HOSTS


def refusal(address: str, auth: bool, env: dict[str, str] | None = None) -> str | None:
    """Why a server must not start on this address (one line), or None: without [auth], only loopback,
    unless PAYLADDER_ALLOW_OPEN=1."""
    if auth or is_loopback(address) or mode(auth, env).name == "open":
        return None
    return REFUSAL.format(address=address or "every network interface")
