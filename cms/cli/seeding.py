"""``flask seed [DIR]``: import the seed folder and apply its curation file."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from cms.extensions import db
from cms.models import Article
from cms.services import seeding
from cms.services.errors import ServiceError
from cms.services.transaction import write

DEFAULT_SEED_DIR = Path(__file__).resolve().parents[2] / "seed"


@click.command("seed")
@with_appcontext
@click.argument(
    "folder", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path)
)
@click.option("--if-empty", is_flag=True, help="Do nothing if the database has any article.")
def seed_command(folder: Path | None, if_empty: bool) -> None:
    """Import the seed articles and their curation (default: the project's seed/ folder).

    Running it again changes nothing: files already imported are recognised as duplicates.
    """
    folder = folder or DEFAULT_SEED_DIR
    if if_empty and db.session.scalar(select(Article.id).limit(1)) is not None:
        click.echo("The database already has articles: not seeding.")
        return
    try:
        # Five files: one transaction, so a bad curation file leaves nothing half-written.
        with write():
            report = seeding.seed(folder)
    except ServiceError as error:
        raise click.ClickException(str(error)) from error
    for name, reason in report.rejected:
        click.echo(f"rejected {name}: {reason}", err=True)
    if report.changed_anything:
        click.echo(
            f"Seeded {len(report.created)} articles and {report.links_created} links from {folder}."
        )
    else:
        click.echo(f"Nothing to do: all {len(report.duplicates)} seed articles are already here.")
    if report.rejected:
        raise SystemExit(1)
