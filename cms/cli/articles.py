"""``flask articles render``: store articles' bodies as readers see them (``Article.body_html``)."""

from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import func, select

from cms.extensions import db
from cms.models import Article
from cms.services import stored_html
from cms.services.transaction import write

articles_group = AppGroup("articles", help="Articles as a whole.")


@articles_group.command("render")
@click.option(
    "--all", "every", is_flag=True, help="Every article, not only those without a rendered body."
)
def render(every: bool) -> None:
    """Render bodies not yet stored (written outside the app); with --all, every body again:
    after a change to the rendering rules in cms/rendering.py."""
    counted = select(func.count(Article.id))
    if not every:
        counted = counted.where(Article.body_html.is_(None))
    total = db.session.scalar(counted) or 0
    with write(), click.progressbar(length=total, label="Rendering bodies") as bar:
        rendered = stored_html.render_bodies(only_missing=not every, progress=bar.update)
    click.echo(f"Rendered {rendered} bod{'y' if rendered == 1 else 'ies'}.")
