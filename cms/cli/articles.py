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
    rendered, last = 0, 0
    # A transaction per chunk: editors' saves wait for one chunk, not for the whole run.
    with click.progressbar(length=total, label="Rendering bodies") as bar:
        while True:
            with write():
                count, last = stored_html.render_next(last, only_missing=not every)
            if not count:
                break
            rendered += count
            bar.update(count)
    click.echo(f"Rendered {rendered} bod{'y' if rendered == 1 else 'ies'}.")
