"""History: article revisions (a snapshot per save) and the audit log (every change, any record).

Both outlive what they describe: a deleted article keeps its revisions and its audit entries,
so they refer to records by type and id rather than by a foreign key that would erase them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cms.models.base import Base, Versioned, utcnow

if TYPE_CHECKING:
    from cms.models.article import Article
    from cms.models.user import User


class Revision(Base):
    """One saved state of an article: who saved it, when, and which fields the save changed."""

    __tablename__ = "revisions"
    __table_args__ = (UniqueConstraint("article_id", "number", name="uq_revisions_article_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The article's id; no foreign key, so history survives the article going to the trash.
    article_id: Mapped[int] = mapped_column(Integer, index=True)
    #: 1, 2, 3... per article, in the order saved.
    number: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: Names of the fields this save changed (empty for the first revision).
    changed_fields: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: Every editable field after the save, as JSON values (dates as ISO text, tags as names).
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: What kind of save: "saved", "created", "as imported", "restored revision 3"...
    note: Mapped[str] = mapped_column(String(200), default="")

    user: Mapped[User | None] = relationship()

    def __str__(self) -> str:
        return f"Revision {self.number}"


class PendingRevision(Versioned, Base):
    """Changes to a published article that readers do not see until an editor publishes them.

    At most one per article. It keeps the whole state the article would have (a snapshot
    like a revision's) and the fields that differ from the published version; publishing
    applies those fields only, so a change made to other fields meanwhile is not undone.
    """

    __tablename__ = "pending_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), unique=True
    )
    #: The article's version when these changes were last saved.
    based_on_version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
    #: Who saved the changes last.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: The fields that differ from the published article, in the history page's order.
    changed_fields: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: Every editable field as it will be once published (the same shape as a revision's).
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    user: Mapped[User | None] = relationship()
    article: Mapped[Article] = relationship()

    def __str__(self) -> str:
        return f"Pending changes to article {self.article_id}"


class AuditEntry(Base):
    """Who did what to which record, when, with the values before and after."""

    __tablename__ = "audit_entries"
    __table_args__ = (Index("ix_audit_entries_record", "record_type", "record_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    #: "create", "update", "delete", "restore", "merge", "status", "login locked"...
    action: Mapped[str] = mapped_column(String(40))
    #: "article", "outlet", "tag", "link", "user"...
    record_type: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[int | None] = mapped_column(Integer)
    #: What the record was called at the time, readable after it is renamed or deleted.
    record_label: Mapped[str] = mapped_column(String(500), default="")
    #: The changed fields' values before and after (JSON); None for a create or a delete side.
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    user: Mapped[User | None] = relationship()

    def __str__(self) -> str:
        return f"{self.action} {self.record_type} {self.record_label or self.record_id}"
