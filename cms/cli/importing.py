"""``flask import PATH...``: import article files and folders as drafts, with a report."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from cms.extensions import db
from cms.models import ImportOutcome
from cms.services import importing
from cms.sqlite import IMMEDIATE

#: Files per transaction: short write transactions keep the site responsive during a big import.
CHUNK_SIZE = 50


@click.command("import")
@with_appcontext
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def import_command(paths: tuple[Path, ...]) -> None:
    """Import .txt and .md article files, or folders of them, as draft articles.

    Prints one line per rejected file with its reason, and exits with status 1 if any was.
    """
    files = list(importing.find_files(paths))
    db.session.connection(execution_options={IMMEDIATE: True})
    batch = importing.start_batch("cli", actor=None)
    batch_id = batch.id
    context = importing.pipeline_context()
    counts = dict.fromkeys(ImportOutcome, 0)
    rejected: list[str] = []
    with click.progressbar(files, label="Importing", file=sys.stderr) as bar:
        for n, file in enumerate(bar, start=1):
            item = importing.import_file(batch, file, context)
            counts[item.outcome] += 1
            if item.outcome is ImportOutcome.REJECTED:
                rejected.append(f"rejected {file.name}: {item.reason}")
            if n % CHUNK_SIZE == 0:
                db.session.commit()
                db.session.connection(execution_options={IMMEDIATE: True})
                batch = db.session.get(type(batch), batch_id)
                context = importing.pipeline_context()
    db.session.commit()
    for line in rejected:
        click.echo(line, err=True)
    click.echo(
        f"Import #{batch_id}: {counts[ImportOutcome.CREATED]} created, "
        f"{counts[ImportOutcome.DUPLICATE]} duplicates, {counts[ImportOutcome.REJECTED]} rejected."
    )
    if rejected:
        raise SystemExit(1)
