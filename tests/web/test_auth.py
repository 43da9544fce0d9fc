"""Logging in and out: hashed passwords, CSRF on, POST logout, safe redirects, revocation."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from cms.extensions import db
from cms.models import User
from tests.conftest import PASSWORD, Auth


def test_login_with_the_right_password_opens_the_admin(app, make_user, auth: Auth, client) -> None:
    make_user()
    response = auth.login()
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_wrong_password_says_so(app, make_user, auth: Auth) -> None:
    make_user()
    response = auth.login(password="not the password")
    assert response.status_code == 401
    assert "Wrong username or password" in response.text


def test_passwords_are_stored_hashed(app: Flask, make_user) -> None:
    make_user()
    with app.app_context():
        user = db.session.scalar(select(User))
        assert PASSWORD not in user.password_hash
        assert user.password_hash.startswith(("scrypt:", "pbkdf2:"))


def test_login_without_csrf_token_is_refused(app, make_user, client: FlaskClient) -> None:
    make_user()
    response = client.post("/login", data={"username": "editor", "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/admin/").status_code == 302


def test_logout_is_post_only_and_revokes_a_copied_cookie(app, make_user, auth, client) -> None:
    make_user()
    auth.login()
    assert client.get("/logout").status_code == 405
    stolen = client.get_cookie("session").value
    auth.logout()
    assert client.get("/admin/").status_code == 302
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    assert thief.get("/admin/").status_code == 302


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ("/admin/tags/", "/admin/tags/"),
        ("//evil.example/", "/admin/"),
        ("https://evil.example/", "/admin/"),
        ("javascript:alert(1)", "/admin/"),
    ],
)
def test_next_stays_on_this_site(app, make_user, client, next_url, expected) -> None:
    from tests.conftest import csrf_token

    make_user()
    page = client.get("/login")
    response = client.post(
        f"/login?next={next_url}",
        data={"username": "editor", "password": PASSWORD, "csrf_token": csrf_token(page.text)},
    )
    assert response.headers["Location"] == expected


def test_session_cookie_is_httponly_and_samesite(app, make_user, auth, client) -> None:
    make_user()
    response = auth.login()
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
