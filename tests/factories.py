"""Articles made through the services, for tests that need a collection of a given shape.

Call inside an app context; each helper commits, as an editor's save would.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from cms.extensions import db
from cms.models import (
    Article,
    ArticleStatus,
    Entity,
    EntityKind,
    Link,
    Mention,
    OutletKind,
    Relation,
)
from cms.models.base import name_key
from cms.pipeline.types import PartialDate
from cms.services import articles, links, publishing, taxonomy
from cms.slugs import slugify


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


def make_mention(article: Article, name: str, kind: EntityKind = EntityKind.PERSON) -> Entity:
    """The entity called ``name`` (made if new) mentioned once in ``article``'s body.

    A fixture, not a service: the entity services belong to the suggestions work; the
    offsets point at the name if the body has it, else at the start.
    """
    entity = db.session.scalar(select(Entity).where(Entity.name_key == name_key(name)))
    if entity is None:
        entity = Entity(name=name, slug=slugify(name), kind=kind)
        db.session.add(entity)
    start = max(0, article.body.find(name))
    db.session.add(
        Mention(article=article, entity=entity, start=start, end=start + len(name), surface=name)
    )
    db.session.commit()
    return entity
