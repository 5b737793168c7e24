"""A throwaway PostgreSQL server for the team store's tests, started from the binaries of
the machine's PostgreSQL (``initdb`` + ``pg_ctl``; ``.ci/run`` installs them) on a
temporary directory, listening on a Unix socket only, once per session.

- ``start_server()``: a server of its own (the benchmarks'), stopped by its ``stop``.
- ``postgres_server``: the session's running server (skips, saying why, where PostgreSQL's binaries
  or psycopg are missing).
- ``postgres_db``: a factory of fresh, empty databases on it: ``postgres_db("name")`` is
  a ``postgresql://`` URL.
- ``store_target``: the same test against both stores (parametrised ``embedded`` and
  ``postgresql``): ``store_target(tmp_path, "merged")`` is a file path for the one and a
  fresh database's URL for the other.

PostgreSQL refuses to run as root: as root, the server runs as the ``postgres`` user
(``runuser``) in a directory it owns.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import pytest

if TYPE_CHECKING:
    from docket.server.sql import Db


USER = "docket"


@dataclass(frozen=True)
class PostgresServer:
    socket_dir: Path
    version: str
    stop: Callable[[], None]
    data: Path | None = None
    """Its data directory (``postmaster.pid`` names the server's process)."""

    def cpu_s(self) -> float | None:
        """CPU seconds the server's processes have used so far (the postmaster, its live
        backends and those that ended), from /proc; ``None`` where that cannot be read.
        The benchmarks give it beside the client's own CPU time: on a shared machine
        the wall time says little."""
        try:
            assert self.data is not None
            pid = int((self.data / "postmaster.pid").read_text().split()[0])
            tick = os.sysconf("SC_CLK_TCK")

            def fields(p: int | str) -> list[str]:
                return Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()

            own = fields(pid)  # utime, stime, and the ended children's cutime, cstime
            total = sum(int(x) for x in own[11:15])
            for entry in os.listdir("/proc"):
                if entry.isdigit() and entry != str(pid):
                    with contextlib.suppress(OSError, IndexError, ValueError):
                        child = fields(entry)
                        if int(child[1]) == pid:
                            total += int(child[11]) + int(child[12])
            return total / tick
        except (OSError, ValueError, IndexError, AssertionError):
            return None

    def url(self, database: str) -> str:
        return f"postgresql://{USER}@/{database}?host={quote(str(self.socket_dir), safe='')}"


def _binaries() -> Path | None:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: (
            int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0
        ),
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class Unavailable(Exception):
    """Why no PostgreSQL server can be started here."""


def start_server() -> PostgresServer:
    """A new server in a temporary directory (its ``stop`` removes it); raises
    :class:`Unavailable`, saying why, where it cannot be started."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise Unavailable("psycopg is not installed (the `postgres` extra)") from None
    bin_dir = _binaries()
    if bin_dir is None:
        raise Unavailable("PostgreSQL's server binaries (initdb, pg_ctl) are not installed")
    prefix: list[str] = []
    owner = None
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            raise Unavailable(
                "running as root, and no `postgres` user to run PostgreSQL as"
            ) from None
        if shutil.which("runuser") is None:
            raise Unavailable("running as root, and no `runuser` to run PostgreSQL as postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    root = Path(tempfile.mkdtemp(prefix="docket-pg-"))
    data, sockets = root / "data", root / "sockets"
    sockets.mkdir()
    if owner is not None:
        for path in (root, sockets):
            os.chown(path, owner.pw_uid, owner.pw_gid)
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}

    def run(*args: str) -> None:
        subprocess.run([*prefix, *args], check=True, capture_output=True, env=env, cwd=root)

    try:
        run(str(bin_dir / "initdb"), "-D", str(data), "-U", USER, "--auth=trust",
            "--encoding=UTF8", "--no-sync")  # fmt: skip
        # Durability is not what these tests check: no fsync, so the suite stays fast.
        options = (
            f"-k {sockets} -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=60"
        )
        run(str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(root / "log"),
            "-w", "start")  # fmt: skip
    except subprocess.CalledProcessError as exc:
        shutil.rmtree(root, ignore_errors=True)
        detail = exc.stderr.decode(errors="replace")[-300:]
        raise Unavailable(f"could not start PostgreSQL: {detail}") from None

    def stop() -> None:
        subprocess.run(
            [*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
            capture_output=True,
            env=env,
            cwd=root,
            check=False,
        )
        shutil.rmtree(root, ignore_errors=True)

    return PostgresServer(sockets, bin_dir.parent.name, stop, data)


def create_database(server: PostgresServer, name: str) -> str:
    """A new, empty database on ``server``; its URL."""
    import psycopg

    with psycopg.connect(server.url("postgres"), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return server.url(name)


def load_tables(source: Db, target: Db) -> int:
    """Every row of the merged store ``source`` written into the new, empty team store
    ``target`` with COPY, in one transaction; how many rows. What ``docket db copy`` does
    without its checks (the content hashes, which cost more than the copy): for the
    benchmarks' workloads and the tests that compare the two stores on the same rows. The
    tables a trigger derives from the tasks are derived again; ``forms`` goes first, so
    the tasks find their forms under the same ids."""
    from docket.server.merged_store import OWNER_KEY

    derived = ("responses", "task_forms", "suggested")
    tables = ["forms", *(t for t in source.tables() if t not in ("forms", *derived))]
    copied = 0

    def counted(rows: Iterator[Any]) -> Iterator[Any]:
        nonlocal copied
        for row in rows:
            copied += 1
            yield row

    def write() -> None:
        for table in tables:
            columns = source.columns(table)
            # meta's row naming the server key is the new store's own.
            where, args = (" WHERE key != ?", (OWNER_KEY,)) if table == "meta" else ("", ())
            rows = source.stream(f"SELECT {', '.join(columns)} FROM {table}{where}", args)
            target.bulk_insert(table, columns, counted(rows))
        target.execute(
            "SELECT setval(pg_get_serial_sequence('forms', 'id'), coalesce(max(id), 0) + 1, "
            "false) FROM forms"
        ).fetchone()

    target.write(write)
    return copied


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    try:
        server = start_server()
    except Unavailable as exc:
        pytest.skip(str(exc))
    try:
        yield server
    finally:
        server.stop()


_numbers = itertools.count()


@pytest.fixture
def postgres_db(postgres_server: PostgresServer) -> Callable[[str], str]:
    """A factory of fresh, empty databases on the session's server, as URLs."""

    def create(name: str) -> str:
        database = f"{''.join(c for c in name.lower() if c.isalnum())[:40]}_{next(_numbers)}"
        return create_database(postgres_server, database)

    return create


StoreTarget = Callable[[Path, str], "str | Path"]


@pytest.fixture(params=["embedded", "postgresql"])
def store_target(request: pytest.FixtureRequest) -> StoreTarget:
    """Where a merged store goes: a file under the given directory (the embedded store), or
    a fresh PostgreSQL database (the team store)."""
    if request.param == "embedded":
        return lambda directory, name: directory / f"{name}.db"
    factory: Callable[[str], str] = request.getfixturevalue("postgres_db")
    return lambda directory, name: factory(name)
