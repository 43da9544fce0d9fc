"""Login (GET form, POST credentials) and logout (POST only, so no link can log you out)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required, login_user, logout_user

from cms.auth import bp
from cms.auth.forms import LoginForm
from cms.extensions import db, login_manager
from cms.models import User
from cms.redirects import safe_next
from cms.services import logins, users
from cms.services.throttle import Refusal
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
        outcome = logins.attempt(
            form.username.data or "", form.password.data or "", request.remote_addr or ""
        )
        if outcome.user is not None:
            session.pop("csrf_token", None)  # a token seen before login is no use after it
            login_user(outcome.user, remember=form.remember.data)
            return redirect(_next_page())
        if outcome.refusal is not None:
            return _too_many_failures(form, outcome.refusal)
        flash("Wrong username or password.", "error")
    return render_template("auth/login.html", form=form), 200 if request.method == "GET" else 401


def _too_many_failures(form: LoginForm, refusal: Refusal) -> ResponseReturnValue:
    minutes = max(1, round(refusal.retry_after / 60))
    if refusal.lockout:
        flash(
            "Too many failed logins for this account: it is locked. An admin can unlock it "
            f"(or try again in about {minutes} minutes).",
            "error",
        )
    else:
        flash(f"Too many failed logins. Try again in about {minutes} minute(s).", "error")
    page = render_template("auth/login.html", form=form)
    return page, 429, {"Retry-After": str(refusal.retry_after)}


@bp.post("/logout")
@login_required
def logout() -> ResponseReturnValue:
    with write():
        users.revoke_sessions(current_user._get_current_object())
    logout_user()
    flash("You are logged out.", "info")
    return redirect(url_for("public.home"))
