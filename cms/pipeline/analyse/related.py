"""Re-rank the index's candidates: text similarity, shared entities and tags, closeness in time.

Each result carries its reason in words ("shares Nazarbayev, Eurasian Economic Union; 30 days
apart"). A candidate whose text is nearly the same is a near-duplicate and comes first: its
profile is nearly the same and its sketch shares most phrases with the article's. The profile
alone is not enough: on Reuters-21578, 11,136 of 11,578 candidates marked on the profile's
cosine alone shared no sentence (earnings tables of different companies have the same
strongest terms); see bench/RESULTS.md.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace

from cms.pipeline.analyse.terms import cosine
from cms.pipeline.analyse.types import Candidate
from cms.pipeline.fingerprint import NEAR_JACCARD, resemblance, shingles, sketch

#: Wording at least this similar (cosine of TF-IDF vectors) makes a candidate a possible
#: near-duplicate; it is one when its sketch also shares at least ``NEAR_JACCARD`` of the
#: phrases, as the importer requires.
DUPLICATE_SIMILARITY = 0.85
#: The query is widened by the mean vector of its closest few candidates (pseudo-relevance
#: feedback, as Rocchio's): what the nearest articles share says more than any one of them.
#: Only among enough candidates: in a small collection the "closest few" would be everyone.
FEEDBACK_ARTICLES, FEEDBACK_WEIGHT, FEEDBACK_MIN_CANDIDATES = 5, 1.0, 20
#: Bonuses added to the text score: shared names (weighted by how few candidates share them)
#: and closeness in time. Small on purpose: on Reuters-21578 (tuned on the odd-numbered
#: stories, see bench/RESULTS.md) a larger name weight lowered precision, because sharing a
#: country says little about what a story is about; time costs little there, and the seeds'
#: November 2023 pair (8 days apart, worded unalike) needs at least 0.1 of it.
ENTITY_WEIGHT, TAG_WEIGHT, TIME_WEIGHT = 0.02, 0.02, 0.15
#: Closeness in time halves every this many days.
TIME_HALF_LIFE_DAYS = 120


@dataclass(frozen=True)
class Query:
    """The article whose related others are wanted."""

    terms: Mapping[str, float]
    #: Entity and tag names, the most mentioned first.
    entities: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    published: dt.date | None = None
    #: The body, whose phrases confirm a near-duplicate.
    text: str = ""


@dataclass(frozen=True)
class Ranked:
    candidate: Candidate
    score: float
    similarity: float
    shared_names: tuple[str, ...]
    shared_terms: tuple[str, ...]
    days_apart: int | None
    duplicate: bool
    #: The share of phrases the texts' sketches have in common (0 unless it was asked).
    shared_phrases: float = 0.0


def rank_related(query: Query, candidates: tuple[Candidate, ...], limit: int = 10) -> list[Ranked]:
    """The ``limit`` best candidates, near-duplicates first, then by combined score."""
    spread = Counter(n for c in candidates for n in (*c.entities, *c.tags))
    similarities = [cosine(query.terms, c.terms) for c in candidates]
    feedback = len(candidates) >= FEEDBACK_MIN_CANDIDATES
    widened = _widened(query.terms, candidates, similarities) if feedback else query.terms
    best = 1.0 + (FEEDBACK_WEIGHT if feedback else 0.0) + ENTITY_WEIGHT + TAG_WEIGHT + TIME_WEIGHT
    ranked = [
        _score(query, c, similarity, widened, spread, len(candidates), best)
        for c, similarity in zip(candidates, similarities, strict=True)
    ]
    if any(r.similarity >= DUPLICATE_SIMILARITY and r.candidate.sketch for r in ranked):
        ranked = _confirm_duplicates(query, ranked)
    ranked.sort(key=lambda r: (not r.duplicate, -r.score, r.candidate.article_id))
    # The shared words are for the reasons of those shown only: not worth sorting for the rest.
    return [
        replace(r, shared_terms=_shared_terms(query.terms, r.candidate.terms))
        for r in ranked[:limit]
    ]


def _confirm_duplicates(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """Mark as duplicates the candidates worded alike whose sketches share most phrases with
    the article's (its sketch made here, about a millisecond, only when some candidate with a
    sketch is worded alike)."""
    phrases = frozenset(sketch(shingles(query.text)))
    confirmed = []
    for r in ranked:
        if r.similarity >= DUPLICATE_SIMILARITY:
            shared = resemblance(phrases, r.candidate.sketch)
            r = replace(r, duplicate=shared >= NEAR_JACCARD, shared_phrases=shared)
        confirmed.append(r)
    return confirmed


def _widened(
    terms: Mapping[str, float], candidates: tuple[Candidate, ...], similarities: list[float]
) -> dict[str, float]:
    """The query plus ``FEEDBACK_WEIGHT`` times the mean vector of its closest candidates."""
    closest = sorted(range(len(candidates)), key=lambda i: -similarities[i])[:FEEDBACK_ARTICLES]
    widened = dict(terms)
    for i in closest:
        for term, weight in candidates[i].terms.items():
            widened[term] = widened.get(term, 0.0) + FEEDBACK_WEIGHT * weight / len(closest)
    return widened


def _score(
    query: Query,
    candidate: Candidate,
    similarity: float,
    widened: Mapping[str, float],
    spread: Counter[str],
    candidate_count: int,
    best: float,
) -> Ranked:
    """Text (the widened query against the candidate) plus small bonuses for shared names and
    closeness in time, divided by ``best`` (the most it can be) to fall in 0..1. ``spread``
    counts the candidates naming each name."""
    text = sum(w * widened.get(t, 0.0) for t, w in candidate.terms.items())
    names = _shared_weight(query.entities, candidate.entities, spread, candidate_count)
    tags = _shared_weight(query.tags, candidate.tags, spread, candidate_count)
    days = _days_apart(query.published, candidate.published)
    closeness = 0.5 ** (days / TIME_HALF_LIFE_DAYS) if days is not None else 0.0
    total = text + ENTITY_WEIGHT * names + TAG_WEIGHT * tags + TIME_WEIGHT * closeness
    shared_entities = [e for e in query.entities if e in candidate.entities]
    shared_tags = [t for t in query.tags if t in candidate.tags and t not in shared_entities]
    order = {name: i for i, name in enumerate((*shared_entities, *shared_tags))}
    shared = sorted(order, key=lambda name: (spread[name], order[name]))
    return Ranked(
        candidate=candidate,
        score=round(min(1.0, total / best), 4),
        similarity=similarity,
        shared_names=tuple(shared),
        shared_terms=(),
        days_apart=days,
        duplicate=False,
    )


def _shared_weight(
    mine: tuple[str, ...], theirs: frozenset[str], spread: Counter[str], candidate_count: int
) -> float:
    """The share of the query's names the candidate also names, each weighted by its rarity
    among the candidates (a name every candidate shares says nothing)."""
    rarity = {n: math.log((1 + candidate_count) / (1 + spread[n])) for n in set(mine)}
    total = sum(rarity.values())
    return sum(w for n, w in rarity.items() if n in theirs) / total if total else 0.0


def _days_apart(a: dt.date | None, b: dt.date | None) -> int | None:
    return abs((a - b).days) if a and b else None


def _shared_terms(
    a: Mapping[str, float], b: Mapping[str, float], limit: int = 5
) -> tuple[str, ...]:
    shared = sorted((t for t in a if t in b), key=lambda t: (-a[t] * b[t], t))
    return tuple(shared[:limit])


def reason(ranked: Ranked, surface: Mapping[str, str], names: int = 3) -> str:
    """Why, in words: shared names (or, failing those, wording) and the time between."""
    parts = []
    if ranked.duplicate:
        parts.append(f"nearly the same text ({ranked.shared_phrases:.0%} of its phrases shared)")
    if ranked.shared_names:
        parts.append("shares " + ", ".join(ranked.shared_names[:names]))
    elif ranked.shared_terms and not ranked.duplicate:
        words = ", ".join(surface.get(t, t) for t in ranked.shared_terms[:names])
        parts.append(f"similar wording ({words})")
    if ranked.days_apart is not None:
        parts.append(_time_apart(ranked.days_apart))
    return "; ".join(parts) or "similar wording"


def _time_apart(days: int) -> str:
    if days == 0:
        return "same day"
    if days < 730:
        return f"{days} day{'s' if days != 1 else ''} apart"
    return f"{days // 365} years apart"
