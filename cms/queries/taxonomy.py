"""Tags and outlets as readers see them: found by slug, listed with their published counts.

The counts are kept until the data changes (``versioned``); the tags and outlets themselves
are loaded fresh each time (a few hundred rows by primary key), so no ORM object outlives its
session.
"""

from __future__ import annotations

from sqlalchemy import extract, func, select

from cms.extensions import db
from cms.models import Article, Outlet, Tag, article_tags
from cms.queries.articles import PUBLISHED
from cms.queries.versioned import kept, with_objects


def tag_by_slug(slug: str) -> Tag | None:
    return db.session.scalar(select(Tag).where(Tag.slug == slug))


def outlet_by_slug(slug: str) -> Outlet | None:
    return db.session.scalar(select(Outlet).where(Outlet.slug == slug))


def tags_with_counts() -> list[tuple[Tag, int]]:
    """Tags that have at least one published article, with how many, by name."""
    return with_objects(select(Tag), kept("tag counts", _tag_counts))


def _tag_counts() -> list[tuple[int, int]]:
    count = func.count(Article.id)
    query = (
        select(Tag.id, count)
        .join(article_tags, article_tags.c.tag_id == Tag.id)
        .join(Article, Article.id == article_tags.c.article_id)
        .where(PUBLISHED)
        .group_by(Tag.id)
        .order_by(func.lower(Tag.name))
    )
    return [(id_, n) for id_, n in db.session.execute(query)]


def outlets_with_counts() -> list[tuple[Outlet, int]]:
    """Outlets that have at least one published article, with how many, by name."""
    return with_objects(select(Outlet), kept("outlet counts", _outlet_counts))


def _outlet_counts() -> list[tuple[int, int]]:
    count = func.count(Article.id)
    query = (
        select(Outlet.id, count)
        .join(Article, Article.outlet_id == Outlet.id)
        .where(PUBLISHED)
        .group_by(Outlet.id)
        .order_by(func.lower(Outlet.name))
    )
    return [(id_, n) for id_, n in db.session.execute(query)]


def years_with_counts() -> list[tuple[int, int]]:
    """Years that have published articles, with how many, newest first."""
    return kept("year counts", _year_counts)


def _year_counts() -> list[tuple[int, int]]:
    year = extract("year", Article.published_on)
    query = (
        select(year, func.count())
        .where(PUBLISHED, Article.published_on.is_not(None))
        .group_by(year)
        .order_by(year.desc())
    )
    return [(int(y), n) for y, n in db.session.execute(query)]
