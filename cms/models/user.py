"""Users of the admin panel: editors and admins."""

from __future__ import annotations

import secrets
from enum import StrEnum

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column, validates
from werkzeug.security import check_password_hash, generate_password_hash

from cms.models.base import Base, Timestamped, Versioned, enum_column, name_key


class Role(StrEnum):
    EDITOR = "editor"
    ADMIN = "admin"


def new_session_token() -> str:
    return secrets.token_urlsafe(16)


class User(Versioned, Timestamped, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    #: ``name_key(username)``: logins ignore case in any script ("Émile" is "émile").
    username_key: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[Role] = mapped_column(enum_column(Role), default=Role.EDITOR)
    active: Mapped[bool] = mapped_column(default=True)
    #: Part of the login cookie's identity: changing it (logout, new password) revokes
    #: every session, including copied cookies.
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)

    @validates("username")
    def _keep_username_key(self, _key: str, username: str) -> str:
        self.username_key = name_key(username)
        return username

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)
        self.session_token = new_session_token()

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    # Flask-Login's user protocol, written out rather than mixed in.
    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    def __str__(self) -> str:
        return self.username
