"""A PostgreSQL server of the test's own, on a free loopback port, which the test may stop and
start like a database host being restarted (the shared server is never touched).

PostgreSQL refuses to run as root: when the tests run as root, the server runs as the
``postgres`` system user, in a folder that user owns."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.e2e.processes import free_port, wait_for

_SEARCHED = ("/usr/lib/postgresql",)


def _binary(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for root in _SEARCHED:
        versions = sorted(Path(root).glob(f"*/bin/{name}"), key=lambda p: p.parts[-3])
        if versions:
            return str(versions[-1])
    raise AssertionError(f"restarting PostgreSQL needs {name} (the postgresql package)")


class PrivatePostgres:
    def __init__(self) -> None:
        self.port = free_port()
        self.as_postgres = os.geteuid() == 0
        self.folder = Path(tempfile.mkdtemp(prefix="stakazo-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        if self.as_postgres:
            shutil.chown(self.folder, "postgres", "postgres")
            self.folder.chmod(0o700)

    def url(self, database: str = "postgres", driver: str = "postgresql+asyncpg") -> str:
        return f"{driver}://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str, timeout: float = 120) -> None:
        command = list(args)
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, check=False
        )
        assert result.returncode == 0, (command, result.stdout, result.stderr)

    def initialise(self) -> None:
        self._run(
            _binary("initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
            "--no-sync", "-E", "UTF8",
        )  # fmt: skip

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c fsync=off -k {self.folder}"
        self._run(_binary("pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options,
                  "-w", "-t", "60", "start")  # fmt: skip
        wait_for(self._answers, 30, f"the private PostgreSQL on port {self.port}")

    def stop(self, mode: str = "fast") -> None:
        """``fast`` ends every session at once, as a restart of the database host does."""
        self._run(_binary("pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")

    def restart(self) -> None:
        self.stop()
        self.start()

    def _answers(self) -> bool:
        result = subprocess.run(
            [_binary("pg_isready"), "-h", "127.0.0.1", "-p", str(self.port), "-q"], check=False
        )
        return result.returncode == 0

    def create_database(self, name: str) -> str:
        self._run(_binary("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                  name)  # fmt: skip
        return self.url(name)

    def remove(self) -> None:
        if self._answers():
            self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)


@contextmanager
def private_postgres() -> Iterator[PrivatePostgres]:
    server = PrivatePostgres()
    try:
        server.initialise()
        server.start()
        yield server
    finally:
        server.remove()
