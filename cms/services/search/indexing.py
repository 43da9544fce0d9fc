"""Keeping the index in step with the articles, whoever writes them.

The search service registers a session hook: at every flush, new articles and articles whose
title, summary or body changed are indexed again, and deleted ones are removed, in the same
transaction as the change. No other service has to call search. Writes that bypass the ORM
(bulk ``UPDATE``/``DELETE`` statements, a restore, SQL by hand) are caught up by
``flask search reindex``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from cms.extensions import db
from cms.models import Article
from cms.services.search import fts5

INDEXED_FIELDS = ("title", "summary", "body")
CHUNK = 500


def _text_changed(article: Article) -> bool:
    state = inspect(article)
    return any(state.attrs[name].history.has_changes() for name in INDEXED_FIELDS)


def _after_flush(session: Session, _context: Any) -> None:
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return
    changed = [obj for obj in session.new if isinstance(obj, Article)]
    changed += [obj for obj in session.dirty if isinstance(obj, Article) and _text_changed(obj)]
    rows = [(a.id, a.title or "", a.summary or "", a.body or "") for a in changed]
    fts5.index_rows(connection, rows)
    fts5.remove(connection, [obj.id for obj in session.deleted if isinstance(obj, Article)])


def listen() -> None:
    """Register the flush hook on the app's sessions (once, however many apps are made)."""
    if not event.contains(db.session, "after_flush", _after_flush):
        event.listen(db.session, "after_flush", _after_flush)


def reindex(progress: Callable[[int], None] = lambda _n: None) -> int:
    """Rebuild the index from every article, in chunks, then the newest articles' own
    (``fts5.refill_recent``), and merge each into one segment; ``progress`` gets each chunk's
    size.

    Call inside a write transaction. Returns how many articles were indexed.
    """
    connection = db.session.connection()
    fts5.clear(connection)
    total, last_id = 0, 0
    columns = (Article.id, Article.title, Article.summary, Article.body)
    while True:
        rows = db.session.execute(
            select(*columns).where(Article.id > last_id).order_by(Article.id).limit(CHUNK)
        ).all()
        if not rows:
            fts5.refill_recent(connection)
            fts5.optimize(connection)
            return total
        fts5.index_rows(connection, [tuple(row) for row in rows], recent=False)
        total += len(rows)
        last_id = rows[-1][0]
        progress(len(rows))


def needs_rebuild() -> bool:
    """True when articles exist but the index is empty (a database made before the index)."""
    connection = db.session.connection()
    has_articles = db.session.scalar(select(Article.id).limit(1)) is not None
    return has_articles and fts5.indexed_count(connection) == 0
