"""Admin-panel users: create, set passwords, check logins, make the first admin."""

from __future__ import annotations

import secrets
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from cms.extensions import db
from cms.models import Role, User
from cms.models.user import username_key
from cms.services import records
from cms.services.errors import Conflict

MIN_PASSWORD_LENGTH = 10
#: The login form accepts no longer password, so no longer one may be set.
MAX_PASSWORD_LENGTH = 200
#: zxcvbn's score (0 to 4): 3 is "safely unguessable" against an online attack with throttling.
MIN_PASSWORD_SCORE = 3
MAX_USERNAME_LENGTH = 80
USERNAME_PUNCTUATION = frozenset(" ._-@")
#: What the admin panel may change about an account; passwords are set from the command line.
ACCOUNT_FIELDS = ("role", "active")


def find_user(username: str) -> User | None:
    return db.session.scalar(select(User).where(User.username_key == username_key(username)))


def _username_problem(username: str) -> str | None:
    if not username:
        return "A user needs a name."
    if len(username) > MAX_USERNAME_LENGTH:
        return f"A username has at most {MAX_USERNAME_LENGTH} characters."
    if any(not (c.isalnum() or c in USERNAME_PUNCTUATION) for c in username):
        return "A username may hold letters, digits, spaces and . _ - @ only."
    return None


def create_user(username: str, password: str, role: Role) -> User:
    username = unicodedata.normalize("NFKC", " ".join(username.split()))
    if problem := _username_problem(username):
        raise Conflict(problem)
    if (existing := find_user(username)) is not None:
        raise Conflict(
            f"A user named {existing.username!r} already exists, or one that looks alike."
        )
    user = User(username=username, role=role, active=True)
    set_password(user, password)
    db.session.add(user)
    db.session.flush()
    return user


def password_problem(password: str, username: str) -> str | None:
    """Why ``password`` is refused for ``username``, in words; None when it is good enough."""
    if not password.strip():
        return "A password cannot be blank or only spaces."
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"A password needs at least {MIN_PASSWORD_LENGTH} characters."
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"A password has at most {MAX_PASSWORD_LENGTH} characters (the login form's limit)."
    name = username_key(username)
    if len(name) >= 3 and name in username_key(password).replace(" ", ""):
        return "A password must not contain the username."
    # Loaded here, not with the module: its word lists are 11 MB in every process (web
    # workers, imports) that never sets a password.
    from zxcvbn import zxcvbn

    # zxcvbn's matching grows fast with length; a strong 72-character start is strong enough.
    verdict = zxcvbn(password[:72], user_inputs=[username, "collection", "cms", "admin", "editor"])
    if verdict["score"] < MIN_PASSWORD_SCORE:
        advice = verdict["feedback"]["warning"] or "It would be easy to guess."
        hints = " ".join(verdict["feedback"]["suggestions"])
        return f"That password is too weak. {advice} {hints}".strip()
    return None


def set_password(user: User, password: str) -> None:
    """Set a new password; this also ends every session the user had."""
    if problem := password_problem(password, user.username):
        raise Conflict(problem)
    user.set_password(password)
    db.session.flush()


@cache
def _dummy_hash() -> str:
    return generate_password_hash(secrets.token_hex(16))


def unusable_password_hash() -> str:
    """A hash no password matches (of a random secret nobody keeps), checked as slowly as any:
    for accounts that must be given a password before they can log in (a restored export)."""
    return _dummy_hash()


def authenticate(username: str, password: str) -> User | None:
    """The active user with this name and password, or None.

    An unknown name is checked against a dummy hash, so it takes as long as a wrong password
    and the answer time does not tell which names exist.
    """
    user = find_user(username)
    if user is None:
        check_password_hash(_dummy_hash(), password)
        return None
    if not user.check_password(password) or not user.active:
        return None
    return user


def revoke_sessions(user: User) -> None:
    """End every session of this user, including copies of their cookie (logout does this)."""
    user.session_token = secrets.token_urlsafe(16)
    db.session.flush()


def _other_active_admins(user: User) -> int:
    query = select(func.count(User.id)).where(
        User.role == Role.ADMIN, User.active.is_(True), User.id != user.id
    )
    return db.session.scalar(query) or 0


def check_account(user: User, actor: User | None) -> None:
    """Refuse an account change that locks you out, or leaves no active admin."""
    if user is actor and not user.active:
        raise Conflict("You cannot deactivate your own account.")
    if not (user.active and user.role is Role.ADMIN) and _other_active_admins(user) == 0:
        raise Conflict("At least one active admin must remain: make someone else admin first.")


def check_deletable(user: User, actor: User | None) -> None:
    if user is actor:
        raise Conflict("You cannot delete your own account.")
    if user.role is Role.ADMIN and _other_active_admins(user) == 0:
        raise Conflict("At least one active admin must remain: make someone else admin first.")


def update_account(
    user: User, changes: Mapping[str, Any], actor: User | None, expected_version: int | None
) -> User:
    """Change an account's role or whether it is active, as ``actor`` (an admin)."""
    return records.update_record(
        user,
        changes,
        actor,
        expected_version,
        what="user",
        fields=ACCOUNT_FIELDS,
        save=lambda account: check_account(account, actor),
    )


def delete_account(user: User, actor: User | None) -> None:
    check_deletable(user, actor)
    records.delete_record(user, actor, what="user", fields=("username", *ACCOUNT_FIELDS))


@dataclass(frozen=True)
class FirstAdmin:
    user: User
    #: The password, when this call generated it; None when the admin existed or it was given.
    generated_password: str | None


def ensure_admin(username: str, password: str | None) -> FirstAdmin | None:
    """Create the first admin if there is no active admin; None when one exists."""
    admins = select(User.id).where(User.role == Role.ADMIN, User.active.is_(True)).limit(1)
    if db.session.scalar(admins) is not None:
        return None
    if find_user(username) is not None:
        raise Conflict(
            f"There is no active admin, and the name {username!r} is taken. Make one with: "
            "flask --app wsgi users create NAME --role admin"
        )
    generated = None if password else secrets.token_urlsafe(12)
    user = create_user(username, password or generated, Role.ADMIN)
    return FirstAdmin(user, generated)
