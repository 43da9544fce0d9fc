"""Login throttling: 429 with Retry-After per account and per address, lockouts an admin lifts."""

from __future__ import annotations

import sqlite3
import time

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from cms.extensions import db
from cms.models import AuditEntry, Role
from tests.conftest import PASSWORD, Auth, csrf_token

LIMITS = {
    "LOGIN_ACCOUNT_FAILURES": 3,
    "LOGIN_ACCOUNT_WINDOW": 60,
    "LOGIN_ADDRESS_FAILURES": 6,
    "LOGIN_ADDRESS_WINDOW": 60,
    "LOGIN_LOCKOUT_FAILURES": 5,
    "LOGIN_LOCKOUT_WINDOW": 3600,
}


@pytest.fixture
def limited(app: Flask) -> Flask:
    app.config.update(LIMITS)
    return app


def _try(client: FlaskClient, username: str, password: str, address: str = "10.0.0.1"):
    page = client.get("/login")
    return client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": csrf_token(page.text)},
        environ_base={"REMOTE_ADDR": address},
    )


def _actions(app: Flask) -> list[tuple[str, str]]:
    with app.app_context():
        entries = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))
        return [(e.action, e.record_label) for e in entries]


def test_an_account_is_refused_with_429_after_its_limit(limited, make_user, client) -> None:
    make_user()
    statuses = [_try(client, "editor", "wrong password!").status_code for _ in range(3)]
    assert statuses == [401, 401, 401]
    refused = _try(client, "editor", PASSWORD)  # even the right password waits
    assert refused.status_code == 429
    assert 0 < int(refused.headers["Retry-After"]) <= 60
    assert "Too many failed logins" in refused.text


def test_an_address_is_refused_after_its_limit(limited, make_user, client) -> None:
    for n in range(6):
        assert _try(client, f"nobody{n}", "wrong password!").status_code == 401
    assert _try(client, "someone-else", "wrong password!").status_code == 429
    # another address is not held back
    assert _try(client, "someone-else", "wrong password!", address="10.0.0.2").status_code == 401


def test_a_success_forgets_the_accounts_failures(limited, make_user, client) -> None:
    make_user()
    for _ in range(2):
        _try(client, "editor", "wrong password!")
    assert _try(client, "editor", PASSWORD).status_code == 302
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/admin/").text)})
    for _ in range(2):
        assert _try(client, "editor", "wrong password!").status_code == 401


def test_unknown_and_known_names_are_refused_alike(limited, make_user, client) -> None:
    make_user()
    known = [_try(client, "editor", "wrong", "10.0.0.3").status_code for _ in range(4)]
    unknown = [_try(client, "ghost", "wrong", "10.0.0.4").status_code for _ in range(4)]
    assert known == unknown == [401, 401, 401, 429]


def test_a_lockout_is_audited_and_lifted_from_the_command_line(limited, make_user, runner):
    limited.config["LOGIN_ACCOUNT_FAILURES"] = 100  # reach the lockout without waiting
    make_user()
    client = limited.test_client()
    for n in range(5):  # spread over addresses, as a distributed guesser would
        _try(client, "editor", "wrong password!", address=f"10.1.0.{n}")
    locked = _try(client, "editor", PASSWORD, address="10.2.0.1")
    assert locked.status_code == 429 and "locked" in locked.text
    assert ("login locked", "editor") in _actions(limited)
    result = runner.invoke(args=["users", "unlock", "editor"])
    assert result.exit_code == 0, result.output
    assert ("login unlocked", "editor") in _actions(limited)
    assert _try(client, "editor", PASSWORD, address="10.2.0.1").status_code == 302


def test_an_admin_lifts_a_lockout_in_the_admin(limited, make_user, client) -> None:
    limited.config["LOGIN_ACCOUNT_FAILURES"] = 100
    editor = make_user()
    make_user("boss", Role.ADMIN)
    for n in range(5):
        _try(limited.test_client(), "editor", "wrong password!", address=f"10.3.0.{n}")
    Auth(client).login("boss")
    listing = client.get("/admin/users/")
    assert "locked" in listing.text
    response = client.post(
        "/admin/users/action/",
        data={
            "action": "unlock",
            "rowid": [str(editor.id)],
            "csrf_token": csrf_token(listing.text),
        },
    )
    assert response.status_code == 302
    actions = _actions(limited)
    assert ("login unlocked", "editor") in actions
    assert _try(limited.test_client(), "editor", PASSWORD, address="10.4.0.1").status_code == 302


def test_a_failed_login_takes_no_write_lock(limited, make_user, client) -> None:
    make_user()
    with limited.app_context():
        path = db.engine.url.database
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the collection's lock
    try:
        started = time.monotonic()
        response = _try(client, "editor", "wrong password!")
        elapsed = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert response.status_code == 401
    assert elapsed < 5  # it never queued behind the 10 s busy timeout
