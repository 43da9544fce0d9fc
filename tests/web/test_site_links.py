"""The base template's links, kept per script root, and its footer's signed-in test."""

from __future__ import annotations

import pytest
from flask import Flask, url_for
from flask.testing import FlaskClient

from cms.public.site_links import ENDPOINTS, STATIC_FILES, site_links
from tests.conftest import PASSWORD, csrf_token

ADMIN_LINK = '<a href="/admin/">Admin</a>'
LOGIN_LINK = '<a href="/login">Editors: log in</a>'


@pytest.mark.parametrize("script_root", ["", "/sub"])
def test_site_links_are_what_url_for_builds(app: Flask, script_root: str) -> None:
    for _ in range(2):  # built, then kept
        with app.test_request_context("/", base_url=f"http://localhost{script_root}/"):
            links = site_links()
            for name, endpoint in ENDPOINTS.items():
                assert links[name] == url_for(endpoint)
            for name, filename in STATIC_FILES.items():
                assert links[name] == url_for("static", filename=filename)
            assert links["home"] == f"{script_root}/"


def test_each_script_root_has_its_own_links(app: Flask) -> None:
    client = app.test_client()
    assert 'href="/sub/static/site.css"' in client.get("/", base_url="http://localhost/sub/").text
    assert 'href="/static/site.css"' in client.get("/").text


def _log_in(client: FlaskClient, remember: bool = False) -> None:
    page = client.get("/login")
    data = {"username": "editor", "password": PASSWORD, "csrf_token": csrf_token(page.text)}
    if remember:
        data["remember"] = "y"
    assert client.post("/login", data=data).status_code == 302


def test_footer_offers_login_to_readers_and_the_admin_to_editors(app, make_user, client) -> None:
    make_user()
    assert LOGIN_LINK in client.get("/").text
    _log_in(client)
    page = client.get("/").text
    assert ADMIN_LINK in page
    assert LOGIN_LINK not in page


def test_a_remembered_editor_without_a_session_still_sees_the_admin_link(
    app, make_user, client
) -> None:
    make_user()
    _log_in(client, remember=True)
    assert client.get_cookie("remember_token") is not None
    client.delete_cookie("session")
    assert ADMIN_LINK in client.get("/").text


def test_a_revoked_session_shows_the_login_link(app, make_user, client) -> None:
    make_user()
    _log_in(client)
    stolen = client.get_cookie("session").value
    page = client.get("/admin/")
    client.post("/logout", data={"csrf_token": csrf_token(page.text)})
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    assert LOGIN_LINK in thief.get("/").text
