"""Vocabulary care: renaming a tag or outlet to a name that exists merges the two, nothing lost.

A merge moves the articles over, keeps the merged record's old address as a redirect to the
one it joined, records what moved in the audit log, and deletes the merged record. A deleted
tag can be brought back, onto the articles that had it, from its audit entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update

from cms.extensions import db
from cms.models import Article, AuditEntry, Outlet, Tag, User
from cms.services import audit, redirects, taxonomy
from cms.services.errors import NotAllowed
from cms.services.versions import check_version


@dataclass(frozen=True)
class Saved:
    """The record that holds the editor's change now, and a sentence when it was a merge."""

    record: Any
    message: str | None = None


def _plural(count: int) -> str:
    return f"{count} article{'' if count == 1 else 's'}"


def save_tag(
    tag: Tag, changes: Mapping[str, Any], actor: User | None, expected_version: int | None
) -> Saved:
    """Update a tag; renamed to another tag's name, it is merged into that tag."""
    other = taxonomy.find_tag(changes.get("name") or "")
    if other is not None and other is not tag:
        return merge_tags(tag, other, actor, expected_version)
    old_slug = tag.slug
    taxonomy.update_tag(tag, changes, actor, expected_version)
    redirects.remember_change("tag", old_slug, tag.id, tag.slug)
    return Saved(tag)


def merge_tags(source: Tag, target: Tag, actor: User | None, expected_version: int | None) -> Saved:
    """Give ``source``'s articles ``target`` instead, then delete ``source``."""
    check_version(source, expected_version, "tag")
    moved, already = [], []
    for article in list(source.articles):
        (already if target in article.tags else moved).append(article.id)
        if target not in article.tags:
            article.tags.append(target)
    _leave_for(source, target, "tag", moved=moved, already=already, actor=actor)
    message = (
        f"Merged tag {source.name!r} into {target.name!r}: {_plural(len(moved))} moved over"
        + (f", {len(already)} already had it." if already else ".")
    )
    return Saved(target, message)


def save_outlet(
    outlet: Outlet, changes: Mapping[str, Any], actor: User | None, expected_version: int | None
) -> Saved:
    """Update an outlet; renamed to another outlet's name, it is merged into that outlet."""
    other = taxonomy.find_outlet(changes.get("name") or "")
    if other is not None and other is not outlet:
        return merge_outlets(outlet, other, actor, expected_version)
    old_slug = outlet.slug
    taxonomy.update_outlet(outlet, changes, actor, expected_version)
    redirects.remember_change("outlet", old_slug, outlet.id, outlet.slug)
    return Saved(outlet)


def merge_outlets(
    source: Outlet, target: Outlet, actor: User | None, expected_version: int | None
) -> Saved:
    """Move ``source``'s articles to ``target``; its names become ``target``'s aliases."""
    check_version(source, expected_version, "outlet")
    moved = list(db.session.scalars(select(Article.id).where(Article.outlet_id == source.id)))
    # Bump each article's version too: an editor's open form must not put the old outlet back.
    db.session.execute(
        update(Article)
        .where(Article.outlet_id == source.id)
        .values(outlet_id=target.id, version=Article.version + 1)
        .execution_options(synchronize_session=False)
    )
    names = [*target.alias_list, source.name, *source.alias_list]
    aliases_before = target.aliases
    target.aliases = "\n".join(dict.fromkeys(n for n in names if n != target.name))
    _leave_for(
        source,
        target,
        "outlet",
        moved=moved,
        already=[],
        actor=actor,
        extra={"target_aliases_before": aliases_before},
    )
    db.session.expire_all()
    message = f"Merged outlet {source.name!r} into {target.name!r}: {_plural(len(moved))} moved."
    return Saved(target, message)


def _leave_for(
    source: Any,
    target: Any,
    kind: str,
    *,
    moved: list[int],
    already: list[int],
    actor: User | None,
    extra: Mapping[str, Any] | None = None,
) -> None:
    """Record the merge (all of ``source``'s fields, so it can be undone), point ``source``'s
    addresses at ``target``, delete ``source``."""
    fields = taxonomy.TAG_FIELDS if kind == "tag" else taxonomy.OUTLET_FIELDS
    audit.record(
        "merge",
        kind,
        source.id,
        actor,
        label=source.name,
        before=audit.snapshot(source, fields),
        after={
            "merged_into": target.name,
            "merged_into_id": target.id,
            "article_ids": sorted(moved),
            "already_had_it": sorted(already),
            **(extra or {}),
        },
    )
    redirects.retarget(kind, source.id, target.id)
    redirects.remember(kind, source.slug, target.id)
    db.session.delete(source)
    db.session.flush()


def deleted_tags(limit: int = 100) -> list[AuditEntry]:
    """Tags deleted and not brought back, newest first, with the articles that had them."""
    query = (
        select(AuditEntry)
        .where(
            AuditEntry.record_type == "tag",
            AuditEntry.action == "delete",
            AuditEntry.record_id.not_in(select(Tag.id)),
        )
        .order_by(AuditEntry.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


def restore_tag(entry_id: int, actor: User | None) -> Saved:
    """Undo a tag's deletion: the tag again (or the one now of that name) on its articles."""
    entry = db.session.get(AuditEntry, entry_id)
    if entry is None or entry.record_type != "tag" or entry.action != "delete":
        raise NotAllowed("There is no deleted tag with that number.")
    saved = entry.before or {}
    tag = taxonomy.find_tag(saved.get("name", "")) or taxonomy.create_tag(
        {name: saved.get(name, "") for name in taxonomy.TAG_FIELDS}, actor
    )
    ids = saved.get("article_ids", [])
    articles = db.session.scalars(select(Article).where(Article.id.in_(ids))).all()
    for article in articles:
        if tag not in article.tags:
            article.tags.append(tag)
    audit.record(
        "restore",
        "tag",
        tag.id,
        actor,
        label=tag.name,
        after={"article_ids": [a.id for a in articles]},
    )
    db.session.flush()
    return Saved(tag, f"Tag {tag.name!r} is back on {_plural(len(articles))}.")
