"""Old public addresses: a slug an article, tag or outlet had, and the record it now belongs to."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cms.models.base import Base, utcnow


class SlugRedirect(Base):
    """``/tags/<old_slug>`` answers with a permanent redirect to the record's current address."""

    __tablename__ = "slug_redirects"
    __table_args__ = (UniqueConstraint("kind", "old_slug", name="uq_slug_redirects_kind_slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: "article", "tag" or "outlet".
    kind: Mapped[str] = mapped_column(String(20))
    old_slug: Mapped[str] = mapped_column(String(100))
    #: The record's id; a merged tag or outlet points at the one it was merged into.
    target_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    def __str__(self) -> str:
        return f"{self.kind} {self.old_slug} -> {self.target_id}"
