"""The first "more like this" candidates: articles naming three of an article's four strongest
terms, ranked exactly as FTS5's ``ORDER BY rank`` (bm25) ranks them, for less work.

FTS5's bm25 first counts, for every phrase of the query, the articles containing it: a scan of
the phrase's whole posting list. The OR of four AND triples has twelve phrases; at 100,000
articles whose strongest terms each sit in ~8 % of them, those scans were most of the query's
time (8 ms of 10; matching the ~130 articles took 2). The index already keeps each term's
document frequency (``term_frequencies``, the same count by the same triggers), so here the
triples are matched without ranking and the bm25 score is computed from those frequencies,
FTS5's own row and token totals and each article's size in tokens, in FTS5's order of
operations, so the scores and the order are the same to the last bit (checked against
``ORDER BY rank`` in the tests and on the 100,000-article benchmark collection).
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Mapping, Sequence

from cms.services import analysis_reads

#: FTS5's bm25 parameters (its defaults, which ``ORDER BY rank`` uses).
K1 = 1.2
B = 0.75
#: Terms whose FTS5 token is the term itself: one token, already folded (the English and
#: Russian stemmers' output). Any other term leaves the ranking to FTS5.
_PLAIN = re.compile(r"[a-z]+|[а-яё]+")


@functools.cache
def _matches(triples: int) -> str:
    """Each triple's matches with their sizes in tokens, then FTS5's "averages" record (its
    row count and total size in tokens, as bm25 reads them): one statement, one snapshot."""
    return (
        " UNION ALL ".join(
            f"SELECT {number}, f.rowid, d.sz FROM analysis_fts f "
            "JOIN analysis_fts_docsize d ON d.id = f.rowid WHERE f.analysis_fts MATCH ?"
            for number in range(triples)
        )
        + " UNION ALL SELECT -1, 0, block FROM analysis_fts_data WHERE id = 1"
    )


def plain(terms: Sequence[str]) -> bool:
    """Whether these terms can be ranked here (each is exactly one FTS5 token)."""
    return all(_PLAIN.fullmatch(term) for term in terms)


def triples_query(strongest: Sequence[str]) -> str:
    """The FTS5 query naming three of ``strongest``: an OR of AND triples."""
    return " OR ".join(
        "(" + " ".join(f'"{t}"' for t in triple) + ")"
        for triple in itertools.combinations(strongest, 3)
    )


def naming_three(
    strongest: Sequence[str], frequencies: Mapping[str, int], exclude_id: int
) -> list[int]:
    """Ids of the articles naming three of ``strongest`` (plain terms), best bm25 first, as
    ``analysis_fts MATCH triples_query(strongest) ORDER BY rank`` returns them.

    ``frequencies`` are the terms' document frequencies in the index now (a term missing
    from it is in no article).
    """
    triples = list(itertools.combinations(strongest, 3))
    queries = [" ".join(f'"{t}"' for t in triple) for triple in triples]
    sizes: dict[int, int] = {}
    matched: dict[int, list[int]] = {}
    totals = b""
    for number, rowid, size in analysis_reads.rows(_matches(len(queries)), queries):
        if number < 0:
            totals = size
        elif rowid != exclude_id:
            if rowid not in sizes:  # one varint; under 128 tokens, one byte
                sizes[rowid] = size[0] if size[0] < 0x80 else _varints(size)[0]
            matched.setdefault(rowid, []).append(number)
    if not matched:
        return []
    rows, tokens = _varints(totals)[:2]
    average = tokens / rows
    idf = {term: _idf(rows, frequencies.get(term, 0)) for term in strongest}
    rank = {
        rowid: -_score(triples, numbers, idf, sizes[rowid], average)
        for rowid, numbers in matched.items()
    }
    # Equal ranks in the order FTS5 hands rows to its sorter: by rowid.
    return sorted(rank, key=lambda rowid: (rank[rowid], rowid))


def _idf(rows: int, hits: int) -> float:
    """FTS5's bm25 IDF, floored as it floors it."""
    idf = math.log((rows - hits + 0.5) / (hits + 0.5))
    return idf if idf > 0.0 else 1e-6


def _score(
    triples: Sequence[tuple[str, ...]],
    numbers: Sequence[int],
    idf: Mapping[str, float],
    size: int,
    average: float,
) -> float:
    """FTS5's bm25 sum over the query's phrases in order: a phrase counts where its triple
    matched (FTS5 reports no instance of a phrase in an AND that did not match), once (an
    article's terms are distinct); the others add 0.0, which changes no sum."""
    score = 0.0
    for number in numbers:  # ascending, as the phrases come in the query
        for term in triples[number]:
            score += idf[term] * ((1.0 * (K1 + 1.0)) / (1.0 + K1 * (1 - B + B * size / average)))
    return score


def _varints(blob: bytes) -> list[int]:
    """SQLite's variable-length integers (FTS5's record format), in order."""
    values = []
    at = 0
    while at < len(blob):
        value = 0
        for place in range(9):
            byte = blob[at]
            at += 1
            if place == 8:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if not byte & 0x80:
                break
        values.append(value)
    return values
