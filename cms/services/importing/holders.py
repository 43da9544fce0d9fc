"""Which articles hold each hash value of a fingerprint table (``text_sketches``,
``text_sentences``): the stored ones a chunk's values name, read in one query, then the
chunk's own new articles as they are planned, so documents of a chunk see each other."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select

from cms.extensions import db
from cms.services.importing.duplicates import Known
from cms.services.rows import among

#: A stored article by id, or a new one of this chunk.
Holder = int | Known


class Holders:
    def __init__(self, model: Any, values: Iterable[int]) -> None:
        self._by_value: dict[int, list[Holder]] = {}
        wanted = set(values)
        if wanted:
            rows = db.session.execute(
                select(model.value, model.article_id).where(among(model.value, wanted))
            )
            for value, article_id in rows:
                self._by_value.setdefault(value, []).append(article_id)

    def add(self, values: Iterable[int], article: Known) -> None:
        for value in values:
            self._by_value.setdefault(value, []).append(article)

    def of(self, value: int) -> Sequence[Holder]:
        return self._by_value.get(value, ())
