"""Access to the admin: every view, the dashboard included, mixes this in."""

from __future__ import annotations

from flask import abort, redirect, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response


class EditorsOnly:
    """Open to logged-in, active editors and admins; anonymous visitors are sent to log in."""

    admin_only = False

    def is_accessible(self) -> bool:
        if not current_user.is_authenticated:
            return False
        return current_user.is_admin or not self.admin_only

    def inaccessible_callback(self, name: str, **kwargs: object) -> Response:
        if current_user.is_authenticated:
            abort(403)
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


class AdminsOnly(EditorsOnly):
    admin_only = True
