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
from typing import Any

from sqlalchemy import Row, bindparam, delete, insert, or_, select, update
from sqlalchemy.orm.util import identity_key

from cms.extensions import db
from cms.models import (
    Article,
    Link,
    Mention,
    Suggestion,
    SuggestionKind,
    SuggestionState,
    Tag,
    User,
)
from cms.models.base import name_key
from cms.models.taxonomy import article_tags
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
    """Bring the article's suggestions in line with ``proposals`` from the analysers ``ran``.

    Set-based: the stored ones are read as plain rows, the new ones inserted in one statement,
    the changed ones updated and the stale ones deleted by id (an article has a few dozen; at
    100,000 articles the per-object unit of work was a fifth of an analysis).
    """
    sources = {ANALYSER_SOURCE + name for name in (ran if ran is not None else ANALYSERS)}
    existing = {row.key: row for row in db.session.execute(_STORED, {"article": article.id})}
    facts = _Facts.of(article)
    wanted: dict[str, dict[str, object]] = {}
    for proposal in proposals:
        if proposal.key not in wanted and not facts.already_true(proposal):
            wanted[proposal.key] = _values(proposal)
    new = [
        {"article_id": article.id, "key": key, "state": SuggestionState.PENDING, **values}
        for key, values in wanted.items()
        if key not in existing
    ]
    changed = [
        {"id": row.id, **values}
        for key, values in wanted.items()
        if (row := existing.get(key)) is not None and _is_pending(row) and _differs(row, values)
    ]
    stale = [
        row.id
        for key, row in existing.items()
        if _is_pending(row) and row.source in sources and key not in wanted
    ]
    if new:  # Core, not the ORM's bulk insert: a third of the time for an article's twenty
        db.session.execute(insert(Suggestion.__table__), new)
    if changed:
        db.session.execute(update(Suggestion), changed)
    if stale:
        db.session.execute(delete(Suggestion).where(Suggestion.id.in_(stale)))
    _forget(int(row["id"]) for row in changed)  # type: ignore[call-overload]
    return StoreReport(len(new), len(changed), len(stale))


#: The stored suggestions' columns that ``store`` compares, as plain rows (no ORM objects).
_STORED = select(
    Suggestion.id,
    Suggestion.key,
    Suggestion.state,
    Suggestion.kind,
    Suggestion.value,
    Suggestion.score,
    Suggestion.reason,
    Suggestion.evidence,
    Suggestion.source,
    Suggestion.target_article_id,
    Suggestion.entity_id,
).where(Suggestion.article_id == bindparam("article"))


def _values(proposal: Proposal) -> dict[str, object]:
    """The columns a proposal sets (and a re-run refreshes on a pending suggestion)."""
    return {
        "kind": SuggestionKind(proposal.kind.value),
        "value": proposal.value,
        "score": proposal.score,
        "reason": proposal.reason,
        "evidence": proposal.evidence,
        "source": proposal.source,
        "target_article_id": proposal.target_article_id,
        "entity_id": int(proposal.entity_key) if proposal.entity_key else None,
    }


def _is_pending(row: Row[Any]) -> bool:
    return SuggestionState(row.state) is SuggestionState.PENDING


def _differs(row: Row[Any], values: dict[str, object]) -> bool:
    return any(getattr(row, name) != value for name, value in values.items())


def _forget(ids: Iterable[int]) -> None:
    """Expire these suggestions where the session holds them, so none shows its old values."""
    session = db.session()
    for suggestion_id in ids:
        held = session.identity_map.get(identity_key(Suggestion, suggestion_id))
        if held is not None:
            session.expire(held)


@dataclass(frozen=True)
class _Facts:
    """What the article already has, so the machine does not propose it again."""

    tag_keys: frozenset[str]
    entity_ids: frozenset[int]
    linked_ids: frozenset[int]
    has_summary: bool

    @classmethod
    def of(cls, article: Article) -> _Facts:
        """Read as plain rows (the session flushes first, so unsaved changes count)."""
        links = db.session.execute(
            select(Link.source_id, Link.target_id).where(
                or_(Link.source_id == article.id, Link.target_id == article.id)
            )
        )
        mentioned = db.session.scalars(
            select(Mention.entity_id).where(Mention.article_id == article.id).distinct()
        )
        tag_keys = db.session.scalars(
            select(Tag.name_key)
            .join(article_tags, article_tags.c.tag_id == Tag.id)
            .where(article_tags.c.article_id == article.id)
        )
        return cls(
            tag_keys=frozenset(tag_keys),
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
