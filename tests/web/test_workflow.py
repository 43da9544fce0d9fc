"""Workflow from the article list, and an editor's preview of an unpublished article."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from cms.extensions import db
from cms.models import Article, ArticleStatus, AuditEntry, Revision
from tests.conftest import Auth, csrf_token


@pytest.fixture
def editor(seeded: Flask, make_user, auth: Auth) -> FlaskClient:
    make_user()
    auth.login()
    return auth.client


def _ids(app: Flask, count: int) -> list[int]:
    with app.app_context():
        return list(db.session.scalars(select(Article.id).order_by(Article.id).limit(count)))


def _statuses(app: Flask, ids: list[int]) -> list[ArticleStatus]:
    with app.app_context():
        return [db.session.get(Article, i).status for i in ids]


def _act(client: FlaskClient, action: str, ids: list[int]) -> str:
    token = csrf_token(client.get("/admin/articles/").text)
    data = {"action": action, "rowid": [str(i) for i in ids], "csrf_token": token}
    return client.post("/admin/articles/action/", data=data, follow_redirects=True).text


def test_list_actions_move_articles_through_the_workflow(seeded, editor) -> None:
    ids = _ids(seeded, 3)
    assert "Moved to draft 3 articles." in _act(editor, "unpublish", ids)
    assert _statuses(seeded, ids) == [ArticleStatus.DRAFT] * 3
    assert "Sent to review 2 articles." in _act(editor, "review", ids[:2])
    html = _act(editor, "publish", ids)
    assert "Published 3 articles." in html
    assert _statuses(seeded, ids) == [ArticleStatus.PUBLISHED] * 3
    with seeded.app_context():
        entries = db.session.scalars(
            select(AuditEntry).where(AuditEntry.record_id == ids[0], AuditEntry.action == "update")
        ).all()
        assert [e.after["status"] for e in entries] == ["draft", "in review", "published"]
        assert all(e.user.username == "editor" for e in entries)
        numbers = db.session.scalars(select(Revision.number).filter_by(article_id=ids[0])).all()
        assert sorted(numbers) == [1, 2, 3, 4]


def test_a_bulk_change_counts_what_already_was_and_what_the_rules_refuse(seeded, editor) -> None:
    ids = _ids(seeded, 3)
    _act(editor, "archive", ids[:1])
    html = _act(editor, "publish", ids)
    assert "Published 0 articles; 2 already were; 1 refused" in html
    assert "can only become: draft" in html
    assert _statuses(seeded, ids)[0] is ArticleStatus.ARCHIVED


def test_an_editor_previews_a_draft_that_readers_cannot_see(seeded, editor, app) -> None:
    ids = _ids(seeded, 1)
    _act(editor, "unpublish", ids)
    with seeded.app_context():
        slug = db.session.get(Article, ids[0]).slug
    preview = editor.get(f"/articles/{slug}")
    assert preview.status_code == 200
    assert "Preview, not public." in preview.text and "This article is draft" in preview.text
    assert preview.headers["Cache-Control"] == "private, no-store"
    assert preview.headers["X-Robots-Tag"] == "noindex"
    reader = app.test_client()
    assert reader.get(f"/articles/{slug}").status_code == 404


def test_a_published_article_shows_no_preview_marker(seeded, editor) -> None:
    with seeded.app_context():
        slug = db.session.scalar(select(Article.slug).limit(1))
    html = editor.get(f"/articles/{slug}").text
    assert "Preview, not public" not in html
