"""Tag candidates: the collection's vocabulary first, then terms that stand out (TF-IDF).

A vocabulary tag found in the text (by its name or an alias) is a strong suggestion; a new
term is a weak one, ranked by how much more often the article uses it than the collection does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from cms.pipeline.analyse.terms import idf

#: New terms never score this high, so "accept all tags above 0.8" takes only vocabulary tags.
NEW_TERM_CEILING = 0.7
MIN_TERM_COUNT = 2
MIN_TERM_LENGTH = 4


@dataclass(frozen=True)
class TermCandidate:
    term: str
    written: str
    count: int
    document_frequency: int
    score: float


def new_terms(
    counts: Counter[str],
    surface: Mapping[str, str],
    frequencies: Mapping[str, int],
    article_count: int,
    exclude: set[str],
    limit: int = 5,
) -> list[TermCandidate]:
    """The article's most distinctive terms, except those in ``exclude`` (stems of known names).

    ``frequencies`` are document frequencies from the materialised table: how many articles
    use each term.
    """
    weights = {
        term: count * idf(frequencies.get(term, 0), article_count)
        for term, count in counts.items()
        if count >= MIN_TERM_COUNT
        and len(surface.get(term, term)) >= MIN_TERM_LENGTH
        and term not in exclude
        and surface.get(term, term).isalpha()
    }
    if not weights:
        return []
    top = max(weights.values())
    best = sorted(weights, key=lambda t: (-weights[t], t))[:limit]
    return [
        TermCandidate(
            term=term,
            written=surface.get(term, term),
            count=counts[term],
            document_frequency=frequencies.get(term, 0),
            score=round(NEW_TERM_CEILING * weights[term] / top, 3),
        )
        for term in best
    ]


def vocabulary_score(count: int, in_title: bool) -> float:
    """0.75 for one mention in the body (an editor should look), above 0.8 from two mentions
    or one in the title, rising with each further one."""
    return round(min(0.99, 0.75 + 0.06 * (count - 1) + (0.1 if in_title else 0.0)), 3)
