"""Outlets and tags by name for a chunk of imported documents: read at once, created as needed.

The same rules as ``taxonomy.find_outlet`` / ``find_tag`` (names and outlet aliases compared by
``name_key``; a name wins over another outlet's alias), without a query per article.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select

from cms.extensions import db
from cms.models import Outlet, Tag
from cms.models.base import name_key
from cms.pipeline.types import ExtractedArticle
from cms.services import taxonomy


class Vocabulary:
    def __init__(self, outlets: dict[str, int], tags: dict[str, int]) -> None:
        self._outlets = outlets
        self._tags = tags

    @classmethod
    def for_documents(cls, documents: Sequence[ExtractedArticle]) -> Vocabulary:
        """Every outlet (they are few), and the tags these documents name."""
        outlets: dict[str, int] = {}
        rows = db.session.execute(select(Outlet.id, Outlet.name_key, Outlet.aliases))
        named = []
        for id_, key, aliases in sorted(rows):
            named.append((key, id_))
            for alias in aliases.splitlines():
                if alias.strip():
                    outlets.setdefault(name_key(alias), id_)
        outlets.update(named)
        keys = sorted({name_key(t) for d in documents for t in d.tags if t.strip()})
        tags: dict[str, int] = {}
        for start in range(0, len(keys), 500):
            part = keys[start : start + 500]
            tags.update(
                (key, id_)
                for id_, key in db.session.execute(
                    select(Tag.id, Tag.name_key).where(Tag.name_key.in_(part))
                )
            )
        return cls(outlets, tags)

    def outlet_id(self, name: str | None) -> int | None:
        """The outlet called ``name`` (or known by it), created on first use."""
        if not name or not name.strip():
            return None
        key = name_key(name)
        if key not in self._outlets:
            self._outlets[key] = taxonomy.get_or_create_outlet(name).id
        return self._outlets[key]

    def tag_ids(self, names: Iterable[str]) -> list[int]:
        """Tags for these names, created as needed, in the given order without repeats."""
        ids: list[int] = []
        for name in names:
            if not name.strip():
                continue
            key = name_key(name)
            if key not in self._tags:
                self._tags[key] = taxonomy.get_or_create_tag(name).id
            if self._tags[key] not in ids:
                ids.append(self._tags[key])
        return ids
