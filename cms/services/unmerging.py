"""Undoing a merge of two tags or two outlets: the merged record back, with its articles.

A merge's audit entry keeps the merged record's fields and the articles that moved; undoing
makes the record again (a new id, its old address back), moves those articles back (those
that still have the record they were merged into) and is itself audited.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update

from cms.extensions import db
from cms.models import Article, AuditEntry, Outlet, OutletKind, Ownership, Tag, User
from cms.models.base import name_key
from cms.services import audit, redirects, taxonomy
from cms.services.errors import Conflict, NotAllowed
from cms.services.vocabulary import Saved

UNDO = "undo merge"
_OUTLET_ENUMS = {"kind": OutletKind, "ownership": Ownership}


def _undone_ids(kind: str) -> set[int]:
    query = select(AuditEntry.after).where(
        AuditEntry.record_type == kind, AuditEntry.action == UNDO
    )
    return {after.get("merge_entry") for after in db.session.scalars(query) if after}


def merges(kind: str, limit: int = 100) -> list[AuditEntry]:
    """Merges of ``kind`` records not yet undone, newest first."""
    query = (
        select(AuditEntry)
        .where(AuditEntry.record_type == kind, AuditEntry.action == "merge")
        .order_by(AuditEntry.id.desc())
        .limit(limit)
    )
    undone = _undone_ids(kind)
    return [entry for entry in db.session.scalars(query) if entry.id not in undone]


def undo_merge(entry_id: int, actor: User | None) -> Saved:
    """Make the merged tag or outlet again and give it back the articles that moved."""
    entry = db.session.get(AuditEntry, entry_id)
    if entry is None or entry.action != "merge" or entry.record_type not in ("tag", "outlet"):
        raise NotAllowed("There is no merge with that number to undo.")
    if entry.id in _undone_ids(entry.record_type):
        raise Conflict("This merge has already been undone.")
    fields = dict(entry.before or {})
    name = fields.get("name", "")
    model = Tag if entry.record_type == "tag" else Outlet
    # By name only: the merged outlet's name is now an alias of the one it joined.
    if db.session.scalar(select(model.id).where(model.name_key == name_key(name))):
        raise Conflict(f"A {entry.record_type} is named {name!r} again: rename it first.")
    after = entry.after or {}
    if entry.record_type == "tag":
        record, count = _tag_back(fields, after, actor)
    else:
        record, count = _outlet_back(fields, after, actor)
    redirects.forget(entry.record_type, record.slug)
    audit.record(
        UNDO,
        entry.record_type,
        record.id,
        actor,
        label=record.name,
        after={"merge_entry": entry.id, "articles_back": count},
    )
    return Saved(
        record,
        f"Merge undone: {entry.record_type} {record.name!r} is back, "
        f"on {count} article{'' if count == 1 else 's'}.",
    )


def _tag_back(fields: dict[str, Any], after: dict[str, Any], actor: User | None) -> Any:
    tag = taxonomy.create_tag({k: v for k, v in fields.items() if k in taxonomy.TAG_FIELDS}, actor)
    target = db.session.get(Tag, after.get("merged_into_id") or 0)
    moved, already = after.get("article_ids", []), after.get("already_had_it", [])
    found = db.session.scalars(select(Article).where(Article.id.in_([*moved, *already])))
    count = 0
    for article in found:
        if article.id in moved and target in article.tags:
            article.tags.remove(target)
        if tag not in article.tags:
            article.tags.append(tag)
            count += 1
    db.session.flush()
    return tag, count


def _outlet_back(fields: dict[str, Any], after: dict[str, Any], actor: User | None) -> Any:
    values = {k: v for k, v in fields.items() if k in taxonomy.OUTLET_FIELDS}
    for name, enum in _OUTLET_ENUMS.items():
        if values.get(name):
            values[name] = enum(values[name])
    target = db.session.get(Outlet, after.get("merged_into_id") or 0)
    if target is not None and "target_aliases_before" in after:
        target.aliases = after["target_aliases_before"]  # the merged outlet's names go back
    outlet = taxonomy.create_outlet(values, actor)
    count = 0
    if target is not None:
        result = db.session.execute(
            update(Article)
            .where(Article.id.in_(after.get("article_ids", [])), Article.outlet_id == target.id)
            .values(outlet_id=outlet.id, version=Article.version + 1)
            .execution_options(synchronize_session=False)
        )
        count = result.rowcount
        db.session.flush()
        db.session.expire_all()
    return outlet, count
