"""History: the word diff between any two revisions, restore as a new revision, the trash."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from cms.extensions import db
from cms.models import Article, Role, Tag
from tests.conftest import Auth, csrf_token
from tests.web.forms import open_form, publish_pending


@pytest.fixture
def editor(seeded: Flask, make_user, auth: Auth) -> FlaskClient:
    make_user()
    auth.login()
    return auth.client


def _article(app: Flask) -> Article:
    with app.app_context():
        article = db.session.scalar(select(Article).order_by(Article.id).limit(1))
        db.session.expunge(article)
        return article


def _edit(client: FlaskClient, article_id: int, **changes: str) -> None:
    """Edit a (published) article and publish the change, which makes it a revision."""
    url = f"/admin/articles/edit/?id={article_id}"
    _, form = open_form(client, url)
    form.update(changes)
    assert client.post(url, data=form).status_code == 302
    assert "The pending changes are published" in publish_pending(client, article_id)


def test_history_shows_a_word_diff_between_any_two_revisions(seeded, editor) -> None:
    article = _article(seeded)
    _edit(editor, article.id, summary="Putin visited Astana.")
    _edit(editor, article.id, summary="Putin visited Almaty.", authors="A. Writer")
    html = editor.get(f"/admin/articles/history/?id={article.id}").text
    assert "Changes from revision 2 to revision 3" in html
    assert '<del class="diff-removed">Astana.</del><ins class="diff-added">Almaty.</ins>' in html
    assert "published pending changes: Authors, Summary" in html
    older = editor.get(f"/admin/articles/history/?id={article.id}&a=1&b=3").text
    assert "Changes from revision 1 to revision 3" in older
    assert "Almaty.</ins>" in older and "Authors" in older


def test_restoring_an_old_revision_makes_a_new_one_and_changes_the_public_page(
    seeded, editor, app
) -> None:
    article = _article(seeded)
    original_title = article.title
    _edit(editor, article.id, title="A title that did not last")
    with seeded.app_context():
        version = db.session.get(Article, article.id).version
    page = editor.get(f"/admin/articles/history/?id={article.id}").text
    response = editor.post(
        "/admin/articles/history/restore/",
        data={
            "id": article.id,
            "number": 1,
            "edit_version": version,
            "csrf_token": csrf_token(page),
        },
        follow_redirects=True,
    )
    assert "Restored revision 1" in response.text
    assert "restored revision 1: Title" in response.text
    restored = _article(seeded)
    assert restored.title == original_title
    assert original_title in app.test_client().get(f"/articles/{restored.slug}").text


def test_a_restore_from_a_stale_history_page_is_refused(seeded, editor) -> None:
    article = _article(seeded)
    _edit(editor, article.id, title="Second")
    page = editor.get(f"/admin/articles/history/?id={article.id}").text
    _edit(editor, article.id, title="Third")
    response = editor.post(
        "/admin/articles/history/restore/",
        data={
            "id": article.id,
            "number": 1,
            "edit_version": article.version + 1,
            "csrf_token": csrf_token(page),
        },
        follow_redirects=True,
    )
    assert "Someone else saved this article" in response.text
    assert _article(seeded).title == "Third"


def test_outlets_and_tags_have_a_history(seeded, editor) -> None:
    with seeded.app_context():
        tag_id = db.session.scalar(select(Tag.id).where(Tag.name == "State visits"))
    url = f"/admin/tags/edit/?id={tag_id}"
    _, form = open_form(editor, url)
    form["description"] = "Official trips abroad"
    editor.post(url, data=form)
    html = editor.get(f"/admin/tags/history/?id={tag_id}").text
    assert "Official trips abroad" in html and "update" in html and "editor" in html


def test_an_admin_restores_a_deleted_article_from_the_trash(seeded, make_user, auth) -> None:
    make_user("boss", Role.ADMIN)
    auth.login("boss")
    client = auth.client
    article = _article(seeded)
    with seeded.app_context():
        tags = sorted(t.name for t in db.session.get(Article, article.id).tags)
    token = csrf_token(client.get("/admin/articles/").text)
    client.post("/admin/articles/delete/", data={"id": article.id, "csrf_token": token})
    assert client.get(f"/admin/articles/edit/?id={article.id}").status_code == 302
    trash = client.get("/admin/articles/trash/").text
    assert article.title in trash
    entry = trash.split('name="entry" value="')[1].split('"')[0]
    response = client.post(
        "/admin/articles/trash/restore/",
        data={"entry": entry, "csrf_token": csrf_token(trash)},
        follow_redirects=True,
    )
    assert "is back, as a draft" in response.text
    with seeded.app_context():
        back = db.session.get(Article, article.id)
        assert back.title == article.title and back.status.value == "draft"
        assert sorted(t.name for t in back.tags) == tags
    assert "The trash is empty" in client.get("/admin/articles/trash/").text


def test_editors_cannot_open_the_trash(seeded, editor) -> None:
    assert editor.get("/admin/articles/trash/").status_code == 403
