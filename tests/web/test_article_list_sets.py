"""The article list's set filters pick the same articles as the shared definitions."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from cms.admin.article_list import needing_review_ids
from cms.extensions import db
from cms.models import Article, ImportWarning, Suggestion, SuggestionKind, SuggestionState
from cms.queries.review import needs_review
from tests.factories import make_article


def _suggest(article: Article, state: SuggestionState, key: str) -> None:
    db.session.add(
        Suggestion(
            article_id=article.id,
            kind=SuggestionKind.TAG,
            value=key,
            key=key,
            reason="test",
            source="test",
            state=state,
        )
    )


def _warn(article: Article, resolved: bool) -> None:
    when = dt.datetime(2026, 1, 1, tzinfo=dt.UTC) if resolved else None
    db.session.add(
        ImportWarning(article_id=article.id, field="date", kind="missing", resolved_at=when)
    )


def test_needs_review_as_a_set_is_the_dashboards_definition(app_context) -> None:
    plain, suggested, dismissed, warned, resolved, both = (
        make_article(f"Article {n}") for n in range(6)
    )
    _suggest(suggested, SuggestionState.PENDING, "a")
    _suggest(dismissed, SuggestionState.DISMISSED, "b")
    _warn(warned, resolved=False)
    _warn(resolved, resolved=True)
    _suggest(both, SuggestionState.PENDING, "c")
    _warn(both, resolved=False)
    db.session.commit()

    def ids(condition) -> set[int]:
        return set(db.session.scalars(select(Article.id).where(condition)))

    expected = {suggested.id, warned.id, both.id}
    assert ids(needs_review()) == expected
    assert ids(Article.id.in_(needing_review_ids())) == expected
    assert ids(~Article.id.in_(needing_review_ids())) == {plain.id, dismissed.id, resolved.id}
