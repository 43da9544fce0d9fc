"""Outlets: the publications articles come from, with a profile readers can weigh them by."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from cms.models.base import Base, Timestamped, Versioned, enum_column, name_key

if TYPE_CHECKING:
    from cms.models.article import Article


class OutletKind(StrEnum):
    WIRE_AGENCY = "wire agency"
    NEWSPAPER = "newspaper"
    STATE_MEDIA = "state media"
    BROADCASTER = "broadcaster"
    MAGAZINE = "magazine"
    BLOG = "blog"
    THINK_TANK = "think tank"
    OTHER = "other"


class Ownership(StrEnum):
    STATE = "state"
    PRIVATE = "private"
    INDEPENDENT = "independent"
    PUBLIC = "public broadcaster"
    INDIVIDUAL = "individual"
    UNKNOWN = "unknown"


class Outlet(Versioned, Timestamped, Base):
    __tablename__ = "outlets"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    #: ``name_key(name)``, so "RT" and "rt" cannot be two outlets.
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    #: Made from the name or title when left empty.
    slug: Mapped[str] = mapped_column(String(100), unique=True, default="")
    #: Other names the outlet goes by in article text ("AP" for the Associated Press), one per line.
    aliases: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[OutletKind] = mapped_column(enum_column(OutletKind), default=OutletKind.OTHER)
    ownership: Mapped[Ownership] = mapped_column(enum_column(Ownership), default=Ownership.UNKNOWN)
    #: ISO 3166 country name or code where the outlet is based, as the editor writes it.
    country: Mapped[str] = mapped_column(String(100), default="")
    language: Mapped[str] = mapped_column(String(20), default="en")
    homepage: Mapped[str] = mapped_column(String(500), default="")
    #: A short public profile: who runs it and what readers should know when weighing it.
    description: Mapped[str] = mapped_column(Text, default="")

    articles: Mapped[list[Article]] = relationship(back_populates="outlet")

    @property
    def alias_list(self) -> tuple[str, ...]:
        return tuple(a.strip() for a in self.aliases.splitlines() if a.strip())

    @validates("name")
    def _keep_name_key(self, _key: str, name: str) -> str:
        self.name_key = name_key(name)
        return name

    def __str__(self) -> str:
        return self.name
