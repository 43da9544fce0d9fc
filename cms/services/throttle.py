"""Failed logins, counted per client address and per account name, shared by every worker.

The counts live in a small SQLite file of their own (``THROTTLE_DATABASE``), not in the
collection's database: counting a failure must not take the collection's write lock, and a
per-process store (Flask-Limiter's memory storage) would give each gunicorn worker its own count
and forget it on restart. Every worker on the machine shares the file; each write is one short
transaction on it. (Several machines would need a shared store such as Redis instead.)
"""

from __future__ import annotations

import math
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass

_SCHEMA = """
CREATE TABLE IF NOT EXISTS login_failures (key TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS ix_login_failures_key_at ON login_failures (key, at);
CREATE INDEX IF NOT EXISTS ix_login_failures_at ON login_failures (at);
"""


@dataclass(frozen=True)
class Rule:
    """At most ``limit`` failures for one key within ``window`` seconds."""

    limit: int
    window: float
    #: A lockout: the account stays refused until its failures age out or an admin lifts it.
    lockout: bool = False


@dataclass(frozen=True)
class Refusal:
    retry_after: int
    lockout: bool


class FailureStore:
    """Timestamps of failed logins by key (``address:…``, ``account:…``) in a SQLite file."""

    def __init__(self, path: str) -> None:
        self.path = path
        with closing(sqlite3.connect(self.path, timeout=5, isolation_level=None)) as db:
            db.execute("PRAGMA journal_mode = WAL")
            db.executescript(_SCHEMA)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with closing(sqlite3.connect(self.path, timeout=5, isolation_level=None)) as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    def add(self, keys: Iterable[str], now: float, keep: float) -> None:
        """Record one failure under each key, dropping failures older than ``keep`` seconds."""
        with self._transaction() as db:
            db.execute("DELETE FROM login_failures WHERE at < ?", (now - keep,))
            db.executemany("INSERT INTO login_failures VALUES (?, ?)", [(k, now) for k in keys])

    def refusal(self, key: str, rule: Rule, now: float) -> Refusal | None:
        """A refusal when ``key`` has ``rule.limit`` failures within the window, else None."""
        with closing(sqlite3.connect(self.path, timeout=5)) as db:
            row = db.execute(
                "SELECT at FROM login_failures WHERE key = ? AND at > ? "
                "ORDER BY at DESC LIMIT 1 OFFSET ?",
                (key, now - rule.window, rule.limit - 1),
            ).fetchone()
        if row is None:
            return None
        return Refusal(max(1, math.ceil(row[0] + rule.window - now)), rule.lockout)

    def count(self, key: str, window: float, now: float) -> int:
        with closing(sqlite3.connect(self.path, timeout=5)) as db:
            return db.execute(
                "SELECT COUNT(*) FROM login_failures WHERE key = ? AND at > ?",
                (key, now - window),
            ).fetchone()[0]

    def clear(self, key: str) -> None:
        with self._transaction() as db:
            db.execute("DELETE FROM login_failures WHERE key = ?", (key,))


def now() -> float:
    return time.time()
