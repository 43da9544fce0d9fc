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
from typing import Any, NamedTuple

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm.util import identity_key

from cms.extensions import db
from cms.models import (
    Article,
    Suggestion,
    SuggestionKind,
    SuggestionState,
    User,
)
from cms.models.base import name_key
from cms.pipeline.analyse import ANALYSERS, Proposal, ProposalKind
from cms.services import analysis_reads
from cms.services.analysis_reads import IN_LIST, listed

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
    has_summary = bool((article.summary or "").strip())
    return store_many([(article.id, has_summary, tuple(proposals))], ran)


def store_many(
    articles: Sequence[tuple[int, bool, Sequence[Proposal]]], ran: Sequence[str] | None = None
) -> StoreReport:
    """``store`` for many articles at once: (id, whether it has a summary, proposals) each.

    Set-based: the stored suggestions and what the articles already have are read as plain rows
    in one query each, the new suggestions inserted in one statement, the changed ones updated
    and the stale ones deleted by id (at 100,000 articles the per-object unit of work was a
    fifth of an analysis).
    """
    sources = {ANALYSER_SOURCE + name for name in (ran if ran is not None else ANALYSERS)}
    ids = [article_id for article_id, _, _ in articles]
    existing: dict[int, dict[str, _Stored]] = {i: {} for i in ids}
    for row in map(_Stored._make, analysis_reads.rows(_STORED, [listed(ids)])):
        existing[row.article_id][row.key] = row
    facts = _Facts.of(ids)
    new: list[dict[str, object]] = []
    changed: list[dict[str, object]] = []
    stale: list[int] = []
    for article_id, has_summary, proposals in articles:
        wanted: dict[str, dict[str, object]] = {}
        for proposal in proposals:
            if proposal.key not in wanted and not facts.already_true(
                article_id, has_summary, proposal
            ):
                wanted[proposal.key] = _values(proposal)
        stored = existing[article_id]
        for key, values in wanted.items():
            row = stored.get(key)
            if row is None:
                new.append(
                    {"article_id": article_id, "key": key, "state": SuggestionState.PENDING}
                    | values
                )
            elif _is_pending(row) and _differs(row, values):
                changed.append({"id": row.id, **values})
        stale += [
            row.id
            for key, row in stored.items()
            if _is_pending(row) and row.source in sources and key not in wanted
        ]
    _write(new, changed, stale)
    return StoreReport(len(new), len(changed), len(stale))


def _write(
    new: list[dict[str, object]], changed: list[dict[str, object]], stale: list[int]
) -> None:
    if new:  # Core, not the ORM's bulk insert: a third of the time
        db.session.execute(insert(Suggestion.__table__), new)
    if changed:
        db.session.execute(update(Suggestion), changed)
    for start in range(0, len(stale), _IN_LIMIT):
        part = stale[start : start + _IN_LIMIT]
        db.session.execute(delete(Suggestion).where(Suggestion.id.in_(part)))
    _forget(int(row["id"]) for row in changed)  # type: ignore[call-overload]


#: Ids per ``IN`` list (SQLite's limit on bound values is far above; a chunk stays below it).
_IN_LIMIT = 5000


class _Stored(NamedTuple):
    """A stored suggestion's columns that ``store`` compares, as a plain row."""

    id: int
    article_id: int
    key: str
    state: str
    kind: str
    value: str
    score: float
    reason: str
    evidence: str
    source: str
    target_article_id: int | None
    entity_id: int | None


_STORED = (
    'SELECT id, article_id, "key", state, kind, value, score, reason, evidence, source, '
    f"target_article_id, entity_id FROM suggestions WHERE article_id {IN_LIST}"
)


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


def _is_pending(row: _Stored) -> bool:
    return SuggestionState(row.state) is SuggestionState.PENDING


def _differs(row: _Stored, values: dict[str, object]) -> bool:
    return any(getattr(row, name) != value for name, value in values.items())


def _forget(ids: Iterable[int]) -> None:
    """Expire these suggestions where the session holds them, so none shows its old values."""
    session = db.session()
    for suggestion_id in ids:
        held = session.identity_map.get(identity_key(Suggestion, suggestion_id))
        if held is not None:
            session.expire(held)


_FACTS = (
    f"SELECT 'link', source_id, target_id FROM links WHERE source_id {IN_LIST} "
    f"OR target_id {IN_LIST} "
    f"UNION ALL SELECT 'entity', article_id, entity_id FROM mentions WHERE article_id {IN_LIST} "
    "UNION ALL SELECT 'tag', t.article_id, tags.name_key FROM article_tags t "
    f"JOIN tags ON tags.id = t.tag_id WHERE t.article_id {IN_LIST}"
)


@dataclass(frozen=True)
class _Facts:
    """What the articles already have, so the machine does not propose it again: pairs of
    (article id, tag key), (article id, entity id), (article id, linked article id)."""

    tags: frozenset[tuple[int, str]]
    entities: frozenset[tuple[int, int]]
    links: frozenset[tuple[int, int]]

    @classmethod
    def of(cls, ids: list[int]) -> _Facts:
        """Read as plain rows in one query (the session flushes first, so unsaved changes
        count)."""
        found: dict[str, set[tuple[Any, Any]]] = {"link": set(), "entity": set(), "tag": set()}
        for kind, one, other in analysis_reads.rows(_FACTS, [listed(ids)]):
            found[kind].add((one, other))
            if kind == "link":
                found[kind].add((other, one))
        return cls(
            tags=frozenset(found["tag"]),
            entities=frozenset(found["entity"]),
            links=frozenset(found["link"]),
        )

    def already_true(self, article_id: int, has_summary: bool, proposal: Proposal) -> bool:
        kind = proposal.kind
        if kind is ProposalKind.TAG:
            return (article_id, name_key(proposal.value)) in self.tags
        if kind is ProposalKind.ENTITY and proposal.entity_key:
            return (article_id, int(proposal.entity_key)) in self.entities
        if kind in (ProposalKind.RELATED, ProposalKind.DUPLICATE):
            return (article_id, proposal.target_article_id) in self.links
        if kind is ProposalKind.SUMMARY:
            return has_summary
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
