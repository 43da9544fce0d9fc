"""The article page as readers see it, read as plain rows, not ORM objects: SQLite's SQL.

Loading the ``Article`` (every column, raw text included), then its outlet, tags, links
(each with its other article and that one's outlet) and entities through the ORM cost most of
the page; so did four SQLAlchemy Core statements after it (0.2-0.3 ms each of statement
work where SQLite answers in 0.01-0.05 ms). Here two plain statements run on the driver's
connection, in the session's read transaction (``cms.sqlite.driver``): the article with its
tags and entities as JSON arrays, then its links, each with its outlet joined (the page then
needs nothing kept per data version, and does not read the version). The values have the
attributes of the models the templates read (``outlet.name``, ``published_date``,
``tags``...), so the article template serves an editor's preview of an ``Article`` too.

The SQL is SQLite's (``json_group_array``, ``?`` parameters, the driver connection): this
module is the one place the article page talks to the engine, and PostgreSQL gets a module of
its own with these three functions.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from operator import attrgetter

from cms.models import (
    ArticleKind,
    ArticleStatus,
    DateBasis,
    EntityKind,
    Origin,
    OutletKind,
    Relation,
    TextKind,
)
from cms.pipeline.types import DatePrecision, PartialDate
from cms.queries.articles import LinkView
from cms.queries.cards import OutletRef, TagRef, partial_date
from cms.queries.plain_rows import session_driver, stored_date


@dataclass(frozen=True, slots=True)
class EntityRef:
    """An entity as a chip on the article page names it."""

    name: str
    slug: str
    kind: EntityKind


@dataclass(frozen=True, slots=True)
class ArticleToRead:
    """One published article with what its page shows."""

    id: int
    slug: str
    title: str
    outlet: OutletRef | None
    authors: str
    published_on: dt.date | None
    date_precision: DatePrecision | None
    date_basis: DateBasis
    url: str
    kind: ArticleKind
    origin: Origin
    text_kind: TextKind
    summary: str
    body: str
    #: ``body`` rendered and sanitised when it was saved; None if it has not been.
    body_html: str | None
    #: By name, as ``Article.tags``.
    tags: tuple[TagRef, ...]
    #: The entities it mentions, each once, by name.
    entities: tuple[EntityRef, ...]

    @property
    def published_date(self) -> PartialDate | None:
        return partial_date(self.published_on, self.date_precision)

    @property
    def author_list(self) -> list[str]:
        return [a.strip() for a in self.authors.split(",") if a.strip()]


@dataclass(frozen=True, slots=True)
class LinkedArticle:
    """The other end of a cross-link, as the link's sentence names it."""

    slug: str
    title: str
    outlet: OutletRef | None
    published_on: dt.date | None
    date_precision: DatePrecision | None
    date_basis: DateBasis

    @property
    def published_date(self) -> PartialDate | None:
        return partial_date(self.published_on, self.date_precision)


def article_to_read(slug: str) -> ArticleToRead | None:
    """The published article at ``slug``, with its tags and entities, or None: one statement."""
    row = session_driver().execute(_ARTICLE, (slug, _PUBLISHED)).fetchone()
    if row is None:
        return None
    id_, slug_, title, *outlet, authors, day, precision, basis = row[:11]
    kind, origin, text_kind, url_, summary, body, body_html, tags, entities = row[11:]
    named = sorted(json.loads(entities), key=lambda e: e[0])  # by name_key, as the lists
    return ArticleToRead(
        id=id_,
        slug=slug_,
        title=title,
        outlet=_outlet(*outlet),
        authors=authors,
        published_on=stored_date(day),
        date_precision=DatePrecision(precision) if precision else None,
        date_basis=DateBasis(basis),
        url=url_,
        kind=ArticleKind(kind),
        origin=Origin(origin),
        text_kind=TextKind(text_kind),
        summary=summary,
        body=body,
        body_html=body_html,
        tags=tuple(sorted((TagRef(n, s) for n, s in json.loads(tags)), key=attrgetter("name"))),
        entities=tuple(EntityRef(n, s, EntityKind(k)) for _key, n, s, k in named),
    )


def published_links(article: ArticleToRead) -> list[LinkView]:
    """The article's cross-links to published articles from both ends, each worded from this
    end, oldest other article first (undated last): one statement."""
    views = [
        LinkView(
            LinkedArticle(
                slug,
                title,
                _outlet(o_name, o_slug, o_kind, o_country),
                stored_date(day),
                DatePrecision(precision) if precision else None,
                DateBasis(basis),
            ),
            Relation(relation),
            bool(outgoing),
            note,
        )
        for _id, relation, note, outgoing, slug, title, *outlet, day, precision, basis in (
            session_driver().execute(_LINKS, (article.id, _PUBLISHED))
        )
        for o_name, o_slug, o_kind, o_country in (outlet,)
    ]
    return sorted(views, key=lambda v: (v.other.published_on is None, v.other.published_on))


def mentioned_entities(article: ArticleToRead) -> list[EntityRef]:
    """The entities the article mentions, each once, by name (read with the article)."""
    return list(article.entities)


def _outlet(name: str | None, slug: str, kind: str, country: str) -> OutletRef | None:
    """The outlet's joined columns, None if there is none (all NULL)."""
    return OutletRef(name, slug, OutletKind(kind), country) if name is not None else None


_PUBLISHED = ArticleStatus.PUBLISHED.value
#: Tags as [name, slug] and entities as [name_key, name, slug, kind], in JSON arrays; both
#: are sorted in Python (an aggregate's order is not SQL's to promise).
_ARTICLE = """
SELECT a.id, a.slug, a.title, o.name, o.slug, o.kind, o.country, a.authors, a.published_on,
       a.date_precision, a.date_basis, a.kind, a.origin, a.text_kind, a.url, a.summary, a.body,
       a.body_html,
       (SELECT json_group_array(json_array(t.name, t.slug))
          FROM article_tags AS at JOIN tags AS t ON t.id = at.tag_id
         WHERE at.article_id = a.id),
       (SELECT json_group_array(json_array(e.name_key, e.name, e.slug, e.kind))
          FROM entities AS e
         WHERE e.id IN (SELECT m.entity_id FROM mentions AS m WHERE m.article_id = a.id))
  FROM articles AS a LEFT JOIN outlets AS o ON o.id = a.outlet_id
 WHERE a.slug = ?1 AND a.status = ?2
"""
#: Both ends' links to published articles: this article as source, then as target.
_LINKS = """
SELECT l.id, l.relation, l.note, 1 AS outgoing, a.slug, a.title, o.name, o.slug, o.kind,
       o.country, a.published_on, a.date_precision, a.date_basis
  FROM links AS l JOIN articles AS a ON a.id = l.target_id
       LEFT JOIN outlets AS o ON o.id = a.outlet_id
 WHERE l.source_id = ?1 AND a.status = ?2
UNION ALL
SELECT l.id, l.relation, l.note, 0, a.slug, a.title, o.name, o.slug, o.kind,
       o.country, a.published_on, a.date_precision, a.date_basis
  FROM links AS l JOIN articles AS a ON a.id = l.source_id
       LEFT JOIN outlets AS o ON o.id = a.outlet_id
 WHERE l.target_id = ?1 AND a.status = ?2
 ORDER BY 4 DESC, 1
"""
