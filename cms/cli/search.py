"""``flask search reindex``: rebuild the search index from the database, with a progress bar."""

from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import func, select

from cms.extensions import db
from cms.models import Article
from cms.services import search
from cms.services.transaction import write

search_group = AppGroup("search", help="The full-text search index.")


@search_group.command("reindex")
@click.option("--if-empty", is_flag=True, help="Only when articles exist but none is indexed.")
def reindex(if_empty: bool) -> None:
    """Rebuild the index from every article: after a restore or a change made outside the app."""
    if if_empty and not search.needs_rebuild():
        return
    total = db.session.scalar(select(func.count(Article.id))) or 0
    with write(), click.progressbar(length=total, label="Indexing articles") as bar:
        indexed = search.reindex(bar.update)
    click.echo(f"Indexed {indexed} article{'' if indexed == 1 else 's'}.")
