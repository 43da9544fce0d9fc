"""Needs-review counts for the dashboard and the article list."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import func, select

from cms.extensions import db
from cms.models import Article, Suggestion, SuggestionState
from cms.queries import suggestions as review
from cms.services import suggestions
from cms.services.transaction import write


def test_counts_follow_decisions(seeded: Flask, count_queries) -> None:
    with seeded.app_context():
        ids = list(db.session.scalars(select(Article.id).order_by(Article.id)))
        total = review.needs_review_count()
        assert total == db.session.scalar(
            select(func.count()).where(Suggestion.state == SuggestionState.PENDING)
        )
        with count_queries() as queries:
            per_article = review.needs_review_counts(ids)
        assert len(queries) == 1
        assert sum(per_article.values()) == total
        assert review.articles_needing_review() == 5
        first = suggestions.pending(db.session.get(Article, ids[0]))[0]
        with write():
            suggestions.dismiss(first, actor=None)
        assert review.needs_review_count(ids[0]) == per_article[ids[0]] - 1
        assert review.needs_review_count() == total - 1
        groups = review.pending_by_kind(ids[0])
        assert sum(len(items) for _, items in groups) == per_article[ids[0]] - 1
