"""The declarative base: one metadata with a constraint naming convention.

Named constraints let migrations drop and rename them on SQLite (batch mode) and PostgreSQL.
"""

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import DateTime, Enum, Integer, MetaData, func
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


#: Tables made by hand-written SQL in their migrations (FTS5 tables and their shadow tables,
#: the data version its triggers keep), which no model describes. Being no model's, they are
#: neither exported nor restored: a restored database keeps its own.
UNMODELLED_PREFIXES = ("search_", "analysis_fts", "data_version")


def is_modelled(name: str | None, type_: str, _parent_names: object = None) -> bool:
    """False for the tables no model describes (see ``UNMODELLED_PREFIXES``), for Alembic's
    ``include_name``: autogenerate neither drops them nor reports them as differences."""
    return not (type_ == "table" and (name or "").startswith(UNMODELLED_PREFIXES))


def name_key(name: str) -> str:
    """What makes two names the same: case (in any script) and spacing don't count.

    Stored beside the name with a unique index, because SQLite's lower() folds only ASCII.
    """
    return " ".join(name.split()).casefold()


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Timestamped:
    """``created_at`` and ``updated_at``, kept in UTC."""

    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow, server_default=func.now()
    )


class Versioned:
    """Optimistic locking: a save based on a stale copy is refused instead of overwriting.

    Editors' forms carry the version they were based on; services compare it (and the ORM
    checks it again in the UPDATE's WHERE clause).
    """

    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805
        return {"version_id_col": cls.__table__.c.version}


def enum_column(enum: type[StrEnum]) -> Enum:
    """Store an enum by its value as plain text: readable in SQL, portable to PostgreSQL."""
    return Enum(
        enum,
        native_enum=False,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )
