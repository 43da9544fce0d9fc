"""Login (GET form, POST credentials) and logout (POST only, so no link can log you out)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required, login_user, logout_user

from cms.auth import bp
from cms.auth.forms import LoginForm
from cms.extensions import db, login_manager
from cms.models import User
from cms.redirects import safe_next
from cms.services import users
from cms.services.transaction import write

login_manager.login_view = "auth.login"
login_manager.login_message = "Please log in to see that page."
login_manager.login_message_category = "info"


@login_manager.user_loader
def _load_user(user_id: str) -> User | None:
    """Find the user by ``id:session_token``: a revoked token (after logout) no longer loads."""
    ident, _, token = user_id.partition(":")
    if not ident.isdigit():
        return None
    user = db.session.get(User, int(ident))
    if user is None or not user.active or user.session_token != token:
        return None
    return user


def _next_page() -> str:
    return safe_next(request.args.get("next"), url_for("admin.index"))


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(_next_page())
    form = LoginForm()
    if form.validate_on_submit():
        user = users.authenticate(form.username.data or "", form.password.data or "")
        if user is not None:
            login_user(user, remember=form.remember.data)
            return redirect(_next_page())
        flash("Wrong username or password.", "error")
    return render_template("auth/login.html", form=form), 200 if request.method == "GET" else 401


@bp.post("/logout")
@login_required
def logout() -> ResponseReturnValue:
    with write():
        users.revoke_sessions(current_user._get_current_object())
    logout_user()
    flash("You are logged out.", "info")
    return redirect(url_for("public.home"))
