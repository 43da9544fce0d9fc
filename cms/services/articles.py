"""Editing articles: the one path by which an article's fields change after import."""

from __future__ import annotations

import re

from sqlalchemy import inspect

from cms.extensions import db
from cms.models import Article, ArticleStatus, User
from cms.pipeline.fingerprint import content_hash
from cms.pipeline.front_matter import is_web_address
from cms.pipeline.types import PartialDate
from cms.services import publishing
from cms.services.errors import Conflict
from cms.services.slugs import free_slug

_WORD = re.compile(r"\w+")


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def new_article_slug(title: str) -> str:
    return free_slug(Article, title)


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
    article.title = " ".join((article.title or "").split())
    if not article.title:
        raise Conflict("An article needs a title.")
    if (article.published_on is None) != (article.date_precision is None):
        raise Conflict("Give the date and its precision together, or neither.")
    if article.url and not is_web_address(article.url):
        raise Conflict("The original URL must be a web address starting with http:// or https://.")
    article.slug = free_slug(Article, article.slug or article.title, article.id)
    if article.published_date is not None:
        # An editor picks "any day in" a month or year; store its first day, so sorting and
        # the year filter treat every article of that month alike.
        set_published_date(article, article.published_date.truncated())
    if not article.content_hash:  # made by hand, not imported
        article.content_hash = content_hash(article.body)
    article.word_count = word_count(article.body)
    db.session.add(article)
    db.session.flush()


def save_editor_changes(
    article: Article, actor: User | None, expected_version: int | None, is_new: bool
) -> None:
    """Check and save an editor's changes, already applied to ``article`` by a form.

    A changed status is taken back and made again through the publishing rules, so a form
    cannot move an article where the transition table does not allow.
    """
    history = inspect(article).attrs.status.history
    wanted = article.status
    if history.deleted:
        article.status = history.deleted[0]
    elif is_new:
        article.status = ArticleStatus.DRAFT
    prepare_for_save(article, actor, expected_version)
    publishing.change_status(article, wanted, actor)
