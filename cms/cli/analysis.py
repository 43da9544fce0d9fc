"""``flask analyse [SLUG]`` and ``flask suggest SLUG [--json]``: run the analysers, list what
they propose."""

from __future__ import annotations

import json
import sys

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from cms.extensions import db
from cms.models import Article
from cms.services import analysis, analysis_run, suggestions


def _find(slug: str) -> Article:
    article = db.session.scalar(select(Article).where(Article.slug == slug))
    if article is None:
        raise click.ClickException(f"No article with the slug {slug!r}.")
    return article


@click.command("analyse")
@with_appcontext
@click.argument("slug", required=False)
@click.option(
    "--jobs",
    "workers",
    type=click.IntRange(min=0),
    default=None,
    help="Worker processes running the analysers beside this one (default: one per core "
    "beyond the first, at most four, for 1,000 articles or more; 0: all in this process).",
)
def analyse_command(slug: str | None, workers: int | None) -> None:
    """Propose tags, entities, a summary draft and related articles for every article (or one).

    An editor's decisions are kept; suggestions that no longer apply are dropped.
    """
    ids = (
        [_find(slug).id]
        if slug
        else list(db.session.scalars(select(Article.id).order_by(Article.id)))
    )
    db.session.rollback()  # end the read transaction: each chunk below writes in its own
    known = analysis.vocabulary()
    totals = analysis.AnalysisReport()
    with analysis_run.pool(known, workers, len(ids)) as pool:
        for label, run_pass in analysis_run.PASSES:
            with click.progressbar(length=len(ids), label=label, file=sys.stderr) as bar:
                report = run_pass(ids, pool, bar.update)
            if report is not None:
                totals = report
    click.echo(
        f"Analysed {totals.analysed} articles: {totals.created} new suggestions, "
        f"{totals.updated} updated, {totals.dropped} no longer applying dropped."
    )


@click.command("suggest")
@with_appcontext
@click.argument("slug")
@click.option("--json", "as_json", is_flag=True, help="A JSON list of objects instead of lines.")
def suggest_command(slug: str, as_json: bool) -> None:
    """List an article's pending suggestions: kind, value, score and reason."""
    pending = suggestions.pending(_find(slug))
    rows = [
        {"kind": s.kind.value, "value": s.value, "score": round(s.score, 3), "reason": s.reason}
        for s in pending
    ]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo(f"No pending suggestions for {slug}.")
    for row in rows:
        value = row["value"] if len(row["value"]) <= 70 else row["value"][:69] + "…"
        click.echo(f"{row['kind']:<9} {row['score']:.2f}  {value}  ({row['reason']})")
