"""Where an old slug leads now: the current slug of the record it belonged to."""

from __future__ import annotations

from sqlalchemy import select

from cms.extensions import db
from cms.models import Article, ArticleStatus, Outlet, SlugRedirect, Tag

_MODELS = {"article": Article, "tag": Tag, "outlet": Outlet}


def current_slug(kind: str, old_slug: str) -> str | None:
    """The slug to redirect ``old_slug`` to, or None; articles only while published."""
    model = _MODELS[kind]
    query = (
        select(model.slug)
        .join(SlugRedirect, SlugRedirect.target_id == model.id)
        .where(SlugRedirect.kind == kind, SlugRedirect.old_slug == old_slug)
    )
    if model is Article:
        query = query.where(Article.status == ArticleStatus.PUBLISHED)
    slug = db.session.scalar(query)
    return slug if slug and slug != old_slug else None
