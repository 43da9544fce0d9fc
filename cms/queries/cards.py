"""Article cards: what a list shows of each article, loaded as plain rows, not ORM objects.

A list page shows 20 cards. Loading them as ``Article`` objects (every column, the body
included, plus an outlet and tags per object through relationship loaders) cost more than
the rest of the page. Here one query gives the page's rows, only the columns a card shows;
one more gives their tags; outlets come from a small map kept per data version.

A card has the attributes of ``Article`` that lists, the feed and the API read (``slug``,
``outlet.name``, ``published_date``, ``tags``...), so templates and shapes take either.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from sqlalchemy import ColumnElement, Select, bindparam, select, text

from cms.extensions import db
from cms.models import (
    Article,
    ArticleKind,
    ArticleStatus,
    DateBasis,
    Entity,
    Mention,
    Origin,
    Outlet,
    OutletKind,
    Tag,
    TextKind,
    article_tags,
)
from cms.models.taxonomy import TAG_ARTICLE_INDEX
from cms.pipeline.types import DatePrecision, PartialDate
from cms.queries.articles import date_range, filtered
from cms.queries.filters import NO_FILTERS, ArticleFilters
from cms.queries.paging import Page, count_of
from cms.queries.versioned import kept

#: How many articles a walk down the list may check, per article of the tag or entity it
#: is looking for, before sorting those articles is the cheaper way to a page. A walk checks
#: about (the page's end) x (articles listed without the tag / with it) index entries, each
#: a probe; a sort looks up every article of the tag in the table, several times dearer.
#: Measured at 100,000 articles: an entity in 2 % of them, page 1 by walking 0.7-1.2 ms,
#: by sorting 5-7 ms; a tag in 1 %, page 1 either way 4-6 ms, page 6 walking 60 ms.
WALK_CHECKS_PER_MEMBER = 5
PUBLISHED_STATUS = ArticleStatus.PUBLISHED


@dataclass(frozen=True, slots=True)
class OutletRef:
    """What a card shows of an outlet."""

    name: str
    slug: str
    kind: OutletKind
    country: str


@dataclass(frozen=True, slots=True)
class TagRef:
    """What a card shows of a tag."""

    name: str
    slug: str


@dataclass(frozen=True, slots=True)
class ArticleCard:
    """One published article as a list shows it."""

    id: int
    slug: str
    title: str
    outlet: OutletRef | None
    published_on: dt.date | None
    date_precision: DatePrecision | None
    date_basis: DateBasis
    kind: ArticleKind
    origin: Origin
    text_kind: TextKind
    summary: str
    published_at: dt.datetime | None
    updated_at: dt.datetime
    #: By name, as ``Article.tags``.
    tags: tuple[TagRef, ...]

    @property
    def published_date(self) -> PartialDate | None:
        return partial_date(self.published_on, self.date_precision)


def partial_date(day: dt.date | None, precision: DatePrecision | None) -> PartialDate | None:
    """``Article.published_date`` of a row's two columns."""
    if day is None or precision is None:
        return None
    return PartialDate(day, precision)


_CARD_COLUMNS = (
    "id",
    "slug",
    "title",
    "outlet_id",
    "published_on",
    "date_precision",
    "date_basis",
    "kind",
    "origin",
    "text_kind",
    "summary",
    "published_at",
    "updated_at",
)


def published_cards(filters: ArticleFilters = NO_FILTERS, number: int = 1, size: int = 20) -> Page:
    """One page of cards of the published articles matching ``filters``, newest first.

    The total is kept until the data changes (``versioned``): counting is the dear part.
    """
    total = total_of(filters)
    page = Page([], max(1, number), size, total)
    if page.number > page.pages:
        return page
    start, end = date_range(filters)
    shape = _Shape(
        outlet=filters.outlet is not None,
        outlet_kind=filters.outlet_kind is not None,
        tag=filters.tag is not None,
        entity=filters.entity is not None,
        start=start is not None,
        end=end is not None,
        by_members=bool(filters.tag or filters.entity)
        and _sorting_is_cheaper(filters, total, page),
    )
    values = {
        "outlet": filters.outlet,
        "outlet_kind": filters.outlet_kind,
        "tag": filters.tag,
        "entity": filters.entity,
        "start": start,
        "end": end,
        "limit": size,
        "offset": (page.number - 1) * size,
    }
    rows = db.session.execute(_page_query(shape), values).all()
    return Page(cards_of(rows), page.number, size, total)


def total_of(filters: ArticleFilters) -> int:
    """How many published articles match ``filters``, kept until the data changes."""
    counted = filtered(select(Article.id), filters, by_members=True)
    return kept(("total", filters), lambda: count_of(counted))


def _sorting_is_cheaper(filters: ArticleFilters, total: int, page: Page) -> bool:
    """Whether to find ``page`` of a tag's or entity's articles by sorting them all rather
    than by walking the list the other filters leave, in order (``WALK_CHECKS_PER_MEMBER``).

    ``total`` of the walked list's articles match; a sort reads every article of the tag or
    entity, whatever the other filters. All three counts are kept until the data changes.
    """
    walked = total_of(filters.without("tag", "entity"))
    members = total_of(ArticleFilters(tag=filters.tag, entity=filters.entity))
    return page.number * page.size * walked / max(total, 1) > WALK_CHECKS_PER_MEMBER * members


@dataclass(frozen=True)
class _Shape:
    """Which filters a list page has (not their values), and how it finds a tag's or
    entity's articles (``by_members``: see ``WALK_CHECKS_PER_MEMBER``)."""

    outlet: bool
    outlet_kind: bool
    tag: bool
    entity: bool
    start: bool
    end: bool
    by_members: bool


