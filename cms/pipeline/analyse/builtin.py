"""The built-in analysers: summary draft, entities, tags, related articles and duplicates."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from cms.pipeline.analyse.analysis import Analysis
from cms.pipeline.analyse.gazetteer import Found, fold
from cms.pipeline.analyse.keywords import new_terms, vocabulary_score
from cms.pipeline.analyse.names import new_names
from cms.pipeline.analyse.registry import register
from cms.pipeline.analyse.related import Query, Ranked, rank_related, reason
from cms.pipeline.analyse.summary import draft_summary
from cms.pipeline.analyse.terms import terms_of
from cms.pipeline.analyse.types import Collection, Document, Name, Proposal, ProposalKind

SUMMARY_SCORE = 0.6
MIN_COLLECTION_FOR_TERMS = 20
RELATED_LIMIT = 10


@register("summary")
def summary(analysis: Analysis) -> list[Proposal]:
    document = analysis.document
    draft = draft_summary(document.body, document.authors, sentences=analysis.sentences)
    if not draft.text:
        return []
    picked = ", ".join(str(analysis.sentences_index(s.start) + 1) for s in draft.sentences)
    return [
        Proposal(
            kind=ProposalKind.SUMMARY,
            key="summary",
            value=draft.text,
            score=SUMMARY_SCORE,
            reason=(
                f"the {len(draft.sentences)} most central of {draft.considered} prose sentences "
                "(TextRank); bylines, datelines, captions and prompts left out"
            ),
            evidence=f"sentences {picked} of the body",
        )
    ]


@register("entities")
def entities(analysis: Analysis) -> list[Proposal]:
    """Known entities named in the body, then capitalised phrases the gazetteer lacks."""
    proposals = [_known_entity(analysis, found) for found in analysis.entities]
    gazetteer_names = [a for name in analysis.collection.entities for a in name.all_names]
    known_matches = [m for found in analysis.entities for m in found.matches]
    for candidate in new_names(
        analysis.document.body,
        known_matches,
        gazetteer_names,
        analysis.collection.blocked,
        analysis.sentences,
    ):
        times = "once" if candidate.count == 1 else f"{candidate.count} times"
        proposals.append(
            Proposal(
                kind=ProposalKind.ENTITY,
                key=f"entity:new:{fold(candidate.name)}",
                value=candidate.name,
                score=round(
                    min(0.7, 0.3 + 0.1 * candidate.count + 0.1 * (" " in candidate.name)), 3
                ),
                reason=f"a name not in the gazetteer, written {times}",
                evidence=analysis.sentence_at(candidate.first_start),
            )
        )
    return proposals


def _known_entity(analysis: Analysis, found: Found) -> Proposal:
    in_title = found.name.key in analysis.entities_in_title
    forms = ", ".join(f"{surface} ×{n}" for surface, n in found.surfaces.most_common())
    return Proposal(
        kind=ProposalKind.ENTITY,
        key=f"entity:{found.name.key}",
        value=found.name.name,
        score=round(min(0.99, 0.8 + 0.04 * found.count + (0.1 if in_title else 0.0)), 3),
        reason=f"in the gazetteer; named {_times(found.count)} ({forms})",
        evidence=analysis.sentence_at(found.matches[0].start),
        entity_key=found.name.key,
    )


@register("tags")
def tags(analysis: Analysis) -> list[Proposal]:
    """Vocabulary tags named in the text, then the article's most distinctive new terms."""
    proposals = []
    for found in analysis.tags:
        forms = ", ".join(f"{surface} ×{n}" for surface, n in found.surfaces.most_common())
        proposals.append(
            Proposal(
                kind=ProposalKind.TAG,
                key=f"tag:{fold(found.name.name)}",
                value=found.name.name,
                score=vocabulary_score(found.count, found.name.key in analysis.tags_in_title),
                reason=f"a vocabulary tag, named {_times(found.count)} ({forms})",
                evidence=analysis.sentence_at(found.matches[0].start),
            )
        )
    collection = analysis.collection
    if collection.article_count < MIN_COLLECTION_FOR_TERMS:
        return proposals  # too few articles for document frequencies to mean anything
    known = _name_terms(collection.tags) | _name_terms(collection.entities)
    for term in new_terms(
        analysis.term_counts,
        analysis.surface,
        collection.document_frequencies,
        collection.article_count,
        exclude=known,
    ):
        proposals.append(
            Proposal(
                kind=ProposalKind.TAG,
                key=f"tag:{fold(term.written)}",
                value=term.written,
                score=term.score,
                reason=(
                    f"a new term: {_times(term.count)} here, in {term.document_frequency} of "
                    f"{collection.article_count} articles"
                ),
                evidence=term.written,
            )
        )
    return proposals


def related_query(analysis: Analysis) -> Query:
    """The article as the re-rank sees it: its stored-size vector, names, tags and date."""
    return Query(
        terms=analysis.vector,
        entities=tuple(found.name.name for found in analysis.entities),
        tags=tuple(found.name.name for found in analysis.tags),
        published=analysis.document.published,
        text=analysis.document.body,
    )


def ranked_related(
    document: Document,
    collection: Collection,
    limit: int = RELATED_LIMIT,
    term_counts: Counter[str] | None = None,
) -> list[Ranked]:
    """The collection's candidates re-ranked for ``document``, without making proposals."""
    query = related_query(Analysis(document, collection, term_counts))
    return rank_related(query, collection.candidates, limit)


@register("related")
def related(analysis: Analysis) -> list[Proposal]:
    """The index's candidates re-ranked; near-duplicates first and marked as such."""
    candidates = analysis.collection.candidates
    if not candidates:
        return []
    proposals = []
    for ranked in rank_related(related_query(analysis), candidates, RELATED_LIMIT):
        target = ranked.candidate.article_id
        kind = ProposalKind.DUPLICATE if ranked.duplicate else ProposalKind.RELATED
        words = ", ".join(analysis.surface.get(t, t) for t in ranked.shared_terms)
        proposals.append(
            Proposal(
                kind=kind,
                key=f"{kind.value}:{target}",
                value=ranked.candidate.title,
                score=ranked.score,
                reason=reason(ranked, analysis.surface),
                evidence=f"shared terms: {words}" if words else "",
                target_article_id=target,
            )
        )
    return proposals


@lru_cache(maxsize=8)
def _name_terms(names: tuple[Name, ...]) -> frozenset[str]:
    """The terms of every known name: a known name is never proposed again as a new term."""
    return frozenset(t for name in names for n in name.all_names for t in terms_of(n))


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"
