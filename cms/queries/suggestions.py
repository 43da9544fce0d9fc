"""Suggestions waiting for an editor: counts for the dashboard and the article list, and one
article's pending suggestions grouped by kind for its edit page."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select

from cms.extensions import db
from cms.models import Suggestion, SuggestionKind, SuggestionState

PENDING = Suggestion.state == SuggestionState.PENDING


def needs_review_count(article_id: int | None = None) -> int:
    """Pending suggestions of one article, or of the whole collection."""
    query = select(func.count()).select_from(Suggestion).where(PENDING)
    if article_id is not None:
        query = query.where(Suggestion.article_id == article_id)
    return db.session.scalar(query) or 0


def articles_needing_review() -> int:
    """How many articles have at least one pending suggestion."""
    return (
        db.session.scalar(select(func.count(func.distinct(Suggestion.article_id))).where(PENDING))
        or 0
    )


def needs_review_counts(article_ids: Iterable[int]) -> dict[int, int]:
    """Pending suggestions per article, for a page of the article list (one query)."""
    ids = list(article_ids)
    if not ids:
        return {}
    rows = db.session.execute(
        select(Suggestion.article_id, func.count())
        .where(PENDING, Suggestion.article_id.in_(ids))
        .group_by(Suggestion.article_id)
    )
    return {article_id: count for article_id, count in rows}


def pending_by_kind(article_id: int) -> list[tuple[SuggestionKind, list[Suggestion]]]:
    """The article's pending suggestions, grouped by kind in a fixed order, best first."""
    found = db.session.scalars(
        select(Suggestion)
        .where(PENDING, Suggestion.article_id == article_id)
        .order_by(Suggestion.score.desc(), Suggestion.value)
    )
    groups: dict[SuggestionKind, list[Suggestion]] = {kind: [] for kind in SuggestionKind}
    for suggestion in found:
        groups[suggestion.kind].append(suggestion)
    return [(kind, items) for kind, items in groups.items() if items]
