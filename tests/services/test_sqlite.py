"""SQLite as configured for several workers: pragmas on every connection, no lock to read."""

from __future__ import annotations

import sqlite3

import pytest
from flask import Flask
from sqlalchemy import text

from cms.extensions import db


@pytest.mark.parametrize(
    ("pragma", "expected"),
    [("foreign_keys", 1), ("journal_mode", "wal"), ("busy_timeout", 10_000), ("synchronous", 1)],
)
def test_every_connection_is_configured(app: Flask, pragma: str, expected: object) -> None:
    with app.app_context():
        assert db.session.execute(text(f"PRAGMA {pragma}")).scalar() == expected


def _other_writer(app: Flask) -> sqlite3.Connection:
    path = db.engine.url.database
    return sqlite3.connect(path, timeout=0, isolation_level=None)


def test_a_writing_request_takes_no_lock_before_it_writes(app: Flask) -> None:
    """Before its view runs, a POST holds nothing: its body may still be arriving."""
    app.config["WTF_CSRF_ENABLED"] = False  # the lock is what's under test, not the token
    with app.test_request_context("/admin/tags/new/", method="POST"):
        app.preprocess_request()
        db.session.execute(text("SELECT 1"))
        other = _other_writer(app)
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        other.close()
        db.session.rollback()


def test_a_reading_request_leaves_writers_free(app: Flask) -> None:
    with app.test_request_context("/", method="GET"):
        app.preprocess_request()
        db.session.execute(text("SELECT 1"))
        other = _other_writer(app)
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        other.close()
        db.session.rollback()


def test_a_bulk_load_keeps_a_longer_log_and_a_bigger_cache(app: Flask) -> None:
    """``flask import``'s connections; the defaults are SQLite's (1,000 pages, 2 MiB)."""
    from cms import sqlite as cms_sqlite

    def pragmas() -> tuple[int, int]:
        with db.engine.connect() as connection:
            checkpoint = connection.execute(text("PRAGMA wal_autocheckpoint")).scalar()
            cache = connection.execute(text("PRAGMA cache_size")).scalar()
        return checkpoint, cache  # type: ignore[return-value]

    with app.app_context():
        db.engine.dispose()
        assert pragmas() == (1000, -2000)
        with cms_sqlite.bulk_load(db.engine):
            assert pragmas() == (
                cms_sqlite.BULK_CHECKPOINT_PAGES,
                -cms_sqlite.BULK_CACHE_KIB,
            )
