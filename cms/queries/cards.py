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

from sqlalchemy import select

from cms.extensions import db
from cms.models import (
    Article,
    ArticleKind,
    DateBasis,
    Origin,
    Outlet,
    OutletKind,
    Tag,
    TextKind,
    article_tags,
)
from cms.pipeline.types import DatePrecision, PartialDate
from cms.queries.articles import filtered, newest_first_order
from cms.queries.filters import NO_FILTERS, ArticleFilters
from cms.queries.paging import Page, count_of
from cms.queries.versioned import kept

#: A tag or entity with at most this many published articles has its page found by sorting
#: those articles (a few thousand index lookups); a bigger one by walking the list in order
#: and keeping the articles that have it, which stops after one page of them. Measured at
#: 100,000 articles: sorting 1,100 matches takes 2-6 ms, walking for a tag on 1 % of them
#: as long, for a tag on 8 % under 1 ms on page 1 but 5-8 ms by page 30, sorting it 30 ms.
SORT_MEMBERS_AT_MOST = 2500


@dataclass(frozen=True, slots=True)
class OutletRef:
    """What a card shows of an outlet."""

    name: str
    slug: str
    kind: OutletKind


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
        if self.published_on is None or self.date_precision is None:
            return None
        return PartialDate(self.published_on, self.date_precision)


_CARD_COLUMNS = (
    Article.id,
    Article.slug,
    Article.title,
    Article.outlet_id,
    Article.published_on,
    Article.date_precision,
    Article.date_basis,
    Article.kind,
    Article.origin,
    Article.text_kind,
    Article.summary,
    Article.published_at,
    Article.updated_at,
)


def published_cards(filters: ArticleFilters = NO_FILTERS, number: int = 1, size: int = 20) -> Page:
    """One page of cards of the published articles matching ``filters``, newest first.

    The total is kept until the data changes (``versioned``): counting is the dear part.
    """
    counted = filtered(select(Article.id), filters, by_members=True)
    total = kept(("total", filters), lambda: count_of(counted))
    page = Page([], max(1, number), size, total)
    if page.number > page.pages:
        return page
    query = filtered(select(*_CARD_COLUMNS), filters, _by_members(filters, total))
    offset = (page.number - 1) * size
    rows = db.session.execute(newest_first_order(query).limit(size).offset(offset)).all()
    return Page(cards_of(rows), page.number, size, total)


def _by_members(filters: ArticleFilters, total: int) -> bool:
    """Whether to find the page from the tag's or entity's own articles (see
    ``SORT_MEMBERS_AT_MOST``) rather than by walking every published article in order."""
    return bool(filters.tag or filters.entity) and total <= SORT_MEMBERS_AT_MOST


def cards_of(rows: Sequence) -> list[ArticleCard]:
    """Cards for rows of ``_CARD_COLUMNS``, in their order: their tags in one query."""
    outlets = kept("outlet refs", _outlet_refs)
    tags = _tags_of([row[0] for row in rows])
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


def _outlet_refs() -> dict[int, OutletRef]:
    """Every outlet by id (a few dozen rows), kept until the data changes."""
    rows = db.session.execute(select(Outlet.id, Outlet.name, Outlet.slug, Outlet.kind))
    return {id_: OutletRef(name, slug, kind) for id_, name, slug, kind in rows}


def _tags_of(article_ids: list[int]) -> dict[int, list[TagRef]]:
    if not article_ids:
        return {}
    query = (
        select(article_tags.c.article_id, Tag.name, Tag.slug)
        .join(Tag, Tag.id == article_tags.c.tag_id)
        .where(article_tags.c.article_id.in_(article_ids))
        .order_by(Tag.name)
    )
    tags: dict[int, list[TagRef]] = {}
    for article_id, name, slug in db.session.execute(query):
        tags.setdefault(article_id, []).append(TagRef(name, slug))
    return tags
