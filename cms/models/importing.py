"""Import batches: who imported what, when, and what became of each file."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import JSON, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cms.models.base import Base, enum_column, utcnow

if TYPE_CHECKING:
    from cms.models.article import Article
    from cms.models.user import User


class ImportOutcome(StrEnum):
    CREATED = "created"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"


class ImportBatch(Base):
    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: Where the files came from: "seed", "cli" or "upload".
    channel: Mapped[str] = mapped_column(String(20))

    user: Mapped[User | None] = relationship()
    items: Mapped[list[ImportItem]] = relationship(
        back_populates="batch", cascade="all, delete-orphan", order_by="ImportItem.id"
    )

    def count(self, outcome: ImportOutcome) -> int:
        return sum(1 for item in self.items if item.outcome is outcome)

    def __str__(self) -> str:
        return f"Import #{self.id} ({self.channel}, {self.created_at:%Y-%m-%d %H:%M})"


class ImportItem(Base):
    """One file of a batch."""

    __tablename__ = "import_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(
        ForeignKey("import_batches.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(500))
    outcome: Mapped[ImportOutcome] = mapped_column(enum_column(ImportOutcome))
    #: The article created, or the existing one a duplicate matched.
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), index=True
    )
    #: Why a file was rejected.
    reason: Mapped[str] = mapped_column(Text, default="")
    #: What the pipeline could not find or was unsure of: [{"field": ..., "message": ...}].
    warnings: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)

    batch: Mapped[ImportBatch] = relationship(back_populates="items")
    article: Mapped[Article | None] = relationship(back_populates="import_items")

    def __str__(self) -> str:
        return f"{self.filename}: {self.outcome.value}"
