"""The SQL of a page of list cards, written out per shape of filters, run on the driver.

SQLAlchemy Core cost 0.2-0.5 ms a statement in building, compiling and row processing, where
SQLite runs a page in 0.1-1 ms; these are plain SQLite statements with named parameters,
built once per shape (which filters are set, not their values). ``tests/web/test_cards.py``
holds what they select to ``articles.filtered``, which counts the totals.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

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
_MENTIONING = (
    "SELECT mentions.article_id FROM mentions"
    " WHERE mentions.entity_id = (SELECT entities.id FROM entities WHERE entities.slug = :entity)"
)

CARDS_BY_ID = (
    f"SELECT {_SELECTED} FROM articles WHERE articles.id IN (SELECT value FROM json_each(:ids))"
)
TAGS_OF = (
    "SELECT article_tags.article_id, tags.name, tags.slug"
    " FROM article_tags JOIN tags ON tags.id = article_tags.tag_id"
    " WHERE article_tags.article_id IN (SELECT value FROM json_each(:ids)) ORDER BY tags.name"
)


@dataclass(frozen=True)
class Shape:
    """Which filters a list page has (not their values). ``by_members``: an entity's
    articles are read from its mentions and sorted rather than found by walking the list
    (``cards.WALK_CHECKS_PER_MEMBER``)."""

    outlet: bool = False
    outlet_kind: bool = False
    tag: bool = False
    entity: bool = False
    start: bool = False
    end: bool = False
    by_members: bool = False


@cache
def page_statement(shape: Shape) -> str:
    """One page of card rows (``:limit`` from ``:offset``) for lists of ``shape``, newest
    first, undated last, ties by id.

    A tag's list walks its own stretch of ``ix_article_tags_tag_date`` backwards: its
    articles in list order, the other filters checked on each (named: SQLite would rather
    read every article of the tag and sort them). An outlet's list walks its stretch of
    ``ix_articles_outlet_order`` (outlet, status, date, id); any other list walks
    ``ix_articles_public_order`` (status, date, id) backwards. A kind of outlet is checked
    on each article (``+``: not read from ``ix_articles_outlet_order``, one stretch per
    outlet of the kind, merged by sorting them all: 19 ms for a deep page instead of 3.5).
    """
    if shape.tag:
        source = (
            f"article_tags INDEXED BY {TAG_DATE_INDEX}"
            " JOIN articles ON articles.id = article_tags.article_id"
        )
        dated, ordered_id = "article_tags.published_on", "article_tags.article_id"
        where = ["article_tags.tag_id = (SELECT tags.id FROM tags WHERE tags.slug = :tag)"]
    else:
        source, dated, ordered_id, where = "articles", "articles.published_on", "articles.id", []
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
    if shape.entity and shape.by_members and not shape.tag:
        where.append(f"articles.id IN ({_MENTIONING})")
    elif shape.entity:
        where.append(f"EXISTS ({_MENTIONING} AND mentions.article_id = articles.id)")
    if shape.start:
        where.append(f"{dated} >= :start")
    if shape.end:
        where.append(f"{dated} <= :end")
    return (
        f"SELECT {_SELECTED} FROM {source} WHERE {' AND '.join(where)}"
        f" ORDER BY {dated} DESC NULLS LAST, {ordered_id} DESC LIMIT :limit OFFSET :offset"
    )
