"""Tags: the editor's controlled vocabulary, many-to-many with articles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Column, Date, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from cms.models.base import Base, Versioned, name_key

if TYPE_CHECKING:
    from cms.models.article import Article

#: A tag's article ids from the index alone (counts), and one article checked for a tag.
TAG_ARTICLE_INDEX = "ix_article_tags_tag_article"
#: Name of the index a tag's list walks, newest first (``cms/queries/card_statements.py``).
TAG_DATE_INDEX = "ix_article_tags_tag_date"

article_tags = Table(
    "article_tags",
    Base.metadata,
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
    # A tag's articles, from the index alone; and one tag's stretch of it to check each
    # article of a list against (the primary key, by article first, is spread over all).
    Index(TAG_ARTICLE_INDEX, "tag_id", "article_id"),
    #: The article's ``published_on``, copied by triggers (migration a7d3e5c91f20) whenever a
    #: tag is given or the article's date changes: never written by the application.
    Column("published_on", Date, nullable=True),
    # A tag's articles in list order (newest first, undated last: scanned backwards).
    Index(TAG_DATE_INDEX, "tag_id", "published_on", "article_id"),
)


class Tag(Versioned, Base):
    __tablename__ = "tags"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    #: ``name_key(name)``: "Eurasian Union" and "eurasian  union" are one tag.
    name_key: Mapped[str] = mapped_column(String(100), unique=True)
    #: Made from the name or title when left empty.
    slug: Mapped[str] = mapped_column(String(100), unique=True, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    #: Other words that name the tag in article text ("EAEU" for the Eurasian Economic Union),
    #: one per line: the analysers suggest the tag wherever one appears.
    aliases: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: Optional grouping shown on the tags page ("topic", "place", "event").
    facet: Mapped[str] = mapped_column(String(50), default="")

    articles: Mapped[list[Article]] = relationship(secondary=article_tags, back_populates="tags")

    @validates("name")
    def _keep_name_key(self, _key: str, name: str) -> str:
        self.name_key = name_key(name)
        return name

    @property
    def alias_list(self) -> tuple[str, ...]:
        return tuple(a.strip() for a in self.aliases.splitlines() if a.strip())

    def __str__(self) -> str:
        return self.name
