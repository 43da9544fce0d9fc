"""A number the database raises on every write to what public pages count (by triggers).

Public pages keep whole-collection counts (tags, outlets and years with their numbers, the
timeline, a list's total) until this changes: see ``cms.queries.versioned``.
"""

from __future__ import annotations

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from cms.models.base import Base

#: Tables whose every insert, update and delete raises the version (triggers, by migration).
WATCHED_TABLES = (
    "articles",
    "article_tags",
    "tags",
    "outlets",
    "entities",
    "entity_aliases",
    "mentions",
)


class DataVersion(Base):
    """One row. ``epoch`` is random per database, so a database restored or rebuilt under the
    same file name never passes for one a worker has seen at the same ``version``."""

    __tablename__ = "data_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    epoch: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer, default=0)

    def __str__(self) -> str:
        return f"{self.epoch}:{self.version}"
