"""Malformed request bodies over a real socket: a 400, never a 500."""

from __future__ import annotations

import socket

import pytest

from tests.reliability.conftest import LiveServer


def _status_of(server: LiveServer, raw: bytes) -> int:
    with socket.create_connection((server.host, server.port), timeout=10) as sock:
        sock.sendall(raw)
        sock.shutdown(socket.SHUT_WR)
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    return int(reply.split(b" ", 2)[1])


@pytest.mark.parametrize(
    "body",
    [b"zz\r\nusername=a\r\n0\r\n\r\n", b"-5\r\nab\r\n0\r\n\r\n", b"5\r\nab"],
)
def test_a_bad_chunked_body_is_a_400(live_server: LiveServer, body: bytes) -> None:
    cookie, token = live_server.login_page()
    head = (
        "POST /login HTTP/1.1\r\n"
        f"Host: {live_server.host}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        "Transfer-Encoding: chunked\r\n"
        f"X-CSRFToken: {token}\r\n"
        f"Cookie: {cookie}\r\n"
        "Connection: close\r\n\r\n"
    )
    assert _status_of(live_server, head.encode() + body) == 400


def test_a_chunk_larger_than_what_follows_is_no_crash(live_server: LiveServer) -> None:
    head = (
        "POST /login HTTP/1.1\r\n"
        f"Host: {live_server.host}\r\n"
        "Content-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n"
        "Connection: close\r\n\r\n"
    )
    assert 400 <= _status_of(live_server, head.encode() + b"ffffffffffffff\r\n{") < 500