@cache
def _page_query(shape: _Shape) -> Select:
    """One page of card rows for lists of ``shape``, the values as bound parameters.

    Built once per shape (building a statement cost more than running it); what it selects
    is what ``articles.filtered`` selects, ``tests/web/test_cards.py`` compares them.
    """
    a, o, t, e = Article.__table__.c, Outlet.__table__.c, Tag.__table__.c, Entity.__table__.c
    at, m = article_tags.c, Mention.__table__.c
    query = select(*(a[name] for name in _CARD_COLUMNS)).where(a.status == PUBLISHED_STATUS)
    if shape.outlet:
        query = query.where(
            a.outlet_id == select(o.id).where(o.slug == bindparam("outlet")).scalar_subquery()
        )
    if shape.outlet_kind:
        query = query.where(a.outlet_id.in_(select(o.id).where(o.kind == bindparam("outlet_kind"))))
    if shape.tag and not shape.by_members:
        query = query.where(_TAGGED_BY_INDEX)
    elif shape.tag:
        tag_id = select(t.id).where(t.slug == bindparam("tag")).scalar_subquery()
        query = query.where(a.id.in_(select(at.article_id).where(at.tag_id == tag_id)))
    if shape.entity:
        entity_id = select(e.id).where(e.slug == bindparam("entity")).scalar_subquery()
        mentioning = select(m.article_id).where(m.entity_id == entity_id)
        query = query.where(_member(a.id, mentioning, m.article_id, shape.by_members))
    if shape.start:
        query = query.where(a.published_on >= bindparam("start"))
    if shape.end:
        query = query.where(a.published_on <= bindparam("end"))
    return (
        query.order_by(a.published_on.desc().nulls_last(), a.id.desc())
        .limit(bindparam("limit"))
        .offset(bindparam("offset"))
    )


#: Checking each article of a walk for the tag, in the tag's own stretch of the index
#: ``TAG_ARTICLE_INDEX`` (a few cached pages). Left to itself SQLite probes the primary key
#: (article_id, tag_id) instead, spread over the whole table: 7-16 ms for a page of a tag on
#: 1 % of 100,000 articles instead of 1.5-3. SQLAlchemy has no SQLite index hints: SQL text.
_TAGGED_BY_INDEX = text(
    f"EXISTS (SELECT 1 FROM article_tags INDEXED BY {TAG_ARTICLE_INDEX}"
    " WHERE article_tags.tag_id = (SELECT tags.id FROM tags WHERE tags.slug = :tag)"
    " AND article_tags.article_id = articles.id)"
)


def _member(
    article_id: ColumnElement, members: Select, member_id: ColumnElement, by_members: bool
) -> ColumnElement:
    """The article is one of ``members``: read from them (``IN``) or checked (``EXISTS``)."""
    if by_members:
        return article_id.in_(members)
    return members.where(member_id == article_id).exists()


def _by_id_query() -> Select:
    a = Article.__table__.c
    columns = (a[name] for name in _CARD_COLUMNS)
    return select(*columns).where(a.id.in_(bindparam("ids", expanding=True)))


_BY_ID = _by_id_query()


def cards_by_id(article_ids: Sequence[int]) -> dict[int, ArticleCard]:
    """Cards of ``article_ids``, by id (for search results; the caller has checked that they
    are published)."""
    if not article_ids:
        return {}
    rows = db.session.execute(_BY_ID, {"ids": list(article_ids)}).all()
    return {card.id: card for card in cards_of(rows)}


def cards_of(rows: Sequence) -> list[ArticleCard]:
    """Cards for rows of ``_CARD_COLUMNS``, in their order: their tags in one query."""
    outlets = outlet_refs()
    tags = tags_of([row[0] for row in rows])
    return [
        ArticleCard(
            id=row[0],
            slug=row[1],
            title=row[2],
            outlet=outlets.get(row[3]),
            published_on=row[4],
            date_precision=row[5],
            date_basis=row[6],
            kind=row[7],
            origin=row[8],
            text_kind=row[9],
            summary=row[10],
            published_at=row[11],
            updated_at=row[12],
            tags=tuple(tags.get(row[0], ())),
        )
        for row in rows
    ]


def outlet_refs() -> dict[int, OutletRef]:
    """Every outlet by id (a few dozen rows), kept until the data changes."""
    return kept("outlet refs", _outlet_refs)


def _outlet_refs() -> dict[int, OutletRef]:
    o = Outlet.__table__.c
    query = select(o.id, o.name, o.slug, o.kind, o.country)
    return {row[0]: OutletRef(*row[1:]) for row in db.session.execute(query)}


def _tags_of_query() -> Select:
    t, at = Tag.__table__.c, article_tags.c
    return (
        select(at.article_id, t.name, t.slug)
        .join_from(article_tags, Tag.__table__, t.id == at.tag_id)
        .where(at.article_id.in_(bindparam("ids", expanding=True)))
        .order_by(t.name)
    )


_TAGS_OF = _tags_of_query()


def tags_of(article_ids: list[int]) -> dict[int, list[TagRef]]:
    """The tags of each of ``article_ids`` (those that have any), by name: one query."""
    if not article_ids:
        return {}
    tags: dict[int, list[TagRef]] = {}
    for article_id, name, slug in db.session.execute(_TAGS_OF, {"ids": article_ids}):
        tags.setdefault(article_id, []).append(TagRef(name, slug))
    return tags
