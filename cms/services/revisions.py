"""Article revisions: a snapshot per save, numbered per article, with the fields it changed."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import defer, selectinload

from cms.extensions import db
from cms.models import Article, Revision, User
from cms.services.audit import changed, jsonable

#: The fields a revision keeps, in the order the history page shows them.
SNAPSHOT_FIELDS = (
    "title",
    "slug",
    "outlet",
    "authors",
    "published_on",
    "date_precision",
    "date_basis",
    "url",
    "language",
    "kind",
    "status",
    "summary",
    "summary_by_editor",
    "body",
    "text_kind",
    "origin",
    "editor_notes",
    "tags",
)
#: Ids kept beside names so a restore finds the same outlet and tags after a rename.
_ID_FIELDS = ("outlet_id", "tag_ids")


def article_snapshot(article: Article) -> dict[str, Any]:
    """Every field an editor can change, as JSON values; tags as names in name order."""
    values = {name: jsonable(getattr(article, name)) for name in SNAPSHOT_FIELDS}
    tags = sorted(article.tags, key=lambda tag: tag.name_key)
    values["tags"] = [tag.name for tag in tags]
    values["outlet_id"] = article.outlet_id
    values["tag_ids"] = [tag.id for tag in tags]  # in the order of the names
    return values


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    shown = {name: value for name, value in after.items() if name not in _ID_FIELDS}
    return changed(before, shown)


def latest_number(article_id: int) -> int:
    query = select(func.max(Revision.number)).where(Revision.article_id == article_id)
    return db.session.scalar(query) or 0


def _add(article_id: int, snapshot: dict[str, Any], **fields: Any) -> Revision:
    revision = Revision(
        article_id=article_id, number=latest_number(article_id) + 1, snapshot=snapshot, **fields
    )
    db.session.add(revision)
    db.session.flush()
    return revision


def record_created(article: Article, actor: User | None, note: str = "created") -> Revision:
    """The first revision of a new article."""
    return _add(article.id, article_snapshot(article), user=actor, changed_fields=[], note=note)


def record_saved(
    article: Article, actor: User | None, before: dict[str, Any], note: str = "saved"
) -> Revision | None:
    """A revision for a save that changed something; None when the save changed nothing.

    An article that has no revision yet (imported before history was kept, or by a door
    that does not record one) first gets its state before this save as revision 1, so the
    editor can always go back to what was there.
    """
    after = article_snapshot(article)
    fields = changed_fields(before, after)
    if not fields:
        return None
    if latest_number(article.id) == 0:
        _add(article.id, before, user=None, changed_fields=[], note="before the first edit")
    return _add(article.id, after, user=actor, changed_fields=fields, note=note)


def history(article_id: int) -> list[Revision]:
    """An article's revisions, newest first, without their snapshots (loaded when read)."""
    query = (
        select(Revision)
        .where(Revision.article_id == article_id)
        .options(defer(Revision.snapshot), selectinload(Revision.user))
        .order_by(Revision.number.desc())
    )
    return list(db.session.scalars(query))


def revision(article_id: int, number: int) -> Revision | None:
    query = select(Revision).where(Revision.article_id == article_id, Revision.number == number)
    return db.session.scalar(query)
