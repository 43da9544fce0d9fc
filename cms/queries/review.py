"""What needs an editor's eye: articles with pending suggestions or open import warnings.
One definition, shared by the article list's filter and the dashboard's queue."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, exists, func, or_, select

from cms.extensions import db
from cms.models import Article, ImportWarning, Suggestion, SuggestionState


def _pending() -> ColumnElement[bool]:
    return Suggestion.state == SuggestionState.PENDING


def needs_review() -> ColumnElement[bool]:
    """A WHERE clause on ``Article``: it has something waiting for an editor's decision."""
    suggestion = exists().where(Suggestion.article_id == Article.id, _pending())
    warning = exists().where(
        ImportWarning.article_id == Article.id, ImportWarning.resolved_at.is_(None)
    )
    return or_(suggestion, warning)


def pending_counts(article_ids: Sequence[int]) -> dict[int, int]:
    """How many pending suggestions each of these articles has (absent: none)."""
    if not article_ids:
        return {}
    query = (
        select(Suggestion.article_id, func.count())
        .where(Suggestion.article_id.in_(list(article_ids)), _pending())
        .group_by(Suggestion.article_id)
    )
    return {article_id: count for article_id, count in db.session.execute(query)}
