"""Duplicates on import: the same text again, or the same text under another headline.

The text's fingerprint (``content_hash``: whitespace and case normalised) finds them; the
title decides which of the two it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from cms.extensions import db
from cms.models import Article
from cms.pipeline.types import ExtractedArticle


@dataclass(frozen=True)
class ExactMatch:
    article: Article
    #: False when the same text arrived under another headline.
    same_title: bool


def normalise_title(title: str) -> str:
    return " ".join(title.casefold().split())


def find_exact(extracted: ExtractedArticle) -> ExactMatch | None:
    """An article with the same text, preferring one with the same title."""
    candidates = db.session.scalars(
        select(Article).where(Article.content_hash == extracted.content_hash).order_by(Article.id)
    ).all()
    if not candidates:
        return None
    wanted = normalise_title(extracted.title)
    for article in candidates:
        titles = [article.title, *article.alternative_titles.split("\n")]
        if wanted in (normalise_title(t) for t in titles if t):
            # Known under this headline already (as its title or an alternative one).
            return ExactMatch(article, same_title=True)
    return ExactMatch(candidates[0], same_title=False)


def keep_alternative_title(article: Article, title: str) -> bool:
    """Add ``title`` to the article's alternative titles; False if it was already there."""
    titles = [t for t in article.alternative_titles.split("\n") if t]
    known = {normalise_title(t) for t in (article.title, *titles)}
    if normalise_title(title) in known:
        return False
    article.alternative_titles = "\n".join([*titles, title])
    return True
