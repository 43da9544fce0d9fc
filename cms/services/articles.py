"""Editing articles: the one path by which an article's fields change after import."""

from __future__ import annotations

import re

from sqlalchemy import select

from cms.extensions import db
from cms.models import Article, User
from cms.pipeline.fingerprint import content_hash
from cms.pipeline.types import PartialDate
from cms.services.errors import Conflict
from cms.slugs import slugify, unique_slug

_WORD = re.compile(r"\w+")


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def _slug_taken(exclude_id: int | None = None):
    def is_taken(slug: str) -> bool:
        query = select(Article.id).where(Article.slug == slug)
        if exclude_id is not None:
            query = query.where(Article.id != exclude_id)
        return db.session.scalar(query) is not None

    return is_taken


def new_article_slug(title: str) -> str:
    return unique_slug(title, _slug_taken())


def set_published_date(article: Article, date: PartialDate | None) -> None:
    """Set the date with its precision together: the database refuses one without the other."""
    article.published_on = date.value if date else None
    article.date_precision = date.precision if date else None


def prepare_for_save(article: Article, actor: User | None, expected_version: int | None) -> None:
    """Check and tidy an article an editor changed, before it is flushed.

    ``expected_version`` is the version the editor's form was based on: if someone else saved in
    between, the save is refused rather than silently overwriting their work.
    """
    if expected_version is not None and article.version != expected_version:
        raise Conflict(
            "Someone else saved this article while you were editing it. "
            "Reload it, then make your change again."
        )
    article.title = " ".join(article.title.split())
    if not article.title:
        raise Conflict("An article needs a title.")
    article.slug = slugify(article.slug) if article.slug else ""
    if not article.slug or _slug_taken(article.id)(article.slug):
        article.slug = unique_slug(article.slug or article.title, _slug_taken(article.id))
    if (article.published_on is None) != (article.date_precision is None):
        raise Conflict("Give the date and its precision together, or neither.")
    if not article.content_hash:  # made by hand, not imported
        article.content_hash = content_hash(article.body)
    article.word_count = word_count(article.body)
    db.session.add(article)
    db.session.flush()
