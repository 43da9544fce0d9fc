"""The SQL of a page of list cards, written out per shape of filters, run on the driver.

SQLAlchemy Core cost 0.2-0.5 ms a statement in building, compiling and row processing, where
SQLite runs a page in 0.1-1 ms; these are plain SQLite statements with named parameters,
built once per shape (which filters are set, not their values). ``tests/web/test_cards.py``
holds what they select to ``articles.filtered``, which counts the totals.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from cms.models.entity import MENTION_DATE_INDEX
from cms.models.taxonomy import TAG_DATE_INDEX

#: What a card shows, in ``cards.cards_of``'s order.
CARD_COLUMNS = (
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
_SELECTED = ", ".join(f"articles.{name}" for name in CARD_COLUMNS)

#: Search's result cards: the card's columns and the body last, published articles only,
#: whatever ids are asked for. One statement cost 70 µs for twenty articles at 100,000,
#: where the cards' statement and a second one for the bodies cost 150.
CARDS_AND_BODIES_BY_ID = (
    f"SELECT {_SELECTED}, articles.body FROM articles"
    " WHERE articles.id IN (SELECT value FROM json_each(:ids)) AND articles.status = :status"
)

TAGS_OF = (
    "SELECT article_tags.article_id, tags.name, tags.slug"
    " FROM article_tags JOIN tags ON tags.id = article_tags.tag_id"
    " WHERE article_tags.article_id IN (SELECT value FROM json_each(:ids)) ORDER BY tags.name"
)


@dataclass(frozen=True)
class Shape:
    """Which filters a list page has (not their values)."""

    outlet: bool = False
    outlet_kind: bool = False
    tag: bool = False
    entity: bool = False
    start: bool = False
    end: bool = False


@cache
def page_statement(shape: Shape) -> str:
    """One page of card rows (``:limit`` from ``:offset``) for lists of ``shape``, newest
    first, undated last, ties by id.

    A tag's list walks its own stretch of ``ix_article_tags_tag_date`` backwards, an entity's
    its stretch of ``ix_mentions_entity_date`` (an article's mentions side by side: one card
    each, ``DISTINCT``): their articles in list order, the other filters checked on each
    (the indexes named: SQLite would rather read every article of the tag and sort them).
    An outlet's list walks its stretch of ``ix_articles_outlet_order`` (outlet, status,
    date, id); any other list ``ix_articles_public_order`` (status, date, id). A kind of
    outlet is checked on each article (``+``: not read from ``ix_articles_outlet_order``, one
    stretch per outlet of the kind, merged by sorting them all: 19 ms for a deep page
    instead of 3.5).
    """
    select, source, where = "SELECT", "articles", []
    dated, ordered_id = "articles.published_on", "articles.id"
    if shape.tag or shape.entity:
        table, index = (
            ("article_tags", TAG_DATE_INDEX) if shape.tag else ("mentions", MENTION_DATE_INDEX)
        )
        source = f"{table} INDEXED BY {index} JOIN articles ON articles.id = {table}.article_id"
        dated, ordered_id = f"{table}.published_on", f"{table}.article_id"
    if shape.tag:
        where.append("article_tags.tag_id = (SELECT tags.id FROM tags WHERE tags.slug = :tag)")
    elif shape.entity:
        select = "SELECT DISTINCT"
        where.append(f"mentions.entity_id = {_ENTITY_ID}")
    where.append("articles.status = :status")
    if shape.outlet:
        where.append(
            "articles.outlet_id = (SELECT outlets.id FROM outlets WHERE outlets.slug = :outlet)"
        )
    if shape.outlet_kind:
        where.append(
            "+articles.outlet_id IN"
            " (SELECT outlets.id FROM outlets WHERE outlets.kind = :outlet_kind)"
        )
    if shape.entity and shape.tag:
        where.append(
            "EXISTS (SELECT 1 FROM mentions WHERE mentions.entity_id = "
            f"{_ENTITY_ID} AND mentions.article_id = articles.id)"
        )
    if shape.start:
        where.append(f"{dated} >= :start")
    if shape.end:
        where.append(f"{dated} <= :end")
    return (
        f"{select} {_SELECTED} FROM {source} WHERE {' AND '.join(where)}"
        f" ORDER BY {dated} DESC NULLS LAST, {ordered_id} DESC LIMIT :limit OFFSET :offset"
    )


_ENTITY_ID = "(SELECT entities.id FROM entities WHERE entities.slug = :entity)"
