"""A live server on loopback for the reliability tests: real sockets, real threads, one app."""

from __future__ import annotations

import http.client
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass

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
