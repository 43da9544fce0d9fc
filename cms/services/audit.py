"""The audit log: one entry per change to any record, with who made it and the values it changed.

``record`` is the one way in; every service that changes something calls it with the actor.
``snapshot`` and ``changed`` turn model fields into JSON values for the before/after columns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from cms.extensions import db
from cms.models import AuditEntry, User


def jsonable(value: Any) -> Any:
    """A field value as JSON: dates as ISO text, enums by value, records by their name."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(item) for item in value]
    return str(value)


def snapshot(record: Any, fields: Iterable[str]) -> dict[str, Any]:
    """The named fields of ``record`` as a JSON-ready dict."""
    return {name: jsonable(getattr(record, name)) for name in fields}


def changed(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """Names of the fields whose value differs between two snapshots, in ``after``'s order."""
    return [name for name in after if before.get(name) != after[name]]


def record(
    action: str,
    record_type: str,
    record_id: int | None,
    actor: User | None,
    *,
    label: str = "",
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Write one audit entry and flush it; the caller's transaction commits it with the change.

    ``action`` is a short verb ("create", "update", "delete", "merge", "login locked");
    ``record_type`` names the kind of record ("article", "tag", "user"); ``label`` is what the
    record is called now, so the entry stays readable after a rename or a delete. ``before``
    and ``after`` hold only the fields that matter to this change, as JSON values.
    """
    entry = AuditEntry(
        action=action,
        record_type=record_type,
        record_id=record_id,
        user=actor,
        record_label=label[:500],
        before=dict(before) if before is not None else None,
        after=dict(after) if after is not None else None,
    )
    db.session.add(entry)
    db.session.flush()
    return entry


def record_change(
    action: str,
    record_type: str,
    item: Any,
    actor: User | None,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
) -> AuditEntry | None:
    """Record an update with only the fields that changed; nothing when nothing did."""
    names = changed(before, after)
    if not names:
        return None
    return record(
        action,
        record_type,
        item.id,
        actor,
        label=str(item),
        before={name: before.get(name) for name in names},
        after={name: after[name] for name in names},
    )


def entries_for(record_type: str, record_id: int, limit: int = 200) -> list[AuditEntry]:
    """One record's history from the log, newest first."""
    query = (
        select(AuditEntry)
        .where(AuditEntry.record_type == record_type, AuditEntry.record_id == record_id)
        .options(selectinload(AuditEntry.user))
        .order_by(AuditEntry.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))
