"""What the sitemap lists: published articles in chunks, and the tags, outlets and entities
that have published articles."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from cms.extensions import db
from cms.models import Article, Entity, Mention, Outlet, Tag, article_tags
from cms.queries.articles import PUBLISHED

#: Articles per sitemap file (the protocol allows 50,000).
CHUNK = 10_000


def article_chunks() -> int:
    total = db.session.scalar(select(func.count(Article.id)).where(PUBLISHED)) or 0
    return -(-total // CHUNK)


def article_chunk(number: int) -> list[tuple[str, dt.datetime]]:
    """Slugs and last changes of the ``number``-th chunk of published articles, by id."""
    query = (
        select(Article.slug, Article.updated_at)
        .where(PUBLISHED)
        .order_by(Article.id)
        .limit(CHUNK)
        .offset((number - 1) * CHUNK)
    )
    return [(slug, changed) for slug, changed in db.session.execute(query)]


def tag_slugs() -> list[str]:
    query = (
        select(Tag.slug)
        .where(Tag.id.in_(select(article_tags.c.tag_id).join(Article).where(PUBLISHED)))
        .order_by(Tag.slug)
    )
    return list(db.session.scalars(query))


def outlet_slugs() -> list[str]:
    query = (
        select(Outlet.slug)
        .where(Outlet.id.in_(select(Article.outlet_id).where(PUBLISHED)))
        .order_by(Outlet.slug)
    )
    return list(db.session.scalars(query))


def entity_slugs() -> list[str]:
    published_ids = select(Article.id).where(PUBLISHED)
    query = (
        select(Entity.slug)
        .where(
            Entity.id.in_(select(Mention.entity_id).where(Mention.article_id.in_(published_ids)))
        )
        .order_by(Entity.slug)
    )
    return list(db.session.scalars(query))
