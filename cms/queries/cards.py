"""Article cards: what a list shows of each article, loaded as plain rows, not ORM objects.

A list page shows 20 cards. Loading them as ``Article`` objects (every column, the body
included, plus an outlet and tags per object through relationship loaders) cost more than
the rest of the page. Here one query gives the page's rows, only the columns a card shows;
one more gives their tags; outlets come from a small map kept per data version. Both run
as plain SQL on the driver's connection (``card_statements``).

A card has the attributes of ``Article`` that lists, the feed and the API read (``slug``,
``outlet.name``, ``published_date``, ``tags``...), so templates and shapes take either.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from cms.extensions import db
from cms.models import (
    ArticleKind,
    ArticleStatus,
    DateBasis,
    Origin,
    Outlet,
    OutletKind,
    TextKind,
)
from cms.pipeline.types import DatePrecision, PartialDate
from cms.queries.articles import date_range, total_of
from cms.queries.card_statements import CARDS_AND_BODIES_BY_ID, TAGS_OF, Shape, page_statement
from cms.queries.filters import NO_FILTERS, ArticleFilters
from cms.queries.paging import Page
from cms.queries.plain_rows import session_driver, stored_date, stored_datetime
from cms.queries.versioned import kept

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


def published_cards(filters: ArticleFilters = NO_FILTERS, number: int = 1, size: int = 20) -> Page:
    """One page of cards of the published articles matching ``filters``, newest first.

    The total is kept until the data changes (``versioned``): counting is the dear part.
    """
    total = total_of(filters)
    page = Page([], max(1, number), size, total)
    if page.number > page.pages:
        return page
    start, end = date_range(filters)
    shape = Shape(
        outlet=filters.outlet is not None,
        outlet_kind=filters.outlet_kind is not None,
        tag=filters.tag is not None,
        entity=filters.entity is not None,
        start=start is not None,
        end=end is not None,
    )
    values = {
        "status": PUBLISHED_STATUS.value,
        "outlet": filters.outlet,
        "outlet_kind": filters.outlet_kind.value if filters.outlet_kind else None,
        "tag": filters.tag,
        "entity": filters.entity,
        "start": start.isoformat() if start else None,
        "end": end.isoformat() if end else None,
        "limit": size,
        "offset": (page.number - 1) * size,
    }
    rows = session_driver().execute(page_statement(shape), values).fetchall()
    return Page(cards_of(rows), page.number, size, total)


def cards_with_bodies(ids: Sequence[int], with_tags: bool = True) -> list[tuple[ArticleCard, str]]:
    """(card, body) of each of the articles ``ids`` that is published, in the order of
    ``ids``, for search's results (a card leaves the body out: only a snippet needs it); the
    cards' tags only ``with_tags`` (see ``cards_of``)."""
    if not ids:
        return []
    bound = {"ids": json.dumps(list(ids)), "status": PUBLISHED_STATUS.value}
    rows = session_driver().execute(CARDS_AND_BODIES_BY_ID, bound).fetchall()
    body_of = {row[0]: row[-1] for row in rows}
    by_id = {card.id: card for card in cards_of(rows, with_tags)}
    return [(by_id[id_], body_of[id_]) for id_ in ids if id_ in by_id]


def cards_of(rows: Sequence[tuple], with_tags: bool = True) -> list[ArticleCard]:
    """Cards for driver rows of ``CARD_COLUMNS``, in their order: their tags in one query
    (none read, and each card's ``tags`` empty, unless ``with_tags``).

    The driver gives text where SQLAlchemy's column types gave dates, datetimes and enums:
    converted here as those types convert them.
    """
    outlets = outlet_refs()
    tags = tags_of([row[0] for row in rows]) if with_tags else {}
    return [
        ArticleCard(
            id=row[0],
            slug=row[1],
            title=row[2],
            outlet=outlets.get(row[3]),
            published_on=stored_date(row[4]),
            date_precision=_PRECISIONS.get(row[5]),
            date_basis=_BASES[row[6]],
            kind=_KINDS[row[7]],
            origin=_ORIGINS[row[8]],
            text_kind=_TEXT_KINDS[row[9]],
            summary=row[10],
            published_at=stored_datetime(row[11]),
            updated_at=stored_datetime(row[12]),
            tags=tuple(tags.get(row[0], ())),
        )
        for row in rows
    ]


_PRECISIONS = {member.value: member for member in DatePrecision}
_BASES = {member.value: member for member in DateBasis}
_KINDS = {member.value: member for member in ArticleKind}
_ORIGINS = {member.value: member for member in Origin}
_TEXT_KINDS = {member.value: member for member in TextKind}


def outlet_refs() -> dict[int, OutletRef]:
    """Every outlet by id (a few dozen rows), kept until the data changes."""
    return kept("outlet refs", _outlet_refs)


def _outlet_refs() -> dict[int, OutletRef]:
    o = Outlet.__table__.c
    query = select(o.id, o.name, o.slug, o.kind, o.country)
    return {row[0]: OutletRef(*row[1:]) for row in db.session.execute(query)}


def tags_of(article_ids: list[int]) -> dict[int, list[TagRef]]:
    """The tags of each of ``article_ids`` (those that have any), by name: one query."""
    if not article_ids:
        return {}
    tags: dict[int, list[TagRef]] = {}
    rows = session_driver().execute(TAGS_OF, {"ids": json.dumps(article_ids)})
    for article_id, name, slug in rows:
        tags.setdefault(article_id, []).append(TagRef(name, slug))
    return tags
