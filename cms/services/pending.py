"""Pending revisions: an edit to a published article waits, unseen by readers, until published.

Saving a published article's edit form stores the article as it would become (checked like a
real save, then undone) in one ``PendingRevision`` per article. Readers keep seeing the
published version; editors preview the pending one, publish it (it becomes a revision, with
an audit entry) or discard it. Every step takes the acting user and the versions the editor's
page was based on, and is audited.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from cms.extensions import db
from cms.models import Article, ArticleStatus, PendingRevision, User
from cms.pipeline.types import PartialDate
from cms.services import articles, audit, revisions
from cms.services.errors import Conflict, NotAllowed, StaleEdit
from cms.services.restore import changes_from_snapshot
from cms.services.versions import check_version

WHAT = "article's pending changes"


def pending_of(article_id: int) -> PendingRevision | None:
    query = select(PendingRevision).where(PendingRevision.article_id == article_id)
    return db.session.scalar(query)


def waiting(limit: int = 10) -> list[PendingRevision]:
    """Pending changes not yet published, most recently saved first (for the dashboard)."""
    query = (
        select(PendingRevision)
        .options(selectinload(PendingRevision.article), selectinload(PendingRevision.user))
        .order_by(PendingRevision.updated_at.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


def goes_pending(article: Article, changes: Mapping[str, Any]) -> bool:
    """An edit of a published article that keeps it published waits to be published."""
    wanted = changes.get("status") or article.status
    return article.status is ArticleStatus.PUBLISHED and wanted is ArticleStatus.PUBLISHED


def check_pending_version(pending: PendingRevision | None, expected: int | None) -> None:
    """Refuse a change not based on the pending revision as it stands now.

    ``expected`` is None when the editor's page showed no pending changes.
    """
    if pending is None and expected is not None:
        raise Conflict(
            "The pending changes you were editing were published or discarded meanwhile: "
            "nothing was saved. Reload the page to see the article as it is now."
        )
    if pending is not None and expected != pending.version:
        raise StaleEdit(WHAT, pending.version)


def _would_become(article: Article, changes: Mapping[str, Any], actor: User | None) -> dict:
    """The article's snapshot with ``changes`` applied and checked as a save would be, while
    the article itself (and what readers see) stays as it is: the work is rolled back."""
    savepoint = db.session.begin_nested()
    try:
        with db.session.no_autoflush:
            articles.apply_changes(article, changes)
            articles.prepare_for_save(article, actor, expected_version=None)
        return revisions.article_snapshot(article)
    finally:
        savepoint.rollback()


def save_pending(
    article: Article,
    changes: Mapping[str, Any],
    actor: User | None,
    expected_version: int | None,
    pending_version: int | None,
) -> PendingRevision | None:
    """Keep ``changes`` to a published article as its pending revision.

    Refused if the article or its pending revision changed since the editor's page was
    loaded. Returns None (and drops any pending revision) when the changes leave the article
    as it is published.
    """
    check_version(article, expected_version, "article")
    pending = pending_of(article.id)
    check_pending_version(pending, pending_version)
    published = revisions.article_snapshot(article)
    # New tags are made for real (vocabulary, not the article's content): a tag made inside
    # the rolled-back work would leave the snapshot an id that a later tag may take.
    changes = articles.with_new_tags(article, changes)
    snapshot = _would_become(article, changes, actor)
    fields = revisions.changed_fields(published, snapshot)
    if not fields:
        if pending is not None:
            _drop(pending, article, actor, "discard pending")
        return None
    if pending is None:
        pending = PendingRevision(article_id=article.id)
        db.session.add(pending)
    pending.based_on_version = article.version
    pending.user = actor
    pending.snapshot = snapshot
    pending.changed_fields = fields
    db.session.flush()
    audit.record(
        "save pending",
        "article",
        article.id,
        actor,
        label=article.title,
        before={name: published.get(name) for name in fields},
        after={name: snapshot.get(name) for name in fields},
    )
    return pending


def publish_pending(
    article: Article, actor: User | None, expected_version: int | None, pending_version: int | None
) -> Article:
    """Make the pending changes what readers see: a new revision, then no pending revision."""
    check_version(article, expected_version, "article")
    pending = pending_of(article.id)
    if pending is None:
        raise NotAllowed("This article has no pending changes to publish.")
    check_pending_version(pending, pending_version)
    return apply_pending(article, pending, actor)


def apply_pending(article: Article, pending: PendingRevision, actor: User | None) -> Article:
    """Apply a pending revision's changed fields (others may have changed since: kept)."""
    every = changes_from_snapshot(pending.snapshot)
    changes = {name: every[name] for name in pending.changed_fields if name in every}
    articles.update_article(
        article, changes, actor, article.version, note="published pending changes"
    )
    _drop(pending, article, actor, "publish pending")
    return article


def discard_pending(article: Article, actor: User | None, pending_version: int | None) -> None:
    """Throw the pending changes away; the audit log keeps what they were."""
    pending = pending_of(article.id)
    if pending is None:
        raise NotAllowed("This article has no pending changes to discard.")
    check_pending_version(pending, pending_version)
    _drop(pending, article, actor, "discard pending")


def _drop(pending: PendingRevision, article: Article, actor: User | None, action: str) -> None:
    audit.record(
        action,
        "article",
        article.id,
        actor,
        label=article.title,
        before={name: pending.snapshot.get(name) for name in pending.changed_fields},
    )
    db.session.delete(pending)
    db.session.flush()


def edit_article(
    article: Article,
    changes: Mapping[str, Any],
    actor: User | None,
    expected_version: int | None,
    pending_version: int | None,
) -> Article:
    """An editor's save from the edit form: pending for a published article that stays so.

    Otherwise the changes apply at once, and since the form showed the pending changes (if
    any) and they are now saved, the pending revision goes.
    """
    if goes_pending(article, changes):
        save_pending(article, changes, actor, expected_version, pending_version)
        return article
    pending = pending_of(article.id)
    check_pending_version(pending, pending_version)
    articles.update_article(article, changes, actor, expected_version)
    if pending is not None:
        _drop(pending, article, actor, "saved pending")
    return article


class ArticlePreview:
    """An article as its pending revision would make it, for the editors' preview page only.

    Fields come from the pending snapshot; anything else (id, provenance) from the article.
    """

    def __init__(self, article: Article, values: Mapping[str, Any]) -> None:
        self._article = article
        self.__dict__.update(values)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._article, name)

    @property
    def published_date(self) -> PartialDate | None:
        if self.published_on is None or self.date_precision is None:
            return None
        return PartialDate(self.published_on, self.date_precision)

    @property
    def author_list(self) -> list[str]:
        return [a.strip() for a in (self.authors or "").split(",") if a.strip()]


def form_values(pending: PendingRevision) -> dict[str, Any]:
    """The pending revision's fields as the edit form and the preview take them; reading
    only (a tag deleted since is left out rather than made again)."""
    return changes_from_snapshot(pending.snapshot, make_missing_tags=False)


def preview(article: Article, pending: PendingRevision) -> ArticlePreview:
    return ArticlePreview(article, form_values(pending))
