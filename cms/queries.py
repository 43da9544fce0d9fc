"""Read-only queries for the public site (published articles only) and the admin dashboard."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import selectinload

from cms.extensions import db
from cms.models import Article, ArticleStatus, Link, Outlet, Tag, article_tags

PUBLISHED = Article.status == ArticleStatus.PUBLISHED


@dataclass(frozen=True)
class Page:
    items: list[Article]
    number: int
    size: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def has_prev(self) -> bool:
        return self.number > 1


@dataclass(frozen=True)
class LinkView:
    """A cross-link as seen from one article: the other article and the relation's wording."""

    other: Article
    label: str
    note: str


def _listing(query: Select) -> Select:
    return (
        query.where(PUBLISHED)
        .options(selectinload(Article.outlet), selectinload(Article.tags))
        # Undated articles go last; ties break by id so paging is stable.
        .order_by(Article.published_on.is_(None), Article.published_on.desc(), Article.id.desc())
    )


def paginate(query: Select, number: int, size: int) -> Page:
    """One page of ``query``; a page past the last comes back empty, without querying rows."""
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    page = Page([], max(1, number), size, total or 0)
    if page.number > page.pages:
        return page
    offset = (page.number - 1) * size
    items = list(db.session.scalars(query.limit(size).offset(offset)))
    return Page(items, page.number, size, page.total)


def published_articles(
    number: int = 1,
    size: int = 20,
    tag: Tag | None = None,
    outlet: Outlet | None = None,
    year: int | None = None,
) -> Page:
    """Published articles, newest first, optionally with a tag, from an outlet, or of a year."""
    query = select(Article)
    if year is not None:
        query = query.where(
            Article.published_on >= dt.date(year, 1, 1),
            Article.published_on <= dt.date(year, 12, 31),
        )
    if tag is not None:
        query = query.where(Article.tags.any(Tag.id == tag.id))
    if outlet is not None:
        query = query.where(Article.outlet_id == outlet.id)
    return paginate(_listing(query), number, size)


def published_article(slug: str) -> Article | None:
    return db.session.scalar(
        select(Article)
        .where(PUBLISHED, Article.slug == slug)
        .options(selectinload(Article.outlet), selectinload(Article.tags))
    )


def links_of(article: Article) -> list[LinkView]:
    """Cross-links from both ends, to published articles only, each worded from this end."""
    outgoing = db.session.scalars(
        select(Link).join(Link.target).where(Link.source_id == article.id, PUBLISHED)
    )
    incoming = db.session.scalars(
        select(Link).join(Link.source).where(Link.target_id == article.id, PUBLISHED)
    )
    views = [LinkView(link.target, link.relation.value, link.note) for link in outgoing]
    views += [LinkView(link.source, link.relation.inverse_label, link.note) for link in incoming]
    return sorted(views, key=lambda v: (v.other.published_on is None, v.other.published_on))


def tag_by_slug(slug: str) -> Tag | None:
    return db.session.scalar(select(Tag).where(Tag.slug == slug))


def outlet_by_slug(slug: str) -> Outlet | None:
    return db.session.scalar(select(Outlet).where(Outlet.slug == slug))


def tags_with_counts() -> list[tuple[Tag, int]]:
    """Tags that have at least one published article, with how many, by name."""
    count = func.count(Article.id)
    query = (
        select(Tag, count)
        .join(article_tags, article_tags.c.tag_id == Tag.id)
        .join(Article, Article.id == article_tags.c.article_id)
        .where(PUBLISHED)
        .group_by(Tag.id)
        .order_by(func.lower(Tag.name))
    )
    return [(tag, n) for tag, n in db.session.execute(query)]


def outlets_with_counts() -> list[tuple[Outlet, int]]:
    """Outlets that have at least one published article, with how many, by name."""
    count = func.count(Article.id)
    query = (
        select(Outlet, count)
        .join(Article, Article.outlet_id == Outlet.id)
        .where(PUBLISHED)
        .group_by(Outlet.id)
        .order_by(func.lower(Outlet.name))
    )
    return [(outlet, n) for outlet, n in db.session.execute(query)]


def collection_stats() -> dict[str, int]:
    """Counts for the admin dashboard."""
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
