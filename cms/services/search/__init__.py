"""Search: one interface, one engine behind it (SQLite FTS5 now; PostgreSQL's tsvector later).

- ``search(query, filters, number, size)``: a reader's search over published articles, with
  highlighted snippets, facet counts and pages (``searching``).
- ``reindex(progress)``: rebuild the index from the database (``flask search reindex``).
- ``related_candidates(article_id, stems, limit)`` and ``document_frequencies(stems)``: what
  the suggestion analysers need from the index, over every article whatever its status.
- ``index_articles(rows)``: index articles inserted without the ORM (the importer's).
- ``init_app(app)``: registers the flush hook that keeps the index up to date (``indexing``).

Word forms come from ``text.stem`` (Snowball via PyStemmer), on the indexed text and the query.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from flask import Flask

from cms.extensions import db
from cms.services.search import fts5, indexing
from cms.services.search.indexing import needs_rebuild, reindex
from cms.services.search.searching import Hit, SearchResults, search
from cms.services.search.text import stem, stems

__all__ = [
    "Hit",
    "SearchResults",
    "document_frequencies",
    "index_articles",
    "init_app",
    "needs_rebuild",
    "reindex",
    "related_candidates",
    "search",
    "stem",
    "stems",
]


def index_articles(rows: Iterable[tuple[int, str, str, str]]) -> int:
    """Index articles written without the ORM (the importer's multi-row inserts), given as
    (id, title, summary, body) rows, in the caller's transaction; how many."""
    return fts5.index_rows(db.session.connection(), rows)


def init_app(app: Flask) -> None:
    indexing.listen()


def document_frequencies(stems_: Sequence[str]) -> dict[str, int]:
    """How many articles (any status) contain each stem; give stems made by ``stem``."""
    return fts5.document_frequencies(db.session.connection(), stems_)


def related_candidates(
    article_id: int | None, stems_: Sequence[str], limit: int = 50
) -> list[tuple[int, float]]:
    """ "More like this": ids of articles (any status) sharing any of ``stems_`` (say an
    article's top TF-IDF terms), best bm25 first, with their scores (lower is better); the
    article itself left out. Re-rank these candidates; they are not yet suggestions.
    """
    return fts5.more_like_this(db.session.connection(), stems_, article_id, limit)
