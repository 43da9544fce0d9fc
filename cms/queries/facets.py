"""Facet counts over a set of published articles: by outlet, kind of outlet, tag, entity, year.

Search gives the set as a list of ids (bounded: see the search service). Every value of every
facet (an outlet, a kind, a tag, an entity, a year) has a number, its key, and ``FacetColumns``
holds each article's keys packed together: one ``bytes`` per article while there are at most
256 keys, as at 100,000 articles (5 outlets, 113 tags, 100 entities, 17 years), else a tuple
of shared ints. They are read once per worker and data version (see ``versioned``) from
covering indexes. Counting is then one C-level ``Counter`` pass over the ids' keys joined into
one ``bytes``; a facet's keys are consecutive and numbered in the order of their labels, so
"most first, then by label" is a stable C-level sort of its keys by count.

Measured at 100,000 articles, one thread's CPU for a search's candidates (medians,
interleaved: ``bench/facets_ab.py``, bench/RESULTS.md "Session 6: facet counts"): three
grouped queries over 1,000 ids, even from covering indexes, cost 7 ms; arrays of outlet,
year, tag and entity ids by article, counted facet by facet and ranked on (slug, name)
tuples, 1.1 ms, half of it slicing two arrays per id and a third counting; the one key space,
0.31-0.35 ms, two thirds of it counting six keys per article (300 ids: 0.46 -> 0.16 ms).
Kinds are counted from the outlets' counts: a kind key per article would be a sixth more to
count. The keys of 100,000 articles hold 4.8 MB (the arrays held 3.3 MB; as tuples, which a
collection with more than 256 facet values gets, 9.6 MB and 0.40 ms for 1,000 ids, measured by
forcing them on the same data); reading them costs
about a third more than the arrays did, 0.41-0.75 s of CPU against 0.31-0.57 s, paid by the
first search after a write in each worker.
"""

from __future__ import annotations

import json
import sqlite3
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate, chain, compress, islice, pairwise, repeat
from operator import gt, itemgetter
from typing import Any

from sqlalchemy import Connection

from cms.extensions import db
from cms.queries.versioned import kept
from cms.sqlite import driver

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


#: An article's keys: ``bytes`` while every key is below 256 (40 bytes an article against a
#: tuple's 104).
Keys = bytes | tuple[int, ...]
_OUTLET, _KIND, _TAG, _ENTITY, _YEAR = range(len(FACETS))  # indexes in FACETS


@dataclass(frozen=True)
class FacetColumns:
    """What facets count: the keys of every article, whatever its status (the ids asked about
    are published), and what each key stands for."""

    #: Each article's keys by article id: one for its outlet, its year and each of its tags
    #: and entities; the list ends after the highest article id.
    keys: list[Keys]
    #: Joins articles' keys into one: ``b"".join`` for ``bytes`` (counted a tenth faster
    #: than chained).
    join: Callable[[Iterable[Keys]], Keys]
    #: (value, label) by key; a facet's keys are consecutive and numbered in label order.
    names: list[tuple[str, str]]
    #: Where each facet's keys start, in the order of ``FACETS``, and where the last ends.
    starts: tuple[int, ...]
    #: The key of each outlet's kind by the outlet's key (kinds are counted from outlets).
    kind_of: dict[int, int]


def facet_counts(ids: Sequence[int]) -> dict[str, list[FacetValue]]:
    """For each facet, its values among the published articles ``ids`` with how many have each."""
    if not ids:
        return {name: [] for name, _ in FACETS}
    columns = kept("facet-columns", lambda: read_columns(db.session.connection()))
    keys = columns.keys
    try:  # all ids, as they were read at the same version; checking each costs 7 %
        counts = Counter(columns.join(map(keys.__getitem__, ids)))
    except IndexError:
        counts = Counter(columns.join(map(keys.__getitem__, filter(len(keys).__gt__, ids))))
    found = sorted(counts)
    by_facet = [
        found[bisect_left(found, start) : bisect_left(found, end)]
        for start, end in pairwise(columns.starts)
    ]
    kinds: Counter[int] = Counter()
    for outlet in by_facet[_OUTLET]:
        kinds[columns.kind_of[outlet]] += counts[outlet]
    counts.update(kinds)
    by_facet[_KIND] = sorted(kinds)
    names = columns.names
    return {
        name: [
            FacetValue(*names[key], counts[key])
            # Most first, then by key, which is by label: the sort is stable.
            for key in sorted(facet_keys, key=counts.__getitem__, reverse=True)[:TOP]
        ]
        for (name, _), facet_keys in zip(FACETS, by_facet, strict=True)
    }


