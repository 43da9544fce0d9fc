"""SQLite set up for several workers: WAL, a busy timeout, foreign keys, and explicit BEGINs.

pysqlite's own lazy BEGIN lets two read-then-write transactions interleave and lose updates;
we emit BEGIN ourselves. Reads run in deferred transactions (no lock); a write runs in
``BEGIN IMMEDIATE`` (the write lock first), taken by ``cms.services.transaction.write`` only
once the request has been read and checked. Measured in the project's reliability suite.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import Connection, Engine, event

#: True while a ``write()`` block runs in this thread: every transaction it begins is IMMEDIATE.
writing: ContextVar[bool] = ContextVar("cms_sqlite_writing", default=False)

#: Keys in a connection's ``info``: whether its transaction began IMMEDIATE, and the
#: connection's change counter when it began (a difference means the transaction has written).
BEGAN_IMMEDIATE = "cms_began_immediate"
CHANGES_AT_BEGIN = "cms_changes_at_begin"

BUSY_TIMEOUT_MS = 10_000


def driver(connection: Connection) -> sqlite3.Connection:
    """The driver's own connection under ``connection``, in the same transaction: rows come
    back as plain tuples, without SQLAlchemy's statement building and per-row work (0.2-1 ms
    a statement, where SQLite itself takes 0.01-0.1 ms). For hot reads only; writes go
    through the session."""
    return connection.connection.driver_connection  # type: ignore[return-value]


def configure_sqlite(engine: Engine) -> None:
    """Install the connect and begin hooks on a SQLite engine; other engines are left alone."""
    if engine.dialect.name != "sqlite" or getattr(engine, "_cms_configured", False):
        return
    engine._cms_configured = True  # type: ignore[attr-defined]

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        # NORMAL is durable across application crashes in WAL mode; only power loss can
        # roll back the last transactions, never corrupt the file.
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Only a ``write()`` block takes the write lock: there is no other way to ask for it.
        immediate = writing.get()
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
        connection.info[BEGAN_IMMEDIATE] = immediate
        connection.info[CHANGES_AT_BEGIN] = connection.connection.driver_connection.total_changes


#: Pages the write-ahead log may hold before a commit copies them back into the database
#: (SQLite's default is 1,000). A bulk load's chunks touch the same index pages again and
#: again; a longer log copies each page back once for several chunks instead of once each.
BULK_CHECKPOINT_PAGES = 20_000
#: Page cache of a bulk load's connections, in KiB (SQLite's default is 2 MiB): the index
#: pages a chunk's inserts land on stay in memory between chunks (32 MiB was no faster).
BULK_CACHE_KIB = 16_384


@contextmanager
def bulk_load(engine: Engine) -> Iterator[None]:
    """While the block runs, every connection of ``engine`` this process checks out lets the
    log grow to ``BULK_CHECKPOINT_PAGES`` before a checkpoint and keeps ``BULK_CACHE_KIB`` of
    pages; afterwards the log is copied back (a passive checkpoint, which waits for no one).

    For a process that does nothing else meanwhile (``flask import``): the setting stays on
    the connections it touched.
    """
    if engine.dialect.name != "sqlite":
        yield
        return

    def on_checkout(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        dbapi_connection.execute(f"PRAGMA wal_autocheckpoint = {BULK_CHECKPOINT_PAGES}")
        dbapi_connection.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")

    event.listen(engine, "checkout", on_checkout)
    try:
        yield
    finally:
        event.remove(engine, "checkout", on_checkout)
        raw = engine.raw_connection()  # no transaction: a checkpoint cannot run inside one
        try:
            raw.driver_connection.execute("PRAGMA wal_checkpoint(PASSIVE)")  # type: ignore[union-attr]
        finally:
            raw.close()
