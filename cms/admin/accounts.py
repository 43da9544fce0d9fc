"""User accounts: admins only; role and active flag, changed through the users service."""

from __future__ import annotations

from typing import Any

from cms.admin.base import AdminOnlyModelView
from cms.models import User
from cms.services import users


class UserView(AdminOnlyModelView):
    """Admins manage accounts; passwords are set from the command line (flask users)."""

    record_type = "user"

    can_create = False
    column_list = ("username", "role", "active", "created_at")
    column_exclude_list = ("password_hash", "session_token")
    form_columns = ("role", "active")

    def update(self, model: User, changes: dict[str, Any], actor: Any, version: Any) -> User:
        return users.update_account(model, changes, actor, version)

    def delete(self, model: User, actor: Any) -> None:
        users.delete_account(model, actor)
