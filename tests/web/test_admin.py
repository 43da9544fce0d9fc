"""The admin panel: closed to anonymous visitors, edits go through services and show publicly."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from cms.extensions import db
from cms.models import Article, ArticleStatus, Role
from tests.conftest import Auth, csrf_token
from tests.web.forms import form_fields, publish_pending


def _admin_urls(app: Flask) -> list[tuple[str, str]]:
    """Every admin rule in the URL map, with placeholder arguments filled in."""
    urls = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/admin") or rule.endpoint.startswith("admin.static"):
            continue
        url = re.sub(r"<(?:[^:>]+:)?([^>]+)>", "1", rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            urls.append((method, url))
    return urls


def test_the_url_map_has_admin_views(app: Flask) -> None:
    urls = {url for _, url in _admin_urls(app)}
    for expected in [
        "/admin/",
        "/admin/articles/",
        "/admin/articles/edit/",
        "/admin/links/new/",
        "/admin/outlets/delete/",
        "/admin/tags/ajax/lookup/",
        "/admin/users/",
    ]:
        assert expected in urls


def test_every_admin_url_refuses_an_anonymous_visitor(app: Flask, client: FlaskClient) -> None:
    urls = _admin_urls(app)
    assert len(urls) > 30
    app.config["WTF_CSRF_ENABLED"] = False  # so a POST reaches the view's own access check
    for method, url in urls:
        response = client.open(url, method=method, query_string={"id": "1"})
        assert response.status_code in (302, 403), (method, url, response.status_code)
        if response.status_code == 302:
            assert response.headers["Location"].startswith("/login"), (method, url)


def test_an_editor_cannot_open_user_management(app, make_user, auth: Auth, client) -> None:
    make_user()
    auth.login()
    assert client.get("/admin/articles/").status_code == 200
    assert client.get("/admin/users/").status_code == 403


def _edit_form(client: FlaskClient, article_id: int) -> tuple[str, dict[str, str]]:
    """The article's edit page and the form fields a browser would post back."""
    html = client.get(f"/admin/articles/edit/?id={article_id}").text
    return html, form_fields(html)


def _article(app: Flask, title_start: str) -> Article:
    with app.app_context():
        article = db.session.scalar(select(Article).where(Article.title.startswith(title_start)))
        db.session.expunge(article)
        return article


def test_a_title_edited_in_the_admin_shows_on_the_public_page_once_published(
    seeded: Flask, make_user, auth: Auth, client: FlaskClient
) -> None:
    make_user(role=Role.EDITOR)
    auth.login()
    article = _article(seeded, "Putin Visits Kazakhstan After")
    _, form = _edit_form(client, article.id)
    assert form["title"] == "Putin Visits Kazakhstan After Remarks Cause Alarm"
    form["title"] = "Putin Mends Fences in Astana"
    response = client.post(f"/admin/articles/edit/?id={article.id}", data=form)
    assert response.status_code == 302, response.text
    html = client.get(f"/articles/{article.slug}").text
    assert "<h1>Putin Visits Kazakhstan After Remarks Cause Alarm</h1>" in html
    publish_pending(client, article.id)
    html = client.get(f"/articles/{article.slug}").text
    assert "<h1>Putin Mends Fences in Astana</h1>" in html


def test_a_stale_edit_form_is_refused(seeded: Flask, make_user, auth: Auth, client) -> None:
    make_user()
    auth.login()
    article = _article(seeded, "Window on Eurasia")
    with seeded.app_context():  # a draft: its edits apply at once (see test_pending_changes)
        db.session.get(Article, article.id).status = ArticleStatus.DRAFT
        db.session.commit()
    _, stale = _edit_form(client, article.id)
    _, fresh = _edit_form(client, article.id)
    fresh["title"] = "First editor's title"
    assert client.post(f"/admin/articles/edit/?id={article.id}", data=fresh).status_code == 302
    stale["title"] = "Second editor's title"
    response = client.post(
        f"/admin/articles/edit/?id={article.id}", data=stale, follow_redirects=True
    )
    assert "Someone else saved this article" in response.text
    assert _article(seeded, "First editor").title == "First editor's title"


