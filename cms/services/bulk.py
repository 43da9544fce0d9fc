"""Bulk work on many articles at once: status changes and tags, each article a normal save.

Every article goes through the same service as a single edit (rules, revision, audit), so a
bulk change is as traceable and undoable as one made by hand. The result counts what changed,
what already was so, and what was refused and why.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import defer

from cms.extensions import db
from cms.models import Article, ArticleStatus, Tag, User
from cms.services import articles, pending
from cms.services.errors import ServiceError


@dataclass
class BulkResult:
    changed: int = 0
    unchanged: int = 0
    #: (article title, reason) for each article the rules refused.
    refused: list[tuple[str, str]] = field(default_factory=list)

    def sentence(self, done: str, already: str) -> str:
        """ "Published 3 articles; 1 already was." in the caller's words."""
        parts = [f"{done} {self.changed} article{'' if self.changed == 1 else 's'}"]
        if self.unchanged:
            parts.append(f"{self.unchanged} {already}")
        if self.refused:
            reasons = "; ".join(f"{title!r}: {why}" for title, why in self.refused[:5])
            more = f" (and {len(self.refused) - 5} more)" if len(self.refused) > 5 else ""
            parts.append(f"{len(self.refused)} refused ({reasons}{more})")
        return "; ".join(parts) + "."


def _articles(ids: Iterable[int]) -> list[Article]:
    query = select(Article).where(Article.id.in_(list(ids))).options(defer(Article.raw))
    return list(db.session.scalars(query.order_by(Article.id)))


def change_status(ids: Iterable[int], new: ArticleStatus, actor: User | None) -> BulkResult:
    """Move each article to ``new`` where the transition table allows it.

    Publishing also publishes an article's pending changes, if it has any: on an article
    that is published already, that is all it does.
    """
    result = BulkResult()
    publishing = new is ArticleStatus.PUBLISHED
    for article in _articles(ids):
        waiting = pending.pending_of(article.id) if publishing else None
        if article.status is new and waiting is None:
            result.unchanged += 1
            continue
        try:
            with db.session.begin_nested():
                if article.status is not new:
                    articles.update_article(article, {"status": new}, actor, article.version)
                if waiting is not None:
                    pending.apply_pending(article, waiting, actor)
        except ServiceError as refusal:
            result.refused.append((article.title, str(refusal)))
        else:
            result.changed += 1
    return result


def add_tag(ids: Iterable[int], tag: Tag, actor: User | None) -> BulkResult:
    """Give each article ``tag``; those that have it already are counted, not touched."""
    result = BulkResult()
    for article in _articles(ids):
        if tag in article.tags:
            result.unchanged += 1
            continue
        articles.update_article(article, {"tags": [*article.tags, tag]}, actor, article.version)
        result.changed += 1
    return result


def remove_tag(ids: Iterable[int], tag: Tag, actor: User | None) -> BulkResult:
    """Take ``tag`` off each article that has it."""
    result = BulkResult()
    for article in _articles(ids):
        if tag not in article.tags:
            result.unchanged += 1
            continue
        remaining = [t for t in article.tags if t is not tag]
        articles.update_article(article, {"tags": remaining}, actor, article.version)
        result.changed += 1
    return result
