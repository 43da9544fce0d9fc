"""Entities as readers see them: those mentioned in published articles, with their counts."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sqlalchemy import Select, bindparam, extract, func, select
from sqlalchemy.orm import selectinload

from cms.extensions import db
from cms.models import Article, Entity, EntityAlias, EntityKind, Mention, Outlet
from cms.queries.articles import PUBLISHED
from cms.queries.versioned import kept, with_objects


def _mentioned_in_published() -> object:
    return func.count(func.distinct(Mention.article_id))


def entities_with_counts(with_aliases: bool = False) -> list[tuple[Entity, int]]:
    """Entities mentioned in at least one published article, with in how many, by name."""
    query = select(Entity).options(selectinload(Entity.aliases)) if with_aliases else select(Entity)
    return with_objects(query, kept("entity counts", _entity_counts))


def _entity_counts() -> list[tuple[int, int]]:
    query = (
        select(Entity.id, _mentioned_in_published())
        .join(Mention, Mention.entity_id == Entity.id)
        .join(Article, Article.id == Mention.article_id)
        .where(PUBLISHED)
        .group_by(Entity.id)
        .order_by(Entity.name_key)
    )
    return [(id_, n) for id_, n in db.session.execute(query)]


@dataclass(frozen=True, slots=True)
class EntityProfile:
    """An entity as its public page shows it."""

    id: int
    name: str
    slug: str
    kind: EntityKind
    description: str
    #: Other names it is written as, alphabetically.
    aliases: tuple[str, ...]


def entity_by_slug(slug: str) -> EntityProfile | None:
    """An entity with its aliases, if any published article mentions it (plain rows)."""
    row = db.session.execute(_entity_by_slug_query(), {"slug": slug}).first()
    if row is None:
        return None
    aliases = db.session.scalars(_aliases_query(), {"id": row.id})
    return EntityProfile(*row, aliases=tuple(aliases))


@cache
def _entity_by_slug_query() -> Select:
    """Built once (building it cost more than running it); the slug is bound per call."""
    e = Entity.__table__.c
    mentioned = (
        select(Mention.id)
        .join(Article, Article.id == Mention.article_id)
        .where(Mention.entity_id == e.id, PUBLISHED)
        .exists()
    )
    return select(e.id, e.name, e.slug, e.kind, e.description).where(
        e.slug == bindparam("slug"), mentioned
    )


@cache
def _aliases_query() -> Select:
    a = EntityAlias.__table__.c
    return select(a.alias).where(a.entity_id == bindparam("id")).order_by(a.alias)


def coverage(entity: Entity | EntityProfile) -> list[tuple[str, str, int, int]]:
    """How the published articles mentioning ``entity`` spread: (outlet name, outlet slug,
    year, articles), by outlet then year. Undated articles are left out."""
    return kept(("coverage", entity.id), lambda: _coverage(entity.id))


def _coverage(entity_id: int) -> list[tuple[str, str, int, int]]:
    year = extract("year", Article.published_on)
    query = (
        select(Outlet.name, Outlet.slug, year, func.count(func.distinct(Article.id)))
        .select_from(Mention)
        .join(Article, Article.id == Mention.article_id)
        .join(Outlet, Outlet.id == Article.outlet_id)
        .where(Mention.entity_id == entity_id, PUBLISHED, Article.published_on.is_not(None))
        .group_by(Outlet.name, Outlet.slug, year)
        .order_by(Outlet.name, year)
    )
    return [(name, slug, int(y), n) for name, slug, y, n in db.session.execute(query)]


def entities_of(article: Article) -> list[Entity]:
    """The entities an article mentions, each once, by name."""
    query = (
        select(Entity)
        .where(Entity.id.in_(select(Mention.entity_id).where(Mention.article_id == article.id)))
        .order_by(Entity.name_key)
    )
    return list(db.session.scalars(query))
