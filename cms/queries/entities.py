"""Entities as readers see them: those mentioned in published articles, with their counts."""

from __future__ import annotations

from sqlalchemy import extract, func, select
from sqlalchemy.orm import selectinload

from cms.extensions import db
from cms.models import Article, Entity, Mention, Outlet
from cms.queries.articles import PUBLISHED


def _mentioned_in_published() -> object:
    return func.count(func.distinct(Mention.article_id))


def entities_with_counts(with_aliases: bool = False) -> list[tuple[Entity, int]]:
    """Entities mentioned in at least one published article, with in how many, by name."""
    count = _mentioned_in_published()
    query = (
        select(Entity, count)
        .join(Mention, Mention.entity_id == Entity.id)
        .join(Article, Article.id == Mention.article_id)
        .where(PUBLISHED)
        .group_by(Entity.id)
        .order_by(Entity.name_key)
    )
    if with_aliases:
        query = query.options(selectinload(Entity.aliases))
    return [(entity, n) for entity, n in db.session.execute(query)]


def entity_by_slug(slug: str) -> Entity | None:
    """An entity with its aliases, if any published article mentions it."""
    mentioned = (
        select(Mention.id)
        .join(Article, Article.id == Mention.article_id)
        .where(Mention.entity_id == Entity.id, PUBLISHED)
        .exists()
    )
    return db.session.scalar(
        select(Entity).where(Entity.slug == slug, mentioned).options(selectinload(Entity.aliases))
    )


def coverage(entity: Entity) -> list[tuple[str, str, int, int]]:
    """How the published articles mentioning ``entity`` spread: (outlet name, outlet slug,
    year, articles), by outlet then year. Undated articles are left out."""
    year = extract("year", Article.published_on)
    query = (
        select(Outlet.name, Outlet.slug, year, func.count(func.distinct(Article.id)))
        .select_from(Mention)
        .join(Article, Article.id == Mention.article_id)
        .join(Outlet, Outlet.id == Article.outlet_id)
        .where(Mention.entity_id == entity.id, PUBLISHED, Article.published_on.is_not(None))
        .group_by(Outlet.name, Outlet.slug, year)
        .order_by(Outlet.name, year)
    )
    return [tuple(row) for row in db.session.execute(query)]


def entities_of(article: Article) -> list[Entity]:
    """The entities an article mentions, each once, by name."""
    query = (
        select(Entity)
        .where(Entity.id.in_(select(Mention.entity_id).where(Mention.article_id == article.id)))
        .order_by(Entity.name_key)
    )
    return list(db.session.scalars(query))
