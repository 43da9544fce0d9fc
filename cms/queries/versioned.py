"""Whole-collection counts, kept per worker until the data changes.

Tags, outlets, entities and years with their numbers, the timeline and a list's total each
cost a pass over up to every published article, yet they are the same for every reader until
someone writes. Triggers raise ``data_version.version`` on every insert, update and delete of
``WATCHED_TABLES`` (made by migration 50bbca7caed4; no model describes the table); a kept
value is used only while the version it was computed at is still the database's. ``epoch`` is
random per database, so one restored or rebuilt under the same name never passes for one a
worker has seen at the same version. The first request after a write pays for
the pass; the version is read in the request's own read transaction, before the data.

Keep only plain values here (tuples, numbers, strings): never ORM objects, which belong to
the session that loaded them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Sequence
from typing import Any, TypeVar

from flask import current_app, g, has_request_context
from sqlalchemy import Select

from cms.extensions import db

T = TypeVar("T")
#: Tables whose every insert, update and delete raises the version (the migration's triggers).
WATCHED_TABLES = (
    "articles",
    "article_tags",
    "tags",
    "outlets",
    "entities",
    "entity_aliases",
    "mentions",
)
#: Run as plain SQL on the session's connection (in its transaction): every public page reads
#: it, and the ORM's ``session.execute`` costs about twice as much for a one-row read.
_READ_VERSION = "SELECT epoch, version FROM data_version WHERE id = 1"
#: Past this many kept values (list totals of many filter combinations, say) new ones are
#: computed but not kept until the version changes: memory stays bounded.
MAX_ENTRIES = 4096
_EXTENSION = "cms_versioned_counts"
_VERSION_KEY = "cms_data_version"


class _Kept:
    def __init__(self) -> None:
        self.version: tuple[str, int] | None = None
        self.values: dict[Hashable, object] = {}
        self.lock = threading.Lock()
        #: One lock per key being computed: a crowd arriving after a write waits for one
        #: computation instead of each thread running the same pass over the collection.
        self.computing: dict[Hashable, threading.Lock] = {}


def current_version() -> tuple[str, int] | None:
    """(epoch, version) of the database; ``None`` if it has no version row (then keep nothing).

    Read once per request: the request reads in one transaction, so it cannot change.
    """
    if has_request_context() and _VERSION_KEY in g:
        return g.get(_VERSION_KEY)
    row = db.session.connection().exec_driver_sql(_READ_VERSION).first()
    version = (row[0], row[1]) if row else None
    if has_request_context():
        setattr(g, _VERSION_KEY, version)
    return version


def kept(key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``'s value for ``key``, computed at most once per data version and worker."""
    version = current_version()
    if version is None:
        return compute()
    store: _Kept = current_app.extensions.setdefault(_EXTENSION, _Kept())
    found, computing = _look_up(store, version, key)
    if computing is None:
        return found  # type: ignore[return-value]
    with computing:
        found, still_missing = _look_up(store, version, key)
        if still_missing is None:  # another thread computed it while this one waited
            return found  # type: ignore[return-value]
        value = compute()
        with store.lock:
            if store.version == version and len(store.values) < MAX_ENTRIES:
                store.values[key] = value
        return value


def _look_up(store: _Kept, version: tuple[str, int], key: Hashable) -> tuple[object, Any]:
    """(the kept value, None) if there is one at ``version``; else (None, the key's lock)."""
    with store.lock:
        if _older(version, store.version):  # a request still reading an older snapshot
            return None, threading.Lock()  # computes for itself; nothing is kept
        if store.version != version:
            store.version, store.values, store.computing = version, {}, {}
        if key in store.values:
            return store.values[key], None
        return None, store.computing.setdefault(key, threading.Lock())


def _older(version: tuple[str, int], kept_at: tuple[str, int] | None) -> bool:
    return kept_at is not None and version[0] == kept_at[0] and version[1] < kept_at[1]


def with_objects(query: Select, counts: Sequence[tuple[int, int]]) -> list[tuple[Any, int]]:
    """(object, count) for each kept (id, count), in the same order, loaded by one ``query``
    over a model (``select(Tag)``, say, with any loader options), narrowed to those ids."""
    model = query.column_descriptions[0]["entity"]
    ids = [id_ for id_, _n in counts]
    by_id = {o.id: o for o in db.session.scalars(query.where(model.id.in_(ids)))}
    return [(by_id[id_], n) for id_, n in counts if id_ in by_id]
