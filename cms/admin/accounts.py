"""User accounts: admins only; role and active flag, changed through the users service.

Admins also see which accounts are locked after failed logins, and can unlock them.
"""

from __future__ import annotations

from typing import Any

from flask import flash
from flask_admin.actions import action
from sqlalchemy import select

from cms.admin.base import AdminOnlyModelView
from cms.extensions import db
from cms.models import User
from cms.services import logins, users


def _login_state(view: Any, context: Any, model: User, name: str) -> str:
    return "locked" if logins.is_locked(model) else ""


class UserView(AdminOnlyModelView):
    """Admins manage accounts; passwords are set from the command line (flask users)."""

    record_type = "user"

    can_create = False
    column_list = ("username", "role", "active", "login", "created_at")
    column_formatters = {"login": _login_state}
    column_exclude_list = ("password_hash", "session_token")
    form_columns = ("role", "active")

    def update(self, model: User, changes: dict[str, Any], actor: Any, version: Any) -> User:
        return users.update_account(model, changes, actor, version)

    def delete(self, model: User, actor: Any) -> None:
        users.delete_account(model, actor)

    @action("unlock", "Unlock login", "Let these users try to log in again?")
    def action_unlock(self, ids: list[str]) -> None:
        chosen = db.session.scalars(select(User).where(User.id.in_([int(i) for i in ids])))
        for user in chosen:
            logins.unlock(user, self.actor())
        flash("Unlocked: the failed logins of the selected users are forgotten.", "success")
