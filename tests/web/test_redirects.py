"""Every redirect lands on this site: one ``safe_next``, checked against hostile targets."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from cms.redirects import safe_next
from tests.conftest import PASSWORD, Auth, csrf_token

FALLBACK = "/fallback/"

#: Targets a visitor might send in ``next`` or ``url``; none may leave the site.
HOSTILE = [
    "//evil.example",
    "///evil.example",
    "////evil.example/again",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/\\\\evil.example",
    "https://evil.example",
    "http://evil.example/",
    "HTTPS://evil.example",
    "http:evil.example",
    "https:evil.example",
    "http:/evil.example",
    "http:///evil.example",
    "https:/\\evil.example",
    "ftp://evil.example",
    "//evil.example:80/admin/",
    "//evil.example@127.0.0.1",
    "//%65vil.example",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "mailto:someone@evil.example",
    "%2F%2Fevil.example",
    "%2f%2fevil.example",
    "/%2F%2Fevil.example",
    "/%2Fevil.example",
    "/%5Cevil.example",
    "/%252F%252Fevil.example",
    "/%09/evil.example",
    "/%0d%0aSet-Cookie:x=1",
    "/\r\nSet-Cookie:x=1",
    "/\nLocation: //evil.example",
    "/\t/evil.example",
    "/ /evil.example",
    "\x00//evil.example",
    "/\x00/evil.example",
    "\uff0f\uff0fevil.example",
    "/\uff0fevil.example",
    "/\uff3cevil.example",
    "/\u3000/evil.example",
    "/\u2028/evil.example",
    "/\u200b/evil.example",
    "/\u0085/evil.example",
    "/%E3%80%80/evil.example",
    "evil.example",
    "evil.example/admin/",
    "@evil.example",
    "../evil.example",
    "?next=//evil.example",
    "/" + "a" * 3000,
]

SAFE = [
    "/admin/tags/",
    "/admin/articles/?flt0_0=draft&page=2",
    "/articles/путин-в-казахстане",
    "/",
]


def test_the_table_is_long_enough() -> None:
    assert len(HOSTILE) >= 40


@pytest.mark.parametrize("target", HOSTILE)
def test_hostile_targets_fall_back(target: str) -> None:
    assert safe_next(target, FALLBACK) == FALLBACK


@pytest.mark.parametrize("target", SAFE)
def test_paths_on_this_site_are_kept(target: str) -> None:
    assert safe_next(target, FALLBACK) == target


@pytest.mark.parametrize("target", [None, ""])
def test_no_target_falls_back(target: str | None) -> None:
    assert safe_next(target, FALLBACK) == FALLBACK


def test_a_logged_in_visitor_is_never_sent_off_site(app: Flask, make_user, auth: Auth, client):
    make_user()
    auth.login()
    for target in HOSTILE:
        response = client.get("/login", query_string={"next": target})
        assert response.status_code == 302, (target, response.status_code)
        assert response.headers["Location"] == "/admin/", target
    response = client.get("/login", query_string={"next": "/admin/tags/"})
    assert response.headers["Location"] == "/admin/tags/"


@pytest.mark.parametrize("target", HOSTILE[:12] + ["/%0d%0aSet-Cookie:x=1"])
def test_logging_in_never_sends_you_off_site(app, make_user, client: FlaskClient, target) -> None:
    make_user()
    page = client.get("/login")
    response = client.post(
        "/login",
        query_string={"next": target},
        data={"username": "editor", "password": PASSWORD, "csrf_token": csrf_token(page.text)},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"


@pytest.mark.parametrize(
    "target", ["http:evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)"]
)
def test_an_admin_save_returns_to_this_site(app, make_user, auth: Auth, client, target) -> None:
    make_user()
    auth.login()
    page = client.get("/admin/tags/new/")
    response = client.post(
        "/admin/tags/new/",
        query_string={"url": target},
        data={"name": f"Tag {len(target)}", "csrf_token": csrf_token(page.text)},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/tags/"


def test_a_redirect_to_another_host_from_any_view_is_replaced(app: Flask) -> None:
    from flask import redirect

    @app.get("/test-open-redirect")
    def _open() -> object:
        return redirect("https://evil.example/")

    response = app.test_client().get("/test-open-redirect")
    assert response.headers["Location"] == "/"


def test_routing_redirects_on_this_host_still_work(app: Flask, client: FlaskClient) -> None:
    response = client.get("/tags")
    assert response.status_code == 308
    assert response.headers["Location"].endswith("/tags/")
