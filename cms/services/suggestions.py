"""The store of machine proposals: keep them in step with the analysers, and let editors decide.

``store`` is the only way proposals become ``Suggestion`` rows. It never touches a decided
suggestion (accepted or dismissed: the editor's word stands, and a dismissed one never comes
back), updates pending ones, and drops pending ones the analysers no longer make. What is
already true of the article (a tag it has, a link it has, an editor's summary) is not proposed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, or_, select

from cms.extensions import db
from cms.models import (
    Article,
    Link,
    Mention,
    Suggestion,
    SuggestionKind,
    SuggestionState,
    User,
)
from cms.models.base import name_key
from cms.pipeline.analyse import ANALYSERS, Proposal, ProposalKind

#: The prefix of the analysers' ``source``; other sources (the importer's) are not dropped here.
ANALYSER_SOURCE = "analyse."


@dataclass(frozen=True)
class StoreReport:
    created: int
    updated: int
    dropped: int


def store(
    article: Article, proposals: Iterable[Proposal], ran: Sequence[str] | None = None
) -> StoreReport:
    """Bring the article's suggestions in line with ``proposals`` from the analysers ``ran``."""
    sources = {ANALYSER_SOURCE + name for name in (ran if ran is not None else ANALYSERS)}
    existing = {
        s.key: s
        for s in db.session.scalars(select(Suggestion).where(Suggestion.article_id == article.id))
    }
    facts = _Facts.of(article)
    wanted: dict[str, Proposal] = {}
    for proposal in proposals:
        if not facts.already_true(proposal):
            wanted.setdefault(proposal.key, proposal)
    created = updated = dropped = 0
    for key, proposal in wanted.items():
        suggestion = existing.get(key)
        if suggestion is None:
            db.session.add(_new(article, proposal))
            created += 1
        elif suggestion.is_pending and _refresh(suggestion, proposal):
            updated += 1
    for key, suggestion in existing.items():
        if suggestion.is_pending and suggestion.source in sources and key not in wanted:
            db.session.delete(suggestion)
            dropped += 1
    db.session.flush()
    return StoreReport(created, updated, dropped)


def _new(article: Article, proposal: Proposal) -> Suggestion:
    suggestion = Suggestion(article_id=article.id, key=proposal.key, state=SuggestionState.PENDING)
    _refresh(suggestion, proposal)
    return suggestion


def _refresh(suggestion: Suggestion, proposal: Proposal) -> bool:
    """Copy the proposal's current wording onto a pending suggestion; whether anything changed."""
    values = {
        "kind": SuggestionKind(proposal.kind.value),
        "value": proposal.value,
        "score": proposal.score,
        "reason": proposal.reason,
        "evidence": proposal.evidence,
        "source": proposal.source,
        "target_article_id": proposal.target_article_id,
        "entity_id": int(proposal.entity_key) if proposal.entity_key else None,
    }
    changed = False
    for name, value in values.items():
        if getattr(suggestion, name) != value:
            setattr(suggestion, name, value)
            changed = True
    return changed


@dataclass(frozen=True)
class _Facts:
    """What the article already has, so the machine does not propose it again."""

    tag_keys: frozenset[str]
    entity_ids: frozenset[int]
    linked_ids: frozenset[int]
    has_summary: bool

    @classmethod
    def of(cls, article: Article) -> _Facts:
        links = db.session.execute(
            select(Link.source_id, Link.target_id).where(
                or_(Link.source_id == article.id, Link.target_id == article.id)
            )
        )
        mentioned = db.session.scalars(
            select(Mention.entity_id).where(Mention.article_id == article.id).distinct()
        )
        return cls(
            tag_keys=frozenset(tag.name_key for tag in article.tags),
            entity_ids=frozenset(mentioned),
            linked_ids=frozenset(i for pair in links for i in pair if i != article.id),
            has_summary=bool((article.summary or "").strip()),
        )

    def already_true(self, proposal: Proposal) -> bool:
        kind = proposal.kind
        if kind is ProposalKind.TAG:
            return name_key(proposal.value) in self.tag_keys
        if kind is ProposalKind.ENTITY and proposal.entity_key:
            return int(proposal.entity_key) in self.entity_ids
        if kind in (ProposalKind.RELATED, ProposalKind.DUPLICATE):
            return proposal.target_article_id in self.linked_ids
        if kind is ProposalKind.SUMMARY:
            return self.has_summary
        return False


def pending(article: Article) -> list[Suggestion]:
    """The article's pending suggestions, grouped by kind, best first."""
    order = {kind: i for i, kind in enumerate(SuggestionKind)}
    found = db.session.scalars(
        select(Suggestion).where(
            Suggestion.article_id == article.id, Suggestion.state == SuggestionState.PENDING
        )
    )
    return sorted(found, key=lambda s: (order[s.kind], -s.score, s.value))


def decide(suggestion: Suggestion, state: SuggestionState, actor: User | None) -> Suggestion:
    suggestion.state = state
    suggestion.decided_by = actor
    suggestion.decided_at = dt.datetime.now(dt.UTC)
    db.session.flush()
    return suggestion


def dismiss(suggestion: Suggestion, actor: User | None) -> Suggestion:
    """The editor says no: it stays dismissed whatever later runs propose."""
    return decide(suggestion, SuggestionState.DISMISSED, actor)


def drop_pending_for(article_id: int, kinds: Iterable[SuggestionKind]) -> None:
    db.session.execute(
        delete(Suggestion).where(
            Suggestion.article_id == article_id,
            Suggestion.state == SuggestionState.PENDING,
            Suggestion.kind.in_(list(kinds)),
        )
    )
