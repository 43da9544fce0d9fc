"""Articles' bodies are stored rendered and sanitised when saved, by the renderer readers see."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import select, text, update

from cms.extensions import db
from cms.models import Article, ArticleStatus
from cms.rendering import markdown_to_html
from cms.services import articles, bulk, stored_html
from cms.services.transaction import write
from tests.factories import make_article

HOSTILE = (
    'Hello <script>alert("x")</script> & "quotes"\n\n'
    "[click](javascript:alert(1)) <img src=x onerror=alert(2)>\n\n"
    "[fine](https://example.org/?a=1&b=2)\n\n# Heading\n\n* one\n* two\n"
)


def _stored(app: Flask, title: str) -> Article:
    with app.app_context():
        article = db.session.scalar(select(Article).where(Article.title == title))
        db.session.expunge(article)
        return article


def test_an_imported_draft_has_its_body_stored_when_it_is_published(
    app: Flask, runner: FlaskCliRunner, tmp_path: Path
) -> None:
    (tmp_path / "a.md").write_text(f"---\ntitle: Imported\n---\n\n{HOSTILE}", encoding="utf-8")
    result = runner.invoke(args=["import", str(tmp_path / "a.md")])
    assert result.exit_code == 0, result.output
    draft = _stored(app, "Imported")
    assert draft.status is ArticleStatus.DRAFT and draft.body_html is None  # readers can't see it
    with app.app_context(), write():
        assert bulk.change_status([draft.id], ArticleStatus.PUBLISHED, None).changed == 1
    article = _stored(app, "Imported")
    assert article.body_html == str(markdown_to_html(article.body))
    assert "<h1>Heading</h1>" in article.body_html


def test_a_hostile_body_is_stored_sanitised_and_escaped(app: Flask) -> None:
    with app.app_context():
        make_article("Hostile", body=HOSTILE)
    html = _stored(app, "Hostile").body_html
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;" in html and "&amp; " in html
    assert '<a href="https://example.org/?a=1&amp;b=2" rel="noopener nofollow">fine</a>' in html
    assert "<li>one</li>" in html


def test_an_edit_stores_the_new_body(app: Flask) -> None:
    with app.app_context():
        article = make_article("Edited", body="Old *words*.")
        with write():
            articles.update_article(article, {"body": "New **words**."}, None, article.version)
    assert _stored(app, "Edited").body_html == "<p>New <strong>words</strong>.</p>\n"


def test_render_bodies_fills_in_missing_ones_without_touching_versions_or_times(
    app: Flask,
) -> None:
    with app.app_context():
        make_article("Written elsewhere", body="Made *outside* the app.")
        make_article("Kept", body="Kept.")
        with write():
            db.session.execute(
                update(Article).where(Article.title == "Written elsewhere").values(body_html=None)
            )
    before = _stored(app, "Written elsewhere")
    with app.app_context(), write():
        assert stored_html.render_bodies() == 1
    after = _stored(app, "Written elsewhere")
    assert after.body_html == "<p>Made <em>outside</em> the app.</p>\n"
    assert (after.version, after.updated_at) == (before.version, before.updated_at)


@pytest.mark.parametrize("chunk", [500, 1])  # one transaction, or one an article
def test_flask_articles_render_all_renders_every_body_again(
    app: Flask, runner: FlaskCliRunner, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    monkeypatch.setattr(stored_html, "CHUNK", chunk)
    with app.app_context():
        make_article("One", body="One.")
        make_article("Two", body="Two.")
        with write():
            db.session.execute(update(Article).values(body_html="<p>stale rules</p>"))
    assert "Rendered 0 bodies." in runner.invoke(args=["articles", "render"]).output
    result = runner.invoke(args=["articles", "render", "--all"])
    assert result.exit_code == 0 and "Rendered 2 bodies." in result.output, result.output
    with app.app_context():
        assert set(db.session.scalars(text("SELECT body_html FROM articles"))) == {
            "<p>One.</p>\n",
            "<p>Two.</p>\n",
        }