def test_editing_without_a_csrf_token_is_refused(seeded, make_user, auth, client) -> None:
    make_user()
    auth.login()
    article = _article(seeded, "Window on Eurasia")
    _, form = _edit_form(client, article.id)
    del form["csrf_token"]
    form["title"] = "Forged"
    assert client.post(f"/admin/articles/edit/?id={article.id}", data=form).status_code == 400
    assert _article(seeded, "Window on Eurasia").title.startswith("Window on Eurasia")


def test_an_archived_article_cannot_jump_to_published(seeded, make_user, auth, client) -> None:
    make_user()
    auth.login()
    article = _article(seeded, "Central Asia Now")
    with seeded.app_context():
        db.session.get(Article, article.id).status = ArticleStatus.ARCHIVED
        db.session.commit()
    _, form = _edit_form(client, article.id)
    form["status"] = "published"
    response = client.post(
        f"/admin/articles/edit/?id={article.id}", data=form, follow_redirects=True
    )
    assert "can only become: draft" in response.text
    assert _article(seeded, "Central Asia Now").status is ArticleStatus.ARCHIVED


@pytest.mark.parametrize(
    "page",
    [
        "/admin/",
        "/admin/articles/",
        "/admin/outlets/",
        "/admin/tags/",
        "/admin/links/",
        "/admin/imports/",
        "/admin/links/new/",
    ],
)
def test_admin_pages_render_for_an_editor(seeded, make_user, auth, client, page) -> None:
    make_user()
    auth.login()
    assert client.get(page).status_code == 200


def test_import_warnings_show_on_the_edit_page(seeded, make_user, auth, client) -> None:
    make_user()
    auth.login()
    article = _article(seeded, "Putin in Kazakhstan: The West")
    html, _ = _edit_form(client, article.id)
    assert "could not be sure" in html
    assert "No author named in the text" in html
    # The curation set the date by hand, so the missing-date warning is settled.
    assert "No publication date found" not in html


def test_the_edit_form_shows_each_choice_as_it_is(seeded, make_user, auth, client) -> None:
    """Enum fields stored by value must come back selected, or a save would reset them."""
    make_user()
    auth.login()
    article = _article(seeded, "Putin in Kazakhstan: The West")
    _, form = _edit_form(client, article.id)
    assert form["status"] == "published"
    assert form["kind"] == "opinion"
    assert form["date_precision"] == "month"
    assert form["published_on"] == "2024-11-01"


@pytest.mark.parametrize(
    ("view", "fields", "public_url"),
    [
        (
            "tags",
            {"name": "Nuclear power", "slug": "", "facet": "", "description": "Rosatom"},
            "/tags/nuclear-power",
        ),
        (
            "outlets",
            {
                "name": "Steppe Herald",
                "slug": "",
                "aliases": "",
                "kind": "newspaper",
                "ownership": "private",
                "country": "Kazakhstan",
                "language": "en",
                "homepage": "",
                "description": "",
            },
            "/outlets/steppe-herald",
        ),
    ],
)
def test_an_editor_creates_a_tag_or_outlet_with_a_slug_made_for_them(
    seeded, make_user, auth, client, view, fields, public_url
) -> None:
    make_user()
    auth.login()
    page = client.get(f"/admin/{view}/new/")
    data = {**fields, "csrf_token": csrf_token(page.text)}
    response = client.post(f"/admin/{view}/new/", data=data)
    assert response.status_code == 302, response.text
    # Nothing published carries it yet, so the public page exists but lists nothing.
    assert client.get(public_url).status_code == 200


def test_admin_pages_refuse_framing_and_other_origins(seeded, make_user, auth, client) -> None:
    make_user()
    auth.login()
    headers = client.get("/admin/articles/").headers
    policy = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert "default-src 'self'" in policy
    assert headers["X-Frame-Options"] == "DENY"
