"""Edits to a published article wait as a pending revision until published; readers see the
published version meanwhile."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from cms.extensions import db
from cms.models import Article, ArticleStatus, AuditEntry, PendingRevision, Role
from cms.queries.articles import published_article
from cms.services import bulk, pending, revisions, taxonomy, users
from cms.services.errors import Conflict, NotAllowed, StaleEdit
from tests.factories import make_article


@pytest.fixture
def editor(app: Flask):
    with app.app_context():
        user = users.create_user("ed", "long enough password", Role.EDITOR)
        db.session.commit()
        yield user


@pytest.fixture
def article(editor) -> Article:
    return make_article("Putin visits Astana", tags=["Energy"], summary="The old summary.")


def _actions(article_id: int) -> list[str]:
    query = select(AuditEntry.action).where(AuditEntry.record_id == article_id)
    return list(db.session.scalars(query.order_by(AuditEntry.id)))


def _save(article, editor, changes, pending_version=None):
    found = pending.edit_article(article, changes, editor, article.version, pending_version)
    db.session.commit()
    return found


def test_an_edit_of_a_published_article_waits_and_readers_see_the_published_one(
    article, editor
) -> None:
    version = article.version
    _save(article, editor, {"summary": "A new summary.", "new_tags": "Diplomacy"})

    db.session.expire_all()
    public = published_article(article.slug)
    assert public.summary == "The old summary." and [t.name for t in public.tags] == ["Energy"]
    assert article.version == version and revisions.history(article.id) == []
    waiting = pending.pending_of(article.id)
    assert waiting.changed_fields == ["summary", "summary_by_editor", "tags"]
    assert waiting.snapshot["tags"] == ["Diplomacy", "Energy"] and waiting.user is editor
    assert _actions(article.id) == ["save pending"]
    # The tag typed by name exists for real, so the pending snapshot's id stays its own.
    assert taxonomy.find_tag("Diplomacy").id in waiting.snapshot["tag_ids"]


def test_publishing_the_pending_revision_makes_it_public_as_a_revision(article, editor) -> None:
    _save(article, editor, {"summary": "A new summary."})
    waiting = pending.pending_of(article.id)
    pending.publish_pending(article, editor, article.version, waiting.version)
    db.session.commit()

    db.session.expire_all()
    assert published_article(article.slug).summary == "A new summary."
    assert pending.pending_of(article.id) is None
    latest = revisions.history(article.id)[0]
    assert latest.note == "published pending changes" and latest.user is editor
    assert _actions(article.id) == ["save pending", "update", "publish pending"]


def test_publishing_keeps_what_others_changed_in_other_fields_meanwhile(article, editor) -> None:
    _save(article, editor, {"summary": "A new summary."})
    bulk.add_tag([article.id], taxonomy.get_or_create_tag("Trade"), editor)
    db.session.commit()
    bulk.change_status([article.id], ArticleStatus.PUBLISHED, editor)  # publishes the pending
    db.session.commit()

    db.session.expire_all()
    assert article.summary == "A new summary."
    assert [t.name for t in article.tags] == ["Energy", "Trade"]
    assert pending.pending_of(article.id) is None


def test_discarding_leaves_the_published_article_and_the_log_keeps_the_changes(
    article, editor
) -> None:
    _save(article, editor, {"title": "A better title"})
    waiting = pending.pending_of(article.id)
    pending.discard_pending(article, editor, waiting.version)
    db.session.commit()

    assert pending.pending_of(article.id) is None and article.title == "Putin visits Astana"
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "discard pending"))
    assert entry.before == {"title": "A better title"} and entry.user is editor


def test_a_second_save_continues_the_pending_revision_and_checks_its_version(
    article, editor
) -> None:
    _save(article, editor, {"title": "A better title"})
    first = pending.pending_of(article.id).version
    _save(article, editor, {"title": "A better title", "summary": "New."}, first)
    assert pending.pending_of(article.id).changed_fields == [
        "title",
        "summary",
        "summary_by_editor",
    ]
    with pytest.raises(StaleEdit):  # based on the pending revision as it was before that save
        _save(article, editor, {"title": "Mine"}, first)
    with pytest.raises(Conflict):  # the form showed no pending changes, but there are some
        _save(article, editor, {"title": "Mine"}, None)
    db.session.rollback()
    assert db.session.scalar(select(PendingRevision)).snapshot["title"] == "A better title"


def test_saving_the_published_values_back_drops_the_pending_revision(article, editor) -> None:
    _save(article, editor, {"title": "A better title"})
    version = pending.pending_of(article.id).version
    _save(article, editor, {"title": "Putin visits Astana"}, version)
    assert pending.pending_of(article.id) is None


def test_a_pending_save_is_checked_like_a_real_one_and_refused_whole(article, editor) -> None:
    with pytest.raises(Conflict, match="needs a title"):
        _save(article, editor, {"title": "  "})
    db.session.rollback()
    assert pending.pending_of(article.id) is None and article.title == "Putin visits Astana"


def test_a_stale_article_version_is_refused(article, editor) -> None:
    with pytest.raises(StaleEdit):
        pending.edit_article(article, {"title": "X"}, editor, article.version - 1, None)
    with pytest.raises(Conflict, match="did not say which version"):
        pending.edit_article(article, {"title": "X"}, editor, None, None)


def test_unpublishing_in_the_form_applies_the_form_and_ends_the_pending_revision(
    article, editor
) -> None:
    _save(article, editor, {"title": "A better title"})
    version = pending.pending_of(article.id).version
    changes = {"title": "A better title", "status": ArticleStatus.DRAFT}
    _save(article, editor, changes, version)
    assert article.title == "A better title" and article.status is ArticleStatus.DRAFT
    assert pending.pending_of(article.id) is None
    assert _actions(article.id)[-1] == "saved pending"


def test_nothing_to_publish_or_discard_is_a_clear_refusal(article, editor) -> None:
    with pytest.raises(NotAllowed, match="no pending changes"):
        pending.publish_pending(article, editor, article.version, None)
    with pytest.raises(NotAllowed, match="no pending changes"):
        pending.discard_pending(article, editor, None)


def test_a_draft_is_edited_directly(editor) -> None:
    draft = make_article("A draft", status=ArticleStatus.DRAFT)
    _save(draft, editor, {"title": "A better draft"})
    assert draft.title == "A better draft" and pending.pending_of(draft.id) is None


def test_the_preview_reads_the_pending_values(article, editor) -> None:
    _save(article, editor, {"title": "A better title", "authors": "A. One, B. Two"})
    shown = pending.preview(article, pending.pending_of(article.id))
    assert shown.title == "A better title" and shown.author_list == ["A. One", "B. Two"]
    assert shown.id == article.id and shown.published_date == article.published_date
