"""``flask import PATH...``: import files, folders and zips as drafts, with a report.

A progress bar on a terminal, plain lines otherwise; then one line per rejected or skipped
file with its reason, and a summary. Exit status 1 if any file was rejected.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click
from flask import current_app
from flask.cli import with_appcontext

from cms import sqlite
from cms.extensions import db
from cms.models import ImportOutcome
from cms.pipeline.types import Limits
from cms.services import importing
from cms.services.export_format import is_export
from cms.services.importing import InputFile, ReportLine
from cms.services.importing.analyse import analyse_created
from cms.services.importing.extracting import PARALLEL_FROM, default_workers
from cms.services.importing.settings import limits_from


@click.command("import")
@with_appcontext
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--no-analyse", is_flag=True, help="Skip the analysis phase (for bulk loads; run it later)."
)
@click.option(
    "--jobs",
    type=click.IntRange(min=0, max=32),
    default=None,
    help="Processes reading files beside the one storing them (default: one per core beyond "
    f"the first, for {PARALLEL_FROM} files or more; 0: read them in this process).",
)
def import_command(paths: tuple[Path, ...], no_analyse: bool, jobs: int | None) -> None:
    """Import .txt, .md, .html, .json, .jsonl and .zip files, or folders of them, as drafts.

    Prints one line per rejected or skipped file with its reason, and exits with status 1 if
    any file was rejected.
    """
    _refuse_exports(paths)
    # Counted in a first walk and found again as they are imported: a list of 100,000 files
    # would hold 60 MB for the whole import.
    count = sum(1 for _ in importing.find_files(paths))
    limits = limits_from(current_app.config)
    if jobs is None:
        jobs = default_workers() if count >= PARALLEL_FROM else 0
    with sqlite.bulk_load(db.engine):
        report = _import(importing.find_files(paths), count, limits, jobs)
    for line in report.lines:
        if line.outcome in (ImportOutcome.REJECTED, ImportOutcome.SKIPPED):
            click.echo(f"{line.outcome.value} {line.name}: {line.reason}", err=True)
    click.echo(report.summary())
    if not no_analyse and report.created_ids:
        _analyse(report.created_ids)
    if report.rejected:
        raise SystemExit(1)


def _import(
    files: Iterable[InputFile], count: int, limits: Limits, jobs: int
) -> importing.ImportReport:
    """The import phase: a progress bar on a terminal, a plain line per file otherwise."""
    if not sys.stderr.isatty():
        return importing.import_files(
            files, channel="cli", limits=limits, on_file=_plain_line, workers=jobs
        )
    with click.progressbar(length=count, label="Importing", file=sys.stderr) as bar:
        return importing.import_files(
            files,
            channel="cli",
            limits=limits,
            on_file=lambda f, lines: bar.update(1),
            workers=jobs,
        )


def _refuse_exports(paths: tuple[Path, ...]) -> None:
    """An export's folder holds tables, not articles to import: say what to run instead."""
    for path in paths:
        if path.is_dir() and is_export(path):
            raise click.ClickException(
                f"{path} is an export made by `flask export`. To bring the whole collection "
                f"back into an empty database: flask --app wsgi restore {path}. To import only "
                f"its articles, as new drafts: flask --app wsgi import {path / 'articles'}"
            )


def _analyse(ids: list[int]) -> None:
    """The second phase, with its own progress (one bar per pass on a terminal)."""
    if sys.stderr.isatty():
        bars: dict[str, Any] = {}

        def on_chunk(label: str, done: int) -> None:
            if label not in bars:
                for bar in bars.values():
                    bar.render_finish()
                bars[label] = click.progressbar(length=len(ids), label=label, file=sys.stderr)
            bars[label].update(done)

        totals = analyse_created(ids, on_chunk)
        for bar in bars.values():
            bar.render_finish()
    else:
        totals = analyse_created(ids, lambda label, done: None)
        click.echo(f"Analysis: {len(ids)} articles indexed, profiled and analysed.", err=True)
    click.echo(f"Analysed {totals.analysed} articles: {totals.created} new suggestions.")


def _plain_line(file: InputFile, lines: list[ReportLine]) -> None:
    outcomes = ", ".join(sorted({line.outcome.value for line in lines})) or "nothing"
    click.echo(f"{file.name}: {outcomes}", err=True)
