"""The article list: labels, minutes, tags and review marker, EXISTS filters, search, bulk."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select, update

from cms.extensions import db
from cms.models import Article, ImportWarning, Suggestion, SuggestionKind, SuggestionState, Tag
from tests.conftest import Auth, csrf_token


@pytest.fixture
def editor(seeded: Flask, make_user, auth: Auth) -> FlaskClient:
    make_user()
    auth.login()
    return auth.client


def _titles(html: str) -> list[str]:
    return re.findall(r'<td class="col-title">\s*<a href="[^"]*">([^<]*)</a>', html)


def _count(html: str) -> int:
    found = re.search(r"List \((\d+)\)", html)
    if found is None:
        assert "There are no items in the table." in html
        return 0
    return int(found.group(1))


def test_the_list_reads_as_people_talk(seeded, editor) -> None:
    html = editor.get("/admin/articles/").text
    assert "PUBLISHED" not in html and "EXCERPT" not in html
    assert re.search(r'class="col-status">\s*Published\s*<', html)
    assert not re.search(r"\d\d:\d\d:\d\d\.\d+", html), "timestamps to the minute"
    assert re.search(r'class="col-tags">\s*[^<\s][^<]*<', html), "a tags column"
    assert "Please select model" not in editor.get("/admin/articles/new/").text


def test_pending_suggestions_mark_the_row_and_feed_the_needs_review_filter(seeded, editor):
    with seeded.app_context():
        article = db.session.scalar(select(Article).order_by(Article.id).limit(1))
        db.session.execute(
            update(Suggestion)
            .where(Suggestion.article_id != article.id)
            .values(state=SuggestionState.DISMISSED)
        )
        db.session.execute(update(ImportWarning).values(resolved_at=func.now()))
        db.session.add(
            Suggestion(
                article_id=article.id,
                kind=SuggestionKind.TAG,
                value="Energy",
                key="test:energy",
                reason="test",
                source="test",
            )
        )
        db.session.commit()
        title = article.title
        pending = db.session.scalar(
            select(func.count()).where(
                Suggestion.article_id == article.id, Suggestion.state == SuggestionState.PENDING
            )
        )
    html = editor.get("/admin/articles/").text
    assert f"{pending} suggestion{'s' if pending > 1 else ''} to review" in html
    assert html.count("to review</span>") == 1
    flagged = editor.get("/admin/articles/?flt0_needs_review_is=yes").text
    assert _titles(flagged) == [title] and _count(flagged) == 1
    assert _count(editor.get("/admin/articles/?flt0_needs_review_is=no").text) == 4


def test_filters_by_tag_outlet_year_and_status_count_each_article_once(seeded, editor) -> None:
    with seeded.app_context():
        tag = db.session.scalar(select(Tag).where(Tag.name == "State visits"))
        tagged = {a.title for a in tag.articles}
        tag_id = tag.id
    html = editor.get(f"/admin/articles/?flt0_tag_is={tag_id}").text
    assert set(_titles(html)) == tagged and _count(html) == len(tagged)
    assert _count(editor.get("/admin/articles/?flt0_year_is=2014").text) >= 1
    assert _count(editor.get("/admin/articles/?flt0_year_is=1990").text) == 0
    assert _count(editor.get("/admin/articles/?flt0_status_is=draft").text) == 0


@pytest.mark.parametrize(("term", "expected"), [("Goble", 1), ("rt", 1), ("Kazakhstan", 5)])
def test_search_covers_title_outlet_authors_and_text(seeded, editor, term, expected) -> None:
    assert _count(editor.get(f"/admin/articles/?search={term}").text) >= expected


def _act(client: FlaskClient, action: str, ids: list[int], url: str = "/admin/articles/", **extra):
    token = csrf_token(client.get(url).text)
    data = {"action": action, "rowid": [str(i) for i in ids], "csrf_token": token, "url": url}
    return client.post(
        "/admin/articles/action/", data={**data, **extra}, follow_redirects=True
    ).text


def test_bulk_tagging_counts_who_already_had_it(seeded, editor) -> None:
    with seeded.app_context():
        ids = list(db.session.scalars(select(Article.id).order_by(Article.id)))
        had = {
            a.id for a in db.session.scalar(select(Tag).where(Tag.name == "State visits")).articles
        }
    html = _act(editor, "add_tag", ids, bulk_tag="state visits")
    added = len(set(ids) - had)
    assert f"Tag &#39;State visits&#39; added to {added} article" in html
    assert f"{len(had)} already had it" in html
    html = _act(editor, "remove_tag", ids[:2], bulk_tag="State visits")
    assert "Tag &#39;State visits&#39; removed from 2 articles." in html
    html = _act(editor, "add_tag", ids[:1], bulk_tag="Energy")
    assert "Tag &#39;Energy&#39; added to 1 article." in html


def test_an_action_can_cover_all_articles_matching_the_filter(seeded, editor) -> None:
    with seeded.app_context():
        first = db.session.scalar(select(Article.id).order_by(Article.id).limit(1))
    url = "/admin/articles/?search=Kazakhstan"
    matching = _count(editor.get(url).text)
    html = _act(editor, "unpublish", [first], url=url, all_matching="yes")
    assert f"Moved to draft {matching} articles." in html
    assert _count(editor.get("/admin/articles/?flt0_status_is=draft").text) == matching
