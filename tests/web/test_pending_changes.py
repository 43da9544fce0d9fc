"""Editing a published article in the admin: the change waits, previewed, until published."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from cms.extensions import db
from cms.models import Article, AuditEntry, DateBasis
from tests.conftest import Auth, csrf_token
from tests.factories import make_article
from tests.web.forms import open_form, publish_pending


@pytest.fixture
def article_id(app: Flask) -> int:
    with app.app_context():
        return make_article("Putin visits Astana", summary="The published summary.").id


@pytest.fixture
def editor(app: Flask, make_user, auth: Auth, article_id) -> FlaskClient:
    make_user()
    auth.login()
    return auth.client


def _save(client: FlaskClient, article_id: int, **changes: str):
    url = f"/admin/articles/edit/?id={article_id}"
    _, form = open_form(client, url)
    form.update(changes)
    return client.post(url, data=form, follow_redirects=True)


def test_readers_see_the_published_version_until_the_change_is_published(
    app, editor, article_id
) -> None:
    response = _save(editor, article_id, title="Putin mends fences in Astana")
    assert "Saved as pending changes" in response.text
    reader = app.test_client()
    slug = "putin-visits-astana"
    assert "<h1>Putin visits Astana</h1>" in reader.get(f"/articles/{slug}").text
    assert "Putin mends fences" not in reader.get("/articles/").text

    page, form = open_form(editor, f"/admin/articles/edit/?id={article_id}")
    assert "Pending changes, not yet public" in page and "to title." in page
    assert form["title"] == "Putin mends fences in Astana"  # the form continues the draft
    preview = editor.get(f"/admin/articles/pending/preview/?id={article_id}")
    assert "Preview of pending changes, not public." in preview.text
    assert "<h1>Putin mends fences in Astana</h1>" in preview.text
    assert preview.headers["Cache-Control"] == "private, no-store"
    assert reader.get(f"/admin/articles/pending/preview/?id={article_id}").status_code != 200
    history = editor.get(f"/admin/articles/history/?id={article_id}").text
    assert "Pending changes, not yet public" in history
    assert '<ins class="diff-added">mends fences in</ins>' in history

    listed = editor.get("/admin/articles/?flt0_changes_to_publish_is=yes").text
    assert "Changes to publish</span>" in listed and "Putin visits Astana" in listed
    dashboard = editor.get("/admin/").text.split("Changes to publish")[1]
    assert "Putin visits Astana</a>" in dashboard.split("</ul>")[0]
    assert "The pending changes are published" in publish_pending(editor, article_id)
    listed = editor.get("/admin/articles/?flt0_changes_to_publish_is=yes").text
    assert "Putin visits Astana" not in listed
    assert "<h1>Putin mends fences in Astana</h1>" in reader.get(f"/articles/{slug}").text
    history = editor.get(f"/admin/articles/history/?id={article_id}").text
    assert "published pending changes: Title" in history


def test_discarding_the_pending_changes(app, editor, article_id) -> None:
    _save(editor, article_id, summary="A summary nobody wanted.")
    page = editor.get(f"/admin/articles/edit/?id={article_id}").text
    version = re.search(
        r'pending/discard/".*?name="pending_version" value="(\d+)"', page, re.S
    ).group(1)
    response = editor.post(
        "/admin/articles/pending/discard/",
        data={"id": article_id, "pending_version": version, "csrf_token": csrf_token(page)},
        follow_redirects=True,
    )
    assert "The pending changes are discarded" in response.text
    assert "The published summary." in response.text  # the form shows the published article
    with app.app_context():
        entry = db.session.scalar(select(AuditEntry).filter_by(action="discard pending"))
        assert entry.before["summary"] == "A summary nobody wanted."
        assert entry.user.username == "editor"


def test_two_editors_cannot_overwrite_each_others_pending_changes(app, editor, article_id) -> None:
    url = f"/admin/articles/edit/?id={article_id}"
    _, stale = open_form(editor, url)
    _save(editor, article_id, title="The first editor's title")
    stale["title"] = "The second editor's title"
    response = editor.post(url, data=stale, follow_redirects=True)
    assert "Someone else saved this article&#39;s pending changes" in response.text
    assert "The first editor&#39;s title" in response.text  # theirs, beside mine
    with app.app_context():
        assert db.session.get(Article, article_id).title == "Putin visits Astana"
    page = editor.get(url).text
    assert 'value="The first editor&#39;s title"' in page


def test_a_publish_from_a_page_older_than_the_pending_changes_is_refused(
    app, editor, article_id
) -> None:
    _save(editor, article_id, title="First draft of a title")
    page = editor.get(f"/admin/articles/edit/?id={article_id}").text
    fields = dict(
        re.findall(
            r'name="(edit_version|pending_version)" value="(\d+)"', page.split("publish/")[1]
        )
    )
    _save(editor, article_id, title="Second draft of a title")
    response = editor.post(
        "/admin/articles/pending/publish/",
        data={"id": article_id, "csrf_token": csrf_token(page), **fields},
        follow_redirects=True,
    )
    assert "Nothing was done: someone else changed" in response.text
    with app.app_context():
        assert db.session.get(Article, article_id).title == "Putin visits Astana"


def test_editors_can_say_they_placed_the_date(app, editor, article_id) -> None:
    page, form = open_form(editor, f"/admin/articles/edit/?id={article_id}")
    assert "Date from" in page and form["date_basis"] == "source"
    _save(editor, article_id, date_basis="editors")
    publish_pending(editor, article_id)
    with app.app_context():
        assert db.session.get(Article, article_id).date_basis is DateBasis.EDITORS
    public = app.test_client().get("/articles/putin-visits-astana").text
    assert "dated by the editors from the text" in public
