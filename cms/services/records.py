"""Create, update and delete for the simple records (outlets, tags, links, users).

Each takes the changes and the acting user, checks the version the editor saw, lets the
record's own service tidy and check it, and writes an audit entry with before and after.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from cms.extensions import db
from cms.models import User
from cms.services import audit
from cms.services.versions import check_version

R = TypeVar("R")


def _apply(record: Any, changes: Mapping[str, Any], fields: Sequence[str]) -> None:
    unknown = set(changes) - set(fields)
    if unknown:
        raise ValueError(f"not editable: {', '.join(sorted(unknown))}")
    for name, value in changes.items():
        setattr(record, name, value)


def create_record(
    record: R,
    changes: Mapping[str, Any],
    actor: User | None,
    *,
    what: str,
    fields: Sequence[str],
    save: Callable[[R], Any],
) -> R:
    """Fill a new ``record`` from ``changes``, ``save`` (check, tidy, flush) it, audit it."""
    with db.session.no_autoflush:
        _apply(record, changes, fields)
        save(record)
    audit.record(
        "create",
        what,
        record.id,  # type: ignore[attr-defined]
        actor,
        label=str(record),
        after=audit.snapshot(record, fields),
    )
    return record


def update_record(
    record: R,
    changes: Mapping[str, Any],
    actor: User | None,
    expected_version: int | None,
    *,
    what: str,
    fields: Sequence[str],
    save: Callable[[R], Any],
) -> R:
    """Apply ``changes`` to ``record`` if it is still at ``expected_version``; audit the diff."""
    check_version(record, expected_version, what)
    before = audit.snapshot(record, fields)
    with db.session.no_autoflush:
        _apply(record, changes, fields)
        save(record)
    audit.record_change("update", what, record, actor, before, audit.snapshot(record, fields))
    return record


def delete_record(
    record: Any,
    actor: User | None,
    *,
    what: str,
    fields: Sequence[str],
    extra: Mapping[str, Any] | None = None,
) -> None:
    """Delete ``record``, keeping its last values (and ``extra``) in the audit log."""
    before = {**audit.snapshot(record, fields), **(extra or {})}
    audit.record("delete", what, record.id, actor, label=str(record), before=before)
    db.session.delete(record)
    db.session.flush()
