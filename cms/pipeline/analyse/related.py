"""Re-rank the index's candidates: text similarity, shared entities and tags, closeness in time.

Each result carries its reason in words ("shares Nazarbayev, Eurasian Economic Union; 30 days
apart"). A candidate whose wording is nearly the same is a near-duplicate and comes first.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace

from cms.pipeline.analyse.terms import cosine
from cms.pipeline.analyse.types import Candidate

#: Wording at least this similar (cosine of TF-IDF vectors) marks a near-duplicate.
DUPLICATE_SIMILARITY = 0.85
#: Weights of the signals; a signal neither article has (no dates, no entities) is left out.
TEXT_WEIGHT, ENTITY_WEIGHT, TAG_WEIGHT, TIME_WEIGHT = 1.0, 0.35, 0.2, 0.25
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


@dataclass(frozen=True)
class Ranked:
    candidate: Candidate
    score: float
    similarity: float
    shared_names: tuple[str, ...]
    shared_terms: tuple[str, ...]
    days_apart: int | None
    duplicate: bool


def rank_related(query: Query, candidates: tuple[Candidate, ...], limit: int = 10) -> list[Ranked]:
    """The ``limit`` best candidates, near-duplicates first, then by combined score."""
    spread = Counter(n for c in candidates for n in (*c.entities, *c.tags))
    ranked = [_score(query, candidate, spread) for candidate in candidates]
    ranked.sort(key=lambda r: (not r.duplicate, -r.score, r.candidate.article_id))
    # The shared words are for the reasons of those shown only: not worth sorting for the rest.
    return [
        replace(r, shared_terms=_shared_terms(query.terms, r.candidate.terms))
        for r in ranked[:limit]
    ]


def _score(query: Query, candidate: Candidate, spread: Counter[str]) -> Ranked:
    """``spread`` counts the candidates naming each name: a name few share says more."""
    similarity = cosine(query.terms, candidate.terms)
    parts = [(TEXT_WEIGHT, similarity)]
    if query.entities and candidate.entities:
        parts.append((ENTITY_WEIGHT, _set_cosine(set(query.entities), candidate.entities)))
    if query.tags and candidate.tags:
        parts.append((TAG_WEIGHT, _set_cosine(set(query.tags), candidate.tags)))
    days = _days_apart(query.published, candidate.published)
    if days is not None:
        parts.append((TIME_WEIGHT, 0.5 ** (days / TIME_HALF_LIFE_DAYS)))
    score = sum(w * s for w, s in parts) / sum(w for w, _ in parts)
    shared_entities = [e for e in query.entities if e in candidate.entities]
    shared_tags = [t for t in query.tags if t in candidate.tags and t not in shared_entities]
    order = {name: i for i, name in enumerate((*shared_entities, *shared_tags))}
    shared = sorted(order, key=lambda name: (spread[name], order[name]))
    return Ranked(
        candidate=candidate,
        score=round(score, 4),
        similarity=similarity,
        shared_names=tuple(shared),
        shared_terms=(),
        days_apart=days,
        duplicate=similarity >= DUPLICATE_SIMILARITY,
    )


def _set_cosine(a: set[str] | frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / math.sqrt(len(a) * len(b))


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
        parts.append(f"nearly the same text ({ranked.similarity:.0%} similar wording)")
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
