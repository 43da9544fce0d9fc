"""Deleted outlets, restorable: an outlet's fields are kept in its audit entry when deleted.

Only an outlet without articles can be deleted (``taxonomy.check_outlet_deletable``), so
restoring it makes the record again, under its old name and address, and nothing else.
"""

from __future__ import annotations

from sqlalchemy import select

from cms.extensions import db
from cms.models import AuditEntry, Outlet, OutletKind, Ownership, User
from cms.models.base import name_key
from cms.services import audit, redirects, taxonomy
from cms.services.errors import Conflict, NotAllowed

_ENUMS = {"kind": OutletKind, "ownership": Ownership}


def deleted_outlets(limit: int = 100) -> list[AuditEntry]:
    """Outlets deleted whose name no outlet has now, newest first."""
    query = (
        select(AuditEntry)
        .where(AuditEntry.record_type == "outlet", AuditEntry.action == "delete")
        .order_by(AuditEntry.id.desc())
        .limit(limit)
    )
    taken = set(db.session.scalars(select(Outlet.name_key)))
    entries, seen = [], set()
    for entry in db.session.scalars(query):
        key = name_key((entry.before or {}).get("name", ""))
        if key and key not in taken and key not in seen:
            seen.add(key)
            entries.append(entry)
    return entries


def restore_outlet(entry_id: int, actor: User | None) -> Outlet:
    """Make a deleted outlet again from its delete entry; refused if the name is taken."""
    entry = db.session.get(AuditEntry, entry_id)
    if entry is None or entry.record_type != "outlet" or entry.action != "delete":
        raise NotAllowed("There is no deleted outlet with that number.")
    values = {k: v for k, v in (entry.before or {}).items() if k in taxonomy.OUTLET_FIELDS}
    name = values.get("name", "")
    if db.session.scalar(select(Outlet.id).where(Outlet.name_key == name_key(name))):
        raise Conflict(f"An outlet is named {name!r} already.")
    for field, enum in _ENUMS.items():
        if values.get(field):
            values[field] = enum(values[field])
    outlet = taxonomy.create_outlet(values, actor)
    redirects.forget("outlet", outlet.slug)
    audit.record(
        "restore", "outlet", outlet.id, actor, label=outlet.name, after={"entry": entry.id}
    )
    return outlet
