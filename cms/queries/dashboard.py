"""Counts and to-do lists for the admin dashboard (all statuses: editors see everything)."""

from __future__ import annotations

from sqlalchemy import func, or_, select

from cms.extensions import db
from cms.models import Article, ArticleStatus
from cms.queries.articles import PUBLISHED


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
