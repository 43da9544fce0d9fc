"""Import batches: who imported what, when, and what became of each file; warnings and flags.

A batch is finished only when its last file is stored: one killed part-way stays unfinished
and is shown as interrupted, never as "N created".
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cms.models.base import Base, enum_column, utcnow

if TYPE_CHECKING:
    from cms.models.article import Article
    from cms.models.user import User


class ImportOutcome(StrEnum):
    CREATED = "created"
    DUPLICATE = "duplicate"
    SKIPPED = "skipped"
    REJECTED = "rejected"


class ImportBatch(Base):
    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: Where the files came from: "seed", "cli" or "upload".
    channel: Mapped[str] = mapped_column(String(20))
    #: Set when the last file is stored; empty for a batch still running or killed part-way.
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    #: Set when an editor undid the batch (its unedited articles removed).
    undone_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    user: Mapped[User | None] = relationship()
    items: Mapped[list[ImportItem]] = relationship(
        back_populates="batch", cascade="all, delete-orphan", order_by="ImportItem.id"
    )

    @property
    def state(self) -> str:
        if self.undone_at is not None:
            return "undone"
        return "finished" if self.finished_at is not None else "interrupted or running"

    def __str__(self) -> str:
        return f"Import #{self.id} ({self.channel}, {self.created_at:%Y-%m-%d %H:%M})"


class ImportItem(Base):
    """One file, zip entry or JSON item of a batch: its provenance and what became of it."""

    __tablename__ = "import_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(
        ForeignKey("import_batches.id", ondelete="CASCADE"), index=True
    )
    #: The name shown in reports: the file, "bundle.zip/a.md", "list.json item 3".
    filename: Mapped[str] = mapped_column(String(500))
    outcome: Mapped[ImportOutcome] = mapped_column(enum_column(ImportOutcome))
    #: The article created, or the existing one a duplicate matched.
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), index=True
    )
    #: Why a file was rejected or skipped, or what a duplicate matched.
    reason: Mapped[str] = mapped_column(Text, default="")
    #: The file as received (the zip, for an entry), and the path inside the archive.
    source_file: Mapped[str] = mapped_column(String(500), default="")
    path_in_archive: Mapped[str] = mapped_column(String(500), default="")
    #: sha256 of the bytes received for this item (the file, or the zip entry).
    sha256: Mapped[str] = mapped_column(String(64), default="", index=True)
    #: The reader used: text, markdown, html, json.
    format: Mapped[str] = mapped_column(String(20), default="")

    batch: Mapped[ImportBatch] = relationship(back_populates="items")
    article: Mapped[Article | None] = relationship(back_populates="import_items")

    def __str__(self) -> str:
        return f"{self.filename}: {self.outcome.value}"


class ImportWarning(Base):
    """A field the importer could not be sure of (``kind``: missing, suggested, unknown key …).

    Open until an editor confirms or changes that field: a value the importer filled itself
    never resolves it.
    """

    __tablename__ = "import_warnings"
    __table_args__ = (
        # The open warnings only: "needs review" reads them as one small set.
        Index(
            "ix_import_warnings_open_article",
            "article_id",
            sqlite_where=text("resolved_at IS NULL"),
            postgresql_where=text("resolved_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    import_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_items.id", ondelete="SET NULL")
    )
    field: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    message: Mapped[str] = mapped_column(Text, default="")
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    resolved_by: Mapped[User | None] = relationship()
    import_item: Mapped[ImportItem | None] = relationship()

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None

    def __str__(self) -> str:
        return f"{self.field} ({self.kind}): {self.message}"


class ProvenanceFlag(Base):
    """What the text is, by a named rule, with the text that fired it ("wire copy": "(AP)")."""

    __tablename__ = "provenance_flags"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    #: wire copy, excerpt, opinion, reprint
    flag: Mapped[str] = mapped_column(String(32))
    #: The rule's name ("dateline (AP)", "credit AP/") and the text it matched.
    rule: Mapped[str] = mapped_column(String(100))
    evidence: Mapped[str] = mapped_column(Text, default="")
    #: Position of the flag among the article's (rules keep their order).
    position: Mapped[int] = mapped_column(Integer, default=0)

    def __str__(self) -> str:
        return f"{self.flag}: {self.rule}"


class TextSketch(Base):
    """A few hashes of an article's text (and its canonical URL): how near-duplicates are found.

    ``value`` is one of the text's smallest five-word-shingle hashes, or the hash of its
    canonical URL; an index on it finds the articles sharing any of a new text's values.
    """

    __tablename__ = "text_sketches"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    value: Mapped[int] = mapped_column(BigInteger, index=True)


class TextSentence(Base):
    """The hash of one long sentence of an article: how a reprint of its text is found.

    A sentence of fifteen words or more is rarely written twice by chance; a new text sharing
    several with an article carries (part of) its text, and is flagged "reprint".
    """

    __tablename__ = "text_sentences"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    value: Mapped[int] = mapped_column(BigInteger, index=True)
