"""The suggestions panel on the article edit page, with CSRF on: one click to accept or dismiss."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from cms.extensions import db
from cms.models import Article, Link, Relation, Suggestion, SuggestionKind, SuggestionState
from tests.conftest import Auth, csrf_token


@pytest.fixture
def editor(seeded: Flask, make_user, auth: Auth) -> FlaskClient:
    make_user()
    auth.login()
    return auth.client


def article_id(app: Flask, title_start: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Article.id).where(Article.title.startswith(title_start)))


def pending(app: Flask, article: int, kind: SuggestionKind) -> list[tuple[int, str, float]]:
    with app.app_context():
        rows = db.session.execute(
            select(Suggestion.id, Suggestion.value, Suggestion.score).where(
                Suggestion.article_id == article,
                Suggestion.kind == kind,
                Suggestion.state == SuggestionState.PENDING,
            )
        )
        return [tuple(row) for row in rows]


def state_of(app: Flask, suggestion_id: int) -> SuggestionState:
    with app.app_context():
        return db.session.get(Suggestion, suggestion_id).state


def test_the_panel_groups_suggestions_with_reasons_and_evidence(seeded, editor) -> None:
    article = article_id(seeded, "Central Asia Now")
    page = editor.get(f"/admin/articles/edit/?id={article}").text
    assert "Suggestions" in page and "waiting)" in page
    for heading in ("People, organisations, places", "Related articles"):
        assert heading in page
    assert "in the gazetteer; named once (Rosatom ×1)" in page
    assert "Rosatom will promote its nuclear power plant project for Kazakhstan." in page
    assert re.search(r"shares [^<]+; \d+ (days|years) apart", page)


def test_accept_and_dismiss_in_one_click(seeded, editor) -> None:
    article = article_id(seeded, "Central Asia Now")
    page = editor.get(f"/admin/articles/edit/?id={article}").text
    (rosatom,) = [s for s in pending(seeded, article, SuggestionKind.ENTITY) if s[1] == "Rosatom"]
    armenia = next(s for s in pending(seeded, article, SuggestionKind.ENTITY) if s[1] == "Armenia")
    token = csrf_token(page)
    response = editor.post(f"/admin/suggestions/{rosatom[0]}/accept", data={"csrf_token": token})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/admin/articles/edit/?id={article}")
    assert state_of(seeded, rosatom[0]) is SuggestionState.ACCEPTED
    response = editor.post(f"/admin/suggestions/{armenia[0]}/dismiss", data={"csrf_token": token})
    assert state_of(seeded, armenia[0]) is SuggestionState.DISMISSED
    after = editor.get(response.headers["Location"]).text
    assert "Dismissed the entity suggestion “Armenia”" in after
    assert f'id="suggestion-{armenia[0]}"' not in after


def test_a_post_without_the_csrf_token_is_refused(seeded, editor) -> None:
    article = article_id(seeded, "Central Asia Now")
    (first, *_) = pending(seeded, article, SuggestionKind.ENTITY)
    assert editor.post(f"/admin/suggestions/{first[0]}/accept").status_code == 400
    assert state_of(seeded, first[0]) is SuggestionState.PENDING


def test_accepting_a_related_article_links_it_as_the_editor_chose(seeded, editor) -> None:
    article = article_id(seeded, "Central Asia Now")
    token = csrf_token(editor.get(f"/admin/articles/edit/?id={article}").text)
    related = pending(seeded, article, SuggestionKind.RELATED)[0]
    editor.post(
        f"/admin/suggestions/{related[0]}/accept",
        data={"csrf_token": token, "relation": Relation.RESPONDS_TO.value},
    )
    with seeded.app_context():
        link = db.session.scalar(select(Link).where(Link.source_id == article))
        assert link.relation is Relation.RESPONDS_TO


def test_accept_all_tags_above_the_line(seeded, editor) -> None:
    article = article_id(seeded, "Putin in Kazakhstan")
    page = editor.get(f"/admin/articles/edit/?id={article}").text
    tags = pending(seeded, article, SuggestionKind.TAG)
    assert tags and all(score > 0.8 for _, _, score in tags)
    assert "Accept all tags above 0.8" in page
    editor.post(
        f"/admin/suggestions/article/{article}/accept-tags", data={"csrf_token": csrf_token(page)}
    )
    assert pending(seeded, article, SuggestionKind.TAG) == []


def test_anonymous_visitors_cannot_decide(seeded, client) -> None:
    response = client.post("/admin/suggestions/1/dismiss")
    assert response.status_code in (302, 400)
    assert state_of(seeded, 1) is SuggestionState.PENDING
