"""Refusals an editor meets in the admin: each says what was wrong, and nothing is saved."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from cms.extensions import db
from cms.models import Outlet, Role, Tag, User
from tests.conftest import Auth, csrf_token
from tests.web.forms import open_form
from tests.web.test_admin import _article, _edit_form


def _create(client: FlaskClient, view: str, fields: dict[str, str]) -> str:
    page = client.get(f"/admin/{view}/new/")
    data = {**fields, "csrf_token": csrf_token(page.text)}
    return client.post(f"/admin/{view}/new/", data=data, follow_redirects=True).text


@pytest.fixture
def editor(seeded: Flask, make_user, auth: Auth) -> FlaskClient:
    make_user()
    auth.login()
    return auth.client


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": "state VISITS"}, "A tag named &#39;State visits&#39; already exists."),
        ({"name": "   "}, "A tag needs a name."),
    ],
)
def test_a_clashing_or_blank_tag_is_refused_in_words(
    seeded: Flask, editor: FlaskClient, fields, message
) -> None:
    html = _create(editor, "tags", {"slug": "", "facet": "", "description": "", **fields})
    assert message in html
    assert "IntegrityError" not in html and "SQL" not in html
    with seeded.app_context():
        assert db.session.scalar(select(func.count(Tag.id))) == 8


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"url": "javascript:alert(document.cookie)"}, "must be a web address"),
        ({"published_on": ""}, "Give the date and its precision together"),
    ],
)
def test_bad_article_fields_are_refused(
    seeded: Flask, editor: FlaskClient, change, message
) -> None:
    article = _article(seeded, "Window on Eurasia")
    _, form = _edit_form(editor, article.id)
    form.update(change)
    html = editor.post(
        f"/admin/articles/edit/?id={article.id}", data=form, follow_redirects=True
    ).text
    assert message in html
    saved = _article(seeded, "Window on Eurasia")
    assert saved.url == "" and saved.published_on is not None


def test_an_outlet_with_articles_cannot_be_deleted(seeded: Flask, editor: FlaskClient) -> None:
    with seeded.app_context():
        rt = db.session.scalar(select(Outlet).where(Outlet.name == "RT"))
    token = csrf_token(editor.get("/admin/outlets/").text)
    html = editor.post(
        "/admin/outlets/delete/",
        data={"id": str(rt.id), "csrf_token": token},
        follow_redirects=True,
    ).text
    assert "RT still has 1 article" in html
    with seeded.app_context():
        assert db.session.get(Outlet, rt.id) is not None


def test_the_last_admin_cannot_demote_themselves(seeded: Flask, make_user, auth: Auth) -> None:
    make_user("boss", Role.ADMIN)
    auth.login("boss")
    with seeded.app_context():
        boss = db.session.scalar(select(User).where(User.username == "boss"))
    _, data = open_form(auth.client, f"/admin/users/edit/?id={boss.id}")
    data["role"] = "editor"
    html = auth.client.post(
        f"/admin/users/edit/?id={boss.id}", data=data, follow_redirects=True
    ).text
    assert "At least one active admin must remain" in html
    with seeded.app_context():
        assert db.session.get(User, boss.id).role is Role.ADMIN
