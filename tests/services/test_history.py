"""Saves through the services leave revisions and audit entries naming the editor."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from cms.extensions import db
from cms.models import Article, AuditEntry, Revision, Role, Tag
from cms.services import articles, audit, revisions, taxonomy, users
from cms.services.errors import Conflict, StaleEdit


def _first(model, **where):
    return db.session.scalar(select(model).filter_by(**where).limit(1))


@pytest.fixture
def editor(seeded: Flask):
    with seeded.app_context():
        user = users.create_user("ed", "long enough password", Role.EDITOR)
        db.session.commit()
        yield user


def test_an_edit_records_a_revision_and_an_audit_entry_by_its_editor(editor) -> None:
    article = db.session.scalar(select(Article).order_by(Article.id).limit(1))
    old_title = article.title
    articles.update_article(article, {"title": "A new title"}, editor, article.version)
    db.session.commit()

    history = revisions.history(article.id)
    assert [r.number for r in history] == [2, 1]
    assert history[0].changed_fields == ["title"] and history[0].user is editor
    assert history[1].note == "before the first edit" and history[1].snapshot["title"] == old_title
    entry = _first(AuditEntry, record_type="article", record_id=article.id, action="update")
    assert entry.user is editor
    assert entry.before == {"title": old_title} and entry.after == {"title": "A new title"}


def test_a_save_that_changes_nothing_records_nothing(editor) -> None:
    article = db.session.scalar(select(Article).limit(1))
    articles.update_article(article, {"title": article.title}, editor, article.version)
    assert revisions.history(article.id) == []
    assert _first(AuditEntry, record_type="article") is None


def test_an_editors_summary_is_marked_as_theirs(editor) -> None:
    article = db.session.scalar(select(Article).limit(1))
    article.summary_by_editor = False
    db.session.commit()
    articles.update_article(article, {"summary": "Our own words."}, editor, article.version)
    assert article.summary_by_editor is True
    articles.update_article(article, {"summary": ""}, editor, article.version)
    assert article.summary_by_editor is False


@pytest.mark.parametrize(("offset", "error"), [(None, "did not say which version"), (-1, "")])
def test_stale_or_versionless_saves_are_refused(editor, offset, error) -> None:
    tag = _first(Tag, name="State visits")
    version = None if offset is None else tag.version + offset
    expected = Conflict if offset is None else StaleEdit
    with pytest.raises(expected, match=error or "Someone else saved this tag"):
        taxonomy.update_tag(tag, {"name": "Visits"}, editor, version)


def test_tag_edits_and_deletes_are_audited_with_the_articles_that_lose_it(editor) -> None:
    tag = _first(Tag, name="State visits")
    tagged = sorted(a.id for a in tag.articles)
    taxonomy.update_tag(tag, {"description": "Official trips"}, editor, tag.version)
    assert taxonomy.delete_tag(tag, editor) == len(tagged) > 0
    db.session.commit()
    entries = db.session.scalars(
        select(AuditEntry).where(AuditEntry.record_type == "tag").order_by(AuditEntry.id)
    ).all()
    assert [e.action for e in entries] == ["update", "delete"]
    assert entries[0].after == {"description": "Official trips"}
    assert entries[1].before["article_ids"] == tagged
    assert entries[1].record_label == "State visits"


def test_a_deleted_article_keeps_its_revisions_and_its_full_state(editor) -> None:
    article = db.session.scalar(select(Article).limit(1))
    articles.update_article(article, {"authors": "Someone"}, editor, article.version)
    article_id, body = article.id, article.body
    articles.delete_article(article, editor)
    db.session.commit()
    assert db.session.get(Article, article_id) is None
    assert len(db.session.scalars(select(Revision).filter_by(article_id=article_id)).all()) == 2
    entry = _first(AuditEntry, record_type="article", action="delete")
    assert entry.before["body"] == body and entry.before["authors"] == "Someone"


def test_a_new_article_starts_as_a_draft_with_its_first_revision(editor) -> None:
    article = articles.create_article({"title": "Hand written", "body": "Some text."}, editor)
    assert article.status.value == "draft" and article.slug == "hand-written"
    assert [r.note for r in revisions.history(article.id)] == ["created"]


def test_other_services_can_record_their_own_events(editor) -> None:
    entry = audit.record("login locked", "user", editor.id, None, label="ed", after={"tries": 5})
    db.session.commit()
    assert _first(AuditEntry, action="login locked").after == {"tries": 5}
    assert entry.user is None and str(entry) == "login locked user ed"


def test_tags_typed_by_name_are_found_or_made_on_save(editor) -> None:
    article = db.session.scalar(select(Article).limit(1))
    before = {t.name for t in article.tags}
    articles.update_article(
        article, {"new_tags": "state VISITS, Nuclear power, "}, editor, article.version
    )
    names = {t.name for t in article.tags}
    assert names == before | {"State visits", "Nuclear power"}
    assert taxonomy.find_tag("nuclear power") is not None
