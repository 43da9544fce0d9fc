"""Undo on the vocabularies: a merge of two tags or two outlets, and a deleted outlet."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from cms.extensions import db
from cms.models import Article, AuditEntry, Outlet, Tag
from cms.services import taxonomy, unmerging
from cms.services.errors import Conflict
from tests.conftest import Auth, csrf_token
from tests.web.forms import open_form


@pytest.fixture
def editor(seeded: Flask, make_user, auth: Auth) -> FlaskClient:
    make_user()
    auth.login()
    return auth.client


def _rename(client: FlaskClient, view: str, record_id: int, name: str) -> str:
    url = f"/admin/{view}/edit/?id={record_id}"
    _, form = open_form(client, url)
    form["name"] = name
    return client.post(url, data=form, follow_redirects=True).text


def _undo(client: FlaskClient, view: str) -> str:
    page = client.get(f"/admin/{view}/merges/").text
    entry = re.search(r'name="entry" value="(\d+)"', page).group(1)
    data = {"entry": entry, "csrf_token": csrf_token(page)}
    return client.post(f"/admin/{view}/merges/undo/", data=data, follow_redirects=True).text


def _tags_of(app: Flask) -> dict[int, set[str]]:
    with app.app_context():
        articles = db.session.scalars(select(Article)).all()
        return {a.id: {t.name for t in a.tags} for a in articles}


def test_undoing_a_tag_merge_gives_the_tag_back_to_its_articles(seeded, editor, app) -> None:
    before = _tags_of(seeded)
    with seeded.app_context():
        source = db.session.scalar(select(Tag).where(Tag.name == "State visits"))
        source_id, slug, description = source.id, source.slug, source.description
        target = next(t.name for t in db.session.scalars(select(Tag)) if t.id != source_id)
    html = _rename(editor, "tags", source_id, target)
    assert "Merged tag" in html and "/admin/tags/merges/" in html  # the Undo link
    html = _undo(editor, "tags")
    assert "Merge undone: tag &#39;State visits&#39; is back" in html
    assert _tags_of(seeded) == before
    with seeded.app_context():
        tag = db.session.scalar(select(Tag).where(Tag.name == "State visits"))
        assert tag.slug == slug and tag.description == description
        entry = db.session.scalar(select(AuditEntry).filter_by(action="undo merge"))
        assert entry.user.username == "editor"
        assert unmerging.merges("tag") == []  # undone: no longer offered
    assert app.test_client().get(f"/tags/{slug}").status_code == 200  # its own page again


def test_undoing_an_outlet_merge_moves_its_articles_back(seeded, editor, app) -> None:
    with seeded.app_context():
        rt = db.session.scalar(select(Outlet).where(Outlet.name == "RT"))
        rt_id, slug = rt.id, rt.slug
        rt_articles = set(db.session.scalars(select(Article.id).filter_by(outlet_id=rt_id)))
        ap_aliases = taxonomy.find_outlet("Associated Press").aliases
    _rename(editor, "outlets", rt_id, "Associated Press")
    assert "Merge undone: outlet &#39;RT&#39; is back, on 1 article." in _undo(editor, "outlets")
    with seeded.app_context():
        rt = taxonomy.find_outlet("RT")
        assert rt.slug == slug and rt.kind.value == "state media"
        assert set(db.session.scalars(select(Article.id).filter_by(outlet_id=rt.id))) == rt_articles
        assert taxonomy.find_outlet("Associated Press").aliases == ap_aliases


def test_a_merge_is_undone_once_and_not_over_a_new_record_of_that_name(seeded, editor) -> None:
    with seeded.app_context():
        source_id = db.session.scalar(select(Tag.id).where(Tag.name == "State visits"))
        target = db.session.scalar(select(Tag.name).where(Tag.id != source_id))
    _rename(editor, "tags", source_id, target)
    with seeded.app_context():
        entry_id = db.session.scalar(select(AuditEntry.id).filter_by(action="merge"))
        taxonomy.create_tag({"name": "state visits"}, None)
        with pytest.raises(Conflict, match="is named 'State visits' again"):
            unmerging.undo_merge(entry_id, None)
        db.session.rollback()
    assert "Merge undone" in _undo(editor, "tags")
    with seeded.app_context(), pytest.raises(Conflict, match="already been undone"):
        unmerging.undo_merge(entry_id, None)


def test_a_deleted_outlet_can_be_restored_with_its_profile(seeded, editor, app) -> None:
    with seeded.app_context():
        outlet = taxonomy.create_outlet(
            {"name": "Steppe Herald", "country": "Kazakhstan", "description": "A weekly."}, None
        )
        db.session.commit()
        outlet_id, slug = outlet.id, outlet.slug
    token = csrf_token(editor.get("/admin/outlets/").text)
    html = editor.post(
        "/admin/outlets/delete/",
        data={"id": str(outlet_id), "csrf_token": token},
        follow_redirects=True,
    ).text
    assert "Outlet &#39;Steppe Herald&#39; deleted." in html and "/admin/outlets/deleted/" in html
    page = editor.get("/admin/outlets/deleted/").text
    entry = re.search(r'name="entry" value="(\d+)"', page).group(1)
    html = editor.post(
        "/admin/outlets/deleted/restore/",
        data={"entry": entry, "csrf_token": csrf_token(page)},
        follow_redirects=True,
    ).text
    assert "Outlet &#39;Steppe Herald&#39; is back." in html
    with seeded.app_context():
        back = taxonomy.find_outlet("Steppe Herald")
        assert (back.country, back.description, back.slug) == ("Kazakhstan", "A weekly.", slug)
        restored = db.session.scalar(select(AuditEntry).filter_by(action="restore"))
        assert restored.record_type == "outlet" and restored.user.username == "editor"
    assert "No deleted outlets." in editor.get("/admin/outlets/deleted/").text
