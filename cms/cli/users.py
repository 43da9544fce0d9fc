"""``flask users ...``: create accounts, set passwords, make the first admin."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from cms.models import Role
from cms.services import logins, users
from cms.services.errors import ServiceError
from cms.services.transaction import write

users_group = AppGroup("users", help="Manage admin-panel users.")


@users_group.command("create")
@click.argument("name")
@click.option("--role", type=click.Choice([r.value for r in Role]), default=Role.EDITOR.value)
@click.password_option(help="The password (asked for when not given).")
def create(name: str, role: str, password: str) -> None:
    """Create a user who can log in to /admin/."""
    try:
        with write():
            users.create_user(name, password, Role(role))
    except ServiceError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Created {role} {name!r}.")


@users_group.command("set-password")
@click.argument("name")
@click.password_option(help="The new password (asked for when not given).")
def set_password(name: str, password: str) -> None:
    """Give a user a new password; their open sessions end."""
    user = users.find_user(name)
    if user is None:
        raise click.ClickException(f"No user named {name!r}.")
    try:
        with write():
            users.set_password(user, password)
    except ServiceError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Password changed for {user.username!r}.")


@users_group.command("unlock")
@click.argument("name")
def unlock(name: str) -> None:
    """Lift a login lockout: forget the account's failed logins (recorded in the audit log)."""
    user = users.find_user(name)
    if user is None:
        raise click.ClickException(f"No user named {name!r}.")
    with write():
        logins.unlock(user, actor=None)
    click.echo(f"{user.username!r} may log in again.")


@users_group.command("ensure-admin")
@click.option("--url", default="http://127.0.0.1:5000", help="Where the site will be served.")
def ensure_admin(url: str) -> None:
    """Create the first admin if there is none (ADMIN_USERNAME, ADMIN_PASSWORD), and say how
    to log in."""
    config = current_app.config
    try:
        with write():
            created = users.ensure_admin(config["ADMIN_USERNAME"], config["ADMIN_PASSWORD"])
    except ServiceError as error:
        raise click.ClickException(str(error)) from error
    login = f"{url}/login"
    if created is None:
        click.echo(f"Log in at {login} with your admin account.")
        click.echo("Forgot the password? flask --app wsgi users set-password NAME")
    elif created.generated_password:
        click.echo(f"Created the admin user. Log in at {login}")
        click.echo(f"    username: {created.user.username}")
        click.echo(f"    password: {created.generated_password}")
        click.echo(
            "This password is shown only once; change it with: "
            f"flask --app wsgi users set-password {created.user.username}"
        )
    else:
        click.echo(
            f"Created the admin user {created.user.username!r} with ADMIN_PASSWORD. "
            f"Log in at {login}"
        )
