"""The articles of one page of search results, as plain rows rather than ORM objects.

A result page shows twenty articles out of thousands of matches. Loading them as ``Article``
objects (with their outlet and tags) cost more than finding and ranking the matches, so two
plain queries read just what a result card and the API's article summary need.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection

from cms.models import ArticleKind, DateBasis, OutletKind, TextKind
from cms.models.article import Origin
from cms.pipeline.types import DatePrecision, PartialDate


@dataclass(frozen=True)
class OutletRef:
    slug: str
    name: str
    kind: OutletKind


@dataclass(frozen=True)
class TagRef:
    slug: str
    name: str


@dataclass(frozen=True)
class ArticleCard:
    """A published article as a result card shows it (the attributes ``Article`` has)."""

    id: int
    slug: str
    title: str
    published_on: dt.date | None
    date_precision: DatePrecision | None
    date_basis: DateBasis
    kind: ArticleKind
    origin: Origin
    text_kind: TextKind
    summary: str
    body: str
    outlet: OutletRef | None
    tags: tuple[TagRef, ...]

    @property
    def published_date(self) -> PartialDate | None:
        if self.published_on is None or self.date_precision is None:
            return None
        return PartialDate(self.published_on, self.date_precision)


_ARTICLES = """
SELECT a.id, a.slug, a.title, a.published_on, a.date_precision, a.date_basis, a.kind,
       a.origin, a.text_kind, a.summary, a.body, o.slug, o.name, o.kind
FROM articles AS a LEFT JOIN outlets AS o ON o.id = a.outlet_id
WHERE a.id IN (SELECT value FROM json_each(?))
"""
_TAGS = """
SELECT t.article_id, tags.slug, tags.name
FROM article_tags AS t JOIN tags ON tags.id = t.tag_id
WHERE t.article_id IN (SELECT value FROM json_each(?))
ORDER BY tags.name
"""


def cards(connection: Connection, ids: Sequence[int]) -> dict[int, ArticleCard]:
    """The articles ``ids`` by id (the caller has checked that they are published)."""
    if not ids:
        return {}
    param = (json.dumps(list(ids)),)
    tags: defaultdict[int, list[TagRef]] = defaultdict(list)
    for article_id, slug, name in connection.exec_driver_sql(_TAGS, param):
        tags[article_id].append(TagRef(slug, name))
    found = {}
    for row in connection.exec_driver_sql(_ARTICLES, param):
        id_, slug, title, on, precision, basis, kind, origin, text_kind = row[:9]
        summary, body, outlet_slug, outlet_name, outlet_kind = row[9:]
        found[id_] = ArticleCard(
            id=id_,
            slug=slug,
            title=title,
            published_on=dt.date.fromisoformat(on) if on else None,
            date_precision=DatePrecision(precision) if precision else None,
            date_basis=DateBasis(basis),
            kind=ArticleKind(kind),
            origin=Origin(origin),
            text_kind=TextKind(text_kind),
            summary=summary,
            body=body,
            outlet=None
            if outlet_slug is None
            else OutletRef(outlet_slug, outlet_name, OutletKind(outlet_kind)),
            tags=tuple(tags[id_]),
        )
    return found
