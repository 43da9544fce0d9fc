"""Old slugs kept as permanent redirects, so a renamed or merged record keeps its old address."""

from __future__ import annotations

from sqlalchemy import delete, select, update

from cms.extensions import db
from cms.models import SlugRedirect


def remember(kind: str, old_slug: str, target_id: int) -> None:
    """``old_slug`` of a ``kind`` record now leads to record ``target_id``."""
    if not old_slug:
        return
    existing = db.session.scalar(
        select(SlugRedirect).where(SlugRedirect.kind == kind, SlugRedirect.old_slug == old_slug)
    )
    if existing is None:
        db.session.add(SlugRedirect(kind=kind, old_slug=old_slug, target_id=target_id))
    else:
        existing.target_id = target_id
    db.session.flush()


def forget(kind: str, slug: str) -> None:
    """``slug`` is a live record's own address again (a merge was undone): no redirect."""
    db.session.execute(
        delete(SlugRedirect).where(SlugRedirect.kind == kind, SlugRedirect.old_slug == slug)
    )


def retarget(kind: str, old_id: int, new_id: int) -> None:
    """A merged record's old addresses lead to the record it was merged into."""
    db.session.execute(
        update(SlugRedirect)
        .where(SlugRedirect.kind == kind, SlugRedirect.target_id == old_id)
        .values(target_id=new_id)
    )


def remember_change(kind: str, old_slug: str, record_id: int, new_slug: str) -> None:
    if old_slug and old_slug != new_slug:
        remember(kind, old_slug, record_id)
