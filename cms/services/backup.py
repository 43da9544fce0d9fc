"""Online backup of the SQLite database: a consistent copy while editors keep working.

SQLite's backup API copies the database as one snapshot from a read transaction; in WAL mode
readers never block writers, so saves go on during the copy. The copy is made self-contained
(rollback journal, not WAL), checked with ``PRAGMA integrity_check``, and only then moved to
the requested name, so a failed backup never leaves a file that looks good.
"""

from __future__ import annotations

import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from cms.extensions import db
from cms.services.errors import ServiceError


class BackupError(ServiceError):
    """The backup could not be made or did not pass its check; the message says why."""


@dataclass(frozen=True)
class BackupReport:
    path: Path
    size_bytes: int
    seconds: float
    tables: dict[str, int]


def database_path() -> Path:
    url = db.engine.url
    if url.get_backend_name() != "sqlite" or not url.database:
        raise BackupError("flask backup copies a SQLite database; use your database's own tools.")
    return Path(url.database)


def integrity_problems(path: Path) -> list[str]:
    """``PRAGMA integrity_check``'s complaints about the file at ``path`` (empty when ok)."""
    with closing(sqlite3.connect(path)) as copy:
        rows = [row[0] for row in copy.execute("PRAGMA integrity_check")]
    return [] if rows == ["ok"] else rows


def table_counts(path: Path) -> dict[str, int]:
    with closing(sqlite3.connect(path)) as copy:
        names = [
            row[0]
            for row in copy.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
            )
        ]
        return {
            name: copy.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in names
        }


def backup(target: Path) -> BackupReport:
    """Copy the database to ``target`` (which must not exist), verified; raise BackupError."""
    if target.exists():
        raise BackupError(f"{target} already exists: choose a new file name.")
    if not target.parent.is_dir():
        raise BackupError(f"There is no folder {target.parent}.")
    source_path = database_path()
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    started = time.monotonic()
    try:
        with (
            closing(sqlite3.connect(source_path, timeout=30)) as source,
            closing(sqlite3.connect(partial)) as copy,
        ):
            source.backup(copy)  # one step: one consistent snapshot
            copy.execute("PRAGMA journal_mode = DELETE")
        if problems := integrity_problems(partial):
            raise BackupError("The copy failed its integrity check: " + "; ".join(problems[:5]))
        partial.rename(target)
    except sqlite3.Error as error:
        raise BackupError(f"The backup failed: {error}") from error
    finally:
        partial.unlink(missing_ok=True)
    return BackupReport(
        target, target.stat().st_size, time.monotonic() - started, table_counts(target)
    )
