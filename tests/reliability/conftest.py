"""A live server on loopback for the reliability tests: real sockets, real threads, one app."""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import make_server


@dataclass(frozen=True)
class LiveServer:
    host: str
    port: int

    def connection(self, timeout: float = 30) -> http.client.HTTPConnection:
        return http.client.HTTPConnection(self.host, self.port, timeout=timeout)

    def login_page(self) -> tuple[str, str]:
        """A fresh session cookie and the CSRF token of its login form."""
        conn = self.connection()
        conn.request("GET", "/login")
        response = conn.getresponse()
        html = response.read().decode()
        cookie = response.getheader("Set-Cookie", "").split(";")[0]
        conn.close()
        match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
        assert match and cookie
        return cookie, match.group(1)


@pytest.fixture
def live_server(app: Flask) -> Iterator[LiveServer]:
    """The test's app served by Werkzeug's threaded server on 127.0.0.1, on a free port."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiveServer("127.0.0.1", server.server_port)
    finally:
        server.shutdown()
        thread.join(timeout=10)


ROOT = Path(__file__).resolve().parents[2]

#: Seconds the load test runs: short in ``make test``, 60 in ``make reliability``.
SECONDS = float(os.environ.get("RELIABILITY_SECONDS", "4"))
EDITORS = int(os.environ.get("RELIABILITY_EDITORS", "4"))
READERS = int(os.environ.get("RELIABILITY_READERS", "8"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def flask_env(app: Flask, **extra: str) -> dict[str, str]:
    """The environment that points a ``flask`` or ``gunicorn`` process at the test's files."""
    return {
        **os.environ,
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "SECRET_KEY": "reliability-test-" + "x" * 32,
        "THROTTLE_DATABASE": app.config["THROTTLE_DATABASE"],
        **extra,
    }


def wait_for_port(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"nothing listens on port {port}")


@pytest.fixture
def gunicorn(app: Flask, tmp_path: Path) -> Iterator[LiveServer]:
    """The test's database served by the project's gunicorn.conf.py, 2 workers, on loopback."""
    with served(app, tmp_path, WEB_CONCURRENCY="2") as server:
        _warm_up(server)
        yield server


@contextlib.contextmanager
def served(app: Flask, tmp_path: Path, **settings: str) -> Iterator[LiveServer]:
    """gunicorn started with the project's gunicorn.conf.py and these environment settings."""
    port = free_port()
    env = flask_env(app, PORT=str(port), **settings)
    log = (tmp_path / "gunicorn.log").open("wb")
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "-c", "gunicorn.conf.py", "wsgi:app"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for_port(port)
        yield LiveServer("127.0.0.1", port)
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def _warm_up(server: LiveServer) -> None:
    """Make each worker answer once: a worker's first request loads lazily and can be slow."""

    def get(path: str) -> None:
        conn = server.connection(timeout=120)
        conn.request("GET", path)
        conn.getresponse().read()
        conn.close()

    threads = [threading.Thread(target=get, args=(p,)) for p in ["/", "/login"] * 4]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
