"""Suggestions: what the machine proposes, with its reason, for an editor to accept or dismiss.

A machine's guess is never written into an article's fields. The importer and the analysers
store it here instead; accepting it is an editor's decision, made through a service.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import DateTime, Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cms.models.base import Base, enum_column, utcnow

if TYPE_CHECKING:
    from cms.models.article import Article
    from cms.models.entity import Entity
    from cms.models.user import User


class SuggestionKind(StrEnum):
    TAG = "tag"
    ENTITY = "entity"
    SUMMARY = "summary"
    RELATED = "related"
    DUPLICATE = "duplicate"
    #: A value for one of the article's own fields (see ``Suggestion.field``), such as a date
    #: the importer saw in a sentence rather than in the source's metadata.
    FIELD = "field"


class SuggestionState(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DISMISSED = "dismissed"


class Suggestion(Base):
    __tablename__ = "suggestions"
    __table_args__ = (
        UniqueConstraint("article_id", "key", name="uq_suggestions_article_key"),
        Index("ix_suggestions_state_article", "state", "article_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    kind: Mapped[SuggestionKind] = mapped_column(enum_column(SuggestionKind))
    #: For ``FIELD`` suggestions, the article field proposed ("date", "authors", "outlet", "url",
    #: "title"); empty for the other kinds.
    field: Mapped[str] = mapped_column(String(32), default="")
    #: The proposal as text: a tag or entity name, a summary, an ISO date ("2023-11").
    value: Mapped[str] = mapped_column(Text, default="")
    #: The other article of a ``RELATED`` or ``DUPLICATE`` suggestion.
    target_article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    #: The gazetteer entity an ``ENTITY`` suggestion refers to, when it is one we know.
    entity_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), index=True
    )
    #: 0 to 1: how sure the analyser is; ordering within a kind.
    score: Mapped[float] = mapped_column(Float, default=0.0)
    #: Why, in words an editor reads ("shares Nazarbayev, EAEU; 30 days apart").
    reason: Mapped[str] = mapped_column(Text, default="")
    #: What it rests on: the sentence, the terms, the differing lines.
    evidence: Mapped[str] = mapped_column(Text, default="")
    #: Which analyser made it ("import.dates", "analyse.tags"), for debugging and re-runs.
    source: Mapped[str] = mapped_column(String(64), default="")
    #: Stable identity within the article ("tag:energy", "duplicate:42", "field:date:2023-11"):
    #: a re-run finds the same row, so a decision is kept and a dismissal stays dismissed.
    key: Mapped[str] = mapped_column(String(300))
    state: Mapped[SuggestionState] = mapped_column(
        enum_column(SuggestionState), default=SuggestionState.PENDING
    )
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    article: Mapped[Article] = relationship(foreign_keys=[article_id])
    target_article: Mapped[Article | None] = relationship(foreign_keys=[target_article_id])
    entity: Mapped[Entity | None] = relationship()
    decided_by: Mapped[User | None] = relationship()

    @property
    def is_pending(self) -> bool:
        return self.state is SuggestionState.PENDING

    def __str__(self) -> str:
        label = f"{self.kind.value} {self.field}".strip()
        return f"{label}: {self.value or self.target_article_id}"
