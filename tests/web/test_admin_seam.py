"""The admin writes only through services: revisions, audit, versions, the conflict page."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from cms.extensions import db
from cms.models import Article, AuditEntry, Link, Outlet, Revision, Tag
from tests.conftest import Auth, csrf_token
from tests.web.forms import form_fields, open_form, publish_pending


@pytest.fixture
def editor(seeded: Flask, make_user, auth: Auth) -> FlaskClient:
    make_user()
    auth.login()
    return auth.client


def _one(app: Flask, model, **where):
    with app.app_context():
        row = db.session.scalar(select(model).filter_by(**where).limit(1))
        if row is not None:
            db.session.expunge(row)
        return row


def test_an_admin_edit_is_a_revision_by_the_logged_in_editor(seeded, editor) -> None:
    article = _one(seeded, Article, slug=_one(seeded, Article).slug)
    url = f"/admin/articles/edit/?id={article.id}"
    _, form = open_form(editor, url)
    form["summary"] = "Written by our editor."
    assert editor.post(url, data=form).status_code == 302
    publish_pending(editor, article.id)  # the article is published: the edit waited
    with seeded.app_context():
        saved = db.session.get(Article, article.id)
        assert saved.summary_by_editor is True
        revision = db.session.scalar(
            select(Revision).filter_by(article_id=article.id).order_by(Revision.number.desc())
        )
        assert revision.changed_fields == ["summary"]
        assert revision.user.username == "editor"


@pytest.mark.parametrize(
    ("view", "model", "where", "field", "mine", "theirs"),
    [
        ("outlets", Outlet, {"name": "RT"}, "country", "Russia (mine)", "Russia (theirs)"),
        ("tags", Tag, {"name": "State visits"}, "description", "Mine", "Theirs"),
        ("links", Link, {}, "note", "My note", "Their note"),
    ],
)
def test_a_stale_save_shows_both_versions_and_saves_nothing(
    seeded, editor, view, model, where, field, mine, theirs
) -> None:
    record = _one(seeded, model, **where)
    url = f"/admin/{view}/edit/?id={record.id}"
    _, first = open_form(editor, url)
    _, second = open_form(editor, url)
    first[field] = theirs
    assert editor.post(url, data=first).status_code == 302
    second[field] = mine
    html = editor.post(url, data=second).text
    assert "Someone else saved this" in html and "Their saved version" in html
    assert theirs in html and mine in html
    assert getattr(_one(seeded, model, id=record.id), field) == theirs
    # Saving the re-rendered form again, with both versions in view, is a deliberate choice.
    again = form_fields(html)
    assert again[field] == mine and again["edit_version"] == str(record.version + 1)
    assert editor.post(url, data=again).status_code == 302
    assert getattr(_one(seeded, model, id=record.id), field) == mine


def test_a_save_without_its_version_is_refused(seeded, editor) -> None:
    tag = _one(seeded, Tag, name="State visits")
    url = f"/admin/tags/edit/?id={tag.id}"
    _, form = open_form(editor, url)
    del form["edit_version"]
    form["name"] = "Visits"
    html = editor.post(url, data=form).text
    assert "did not say which version" in html
    assert _one(seeded, Tag, id=tag.id).name == "State visits"


def test_deleting_through_the_admin_is_audited(seeded, editor) -> None:
    link = _one(seeded, Link)
    token = csrf_token(editor.get("/admin/links/").text)
    response = editor.post("/admin/links/delete/", data={"id": str(link.id), "csrf_token": token})
    assert response.status_code == 302
    entry = _one(seeded, AuditEntry, record_type="link", action="delete")
    assert entry.record_id == link.id and entry.before["note"] == link.note
    with seeded.app_context():
        assert db.session.get(AuditEntry, entry.id).user.username == "editor"


def test_creating_a_tag_through_the_admin_is_audited(seeded, editor) -> None:
    _, form = open_form(editor, "/admin/tags/new/")
    form.update(name="Nuclear power", description="Rosatom")
    assert editor.post("/admin/tags/new/", data=form).status_code == 302
    entry = _one(seeded, AuditEntry, record_type="tag", action="create")
    assert entry.after["name"] == "Nuclear power" and entry.after["slug"] == "nuclear-power"
