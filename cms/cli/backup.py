"""``flask backup FILE`` and ``flask export DIR``: the collection out, whole."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from cms.services import backup as backups
from cms.services import export as exports
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
