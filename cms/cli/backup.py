"""``flask backup FILE``, ``flask export DIR`` and ``flask restore DIR``: the collection out, whole,
and an export back in."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from cms.services import backup as backups
from cms.services import export as exports
from cms.services import export_restore
from cms.services.errors import ServiceError


@click.command("backup")
@with_appcontext
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(file: Path) -> None:
    """Copy the database to FILE while the site keeps running, then check the copy."""
    try:
        report = backups.backup(file)
    except ServiceError as error:
        raise click.ClickException(str(error)) from error
    click.echo(
        f"Backed up to {report.path} ({report.size_bytes / 1e6:.1f} MB, "
        f"{report.tables.get('articles', 0)} articles) in {report.seconds:.1f} s; "
        "integrity check: ok."
    )


@click.command("export")
@with_appcontext
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def export_command(folder: Path) -> None:
    """Write every article as JSON the importer reads, and every table, into FOLDER."""
    try:
        report = exports.export(folder)
    except ServiceError as error:
        raise click.ClickException(str(error)) from error
    click.echo(
        f"Exported {report.articles} articles and {len(report.tables)} tables to {report.folder}."
    )


@click.command("restore")
@with_appcontext
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
def restore_command(folder: Path) -> None:
    """Load an export made by `flask export` into this empty database: the same collection.

    All or nothing. Users come back without passwords: give each one with
    `flask users set-password NAME` before they log in.
    """
    try:
        report = export_restore.restore(
            folder, lambda table, rows: click.echo(f"{table}: {rows} rows", err=True)
        )
    except ServiceError as error:
        raise click.ClickException(str(error)) from error
    rows = sum(report.tables.values())
    click.echo(
        f"Restored {report.tables.get('articles', 0)} articles ({rows} rows in "
        f"{len(report.tables)} tables) from {report.folder}; search index rebuilt "
        f"({report.indexed} articles)."
    )
    if report.users_without_password:
        names = ", ".join(report.users_without_password)
        click.echo(
            f"{len(report.users_without_password)} users restored without passwords ({names}): "
            "none can log in until given one with: flask --app wsgi users set-password NAME"
        )
