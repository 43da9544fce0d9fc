"""Counts and to-do lists for the admin dashboard (all statuses: editors see everything)."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from cms.extensions import db
from cms.models import Article, ArticleStatus, AuditEntry, ImportBatch
from cms.queries.articles import PUBLISHED
from cms.queries.imports import outcome_counts
from cms.queries.review import needs_review, pending_counts


def collection_stats() -> dict[str, int]:
    """How many articles there are in each status."""
    by_status = dict(
        db.session.execute(select(Article.status, func.count()).group_by(Article.status)).all()
    )
    return {status.value: by_status.get(status, 0) for status in ArticleStatus}


def undated_or_unsourced_drafts(limit: int = 20) -> list[Article]:
    """Unpublished articles missing a date or an outlet: the editor's to-do list."""
    return list(
        db.session.scalars(
            select(Article)
            .where(~PUBLISHED, or_(Article.published_on.is_(None), Article.outlet_id.is_(None)))
            .order_by(Article.id.desc())
            .limit(limit)
        )
    )


def review_queue(limit: int = 20) -> list[tuple[Article, int]]:
    """Articles with something waiting for an editor, newest first, with how many things."""
    found = list(
        db.session.scalars(
            select(Article)
            .where(needs_review())
            .options(selectinload(Article.outlet))
            .order_by(Article.created_at.desc(), Article.id.desc())
            .limit(limit)
        )
    )
    counts = pending_counts([article.id for article in found])
    return [(article, counts.get(article.id, 0)) for article in found]


def recent_batches(limit: int = 5) -> list[tuple[ImportBatch, int]]:
    """The latest import batches, each with how many files it had (counted, not loaded: a
    batch may hold 100,000 items)."""
    query = (
        select(ImportBatch)
        .options(selectinload(ImportBatch.user))
        .order_by(ImportBatch.id.desc())
        .limit(limit)
    )
    batches = list(db.session.scalars(query))
    counts = outcome_counts(batch.id for batch in batches)
    return [(batch, sum(counts[batch.id].values())) for batch in batches]


def recent_changes(limit: int = 10) -> list[AuditEntry]:
    query = (
        select(AuditEntry)
        .options(selectinload(AuditEntry.user))
        .order_by(AuditEntry.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))
