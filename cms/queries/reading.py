"""The article page as readers see it, read as plain rows, not ORM objects.

Loading the ``Article`` (every column, raw text included), then its outlet, tags, links
(each with its other article and that one's outlet) and entities through the ORM cost most of
the page. Here each is one small query over the columns the page shows; outlets come from
the map ``cards`` keeps per data version. The values have the attributes of the models the
templates read (``outlet.name``, ``published_date``, ``tags``...), so the article template
serves an editor's preview of an ``Article`` too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, bindparam, literal, select, union_all

from cms.extensions import db
from cms.models import (
    Article,
    ArticleKind,
    ArticleStatus,
    DateBasis,
    Entity,
    EntityKind,
    Link,
    Mention,
    Origin,
    TextKind,
)
from cms.pipeline.types import DatePrecision, PartialDate
from cms.queries.articles import LinkView
from cms.queries.cards import OutletRef, TagRef, outlet_refs, partial_date, tags_of


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
    #: By name, as ``Article.tags``.
    tags: tuple[TagRef, ...]

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


@dataclass(frozen=True, slots=True)
class EntityRef:
    """An entity as a chip on the article page names it."""

    name: str
    slug: str
    kind: EntityKind


def article_to_read(slug: str) -> ArticleToRead | None:
    """The published article at ``slug``, or None."""
    row = db.session.execute(_ARTICLE, {"slug": slug}).first()
    if row is None:
        return None
    id_, slug_, title, outlet_id, *rest = row
    outlet = outlet_refs().get(outlet_id) if outlet_id is not None else None
    tags = tuple(tags_of([id_]).get(id_, ()))
    return ArticleToRead(id_, slug_, title, outlet, *rest, tags=tags)


def published_links(article: ArticleToRead) -> list[LinkView]:
    """The article's cross-links to published articles from both ends, each worded from this
    end, oldest other article first (undated last): one query."""
    outlets = outlet_refs()
    views = [
        LinkView(
            LinkedArticle(slug, title, outlets.get(outlet_id), day, precision, basis),
            relation,
            bool(outgoing),
            note,
        )
        for _id, relation, note, outgoing, slug, title, outlet_id, day, precision, basis in (
            db.session.execute(_LINKS, {"id": article.id})
        )
    ]
    return sorted(views, key=lambda v: (v.other.published_on is None, v.other.published_on))


def mentioned_entities(article: ArticleToRead) -> list[EntityRef]:
    """The entities the article mentions, each once, by name."""
    rows = db.session.execute(_ENTITIES, {"id": article.id})
    return [EntityRef(name, slug, kind) for name, slug, kind in rows]


# The statements, built once (building one cost more than running it), values bound per call.
_a, _l = Article.__table__.c, Link.__table__.c
_PUBLISHED = _a.status == ArticleStatus.PUBLISHED
_ARTICLE = select(
    *(
        _a[name]
        for name in (
            "id",
            "slug",
            "title",
            "outlet_id",
            "authors",
            "published_on",
            "date_precision",
            "date_basis",
            "url",
            "kind",
            "origin",
            "text_kind",
            "summary",
            "body",
        )
    )
).where(_PUBLISHED, _a.slug == bindparam("slug"))


def _links_query() -> Select:
    """Both ends' links to published articles: this article as source, then as target."""
    parts = [
        select(
            _l.id,
            _l.relation,
            _l.note,
            literal(outgoing).label("outgoing"),
            _a.slug,
            _a.title,
            _a.outlet_id,
            _a.published_on,
            _a.date_precision,
            _a.date_basis,
        )
        .join_from(Link.__table__, Article.__table__, _a.id == other_end)
        .where(this_end == bindparam("id"), _PUBLISHED)
        for other_end, this_end, outgoing in (
            (_l.target_id, _l.source_id, True),
            (_l.source_id, _l.target_id, False),
        )
    ]
    linked = union_all(*parts).subquery()
    return select(linked).order_by(linked.c.outgoing.desc(), linked.c.id)


_LINKS = _links_query()
_e, _m = Entity.__table__.c, Mention.__table__.c
_ENTITIES = (
    select(_e.name, _e.slug, _e.kind)
    .where(_e.id.in_(select(_m.entity_id).where(_m.article_id == bindparam("id"))))
    .order_by(_e.name_key)
)
