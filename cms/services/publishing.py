"""Status changes: which are allowed is data in one table, enforced here and nowhere else."""

from __future__ import annotations

from cms.extensions import db
from cms.models import Article, ArticleStatus, User
from cms.models.base import utcnow
from cms.services.errors import NotAllowed

DRAFT, IN_REVIEW, PUBLISHED, ARCHIVED = (
    ArticleStatus.DRAFT,
    ArticleStatus.IN_REVIEW,
    ArticleStatus.PUBLISHED,
    ArticleStatus.ARCHIVED,
)

#: From each status, where an article may go next.
TRANSITIONS: dict[ArticleStatus, frozenset[ArticleStatus]] = {
    DRAFT: frozenset({IN_REVIEW, PUBLISHED, ARCHIVED}),
    IN_REVIEW: frozenset({DRAFT, PUBLISHED, ARCHIVED}),
    PUBLISHED: frozenset({DRAFT, ARCHIVED}),
    ARCHIVED: frozenset({DRAFT}),
}


def check_transition(old: ArticleStatus, new: ArticleStatus) -> None:
    if new != old and new not in TRANSITIONS[old]:
        allowed = ", ".join(sorted(s.value for s in TRANSITIONS[old]))
        raise NotAllowed(f"An article that is {old.value} can only become: {allowed}.")


def publication_problems(article: Article) -> list[str]:
    """What stops an article from being published, in words; empty when it may go out."""
    problems = []
    if not article.title.strip():
        problems.append("it has no title")
    if not article.body.strip():
        problems.append("it has no text")
    return problems


def change_status(article: Article, new: ArticleStatus, actor: User | None) -> None:
    """Move an article to ``new``, checking the transition table and, to publish, the article."""
    old = article.status
    check_transition(old, new)
    if new is PUBLISHED and old is not PUBLISHED:
        if problems := publication_problems(article):
            raise NotAllowed("Cannot publish: " + "; ".join(problems) + ".")
        article.published_at = utcnow()
    article.status = new
    db.session.flush()
