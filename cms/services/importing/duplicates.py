"""Duplicates on import: the same text again, or the same text under another headline.

The text's fingerprint (``content_hash``: whitespace and case normalised) finds them; the
title decides which of the two it is. One query per chunk finds the stored articles; the
chunk's own new articles are added as they are planned, so a file repeated inside one import
is found too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select

from cms.extensions import db
from cms.models import Article
from cms.pipeline.types import ExtractedArticle


@dataclass(eq=False)
class Known:
    """An article a document may duplicate: one stored before, or one new in this chunk."""

    slug: str
    title: str
    body: str
    alternative_titles: list[str] = field(default_factory=list)
    #: None for an article of this chunk until it is inserted.
    id: int | None = None
    #: True for an article this chunk creates.
    new: bool = False
    #: True once ``alternative_titles`` gained a headline that must be written back.
    alternatives_changed: bool = False

    @classmethod
    def stored(cls, row: tuple[int, str, str, str, str]) -> Known:
        """From a row of ``KNOWN_COLUMNS``."""
        id_, slug, title, body, alternatives = row
        titles = [t for t in alternatives.split("\n") if t]
        return cls(slug=slug, title=title, body=body, alternative_titles=titles, id=id_)

    def keep_alternative_title(self, title: str) -> bool:
        """Add ``title`` to the alternative titles; False if the article is known by it."""
        if normalise_title(title) in {normalise_title(t) for t in self.titles}:
            return False
        self.alternative_titles.append(title)
        self.alternatives_changed = True
        return True

    @property
    def titles(self) -> list[str]:
        return [self.title, *self.alternative_titles]


#: What ``Known.stored`` reads of an article.
KNOWN_COLUMNS = (Article.id, Article.slug, Article.title, Article.body, Article.alternative_titles)


@dataclass(frozen=True)
class ExactMatch:
    article: Known
    #: False when the same text arrived under another headline.
    same_title: bool


def normalise_title(title: str) -> str:
    return " ".join(title.casefold().split())


class ExactIndex:
    """Articles by content hash: the stored ones the chunk may repeat, then the chunk's own."""

    def __init__(self, hashes: Iterable[str]) -> None:
        self._by_hash: dict[str, list[Known]] = {}
        wanted = sorted(set(hashes))
        if wanted:
            rows = db.session.execute(
                select(*KNOWN_COLUMNS, Article.content_hash)
                .where(Article.content_hash.in_(wanted))
                .order_by(Article.id)
            )
            for *known, content_hash in rows:
                self.add(content_hash, Known.stored(tuple(known)))  # type: ignore[arg-type]

    def add(self, content_hash: str, article: Known) -> None:
        self._by_hash.setdefault(content_hash, []).append(article)

    def find(self, extracted: ExtractedArticle) -> ExactMatch | None:
        """An article with the same text, preferring one known under the same title."""
        candidates = self._by_hash.get(extracted.content_hash)
        if not candidates:
            return None
        wanted = normalise_title(extracted.title)
        for article in candidates:
            if wanted in (normalise_title(t) for t in article.titles if t):
                return ExactMatch(article, same_title=True)
        return ExactMatch(candidates[0], same_title=False)

    def changed_stored(self) -> list[Known]:
        """Stored articles that gained an alternative title in this chunk."""
        return [
            article
            for articles in self._by_hash.values()
            for article in articles
            if article.alternatives_changed and not article.new
        ]
