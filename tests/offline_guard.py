"""No network in this process: imported first by the child processes of the offline tests.

``install()`` makes every way Python reaches the network fail, and keeps a record even
when the code under test catches the error:

- an audit hook (it cannot be removed) raises :class:`NetworkBlocked` on every ``socket.*``
  audit event that creates a socket or resolves a name; every socket Python makes, through
  ``socket``, ``_socket``, ``ssl``, ``http``, ``urllib`` or ``asyncio``, passes there;
- ``socket.socket``, ``socket.create_connection``, ``socket.getaddrinfo`` and friends are
  replaced too, so the failure names the guard;
- Qt's network module and everything built on it cannot be imported, and ``finish()``
  checks that no Qt network library was mapped into the process by a plugin either.

``self_test()`` proves the guard is live in this very process (each way is tried and must
fail); ``finish()`` prints the attempts and exits non-zero when there was any.
"""

from __future__ import annotations

import importlib.abc
import socket
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, NoReturn

GUARD_OK = "OFFLINE GUARD ACTIVE"
BLOCKED_EVENTS = frozenset({
    "socket.__new__", "socket.connect", "socket.bind", "socket.getaddrinfo",
    "socket.gethostbyname", "socket.gethostbyaddr", "socket.getnameinfo", "socket.sendto",
    "socket.sendmsg",
})  # fmt: skip
BLOCKED_MODULES = ("PySide6.QtNetwork", "PySide6.QtWebEngine", "PySide6.QtWebSockets",
                   "PySide6.QtNetworkAuth", "PySide6.QtHttpServer", "PySide6.QtWebView")  # fmt: skip
QT_NETWORK_LIBRARIES = ("libQt6Network", "Qt6Network.dll", "QtNetwork.framework")

attempts: list[str] = []


class NetworkBlocked(OSError):
    """Raised where the offline test's child process tried to use the network."""


def _blocked(what: str) -> NoReturn:
    attempts.append(what)
    raise NetworkBlocked(f"offline test: network access attempted ({what})")


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event in BLOCKED_EVENTS:
        _blocked(f"{event}{args!r}"[:200])


class _GuardedSocket(socket.socket):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        _blocked("socket.socket()")


def _refuse(name: str) -> Any:
    def refuse(*args: Any, **kwargs: Any) -> NoReturn:
        _blocked(f"socket.{name}{args!r}"[:200])

    return refuse


class _NoNetworkModules(importlib.abc.MetaPathFinder):
    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> None:
        if fullname.startswith(BLOCKED_MODULES):
            _blocked(f"import {fullname}")
        return None


def install() -> None:
    loaded = [m for m in sys.modules if m.startswith(BLOCKED_MODULES)]
    if loaded:
        raise SystemExit(f"offline guard installed too late: {loaded} already imported")
    sys.addaudithook(_audit)
    socket.socket = _GuardedSocket  # type: ignore[misc]
    for name in ("create_connection", "create_server", "getaddrinfo", "gethostbyname",
                 "gethostbyname_ex", "gethostbyaddr", "getnameinfo", "socketpair", "fromfd"):  # fmt: skip
        setattr(socket, name, _refuse(name))
    sys.meta_path.insert(0, _NoNetworkModules())


def self_test(*, qt: bool) -> None:
    """Each way to the network must fail here and now; then the record starts afresh.

    ``qt``: also import Qt's network module (it must fail). Without it (a process that must
    not load Qt at all) the import hook is asked directly."""
    import _socket
    import urllib.request

    finder = sys.meta_path[0]

    tries = {
        "socket.socket": lambda: socket.socket(),
        "_socket.socket": lambda: _socket.socket(),
        # Loopback only: the guard must stop these before any packet could be sent.
        "create_connection": lambda: socket.create_connection(("127.0.0.1", 9), timeout=1),
        "getaddrinfo": lambda: socket.getaddrinfo("localhost", 80),
        "urlopen": lambda: urllib.request.urlopen("http://127.0.0.1:9/", timeout=1),
        "QtNetwork": (
            (lambda: __import__("PySide6.QtNetwork"))
            if qt
            else (lambda: finder.find_spec("PySide6.QtNetwork", None))
        ),
    }
    for name, attempt in tries.items():
        try:
            attempt()
        except NetworkBlocked:
            continue
        except Exception as exc:  # e.g. urllib wraps the error: look for ours inside
            if isinstance(getattr(exc, "reason", None), NetworkBlocked):
                continue
            raise SystemExit(
                f"offline guard: {name} failed with {exc!r}, not NetworkBlocked"
            ) from exc
        raise SystemExit(f"offline guard: {name} was not blocked")
    if len(attempts) < len(tries):
        raise SystemExit(f"offline guard: only {len(attempts)} of {len(tries)} attempts recorded")
    attempts.clear()
    print(GUARD_OK, flush=True)


def qt_network_libraries_mapped() -> list[str]:
    """Qt network libraries mapped into this process (Linux: /proc/self/maps)."""
    maps = Path("/proc/self/maps")
    if not maps.exists():
        return []
    text = maps.read_text(errors="replace")
    return sorted({line.split()[-1] for line in text.splitlines()
                   if any(lib in line for lib in QT_NETWORK_LIBRARIES)})  # fmt: skip


def finish() -> None:
    """Report; exit 3 if anything tried the network (even if the attempt was caught)."""
    mapped = qt_network_libraries_mapped()
    loaded = [m for m in sys.modules if m.startswith(BLOCKED_MODULES)]
    if attempts or mapped or loaded:
        print(f"NETWORK ATTEMPTS: {attempts} mapped: {mapped} loaded: {loaded}", flush=True)
        sys.stdout.flush()
        raise SystemExit(3)
    print("NO NETWORK ATTEMPTS", flush=True)
