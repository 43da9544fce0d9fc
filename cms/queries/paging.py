"""One page of a query's rows, and the arithmetic of pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select

from cms.extensions import db


@dataclass(frozen=True)
class Page:
    items: list[Any]
    number: int
    size: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def has_prev(self) -> bool:
        return self.number > 1


def count_of(query: Select) -> int:
    """How many rows ``query`` returns, without fetching them."""
    return db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0


def paginate(query: Select, number: int, size: int, total: int | None = None) -> Page:
    """One page of ``query``; a page past the last comes back empty, without querying rows.

    ``total`` may be given when the caller already knows it (from a cache, say).
    """
    page = Page([], max(1, number), size, count_of(query) if total is None else total)
    if page.number > page.pages:
        return page
    offset = (page.number - 1) * size
    items = list(db.session.scalars(query.limit(size).offset(offset)))
    return Page(items, page.number, size, page.total)
