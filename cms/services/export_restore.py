"""Restore an export (the folder ``flask export`` wrote) into an empty database, whole.

Every table's rows come back as they were exported: statuses, slugs, revisions, the audit
log, suggestions and their fates, entities, redirects, import provenance. Ids are kept: the
database is empty, so each old id maps to itself, and every id held outside a foreign key
stays right with nothing to rewrite (revision snapshots' tag and outlet ids, audit entries'
record ids, redirect targets, suggestion keys such as ``related:4``, the trash, id-only
public URLs). Rows are written as rows, not replayed through the editing services, which
would stamp new times and add revisions and audit entries of their own.

It is one write transaction: a bad file or a refused row leaves the database as it was.
Users come back without passwords (the export holds no hashes): each gets a hash that no
password matches and must be given one (``flask users set-password``) before logging in.
The search index and the articles' rendered bodies are made again from the restored articles
rather than copied.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Table, delete, func, select
from sqlalchemy.exc import DBAPIError, StatementError

from cms.extensions import db
from cms.models import User
from cms.models.user import new_session_token
from cms.services import search, stored_html, users
from cms.services.errors import ServiceError
from cms.services.export_format import (
    MANIFEST,
    SECRET_COLUMNS,
    ExportFormatError,
    column_value,
    left_out,
    read_manifest,
    read_rows,
    schema_revision,
    table_file,
)
from cms.services.transaction import write

#: Tables the database's triggers fill as their source rows arrive (``term_frequencies`` from
#: ``article_analyses``): restored last, their exported rows replacing what the triggers made,
#: so terms whose count fell to zero come back too. The empty database's own starting row
#: does not make it full.
DERIVED_TABLES = frozenset({"term_frequencies"})
CHUNK = 1000


class RestoreError(ServiceError):
    """The export cannot be restored here; the message says why. Nothing was written."""


@dataclass(frozen=True)
class RestoreReport:
    folder: Path
    tables: dict[str, int]
    #: Usernames restored without a password: each needs ``flask users set-password``.
    users_without_password: list[str]
    indexed: int


def restore(
    folder: Path, progress: Callable[[str, int], None] = lambda _table, _rows: None
) -> RestoreReport:
    """Load the export in ``folder`` into this (empty, migrated) database, in one transaction.

    Raises ExportFormatError for a folder that is not a whole, readable export, and
    RestoreError for a database that is not empty or not at the export's schema.
    """
    manifest = read_manifest(folder)
    _check_table_files(folder, manifest["tables"])
    with write():
        _check_schema(folder, manifest.get("schema"))
        _check_empty()
        counts = {}
        for table in _restore_order():
            counts[table.name] = _restore_table(folder, table, manifest["tables"][table.name])
            progress(table.name, counts[table.name])
        without_password = list(db.session.scalars(select(User.username).order_by(User.id)))
        indexed = search.reindex()
        stored_html.render_bodies()
    return RestoreReport(folder, counts, without_password, indexed)


def _restore_order() -> list[Table]:
    """Parents before children (foreign keys), and derived tables after their sources."""
    tables = db.metadata.sorted_tables
    return [t for t in tables if t.name not in DERIVED_TABLES] + [
        t for t in tables if t.name in DERIVED_TABLES
    ]


def _check_table_files(folder: Path, listed: dict[str, int]) -> None:
    """Every table this program has is in the export, and the export has no other."""
    known = {table.name for table in db.metadata.sorted_tables}
    if unlisted := sorted(known - set(listed)):
        raise ExportFormatError(
            f"{folder / MANIFEST} does not list the table {unlisted[0]!r} "
            f"({table_file(folder, unlisted[0])}): an export made by another version of this "
            "program."
        )
    if unknown := sorted(set(listed) - known):
        raise ExportFormatError(
            f"{table_file(folder, unknown[0])}: this program has no table {unknown[0]!r} "
            "(an export made by another version of it)."
        )
    for name in sorted(known):
        if not table_file(folder, name).is_file():
            raise ExportFormatError(f"{table_file(folder, name)} is missing: not a whole export.")


def _check_schema(folder: Path, exported: str | None) -> None:
    current = schema_revision(db.session.connection())
    if current is None:
        raise RestoreError(
            "This database has no tables yet: run `flask --app wsgi db upgrade` first."
        )
    if exported is not None and exported != current:
        raise RestoreError(
            f"{folder / MANIFEST} was made at schema revision {exported}; this database is at "
            f"{current}. Restore it with the version of this program that made it, then upgrade."
        )


def _check_empty() -> None:
    full = []
    for table in db.metadata.sorted_tables:
        if table.name in DERIVED_TABLES:
            continue
        rows = db.session.scalar(select(func.count()).select_from(table)) or 0
        if rows:
            full.append(f"{table.name}: {rows}")
    if full:
        raise RestoreError(
            "A restore needs an empty database, and this one has rows ("
            + ", ".join(full)
            + "). Point DATABASE_URL at a new file, run `flask --app wsgi db upgrade`, "
            "then restore."
        )


def _restore_table(folder: Path, table: Table, expected: int) -> int:
    """Insert the table's file, a chunk at a time; its row count must match the manifest."""
    path = table_file(folder, table.name)
    if table.name in DERIVED_TABLES:
        db.session.execute(delete(table))
    count = 0
    for chunk in _chunks(_rows(path, table), CHUNK):
        try:
            db.session.execute(table.insert(), chunk)
        except (DBAPIError, StatementError) as error:
            cause = getattr(error, "orig", None) or error
            raise RestoreError(f"{path}: the database refused a row: {cause}") from error
        count += len(chunk)
    if count != expected:
        raise ExportFormatError(
            f"{path} holds {count} rows; the manifest says {expected}: an incomplete export."
        )
    return count


def _rows(path: Path, table: Table) -> Iterator[dict[str, Any]]:
    """The file's rows as column values, checked against the table's columns."""
    secret = SECRET_COLUMNS.get(table.name, frozenset())
    hidden = left_out(table.name)  # derived columns stay NULL, made again after the tables
    columns = {column.name: column for column in table.columns if column.name not in hidden}
    for number, record in read_rows(path):
        if not isinstance(record, dict) or set(record) != set(columns):
            raise ExportFormatError(f"{path}, line {number}: {_shape_problem(record, columns)}")
        row = {}
        for name, value in record.items():
            try:
                row[name] = column_value(columns[name], value)
            except (TypeError, ValueError) as error:
                raise ExportFormatError(
                    f"{path}, line {number}, column {name!r}: {value!r} is not valid ({error})."
                ) from error
        if secret:
            row.update(_new_secrets(table))
        yield row


def _shape_problem(record: Any, columns: dict[str, Any]) -> str:
    if not isinstance(record, dict):
        return "not a {column: value} object."
    missing, extra = sorted(set(columns) - set(record)), sorted(set(record) - set(columns))
    return "; ".join(
        part
        for part in (
            f"missing columns {missing}" if missing else "",
            f"unknown columns {extra}" if extra else "",
        )
        if part
    )


def _new_secrets(table: Table) -> dict[str, Any]:
    """Values for the columns the export leaves out: no usable password, a fresh session."""
    if table.name == "users":
        return {
            "password_hash": users.unusable_password_hash(),
            "session_token": new_session_token(),
        }
    raise RestoreError(f"No rule for the secret columns of {table.name!r}.")


def _chunks(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
