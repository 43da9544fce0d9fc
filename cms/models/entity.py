"""Entities: the people, organisations, places and events articles mention, with their aliases.

The gazetteer is curated by editors: an alias in any script ("Путин") names one entity, and a
kill list (``BlockedName``) holds the names never to propose as new entities.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from cms.models.base import Base, Timestamped, enum_column, name_key

if TYPE_CHECKING:
    from cms.models.article import Article

#: Name of the index an entity's list walks, newest first (``cms/queries/card_statements.py``).
MENTION_DATE_INDEX = "ix_mentions_entity_date"


class EntityKind(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"
    PLACE = "place"
    EVENT = "event"
    OTHER = "other"


class Entity(Timestamped, Base):
    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The name readers see ("Vladimir Putin").
    name: Mapped[str] = mapped_column(String(200))
    #: ``name_key(name)``: two entities cannot share a name in any case or script.
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    #: Made from the name when left empty.
    slug: Mapped[str] = mapped_column(String(100), unique=True, default="")
    kind: Mapped[EntityKind] = mapped_column(enum_column(EntityKind), default=EntityKind.OTHER)
    #: Who or what it is, in a sentence or two; shown on its public page.
    description: Mapped[str] = mapped_column(Text, default="")

    aliases: Mapped[list[EntityAlias]] = relationship(
        back_populates="entity", cascade="all, delete-orphan", order_by="EntityAlias.alias"
    )
    mentions: Mapped[list[Mention]] = relationship(
        back_populates="entity", cascade="all, delete-orphan", passive_deletes=True
    )

    @validates("name")
    def _keep_name_key(self, _key: str, name: str) -> str:
        self.name_key = name_key(name)
        return name

    def __str__(self) -> str:
        return self.name


class EntityAlias(Base):
    """Another name of an entity ("Putin", "Путин", "EAEU"); an alias names one entity only."""

    __tablename__ = "entity_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[int] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), index=True
    )
    alias: Mapped[str] = mapped_column(String(200))
    #: ``name_key(alias)``, unique: the same words cannot point at two entities.
    alias_key: Mapped[str] = mapped_column(String(200), unique=True)

    entity: Mapped[Entity] = relationship(back_populates="aliases")

    @validates("alias")
    def _keep_alias_key(self, _key: str, alias: str) -> str:
        self.alias_key = name_key(alias)
        return alias

    def __str__(self) -> str:
        return self.alias


class Mention(Base):
    """One place in an article's body where an entity is named, as character offsets."""

    __tablename__ = "mentions"
    __table_args__ = (
        Index("ix_mentions_entity_article", "entity_id", "article_id"),
        # An article's mentions, and their entities from the index alone (search facets).
        Index("ix_mentions_article_entity", "article_id", "entity_id"),
        # An entity's articles in list order (newest first, undated last: scanned backwards).
        Index(MENTION_DATE_INDEX, "entity_id", "published_on", "article_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    #: Offsets into ``Article.body``: ``body[start:end] == surface``.
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    #: The words as written there ("Назарбаев", "the Kazakh president's").
    surface: Mapped[str] = mapped_column(String(200))
    #: The article's ``published_on``, copied by triggers (migration d5e9a3b1c742) whenever a
    #: mention is made or the article's date changes: never set by the application.
    published_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)

    entity: Mapped[Entity] = relationship(back_populates="mentions")
    article: Mapped[Article] = relationship()

    def __str__(self) -> str:
        return f"{self.surface} ({self.start}-{self.end})"


class BlockedName(Base):
    """The kill list: a name never to propose as a new entity ("Kazakhs", "Reuters")."""

    __tablename__ = "blocked_names"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    #: Why it is blocked, for the next editor.
    note: Mapped[str] = mapped_column(Text, default="")

    @validates("name")
    def _keep_name_key(self, _key: str, name: str) -> str:
        self.name_key = name_key(name)
        return name

    def __str__(self) -> str:
        return self.name
