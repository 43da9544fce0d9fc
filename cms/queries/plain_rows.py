"""Reading rows straight from SQLite's driver, as the public pages' hot statements do.

SQLAlchemy's rows and type processing cost several times the statement itself on a page of
twenty cards; these reads take the session's own connection as the driver's (the same
transaction and snapshot) and turn the few typed values back as SQLAlchemy's SQLite types
would. SQLite only: a PostgreSQL port gives each module that uses this its own statements.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from cms.extensions import db
from cms.sqlite import driver


def session_driver() -> sqlite3.Connection:
    """The session's connection, as the driver's: rows as plain tuples."""
    return driver(db.session.connection())


def stored_date(value: str | None) -> dt.date | None:
    """A ``Date`` column as SQLite holds it (``2024-11-05``)."""
    return dt.date.fromisoformat(value) if value else None


def stored_datetime(value: str | None) -> dt.datetime | None:
    """A ``DateTime`` column as SQLAlchemy's SQLite type reads it: naive, as written (UTC)."""
    return dt.datetime.fromisoformat(value) if value else None
