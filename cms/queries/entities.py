"""Entities as readers see them: those mentioned in published articles, with their counts."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import extract, func, select
from sqlalchemy.orm import selectinload

from cms.extensions import db
from cms.models import Article, ArticleStatus, Entity, EntityKind, Mention, Outlet
from cms.queries.articles import PUBLISHED
from cms.queries.plain_rows import session_driver
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
    """An entity with its aliases, if any published article mentions it: one plain SQLite
    statement on the driver's connection (two SQLAlchemy Core ones cost 0.7 ms)."""
    found = session_driver().execute(
        _ENTITY_BY_SLUG, {"slug": slug, "status": ArticleStatus.PUBLISHED.value}
    )
    row = found.fetchone()
    if row is None:
        return None
    id_, name, slug_, kind, description, aliases = row
    return EntityProfile(
        id_, name, slug_, EntityKind(kind), description, tuple(json.loads(aliases))
    )


#: Its aliases as a JSON array, in the order of ``ORDER BY alias`` (SQLite's binary order).
_ENTITY_BY_SLUG = """
SELECT entities.id, entities.name, entities.slug, entities.kind, entities.description,
    (SELECT json_group_array(alias) FROM (
        SELECT entity_aliases.alias FROM entity_aliases
        WHERE entity_aliases.entity_id = entities.id ORDER BY entity_aliases.alias))
FROM entities
WHERE entities.slug = :slug AND EXISTS (
    SELECT 1 FROM mentions JOIN articles ON articles.id = mentions.article_id
    WHERE mentions.entity_id = entities.id AND articles.status = :status)
"""


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
