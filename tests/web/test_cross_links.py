"""Cross-links from the article's own page: sentences from both ends, a picker that can tell."""

from __future__ import annotations

import json

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from cms.extensions import db
from cms.models import Article, Link, Outlet
from tests.conftest import Auth, csrf_token


@pytest.fixture
def editor(seeded: Flask, make_user, auth: Auth) -> FlaskClient:
    make_user()
    auth.login()
    return auth.client


def _by_outlet(app: Flask, name: str) -> Article:
    with app.app_context():
        article = db.session.scalar(select(Article).join(Outlet).where(Outlet.name == name))
        db.session.expunge(article)
        return article


def test_a_link_added_on_the_article_page_reads_as_a_sentence_from_both_ends(seeded, editor):
    ap, rt = _by_outlet(seeded, "Associated Press"), _by_outlet(seeded, "RT")
    with seeded.app_context():
        db.session.execute(db.delete(Link))
        db.session.commit()
    page = editor.get(f"/admin/articles/edit/?id={rt.id}").text
    html = editor.post(
        "/admin/links/add/",
        data={
            "source": rt.id,
            "target": ap.id,
            "relation": "responds to",
            "note": "",
            "csrf_token": csrf_token(page),
        },
        follow_redirects=True,
    ).text
    assert (
        f'This article responds to: <a href="/admin/articles/edit/?id={ap.id}">'
        f"{ap.title} — Associated Press, " in html
    )
    other_end = editor.get(f"/admin/articles/edit/?id={ap.id}").text
    assert f'Answered by: <a href="/admin/articles/edit/?id={rt.id}">{rt.title}' in other_end


def test_the_picker_matches_outlet_names_and_word_starts_and_shows_outlet_and_date(
    seeded, editor
) -> None:
    rt = _by_outlet(seeded, "RT")
    response = editor.get("/admin/links/ajax/lookup/?name=target&query=RT")
    found = json.loads(response.text)
    assert [row[0] for row in found] == [rt.id]
    assert found[0][1].startswith(rt.title + " — RT, ")
    # "part" contains "rt" but does not start with it.
    titles = [
        row[1]
        for row in json.loads(editor.get("/admin/links/ajax/lookup/?name=target&query=rt").text)
    ]
    assert all(" — RT, " in title or title.lower().startswith("rt") for title in titles)


def test_a_self_link_is_refused_on_the_article_page(seeded, editor) -> None:
    rt = _by_outlet(seeded, "RT")
    page = editor.get(f"/admin/articles/edit/?id={rt.id}").text
    html = editor.post(
        "/admin/links/add/",
        data={
            "source": rt.id,
            "target": rt.id,
            "relation": "cites",
            "csrf_token": csrf_token(page),
        },
        follow_redirects=True,
    ).text
    assert "cannot be linked to itself" in html
