"""The project's own gunicorn configuration, served for real on loopback."""

from __future__ import annotations

import http.client
import socket
import time
from pathlib import Path

from flask import Flask

from tests.reliability.conftest import LiveServer, served


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


def test_a_worker_holding_more_connections_than_threads_closes_one(
    app: Flask, tmp_path: Path
) -> None:
    """Kept-alive connections stay with the worker that took them; one holding more than it
    can serve at once hands the connection of its next answer back to the shared queue."""

    def ask(conn: http.client.HTTPConnection) -> str | None:
        conn.request("GET", "/healthz")
        response = conn.getresponse()
        response.read()
        return response.getheader("Connection")

    with served(app, tmp_path, WEB_CONCURRENCY="1", THREADS="1") as server:
        # ``served`` knows the server is up by opening and closing a connection, which the
        # worker counts until its main loop sees it closed: asking at once raced that too
        # (failed once in a fresh clone's make test, 2026-12-01).
        time.sleep(0.5)
        first = server.connection(timeout=60)
        assert ask(first) != "close"  # one connection, one thread: kept alive
        second = server.connection(timeout=60)
        assert ask(second) == "close"  # two connections, one thread
        second.close()
        # Likewise the second connection, just after its answer is sent (seen once on a busy CI).
        time.sleep(0.5)
        assert ask(first) != "close"
        first.close()
