"""Cross-links between articles, each with a relation and a note."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from cms.extensions import db
from cms.models import Article, Link, Relation, User
from cms.services import records
from cms.services.errors import Conflict

LINK_FIELDS = ("source", "target", "relation", "note")


def save_link(link: Link, actor: User | None) -> Link:
    """Add or update a link, refusing a self-link and a second link of the same kind."""
    if link.source is None or link.target is None:
        raise Conflict("A link needs an article at each end.")
    if link.source is link.target:
        raise Conflict("An article cannot be linked to itself.")
    clash = db.session.scalar(
        select(Link).where(
            Link.source_id == link.source.id,
            Link.target_id == link.target.id,
            Link.relation == link.relation,
        )
    )
    if clash is not None and clash is not link:
        raise Conflict(f"These articles are already linked as {link.relation.value!r}.")
    if link.created_by is None:
        link.created_by = actor
    db.session.add(link)
    db.session.flush()
    return link


def link_articles(
    source: Article, target: Article, relation: Relation, note: str, actor: User | None
) -> Link:
    """The link between two articles with this relation, made if missing; its note updated."""
    existing = db.session.scalar(
        select(Link).where(
            Link.source_id == source.id, Link.target_id == target.id, Link.relation == relation
        )
    )
    if existing is not None:
        return existing
    return save_link(Link(source=source, target=target, relation=relation, note=note), actor)


def _save(link: Link) -> Link:
    return save_link(link, link.created_by)


def create_link(changes: Mapping[str, Any], actor: User | None) -> Link:
    link = Link(note="", created_by=actor)
    return records.create_record(link, changes, actor, what="link", fields=LINK_FIELDS, save=_save)


def update_link(
    link: Link, changes: Mapping[str, Any], actor: User | None, expected_version: int | None
) -> Link:
    return records.update_record(
        link, changes, actor, expected_version, what="link", fields=LINK_FIELDS, save=_save
    )


def delete_link(link: Link, actor: User | None) -> None:
    records.delete_record(
        link,
        actor,
        what="link",
        fields=LINK_FIELDS,
        extra={"source_id": link.source_id, "target_id": link.target_id},
    )
