"""The project's own gunicorn configuration, served for real on loopback."""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reliability.conftest import LiveServer

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def gunicorn(migrated_database: Path, tmp_path: Path) -> Iterator[LiveServer]:
    database = tmp_path / "cms.sqlite3"
    shutil.copyfile(migrated_database, database)
    port = _free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
        "DATABASE_URL": f"sqlite:///{database}",
        "SECRET_KEY": "reliability-test-" + "x" * 32,
        "THROTTLE_DATABASE": str(tmp_path / "throttle.sqlite3"),
    }
    gunicorn_bin = Path(sys.executable).with_name("gunicorn")
    log = (tmp_path / "gunicorn.log").open("wb")
    process = subprocess.Popen(
        [str(gunicorn_bin), "-c", "gunicorn.conf.py", "wsgi:app"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server = LiveServer("127.0.0.1", port)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection((server.host, port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    try:
        yield server
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def test_no_server_banner(gunicorn: LiveServer) -> None:
    conn = gunicorn.connection()
    conn.request("GET", "/healthz")
    response = conn.getresponse()
    response.read()
    conn.close()
    assert response.status == 200
    assert response.getheader("Server") is None


def test_a_bad_chunk_size_is_a_400_under_gunicorn(gunicorn: LiveServer) -> None:
    cookie, token = gunicorn.login_page()
    raw = (
        "POST /login HTTP/1.1\r\n"
        f"Host: {gunicorn.host}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        "Transfer-Encoding: chunked\r\n"
        f"X-CSRFToken: {token}\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n"
        "zz\r\nusername=a\r\n0\r\n\r\n"
    ).encode()
    with socket.create_connection((gunicorn.host, gunicorn.port), timeout=10) as sock:
        sock.sendall(raw)
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    assert reply.split(b" ", 2)[1] == b"400", reply[:200]


def test_a_header_flood_is_refused_before_the_app(gunicorn: LiveServer) -> None:
    conn = http.client.HTTPConnection(gunicorn.host, gunicorn.port, timeout=10)
    conn.putrequest("GET", "/")
    for n in range(200):
        conn.putheader(f"X-Flood-{n}", "x")
    conn.endheaders()
    response = conn.getresponse()
    response.read()
    conn.close()
    assert response.status in (400, 431)  # 431: Request Header Fields Too Large
