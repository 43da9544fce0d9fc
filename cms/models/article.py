"""Articles: the collection's unit, with its provenance and its editorial state."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cms.models.base import Base, Timestamped, enum_column
from cms.models.taxonomy import article_tags
from cms.pipeline.types import DatePrecision, PartialDate

if TYPE_CHECKING:
    from cms.models.importing import ImportItem, ImportWarning, ProvenanceFlag
    from cms.models.outlet import Outlet
    from cms.models.taxonomy import Tag


class ArticleStatus(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in review"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class ArticleKind(StrEnum):
    NEWS = "news"
    OPINION = "opinion"
    ANALYSIS = "analysis"
    BLOG = "blog"


class TextKind(StrEnum):
    """How much of the article we hold."""

    FULL = "full text"
    EXCERPT = "excerpt"


class Origin(StrEnum):
    """Whose text it is: the outlet's own, or another's it carries."""

    ORIGINAL = "original"
    WIRE = "wire copy"
    REPRINT = "reprint"


class DateBasis(StrEnum):
    """Where the date comes from: the source itself, or the editors, who placed an undated
    text by what it reports (readers are told)."""

    SOURCE = "source"
    EDITORS = "editors"


class Article(Timestamped, Base):
    __tablename__ = "articles"
    __table_args__ = (
        CheckConstraint(
            "(published_on IS NULL) = (date_precision IS NULL)", name="date_has_precision"
        ),
        # The admin's article list sorts by last save: without it, each page sorts them all.
        Index("ix_articles_updated_at", "updated_at"),
        # Public lists: published, newest first, undated last, ties by id (one index scan).
        Index("ix_articles_public_order", "status", "published_on", "id"),
        # An outlet's list, the same way (migration c2f8b4e6d913).
        Index("ix_articles_outlet_order", "outlet_id", "status", "published_on", "id"),
        # The admin list sorted by title, and filtered by year in its default order (the
        # year's ids sorted by last save from this index alone, not from the rows).
        Index("ix_articles_title", "title"),
        Index("ix_articles_published_on_updated_at", "published_on", "updated_at"),
        # Search facets: a thousand matches' outlet and year from dense index pages, not from
        # a thousand rows scattered over the table (cms/queries/facets.py names it).
        Index("ix_articles_facets", "id", "outlet_id", "published_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Made from the name or title when left empty.
    slug: Mapped[str] = mapped_column(String(100), unique=True, default="")
    title: Mapped[str] = mapped_column(String(500))
    outlet_id: Mapped[int | None] = mapped_column(
        ForeignKey("outlets.id", ondelete="SET NULL"), index=True
    )
    #: As credited, comma-separated ("Paul Goble"); empty when the text names nobody.
    authors: Mapped[str] = mapped_column(String(500), default="")
    #: The first day of the known period; see ``date_precision``.
    published_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    date_precision: Mapped[DatePrecision | None] = mapped_column(enum_column(DatePrecision))
    #: ``editors`` when the text states no date and the editors placed it from its content.
    date_basis: Mapped[DateBasis] = mapped_column(
        enum_column(DateBasis), default=DateBasis.SOURCE, server_default=DateBasis.SOURCE.value
    )
    url: Mapped[str] = mapped_column(String(2000), default="")
    language: Mapped[str] = mapped_column(String(20), default="en")
    kind: Mapped[ArticleKind] = mapped_column(enum_column(ArticleKind), default=ArticleKind.NEWS)
    status: Mapped[ArticleStatus] = mapped_column(
        enum_column(ArticleStatus), default=ArticleStatus.DRAFT, index=True
    )
    #: Clean Markdown shown to readers.
    body: Mapped[str] = mapped_column(Text, default="")
    #: ``body`` as readers see it (``cms.rendering.markdown_to_html``: rendered, sanitised),
    #: written with ``body`` by the services that save it, so the public page does not render
    #: it per request; NULL until rendered, and then the page renders ``body`` itself.
    body_html: Mapped[str | None] = mapped_column(Text)
    #: The text exactly as imported, for provenance; never shown publicly.
    raw: Mapped[str] = mapped_column(Text, default="")
    #: Fingerprint of the normalised body: the same text imported twice is one article.
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    #: True once an editor has written or accepted the summary: machine drafts never replace it.
    summary_by_editor: Mapped[bool] = mapped_column(default=False)
    word_count: Mapped[int] = mapped_column(Integer, default=0)
    text_kind: Mapped[TextKind] = mapped_column(enum_column(TextKind), default=TextKind.FULL)
    origin: Mapped[Origin] = mapped_column(enum_column(Origin), default=Origin.ORIGINAL)
    #: Other headlines the same text arrived under, one a line (kept by the importer).
    alternative_titles: Mapped[str] = mapped_column(Text, default="")
    #: Photo captions and credits taken out of the body, one a line.
    captions: Mapped[str] = mapped_column(Text, default="")
    #: Internal notes for editors (why a date was set by hand, say); never shown publicly.
    editor_notes: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    #: Optimistic locking: a save based on a stale copy fails instead of overwriting.
    version: Mapped[int] = mapped_column(Integer, default=1)

    outlet: Mapped[Outlet | None] = relationship(back_populates="articles")
    tags: Mapped[list[Tag]] = relationship(
        secondary=article_tags, back_populates="articles", order_by="Tag.name"
    )
    import_items: Mapped[list[ImportItem]] = relationship(back_populates="article")
    import_warnings: Mapped[list[ImportWarning]] = relationship(
        order_by="ImportWarning.id", cascade="all, delete-orphan", passive_deletes=True
    )
    provenance_flags: Mapped[list[ProvenanceFlag]] = relationship(
        order_by="ProvenanceFlag.position", cascade="all, delete-orphan", passive_deletes=True
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def published_date(self) -> PartialDate | None:
        if self.published_on is None or self.date_precision is None:
            return None
        return PartialDate(self.published_on, self.date_precision)

    @property
    def open_import_warnings(self) -> list[ImportWarning]:
        """The importer's warnings an editor has not yet resolved by confirming or changing."""
        return [warning for warning in self.import_warnings if warning.is_open]

    @property
    def author_list(self) -> list[str]:
        return [a.strip() for a in self.authors.split(",") if a.strip()]

    def __str__(self) -> str:
        return self.title
