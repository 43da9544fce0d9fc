"""The similarity index behind the analysers: terms per article, "more like this" candidates,
document frequencies.

Kept apart behind these few functions so the public search index can take over the candidate
query later. Writes go through ``store``; the FTS5 table and the materialised document
frequencies follow by triggers (see the ``analysis_index`` migration).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence

from sqlalchemy import text

from cms.extensions import db
from cms.models import TermFrequency
from cms.models.analysis import ARTICLE_COUNT_TERM
from cms.pipeline.analyse import Candidate
from cms.pipeline.fingerprint import url_key
from cms.services import analysis_reads, analysis_steps, analysis_triples
from cms.services.analysis_reads import IN_LIST, listed

#: How many of an article's strongest terms make its "more like this" query.
QUERY_TERMS = 25
#: How many candidates the index hands to the re-rank.
CANDIDATES = 50
#: Articles naming three of this many strongest terms are the first candidates.
STRONGEST = 4

_MORE_LIKE_THIS = text(
    "SELECT rowid FROM analysis_fts WHERE analysis_fts MATCH :query AND rowid != :exclude "
    "ORDER BY rank LIMIT :limit"
)
_FREQUENCIES = f"SELECT term, articles FROM term_frequencies WHERE term {IN_LIST}"
#: The re-rank's view of candidates, read as plain rows and decoded here: through the ORM's
#: JSON type the same 50 rows took three times as long.
_CANDIDATES = (
    "SELECT a.article_id, a.vector, a.entities, a.tags, r.title, r.published_on, r.url "
    f"FROM article_analyses a JOIN articles r ON r.id = a.article_id WHERE a.article_id {IN_LIST}"
)
#: The importer's sketch values of each (its text's and its canonical URL's, see
#: ``services.fingerprints``).
_SKETCHES = f"SELECT article_id, value FROM text_sketches WHERE article_id {IN_LIST}"


text_hash = analysis_steps.text_hash
encode_terms = analysis_steps.encode_terms


def document_frequencies(terms: Iterable[str]) -> dict[str, int]:
    """How many analysed articles use each term (terms no article uses are left out)."""
    return frequencies_and_count(terms)[0]


def frequencies_and_count(terms: Iterable[str]) -> tuple[dict[str, int], int]:
    """``document_frequencies`` and ``article_count`` in one lookup."""
    wanted = [t for t in set(terms) if t]
    rows = analysis_reads.rows(_FREQUENCIES, [listed([ARTICLE_COUNT_TERM, *wanted])])
    found: dict[str, int] = dict(rows)
    return found, found.pop(ARTICLE_COUNT_TERM, 0)


def article_count() -> int:
    count = db.session.get(TermFrequency, ARTICLE_COUNT_TERM)
    return count.articles if count else 0


def optimize() -> None:
    """Merge the FTS5 index's segments into one. Writes a chunk at a time leave it in many
    (eight to fourteen at 100,000 articles), and every query walks each: merging took about a
    second there and made the "more like this" query 25 % faster (bench/RESULTS.md). The
    search index does the same after a rebuild."""
    db.session.execute(text("INSERT INTO analysis_fts (analysis_fts) VALUES ('optimize')"))


def more_like_this(
    terms: Sequence[str],
    exclude_id: int,
    limit: int = CANDIDATES,
    frequencies: Mapping[str, int] | None = None,
) -> list[int]:
    """Ids of articles like one whose strongest terms are ``terms`` (strongest first), best bm25
    first.

    First the articles naming at least three of the ``STRONGEST`` terms (an OR of AND triples:
    FTS5 intersects a few posting lists); only when those are fewer than ``limit``, the articles
    naming any of ``terms``. The plain OR scores every article naming any term: at 100,000
    articles with common terms that took a second (bench/RESULTS.md), the triples 11 ms.
    Given the terms' document ``frequencies``, the triples are ranked by
    ``analysis_triples`` (the same order as FTS5's, without its frequency scans).
    """
    usable = [t for t in terms if '"' not in t]
    if not usable:
        return []
    if len(usable) >= 3:
        strongest = usable[:STRONGEST]
        if frequencies is not None and analysis_triples.plain(strongest):
            found = analysis_triples.naming_three(strongest, frequencies, exclude_id)
            if len(found) >= limit:
                return found[:limit]
        else:
            found = _match(analysis_triples.triples_query(strongest), exclude_id, limit)
            if len(found) >= limit:
                return found
    return _match(" OR ".join(f'"{t}"' for t in usable), exclude_id, limit)


def _match(query: str, exclude_id: int, limit: int) -> list[int]:
    rows = db.session.execute(
        _MORE_LIKE_THIS, {"query": query, "exclude": exclude_id, "limit": limit}
    )
    return [row[0] for row in rows]


def candidates(ids: Sequence[int]) -> tuple[Candidate, ...]:
    """The re-rank's view of these articles: stored vector and names, title, date and the
    sketch of their text (its URL's value left out)."""
    if not ids:
        return ()
    rows = analysis_reads.rows(_CANDIDATES, [listed(ids)])
    sketches: dict[int, set[int]] = {}
    for article_id, value in analysis_reads.rows(_SKETCHES, [listed(ids)]):
        sketches.setdefault(article_id, set()).add(value)
    return tuple(
        Candidate(
            article_id=article_id,
            title=title,
            terms=json.loads(vector),
            published=dt.date.fromisoformat(published) if published else None,
            entities=_names(entities),
            tags=_names(tags),
            sketch=frozenset(sketches.get(article_id, set()) - {url_key(url or "")}),
        )
        for article_id, vector, entities, tags, title, published, url in rows
    )


def _names(encoded: str) -> frozenset[str]:
    """A stored list of entity or tag names; most are empty, and "[]" needs no decoding."""
    return frozenset() if encoded == "[]" else frozenset(json.loads(encoded))
