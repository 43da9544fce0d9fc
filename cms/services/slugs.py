"""Unique slugs for any model with a ``slug`` column."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import select

from cms.extensions import db
from cms.slugs import slugify, unique_slug


def free_slug(model: Any, text: str, exclude_id: int | None = None) -> str:
    """A slug for ``text`` that no other row of ``model`` has (the row ``exclude_id`` may)."""

    def is_taken(slug: str) -> bool:
        query = select(model.id).where(model.slug == slug)
        if exclude_id is not None:
            query = query.where(model.id != exclude_id)
        return db.session.scalar(query) is not None

    return unique_slug(text, is_taken)


class SlugAllocator:
    """Unique slugs for many new rows of ``model``, the same ``free_slug`` would give one by one.

    The importer's: ``free_slug`` asks the database once per candidate ("x", "x-2", "x-3"...),
    a query per article and many for a common headline. This reads at once which of the texts'
    slugs are taken (for a taken one, its numbered forms fifty at a time), then hands out slugs
    in the order asked, remembering its own. Use it inside one write transaction.
    """

    def __init__(self, model: Any, texts: Iterable[str]) -> None:
        self._model = model
        self._taken: set[str] = set()
        self._looked_up: set[str] = set()
        self._bases = {text: slugify(text) for text in texts}
        bases = sorted(set(self._bases.values()))
        for part in _parts(bases, 500):
            self._taken.update(db.session.scalars(select(model.slug).where(model.slug.in_(part))))
        self._looked_up.update(bases)

    def allocate(self, text: str) -> str:
        base = self._bases.get(text) or slugify(text)
        if base not in self._looked_up:
            self._taken.update(
                db.session.scalars(select(self._model.slug).where(self._model.slug == base))
            )
            self._looked_up.add(base)
        candidate, n = base, 1
        while candidate in self._taken:
            n += 1
            candidate = f"{base}-{n}"
            if candidate not in self._looked_up:
                self._read_numbered(base, n)
        self._taken.add(candidate)
        return candidate

    def _read_numbered(self, base: str, first: int) -> None:
        """Which of "base-N" … "base-(N+49)" are taken, in one query on the unique index."""
        wanted = [f"{base}-{n}" for n in range(first, first + 50)]
        column = self._model.slug
        self._taken.update(db.session.scalars(select(column).where(column.in_(wanted))))
        self._looked_up.update(wanted)


def _parts(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
