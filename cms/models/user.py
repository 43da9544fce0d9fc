"""Users of the admin panel: editors and admins."""

from __future__ import annotations

import secrets
import unicodedata
from enum import StrEnum

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column, validates
from werkzeug.security import check_password_hash, generate_password_hash

from cms.models.base import Base, Timestamped, Versioned, enum_column


class Role(StrEnum):
    EDITOR = "editor"
    ADMIN = "admin"


#: Letters that look like a plain Latin letter once case is folded: Latin variants without a
#: decomposition, Cyrillic and Greek look-alikes (of either case), and digits read as letters.
_LOOK_ALIKES = str.maketrans(
    {
        # capital I folds to i and looks like l: the whole group becomes one letter
        **dict.fromkeys("ıιіїɩӏlł1ŀ|", "i"),
        **dict.fromkeys("ȷјϳ", "j"),
        **dict.fromkeys("ø0οоσ", "o"),
        **dict.fromkeys("аα", "a"),
        **dict.fromkeys("вβ", "b"),
        **dict.fromkeys("сϲ", "c"),
        **dict.fromkeys("ԁđ", "d"),
        **dict.fromkeys("еєε", "e"),
        **dict.fromkeys("һнηħ", "h"),
        **dict.fromkeys("кκ", "k"),
        **dict.fromkeys("мμ", "m"),
        **dict.fromkeys("пπ", "n"),
        **dict.fromkeys("рρ", "p"),
        **dict.fromkeys("ԛ", "q"),
        **dict.fromkeys("ѕ", "s"),
        **dict.fromkeys("тτ", "t"),
        **dict.fromkeys("υ", "u"),
        **dict.fromkeys("νѵ", "v"),
        **dict.fromkeys("ԝωш", "w"),
        **dict.fromkeys("хχ", "x"),
        **dict.fromkeys("уγ", "y"),
        **dict.fromkeys("ζ", "z"),
    }
)


def username_key(username: str) -> str:
    """What makes two usernames the same: look-alikes collide.

    NFKC (full-width "Ａdmin" is "Admin"), case folding in any script, accents dropped, then
    letters that look alike mapped to one (dotless "admın", Cyrillic "аdmin", "adm1n").
    """
    text = unicodedata.normalize("NFKC", " ".join(username.split())).casefold()
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return text.translate(_LOOK_ALIKES)


def new_session_token() -> str:
    return secrets.token_urlsafe(16)


class User(Versioned, Timestamped, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    #: ``username_key(username)``: logins ignore case in any script ("Émile" is "émile"),
    #: and a look-alike of an existing name ("Ａdmin", "admın") cannot be created.
    username_key: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[Role] = mapped_column(enum_column(Role), default=Role.EDITOR)
    active: Mapped[bool] = mapped_column(default=True)
    #: Part of the login cookie's identity: changing it (logout, new password) revokes
    #: every session, including copied cookies.
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)

    @validates("username")
    def _keep_username_key(self, _key: str, username: str) -> str:
        self.username_key = username_key(username)
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
