"""Articles made through the services, for tests that need a collection of a given shape.

Call inside an app context; each helper commits, as an editor's save would.
"""

from __future__ import annotations

from collections.abc import Sequence

from cms.extensions import db
from cms.models import Article, ArticleStatus, Link, OutletKind, Relation
from cms.pipeline.types import PartialDate
from cms.services import articles, links, publishing, taxonomy


def make_article(
    title: str,
    *,
    outlet: str | None = "Test Outlet",
    outlet_kind: OutletKind | None = None,
    tags: Sequence[str] = (),
    date: str | None = "2023-05-17",
    status: ArticleStatus = ArticleStatus.PUBLISHED,
    body: str | None = None,
    summary: str = "",
) -> Article:
    """An article saved and moved to ``status`` by the same services an editor's save uses."""
    article = Article(
        title=title,
        slug="",
        body=body if body is not None else f"{title}. A paragraph of text about it.",
        summary=summary,
        raw="",
        content_hash="",
        status=ArticleStatus.DRAFT,
    )
    db.session.add(article)
    if outlet:
        article.outlet = taxonomy.get_or_create_outlet(outlet)
        if outlet_kind is not None:
            article.outlet.kind = outlet_kind
    article.tags = taxonomy.tags_named(tags)
    articles.set_published_date(article, PartialDate.parse(date) if date else None)
    articles.prepare_for_save(article, None, None)
    if status is not ArticleStatus.DRAFT:
        publishing.change_status(article, status, None)
    db.session.commit()
    return article


def make_link(source: Article, target: Article, relation: Relation = Relation.RELATED) -> Link:
    link = links.link_articles(source, target, relation, "", None)
    db.session.commit()
    return link
