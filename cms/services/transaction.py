"""Write transactions: SQLite's write lock taken only to write, and held only while writing.

Reading runs in ordinary deferred transactions, which take no lock. Code that changes the
database does it inside ``with write():`` once the request is read and checked: the block ends
the read transaction, takes the write lock (``BEGIN IMMEDIATE``), and commits when it ends, or
rolls back if it raises. Objects loaded before the block keep their in-memory changes; one that
someone else saved in between is caught at flush by its version column (``version_id_col``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import has_request_context, request
from sqlalchemy.orm import Session

from cms import sqlite
from cms.extensions import db


@contextmanager
def write() -> Iterator[None]:
    """Run the block as one write transaction holding the write lock; nested blocks join it.

    A deferred (read) transaction cannot safely become a writer in WAL mode: if another writer
    committed since it began, SQLite refuses at once ("database is locked"), whatever the busy
    timeout. So the read transaction is ended first and a fresh ``BEGIN IMMEDIATE`` queues for
    the lock, waiting up to the busy timeout.
    """
    if sqlite.writing.get():
        yield
        return
    _finish_reading_request_body()
    token = sqlite.writing.set(True)
    session = db.session()
    try:
        _take_write_lock(session)
        yield
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        sqlite.writing.reset(token)


def _finish_reading_request_body() -> None:
    """Read all of a request's body before locking, so a slow client never holds the lock."""
    if has_request_context():
        request.form  # noqa: B018  (parses and caches a form body)
        request.get_data(cache=True)  # any other body; empty once the form has consumed it


def _take_write_lock(session: Session) -> None:
    if not session.in_transaction():
        return  # the next statement begins one, IMMEDIATE because ``writing`` is set
    connection = session.connection()
    if connection.dialect.name != "sqlite" or connection.info.get(sqlite.BEGAN_IMMEDIATE):
        return
    driver = connection.connection.driver_connection
    if driver.total_changes != connection.info.get(sqlite.CHANGES_AT_BEGIN):
        return  # this transaction has written, so it already holds the lock on a fresh snapshot
    driver.execute("COMMIT")  # nothing written: only ends the read snapshot
    driver.execute("BEGIN IMMEDIATE")
    connection.info[sqlite.BEGAN_IMMEDIATE] = True
    connection.info[sqlite.CHANGES_AT_BEGIN] = driver.total_changes
