"""Undo: restore an article's old revision, bring a deleted article or tag back from the log.

A restore is itself a change: it makes a new revision and an audit entry, so it can be undone
in turn. The workflow status is left as it is: restoring the text of a published article
changes what readers see, it does not unpublish it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from cms.extensions import db
from cms.models import (
    Article,
    ArticleKind,
    AuditEntry,
    DateBasis,
    Link,
    Origin,
    Outlet,
    Relation,
    Revision,
    Tag,
    TextKind,
    User,
)
from cms.pipeline.types import DatePrecision
from cms.services import articles, audit, revisions, taxonomy
from cms.services.errors import Conflict, NotAllowed
from cms.services.slugs import free_slug

_TEXT = ("title", "slug", "authors", "url", "language", "summary", "body", "editor_notes")
_ENUMS = {"kind": ArticleKind, "text_kind": TextKind, "origin": Origin, "date_basis": DateBasis}


def changes_from_snapshot(
    snapshot: dict[str, Any], *, make_missing_tags: bool = True
) -> dict[str, Any]:
    """A revision's snapshot as changes ``update_article`` accepts (all but the status).

    The outlet and tags are found by id, so a rename since does not lose them; a tag deleted
    since is made again by its old name (or, with ``make_missing_tags=False``, left out).
    """
    changes: dict[str, Any] = {name: snapshot.get(name) or "" for name in _TEXT}
    for name, enum in _ENUMS.items():
        if snapshot.get(name):
            changes[name] = enum(snapshot[name])
    published = snapshot.get("published_on")
    changes["published_on"] = dt.date.fromisoformat(published) if published else None
    precision = snapshot.get("date_precision")
    changes["date_precision"] = DatePrecision(precision) if precision else None
    outlet_id = snapshot.get("outlet_id")
    changes["outlet"] = db.session.get(Outlet, outlet_id) if outlet_id else None
    if changes["outlet"] is None and snapshot.get("outlet"):
        changes["outlet"] = taxonomy.find_outlet(snapshot["outlet"])
    ids, names = snapshot.get("tag_ids", []), snapshot.get("tags", [])
    changes["tags"] = _tags(ids, names, make_missing_tags)
    return changes


def _tags(ids: list[int], names: list[str], make_missing: bool = True) -> list[Tag]:
    """The snapshot's tags: by id where they still exist, else by (or made from) their name."""
    tags = []
    for tag_id, name in zip(ids, names, strict=False):
        tag = db.session.get(Tag, tag_id)
        if tag is None:
            tag = taxonomy.get_or_create_tag(name) if make_missing else taxonomy.find_tag(name)
        if tag is not None and tag not in tags:
            tags.append(tag)
    return tags


def restore_revision(
    article: Article, number: int, actor: User | None, expected_version: int | None
) -> Article:
    """Make revision ``number``'s content the article's current content, as a new revision."""
    revision = db.session.scalar(
        select(Revision).where(Revision.article_id == article.id, Revision.number == number)
    )
    if revision is None:
        raise NotAllowed(f"This article has no revision {number}.")
    changes = changes_from_snapshot(revision.snapshot)
    note = f"restored revision {number}"
    return articles.update_article(article, changes, actor, expected_version, note=note)


def deleted_articles(limit: int = 100) -> list[AuditEntry]:
    """The trash: delete entries of articles that have not come back, newest first."""
    existing = select(Article.id)
    query = (
        select(AuditEntry)
        .where(
            AuditEntry.record_type == "article",
            AuditEntry.action == "delete",
            AuditEntry.record_id.not_in(existing),
        )
        .order_by(AuditEntry.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


def restore_article(entry_id: int, actor: User | None) -> Article:
    """Bring a deleted article back, with its id, tags and the links whose other end exists."""
    entry = db.session.get(AuditEntry, entry_id)
    if entry is None or entry.action != "delete" or entry.record_type != "article":
        raise NotAllowed("There is no deleted article with that number in the trash.")
    if db.session.get(Article, entry.record_id) is not None:
        raise Conflict("This article is already back.")
    saved = entry.before or {}
    article = Article(id=entry.record_id, raw=saved.get("raw", ""), content_hash="", body="")
    with db.session.no_autoflush:
        articles.apply_changes(article, changes_from_snapshot(saved))
        article.content_hash = saved.get("content_hash", "")
        article.slug = free_slug(Article, article.slug or article.title)
        articles.prepare_for_save(article, actor, expected_version=None)
    _restore_links(article, saved.get("links", []))
    revisions.record_created(article, actor, note="restored from the trash")
    audit.record("restore", "article", article.id, actor, label=article.title)
    return article


def _restore_links(article: Article, saved: list[dict[str, Any]]) -> None:
    for link in saved:
        ends = (link["source_id"], link["target_id"])
        if all(end == article.id or db.session.get(Article, end) for end in ends):
            db.session.add(
                Link(
                    source_id=ends[0],
                    target_id=ends[1],
                    relation=Relation(link["relation"]),
                    note=link.get("note", ""),
                )
            )
    db.session.flush()
