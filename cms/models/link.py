"""Cross-links between articles: a typed relation, read from both ends."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cms.models.base import Base, Versioned, enum_column, utcnow

if TYPE_CHECKING:
    from cms.models.article import Article
    from cms.models.user import User


class Relation(StrEnum):
    """How the source article relates to the target."""

    RELATED = "related"
    FOLLOWS_UP = "follows up"
    RESPONDS_TO = "responds to"
    SAME_EVENT = "same event"
    CONTRADICTS = "contradicts"
    CITES = "cites"

    @property
    def inverse_label(self) -> str:
        """The relation as read from the target's end."""
        return _INVERSE_LABELS[self]

    @property
    def from_source(self) -> str:
        """A sentence opening, read from the source's end: "This article follows up"."""
        return _FROM_SOURCE[self]

    @property
    def from_target(self) -> str:
        """A sentence opening, read from the target's end: "Followed up by"."""
        return _FROM_TARGET[self]


_INVERSE_LABELS = {
    Relation.RELATED: "related",
    Relation.FOLLOWS_UP: "followed up by",
    Relation.RESPONDS_TO: "answered by",
    Relation.SAME_EVENT: "same event",
    Relation.CONTRADICTS: "contradicted by",
    Relation.CITES: "cited by",
}


_FROM_SOURCE = {
    Relation.RELATED: "Related to",
    Relation.FOLLOWS_UP: "This article follows up",
    Relation.RESPONDS_TO: "This article responds to",
    Relation.SAME_EVENT: "About the same event as",
    Relation.CONTRADICTS: "This article contradicts",
    Relation.CITES: "This article cites",
}

_FROM_TARGET = {
    Relation.RELATED: "Related to",
    Relation.FOLLOWS_UP: "Followed up by",
    Relation.RESPONDS_TO: "Answered by",
    Relation.SAME_EVENT: "About the same event as",
    Relation.CONTRADICTS: "Contradicted by",
    Relation.CITES: "Cited by",
}


class Link(Versioned, Base):
    __tablename__ = "links"
    __table_args__ = (
        UniqueConstraint("source_id", "target_id", "relation", name="uq_links_pair_relation"),
        CheckConstraint("source_id <> target_id", name="not_self"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    target_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    relation: Mapped[Relation] = mapped_column(enum_column(Relation), default=Relation.RELATED)
    #: Why the two belong together, in the editor's words; shown to readers.
    note: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    source: Mapped[Article] = relationship(foreign_keys=[source_id])
    target: Mapped[Article] = relationship(foreign_keys=[target_id])
    created_by: Mapped[User | None] = relationship()

    def __str__(self) -> str:
        return f"{self.source} {self.relation.value} {self.target}"
