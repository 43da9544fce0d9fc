"""Unique slugs for any model with a ``slug`` column."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from cms.extensions import db
from cms.slugs import unique_slug


def free_slug(model: Any, text: str, exclude_id: int | None = None) -> str:
    """A slug for ``text`` that no other row of ``model`` has (the row ``exclude_id`` may)."""

    def is_taken(slug: str) -> bool:
        query = select(model.id).where(model.slug == slug)
        if exclude_id is not None:
            query = query.where(model.id != exclude_id)
        return db.session.scalar(query) is not None

    return unique_slug(text, is_taken)
