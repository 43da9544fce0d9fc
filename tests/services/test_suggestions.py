"""The suggestion store on real SQLite: decisions survive re-runs, stale proposals go."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select, update

from cms.extensions import db
from cms.models import Article, Suggestion, SuggestionKind, SuggestionState, Tag
from cms.pipeline.analyse import Proposal, ProposalKind
from cms.services import analysis, articles, suggestions
from cms.services.transaction import write


def article_titled(start: str) -> Article:
    return db.session.scalar(select(Article).where(Article.title.startswith(start)))


def suggestion(article: Article, key: str) -> Suggestion | None:
    return db.session.scalar(
        select(Suggestion).where(Suggestion.article_id == article.id, Suggestion.key == key)
    )


def reanalyse(article: Article) -> suggestions.StoreReport:
    with write():
        return analysis.analyse_article(article)


def test_seeding_leaves_pending_suggestions_of_each_kind(seeded: Flask) -> None:
    with seeded.app_context():
        kinds = set(db.session.scalars(select(Suggestion.kind).distinct()))
        states = set(db.session.scalars(select(Suggestion.state).distinct()))
    assert {SuggestionKind.ENTITY, SuggestionKind.RELATED, SuggestionKind.TAG} <= kinds
    assert states == {SuggestionState.PENDING}


def test_a_rerun_keeps_decisions_and_never_revives_a_dismissal(seeded: Flask) -> None:
    with seeded.app_context():
        article = article_titled("Putin in Kazakhstan")
        tokayev = next(
            s for s in suggestions.pending(article) if s.value == "Kassym-Jomart Tokayev"
        )
        new_name = next(s for s in suggestions.pending(article) if s.key.startswith("entity:new:"))
        with write():
            suggestions.dismiss(tokayev, actor=None)
            suggestions.dismiss(new_name, actor=None)
        keys = (tokayev.key, new_name.key)
        report = reanalyse(article)
        assert report.created == 0
        for key in keys:
            found = suggestion(article, key)
            assert found is not None and found.state is SuggestionState.DISMISSED
        assert not [s for s in suggestions.pending(article) if s.key in keys]


def test_a_pending_suggestion_that_no_longer_applies_is_dropped(seeded: Flask) -> None:
    with seeded.app_context():
        article = article_titled("Putin visits Kazakhstan, part")
        macron = next(s for s in suggestions.pending(article) if s.value == "Emmanuel Macron")
        key = macron.key
        with write():
            body = article.body.replace("Emmanuel Macron", "the French president")
            articles.update_article(article, {"body": body}, None, article.version)
        report = reanalyse(article)
        assert report.dropped >= 1
        assert suggestion(article, key) is None


def test_a_decided_suggestion_is_not_dropped_when_its_reason_goes(seeded: Flask) -> None:
    with seeded.app_context():
        article = article_titled("Putin visits Kazakhstan, part")
        macron = next(s for s in suggestions.pending(article) if s.value == "Emmanuel Macron")
        with write():
            suggestions.dismiss(macron, actor=None)
            body = article.body.replace("Emmanuel Macron", "the French president")
            articles.update_article(article, {"body": body}, None, article.version)
        reanalyse(article)
        kept = suggestion(article, macron.key)
        assert kept is not None and kept.state is SuggestionState.DISMISSED


def test_what_the_article_already_has_is_not_proposed(seeded: Flask) -> None:
    with seeded.app_context():
        article = article_titled("Putin in Kazakhstan")
        tag_keys = {s.key for s in suggestions.pending(article) if s.kind is SuggestionKind.TAG}
        own = {f"tag:{tag.name.casefold()}" for tag in article.tags}
        assert not tag_keys & own
        # The seed's editor wrote every summary: no draft is proposed over it.
        assert not [s for s in suggestions.pending(article) if s.kind is SuggestionKind.SUMMARY]
        # The curated cross-link (the wire report it follows up) is not proposed again.
        related = {
            s.target_article_id
            for s in suggestions.pending(article)
            if s.kind is SuggestionKind.RELATED
        }
        assert related
        assert article_titled("Putin visits Kazakhstan, part").id not in related


def test_a_rerun_refreshes_a_pending_suggestion_in_place(seeded: Flask) -> None:
    with seeded.app_context():
        article = article_titled("Putin in Kazakhstan")
        held = next(s for s in suggestions.pending(article) if s.kind is SuggestionKind.ENTITY)
        first = (held.id, held.reason, held.score)
        with write():
            db.session.execute(
                update(Suggestion)
                .where(Suggestion.id == held.id)
                .values(reason="stale wording", score=0.01)
                .execution_options(synchronize_session=False)
            )
        report = reanalyse(article)
        assert report.updated == 1 and report.created == 0 and report.dropped == 0
        # The object the session already held shows the stored row, not its old values.
        assert (held.id, held.reason, held.score) == first
        assert held.state is SuggestionState.PENDING


def test_a_tag_given_earlier_in_the_same_transaction_is_not_proposed(seeded: Flask) -> None:
    """The store reads what an article has as plain SQL: the session's unsaved changes are
    flushed first and count."""
    with seeded.app_context():
        proposed = [
            (s, tag)
            for s in db.session.scalars(
                select(Suggestion).where(
                    Suggestion.kind == SuggestionKind.TAG,
                    Suggestion.state == SuggestionState.PENDING,
                )
            )
            if (tag := db.session.scalar(select(Tag).where(Tag.name == s.value))) is not None
        ]
        assert proposed
        held, tag = proposed[0]
        article, key = held.article, held.key
        again = Proposal(
            ProposalKind.TAG, key, held.value, held.score, held.reason, "", held.source
        )
        with write():
            article.tags.append(tag)  # not flushed: the store must see it all the same
            report = suggestions.store(article, [again], ran=["tags"])
        # Already true, so no longer proposed: its pending suggestion goes, none is made.
        assert report.created == 0 and report.updated == 0
        assert suggestion(article, key) is None
