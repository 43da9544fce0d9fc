"""Undo an import batch: remove the articles it created that nobody has touched since.

An article an editor saved, moved on from draft, linked, or decided a suggestion on is kept,
and listed with the reason. Removed articles go through the ordinary delete, so they can be
restored from the trash.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import exists, or_, select

from cms.extensions import db
from cms.models import (
    Article,
    ArticleStatus,
    ImportBatch,
    ImportItem,
    ImportOutcome,
    Link,
    Revision,
    Suggestion,
    User,
)
from cms.services import articles
from cms.services.errors import NotAllowed


@dataclass
class UndoReport:
    removed: list[str] = field(default_factory=list)
    #: (title, why it was kept)
    kept: list[tuple[str, str]] = field(default_factory=list)


def why_keep(article: Article) -> str:
    """Why the article must stay, or "" if nobody has touched it since it was imported."""
    if article.status is not ArticleStatus.DRAFT:
        return f"it is {article.status.value}"
    if db.session.scalar(select(exists().where(Revision.article_id == article.id))):
        return "an editor has saved it"
    linked = or_(Link.source_id == article.id, Link.target_id == article.id)
    if db.session.scalar(select(exists().where(linked))):
        return "it is cross-linked"
    decided = (Suggestion.article_id == article.id) & Suggestion.decided_at.is_not(None)
    if db.session.scalar(select(exists().where(decided))):
        return "an editor decided one of its suggestions"
    return ""


def undo_batch(batch_id: int, actor: User | None) -> UndoReport:
    """Remove the batch's untouched articles; the caller runs this inside ``write()``."""
    batch = db.session.get(ImportBatch, batch_id)
    if batch is None:
        raise NotAllowed("There is no such import batch.")
    if batch.undone_at is not None:
        raise NotAllowed("This batch has already been undone.")
    report = UndoReport()
    created = db.session.scalars(
        select(Article)
        .join(ImportItem, ImportItem.article_id == Article.id)
        .where(ImportItem.batch_id == batch_id, ImportItem.outcome == ImportOutcome.CREATED)
        .order_by(Article.id)
    ).all()
    for article in created:
        reason = why_keep(article)
        if reason:
            report.kept.append((article.title, reason))
        else:
            report.removed.append(article.title)
            articles.delete_article(article, actor)
    batch.undone_at = dt.datetime.now(dt.UTC)
    return report
