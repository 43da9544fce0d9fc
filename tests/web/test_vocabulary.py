"""Tag and outlet merges by renaming, undoable tag deletes, old addresses kept as redirects."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from cms.extensions import db
from cms.models import Article, AuditEntry, Outlet, Tag, article_tags
from tests.conftest import Auth, csrf_token
from tests.web.forms import open_form, publish_pending


@pytest.fixture
def editor(seeded: Flask, make_user, auth: Auth) -> FlaskClient:
    make_user()
    auth.login()
    return auth.client


def _get(app: Flask, model, **where):
    with app.app_context():
        row = db.session.scalar(select(model).filter_by(**where))
        if row is not None:
            db.session.expunge(row)
        return row


def _tagged(app: Flask, name: str) -> set[int]:
    with app.app_context():
        tag = db.session.scalar(select(Tag).filter_by(name=name))
        return {a.id for a in tag.articles} if tag else set()


def _save(client: FlaskClient, view: str, record_id: int, **changes: str) -> str:
    url = f"/admin/{view}/edit/?id={record_id}"
    _, form = open_form(client, url)
    form.update(changes)
    return client.post(url, data=form, follow_redirects=True).text


def _two_tags(app: Flask) -> tuple[Tag, Tag]:
    with app.app_context():
        tags = db.session.scalars(select(Tag).order_by(Tag.name)).all()
        counted = sorted(tags, key=lambda t: -len(t.articles))
        a, b = counted[0], counted[1]
        db.session.expunge_all()
        return a, b


def test_renaming_a_tag_to_an_existing_name_merges_them(seeded, editor, app) -> None:
    source, target = _two_tags(seeded)
    had_source = _tagged(seeded, source.name)
    union = had_source | _tagged(seeded, target.name)
    both = had_source & _tagged(seeded, target.name)
    moved = len(had_source - both)
    html = _save(editor, "tags", source.id, name=target.name.upper())
    assert f"Merged tag &#39;{source.name}&#39; into &#39;{target.name}&#39;" in html
    assert f"{moved} article" in html
    assert _get(seeded, Tag, id=source.id) is None
    assert _tagged(seeded, target.name) == union
    merge = _get(seeded, AuditEntry, action="merge", record_type="tag")
    assert merge.after["article_ids"] == sorted(had_source - both)
    assert merge.after["already_had_it"] == sorted(both)
    # The merged tag's address now leads to the tag it joined.
    response = app.test_client().get(f"/tags/{source.slug}")
    assert response.status_code == 301
    assert response.headers["Location"].endswith(f"/tags/{target.slug}")


def test_renaming_an_outlet_to_an_existing_one_merges_and_keeps_the_name_as_alias(
    seeded, editor, app
) -> None:
    source = _get(seeded, Outlet, name="RT")
    target = _get(seeded, Outlet, name="Associated Press")
    with seeded.app_context():
        rt_articles = set(db.session.scalars(select(Article.id).filter_by(outlet_id=source.id)))
    html = _save(editor, "outlets", source.id, name="associated press")
    assert "Merged outlet &#39;RT&#39; into &#39;Associated Press&#39;: 1 article moved." in html
    with seeded.app_context():
        ap = db.session.get(Outlet, target.id)
        assert "RT" in ap.alias_list
        assert rt_articles <= {a.id for a in ap.articles}
    response = app.test_client().get(f"/outlets/{source.slug}")
    assert response.status_code == 301 and response.headers["Location"].endswith(target.slug)


def test_a_changed_slug_keeps_the_old_address_as_a_permanent_redirect(seeded, editor, app):
    article = _get(seeded, Article, id=1)
    _save(editor, "articles", article.id, slug="a-better-address")
    publish_pending(editor, article.id)  # a published article's change waits until published
    reader = app.test_client()
    response = reader.get(f"/articles/{article.slug}")
    assert response.status_code == 301
    assert response.headers["Location"].endswith("/articles/a-better-address")
    assert reader.get("/articles/a-better-address").status_code == 200
    tag = _get(seeded, Tag, name="State visits")
    _save(editor, "tags", tag.id, slug="official-visits")
    response = reader.get(f"/tags/{tag.slug}?page=1")
    assert response.status_code == 301
    assert response.headers["Location"].endswith("/tags/official-visits?page=1")
    assert reader.get("/tags/never-existed").status_code == 404


def test_deleting_a_tag_in_use_says_how_many_lose_it_and_can_be_undone(seeded, editor) -> None:
    tag = _get(seeded, Tag, name="State visits")
    had_it = _tagged(seeded, "State visits")
    listing = editor.get("/admin/tags/?search=State+visits").text
    assert re.search(rf'class="col-articles">\s*{len(had_it)}\s*<', listing)
    token = csrf_token(editor.get("/admin/tags/").text)
    html = editor.post(
        "/admin/tags/delete/", data={"id": tag.id, "csrf_token": token}, follow_redirects=True
    ).text
    assert f"Tag &#39;State visits&#39; deleted: {len(had_it)} articles lost it." in html
    page = editor.get("/admin/tags/deleted/").text
    entry = page.split('name="entry" value="')[1].split('"')[0]
    html = editor.post(
        "/admin/tags/deleted/restore/",
        data={"entry": entry, "csrf_token": csrf_token(page)},
        follow_redirects=True,
    ).text
    assert f"Tag &#39;State visits&#39; is back on {len(had_it)} articles." in html
    assert _tagged(seeded, "State visits") == had_it
    with seeded.app_context():
        assert db.session.scalar(select(func.count()).select_from(article_tags)) > 0
