"""Articles' bodies stored as readers see them (``Article.body_html``), rendered when saved.

The public article page showed ``body`` through ``cms.rendering.markdown_to_html`` (Markdown,
then nh3's sanitiser) on every request: a fifth of the page's CPU. ``articles.prepare_for_save``
stores its HTML beside it with the same function (so the rules stay in ``cms.rendering``), and
every way to publication passes there: an editor's save, creating, bulk publishing (an
``update_article`` each), publishing pending changes, restoring from the trash or a revision,
seeding. The importer's rows are drafts, which readers never see, and leave it NULL: they are
rendered when published, and rendering each at import too (0.3 ms of the store process's CPU,
a tenth of an imported article's) would be done twice. Where it is NULL on a published article
(a row written with SQL) the page renders ``body`` itself; ``render_bodies`` fills it in (a
restore calls it), and ``flask articles render --all`` renders every article again, a chunk a
transaction, when the rules change.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import bindparam, select, update

from cms.extensions import db
from cms.models import Article
from cms.rendering import markdown_to_html

#: Articles rendered and written per statement pair.
CHUNK = 500


def body_html_of(body: str) -> str:
    """What readers see of ``body``: rendered and sanitised, as the page would render it."""
    return str(markdown_to_html(body))


def render_bodies(
    only_missing: bool = True, progress: Callable[[int], None] = lambda _n: None
) -> int:
    """Store every article's rendered body (only those without one, by default), a chunk at
    a time by id; how many were rendered. Call it inside ``write()``: one transaction (a
    restore's); ``render_next`` lets a long run commit chunk by chunk instead."""
    rendered, last = 0, 0
    while True:
        count, last = render_next(last, only_missing)
        if not count:
            return rendered
        rendered += count
        progress(count)


def render_next(after_id: int, only_missing: bool = True) -> tuple[int, int]:
    """Render and store the bodies of the next ``CHUNK`` articles after id ``after_id`` (only
    those without one, if ``only_missing``): (how many, the last id). Call it inside
    ``write()``."""
    a = Article.__table__.c
    query = select(a.id, a.body).where(a.id > after_id).order_by(a.id).limit(CHUNK)
    if only_missing:
        query = query.where(a.body_html.is_(None))
    rows = db.session.execute(query).all()
    if rows:
        db.session.execute(
            _STORE, [{"row_id": id_, "body_html": body_html_of(body)} for id_, body in rows]
        )
    return len(rows), rows[-1][0] if rows else after_id


#: A derived column, not an edit: the article's version and ``updated_at`` stay as they were
#: (an editor's open form stays valid; feeds and sitemaps do not report a change).
_STORE = (
    update(Article.__table__)
    .where(Article.__table__.c.id == bindparam("row_id"))
    .values(updated_at=Article.__table__.c.updated_at)
)
