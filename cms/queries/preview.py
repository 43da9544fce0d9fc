"""Editors' previews: an article at its public address whatever its status (login required)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from cms.extensions import db
from cms.models import Article


def article_for_preview(slug: str) -> Article | None:
    """The article with this slug in any status; only for a logged-in editor's preview."""
    return db.session.scalar(
        select(Article)
        .where(Article.slug == slug)
        .options(selectinload(Article.outlet), selectinload(Article.tags))
    )
