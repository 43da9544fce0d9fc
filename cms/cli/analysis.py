"""``flask analyse [SLUG]`` and ``flask suggest SLUG [--json]``: run the analysers, list what
they propose."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from cms.extensions import db
from cms.models import Article
from cms.services import analysis, suggestions
from cms.services.transaction import write

#: Articles per write transaction: short transactions keep the site responsive meanwhile.
CHUNK_SIZE = 200


def _find(slug: str) -> Article:
    article = db.session.scalar(select(Article).where(Article.slug == slug))
    if article is None:
        raise click.ClickException(f"No article with the slug {slug!r}.")
    return article


@click.command("analyse")
@with_appcontext
@click.argument("slug", required=False)
def analyse_command(slug: str | None) -> None:
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
    _in_chunks("Indexing", ids, analysis.index_articles)
    _in_chunks("Profiling", ids, lambda chunk: analysis.profile_articles(chunk, known))
    totals = analysis.AnalysisReport()

    def suggest(chunk: Sequence[int]) -> None:
        report = analysis.suggest_articles(chunk, known)
        totals.analysed += report.analysed
        totals.created += report.created
        totals.updated += report.updated
        totals.dropped += report.dropped

    _in_chunks("Suggesting", ids, suggest)
    click.echo(
        f"Analysed {totals.analysed} articles: {totals.created} new suggestions, "
        f"{totals.updated} updated, {totals.dropped} no longer applying dropped."
    )


def _in_chunks(label: str, ids: list[int], step: Callable[[Sequence[int]], None]) -> None:
    """Run ``step`` over ``ids`` a chunk per transaction, with a progress bar on a terminal."""
    with click.progressbar(length=len(ids), label=label, file=sys.stderr) as bar:
        for start in range(0, len(ids), CHUNK_SIZE):
            chunk = ids[start : start + CHUNK_SIZE]
            with write():
                step(chunk)
            db.session.expunge_all()  # memory stays flat however large the collection
            bar.update(len(chunk))


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
