"""Deployment settings: proxy trust, TLS-only cookies and HSTS, session hygiene, start-up check."""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from flask import Flask

from cms.deployment import UnsafeDeployment
from tests.conftest import PASSWORD, Auth, csrf_token, make_app

GOOD_KEY = "k" * 16 + "9f3a1c5e7b2d4f60"


@pytest.mark.parametrize(
    ("config", "reason"),
    [
        ({"SECRET_KEY_FROM_ENVIRONMENT": False}, "not set in the environment"),
        ({"SECRET_KEY": "changeme"}, "default"),
        ({"SECRET_KEY": "short-key"}, "shorter"),
        ({"DEBUG": True}, "debug"),
    ],
)
def test_production_refuses_an_unsafe_start(tmp_path: Path, config: dict, reason: str) -> None:
    settings = {
        "CMS_ENV": "production",
        "SECRET_KEY": GOOD_KEY,
        "SECRET_KEY_FROM_ENVIRONMENT": True,
    }
    with pytest.raises(UnsafeDeployment, match=reason):
        make_app(tmp_path, tmp_path / "db.sqlite3", **{**settings, **config})


def test_production_starts_when_safe(tmp_path: Path) -> None:
    app = make_app(
        tmp_path,
        tmp_path / "db.sqlite3",
        CMS_ENV="production",
        SECRET_KEY=GOOD_KEY,
        SECRET_KEY_FROM_ENVIRONMENT=True,
    )
    assert app.config["CMS_ENV"] == "production"


def test_development_starts_with_a_generated_key(app: Flask) -> None:
    assert app.config["CMS_ENV"] == "development"


def _tls_app(migrated_database: Path, tmp_path: Path, **config) -> Flask:
    import shutil

    database = tmp_path / "cms.sqlite3"
    shutil.copyfile(migrated_database, database)
    return make_app(tmp_path, database, **config)


def test_behind_tls_cookies_are_secure_and_hsts_is_sent(migrated_database, tmp_path) -> None:
    app = _tls_app(migrated_database, tmp_path, BEHIND_TLS=True, TRUST_PROXY=1)
    client = app.test_client()
    page = client.get("/login", headers={"X-Forwarded-Proto": "https"})
    assert page.headers["Strict-Transport-Security"].startswith("max-age=")
    assert "Secure" in page.headers["Set-Cookie"]


def test_without_tls_no_hsts(app: Flask, client) -> None:
    assert "Strict-Transport-Security" not in client.get("/").headers


def test_remember_me_lasts_fourteen_days(app: Flask, make_user, client) -> None:
    make_user()
    page = client.get("/login")
    response = client.post(
        "/login",
        data={
            "username": "editor",
            "password": PASSWORD,
            "remember": "y",
            "csrf_token": csrf_token(page.text),
        },
    )
    remember = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("remember_token")]
    assert remember
    expires = re.search(r"Expires=([^;]+)", remember[0]).group(1)
    lifetime = parsedate_to_datetime(expires) - dt.datetime.now(dt.UTC)
    assert dt.timedelta(days=13, hours=23) < lifetime <= dt.timedelta(days=14)


def test_the_csrf_secret_is_renewed_at_login(app: Flask, make_user, auth: Auth, client) -> None:
    make_user()
    client.get("/login")
    with client.session_transaction() as session:
        before = session["csrf_token"]
    auth.login()
    client.get("/admin/")
    with client.session_transaction() as session:
        after = session["csrf_token"]
    assert before != after


def test_admin_and_login_pages_are_not_cached(app: Flask, make_user, auth: Auth, client) -> None:
    assert client.get("/login").headers["Cache-Control"] == "no-store"
    make_user()
    auth.login()
    assert client.get("/admin/").headers["Cache-Control"] == "no-store"
    assert client.get("/admin/tags/").headers["Cache-Control"] == "no-store"


def test_a_proxy_is_trusted_only_when_configured(app: Flask, make_user, client) -> None:
    """Without TRUST_PROXY a client cannot dodge the address limit by forging X-Forwarded-For."""
    app.config.update(LOGIN_ADDRESS_FAILURES=2, LOGIN_ACCOUNT_FAILURES=100)
    statuses = []
    for n in range(3):
        page = client.get("/login")
        statuses.append(
            client.post(
                "/login",
                data={
                    "username": f"u{n}",
                    "password": "wrong",
                    "csrf_token": csrf_token(page.text),
                },
                headers={"X-Forwarded-For": f"203.0.113.{n}"},
            ).status_code
        )
    assert statuses == [401, 401, 429]


def test_a_trusted_proxy_gives_the_client_address(migrated_database, tmp_path) -> None:
    app = _tls_app(
        migrated_database,
        tmp_path,
        TRUST_PROXY=1,
        LOGIN_ADDRESS_FAILURES=2,
        LOGIN_ACCOUNT_FAILURES=100,
    )
    client = app.test_client()
    statuses = []
    for n in range(3):
        page = client.get("/login")
        statuses.append(
            client.post(
                "/login",
                data={
                    "username": f"u{n}",
                    "password": "wrong",
                    "csrf_token": csrf_token(page.text),
                },
                headers={"X-Forwarded-For": f"203.0.113.{n}"},
            ).status_code
        )
    assert statuses == [401, 401, 401]
