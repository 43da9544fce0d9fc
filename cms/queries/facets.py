"""Facet counts over a set of published articles: by outlet, kind of outlet, tag, entity, year.

Search gives the set as a list of ids (bounded: see the search service). Three grouped
queries count them: outlet and year together (the kind of outlet follows from the outlet),
then tags and entities from their link tables alone, grouped by id before the few groups'
names are joined. Every lookup is in a covering index (``ix_articles_facets``, the primary
key of ``article_tags``, ``ix_mentions_article_entity``): a thousand articles' rows lie on a
thousand pages of the table, their index entries on a few. The ids travel as one JSON
parameter read by ``json_each``, not as a thousand bound parameters per query.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, text

from cms.extensions import db

#: Facets in the order they are shown, each with its filter parameter and its heading.
FACETS = (
    ("outlet", "Outlet"),
    ("outlet_kind", "Kind of outlet"),
    ("tag", "Tag"),
    ("entity", "Mentions"),
    ("year", "Year"),
)
#: The most values shown per facet.
TOP = 12


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet: what the filter parameter takes, what readers see, how many."""

    value: str
    label: str
    count: int


#: SQLite would look the ids up by primary key in the table; the covering index is named.
_OUTLETS_AND_YEARS = """
SELECT outlets.slug, outlets.name, outlets.kind, grouped.year, grouped.n
FROM (
    SELECT outlet_id, substr(published_on, 1, 4) AS year, count(*) AS n
    FROM articles INDEXED BY ix_articles_facets
    WHERE id IN (SELECT value FROM json_each(:ids))
    GROUP BY outlet_id, year
) AS grouped LEFT JOIN outlets ON outlets.id = grouped.outlet_id
"""
#: Grouped by id from the link table alone, then joined to the (few) groups' names.
_LINKED = """
SELECT {table}.slug, {table}.name, grouped.n
FROM (
    SELECT {target} AS target, count(DISTINCT article_id) AS n
    FROM {links} WHERE article_id IN (SELECT value FROM json_each(:ids))
    GROUP BY {target}
) AS grouped JOIN {table} ON {table}.id = grouped.target
ORDER BY grouped.n DESC, {table}.name
LIMIT :top
"""
_TAGS = _LINKED.format(table="tags", target="tag_id", links="article_tags")
_ENTITIES = _LINKED.format(table="entities", target="entity_id", links="mentions")


def facet_counts(ids: Sequence[int]) -> dict[str, list[FacetValue]]:
    """For each facet, its values among the articles ``ids`` with how many have each."""
    if not ids:
        return {name: [] for name, _ in FACETS}
    connection = db.session.connection()
    params = {"ids": json.dumps(list(ids)), "top": TOP}
    outlets, kinds, years = _outlets_kinds_years(connection, params)
    return {
        "outlet": outlets,
        "outlet_kind": kinds,
        "tag": _linked(connection, _TAGS, params),
        "entity": _linked(connection, _ENTITIES, params),
        "year": years,
    }


def _outlets_kinds_years(
    connection: Connection, params: dict[str, object]
) -> tuple[list[FacetValue], ...]:
    outlets: Counter[tuple[str, str]] = Counter()
    kinds: Counter[tuple[str, str]] = Counter()
    years: Counter[tuple[str, str]] = Counter()
    for slug, name, kind, year, n in connection.execute(text(_OUTLETS_AND_YEARS), params):
        if slug is not None:
            outlets[slug, name] += n
            kinds[kind, kind] += n
        if year is not None:
            years[year, year] += n
    return _top(outlets), _top(kinds), _top(years)


def _top(counts: Counter[tuple[str, str]]) -> list[FacetValue]:
    """The ``TOP`` most frequent, most first, then by label (as the grouped queries order)."""
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0][1]))[:TOP]
    return [FacetValue(value, label, n) for (value, label), n in ranked]


def _linked(connection: Connection, sql: str, params: dict[str, object]) -> list[FacetValue]:
    """Tags or entities of the articles, from the link table (the ids are already published)."""
    return [FacetValue(slug, name, n) for slug, name, n in connection.execute(text(sql), params)]