def read_columns(connection: Connection) -> FacetColumns:
    """Every article's keys, and what each key stands for."""
    raw = driver(connection)  # plain tuples: SQLAlchemy's rows cost 5x

    def rows(sql: str) -> list[Any]:
        return raw.execute(sql).fetchall()

    size = raw.execute("SELECT coalesce(max(id), 0) + 1 FROM articles").fetchone()[0]
    outlets = rows(_OUTLETS)
    outlet_of, year_of = _single(raw, _OUTLET_LINKS, size), _single(raw, _YEAR_LINKS, size)
    # What articles link to, and what those are called, in the order of FACETS.
    named: list[Iterable[tuple[Hashable, str, str]]] = [
        [(id_, slug, name) for id_, slug, name, _kind in outlets],
        [(kind, kind, kind) for kind in {kind for *_, kind in outlets}],
        rows(_TAGS),
        rows(_ENTITIES),
        [(year, str(year), str(year)) for year in set(year_of) - {0}],
    ]
    names, key_of = _key_space(named)
    pack, join = (bytes, b"".join) if len(names) <= 256 else (tuple, _joined_tuple)

    def one(key_by: dict[Hashable, int], by_article: array) -> Iterator[Keys]:
        """An article's one key (for its outlet, say), or none, from ids by article."""
        packed = {target: pack((key,)) for target, key in key_by.items()}
        return map(packed.get, by_article, repeat(pack(())))

    parts = (
        one(key_of[_OUTLET], outlet_of),
        one(key_of[_YEAR], year_of),
        _by_article(_pairs(raw, _TAG_LINKS), key_of[_TAG], size, pack),
        _by_article(_pairs(raw, _ENTITY_LINKS), key_of[_ENTITY], size, pack),
    )
    outlet_keys, kind_keys = key_of[_OUTLET], key_of[_KIND]
    return FacetColumns(
        keys=list(map(join, zip(*parts, strict=True))),
        join=join,
        names=names,
        starts=tuple(accumulate(map(len, key_of), initial=0)),
        kind_of={outlet_keys[id_]: kind_keys[kind] for id_, *_, kind in outlets},
    )


def _joined_tuple(parts: Iterable[tuple[int, ...]]) -> tuple[int, ...]:
    return tuple(chain.from_iterable(parts))


def _key_space(
    named: list[Iterable[tuple[Hashable, str, str]]],
) -> tuple[list[tuple[str, str]], list[dict[Hashable, int]]]:
    """(value, label) by key, numbered facet by facet in label order; and for each facet,
    the key of each id (or kind, or year) its links name. Labels are unique within a facet
    (outlets', tags' and entities' names are), so key order is the ranking's tie order."""
    names: list[tuple[str, str]] = []
    key_of: list[dict[Hashable, int]] = []
    for targets in named:
        keys: dict[Hashable, int] = {}
        for target, value, label in sorted(targets, key=itemgetter(2)):
            keys[target] = len(names)
            names.append((value, label))
        key_of.append(keys)
    return names, key_of


def _single(raw: sqlite3.Connection, pairs: str, size: int) -> array:
    """An article's one target (its outlet, say) by article id, 0 for none, from ``pairs``:
    SQL selecting (article id ``a``, target ``b``), ids below ``size``."""
    by_article = array("I", bytes(4 * size))
    for article, target in zip(*_pairs(raw, pairs), strict=True):
        by_article[article] = target
    return by_article


def _by_article(
    pairs: tuple[array, array], keys: dict[Hashable, int], size: int, pack: Callable
) -> Iterator[Keys]:
    """The keys of what each article below ``size`` links to, packed, in article id order,
    from (article ids, targets) ``pairs`` in that order; targets without a key are left out."""
    articles, targets = pairs
    known = list(map(keys.__contains__, targets))
    packed = pack(map(keys.__getitem__, compress(targets, known)))
    counts = map(Counter(compress(articles, known)).get, range(size), repeat(0))
    starts = array("I", accumulate(counts, initial=0))
    return map(packed.__getitem__, map(slice, starts, islice(starts, 1, None)))


def _pairs(raw: sqlite3.Connection, pairs: str) -> tuple[array, array]:
    """The article ids and targets ``pairs`` selects (as ``a`` and ``b``), in article id order.

    SQLite joins each column into one text, which ``json`` reads into integers: three times
    cheaper than making and taking apart a tuple per row.
    """
    joined = f"SELECT group_concat(a), group_concat(b) FROM ({pairs})"
    articles, targets = (
        array("I", json.loads(f"[{column or ''}]")) for column in raw.execute(joined).fetchone()
    )
    if any(map(gt, articles, islice(articles, 1, None))):  # never seen: SQLite keeps order
        order = sorted(range(len(articles)), key=articles.__getitem__)
        articles, targets = (array("I", map(c.__getitem__, order)) for c in (articles, targets))
    return articles, targets


#: Each read from a covering index already in article id order: ``ix_articles_facets``, the
#: primary key of ``article_tags``, ``ix_mentions_article_entity``.
_OUTLET_LINKS = (
    "SELECT id AS a, outlet_id AS b FROM articles INDEXED BY ix_articles_facets "
    "WHERE outlet_id IS NOT NULL ORDER BY id"
)
_YEAR_LINKS = (
    "SELECT id AS a, CAST(substr(published_on, 1, 4) AS INTEGER) AS b FROM articles "
    "INDEXED BY ix_articles_facets WHERE published_on IS NOT NULL ORDER BY id"
)
_TAG_LINKS = "SELECT article_id AS a, tag_id AS b FROM article_tags ORDER BY article_id"
_ENTITY_LINKS = "SELECT DISTINCT article_id AS a, entity_id AS b FROM mentions ORDER BY article_id"
_OUTLETS = "SELECT id, slug, name, kind FROM outlets"
_TAGS = "SELECT id, slug, name FROM tags"
_ENTITIES = "SELECT id, slug, name FROM entities"
