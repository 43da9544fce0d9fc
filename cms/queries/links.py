"""An article's cross-links from both ends, in any status: for the editor's edit page."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from cms.extensions import db
from cms.models import Article, Link


def outgoing(article_id: int) -> list[Link]:
    query = (
        select(Link)
        .where(Link.source_id == article_id)
        .options(selectinload(Link.target).selectinload(Article.outlet))
        .order_by(Link.id)
    )
    return list(db.session.scalars(query))


def incoming(article_id: int) -> list[Link]:
    query = (
        select(Link)
        .where(Link.target_id == article_id)
        .options(selectinload(Link.source).selectinload(Article.outlet))
        .order_by(Link.id)
    )
    return list(db.session.scalars(query))
