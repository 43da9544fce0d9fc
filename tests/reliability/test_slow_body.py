"""A client that sends its body one byte at a time must not stop editors from saving.

The probe: a JSON POST to /login with a valid CSRF header and a body trickling in held the
write lock (taken up front by a before_request hook) for as long as the socket stayed open, and
every editor's save failed with "database is locked" after the 10 s busy timeout.
"""

from __future__ import annotations

import socket
import time

from flask import Flask
from sqlalchemy import select

from cms.extensions import db
from cms.models import Tag
from tests.conftest import Auth, csrf_token
from tests.reliability.conftest import LiveServer


def _start_slow_login(server: LiveServer) -> socket.socket:
    """A JSON login whose headers are complete and whose body has barely begun."""
    cookie, token = server.login_page()
    sock = socket.create_connection((server.host, server.port), timeout=30)
    head = (
        "POST /login HTTP/1.1\r\n"
        f"Host: {server.host}:{server.port}\r\n"
        "Content-Type: application/json\r\n"
        "Content-Length: 200\r\n"
        f"X-CSRFToken: {token}\r\n"
        f"Cookie: {cookie}\r\n\r\n"
        '{"username": "x'
    )
    sock.sendall(head.encode())
    return sock


def test_an_editor_saves_while_a_login_body_trickles_in(
    app: Flask, live_server: LiveServer, make_user, auth: Auth, client
) -> None:
    make_user()
    auth.login()
    slow = _start_slow_login(live_server)
    try:
        time.sleep(0.5)  # the slow request is now inside the app, waiting for its body
        slow.sendall(b"x")  # still trickling
        page = client.get("/admin/tags/new/")
        started = time.monotonic()
        response = client.post(
            "/admin/tags/new/",
            data={"name": "Saved meanwhile", "csrf_token": csrf_token(page.text)},
        )
        elapsed = time.monotonic() - started
    finally:
        slow.close()
    assert response.status_code == 302, response.text
    assert elapsed < 5, f"the save waited {elapsed:.1f} s for the lock"
    with app.app_context():
        assert db.session.scalar(select(Tag.name).where(Tag.name == "Saved meanwhile"))
