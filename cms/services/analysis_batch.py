"""The analysis of many articles (``flask analyse``, an import's second phase), chunk by chunk.

Three passes, so the articles see each other as they will be:

1. terms: each article's distinct terms into the similarity index (triggers keep the FTS5 table
   and the document frequencies in step), so the frequencies count every article;
2. profiles: each article's vector, entities and tags, which the others' re-ranks compare;
3. suggestions: candidates from the index, the analysers, the proposals stored.

A chunk's database work is set-based: one query reads what all its articles need (their texts,
stored rows, document frequencies, the candidates' profiles), one statement writes each kind
of row. Only the "more like this" query runs per article. The steps between are pure
(``analysis_steps``): a ``Pool`` with workers runs them in other processes while this one
reads the next chunks and writes the last (see ``analysis_run``); without workers they run
here.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence

from sqlalchemy import bindparam, insert, select, update

from cms.extensions import db
from cms.models import Article, ArticleAnalysis
from cms.pipeline.analyse import Document, Profile, index_terms
from cms.pipeline.analyse.terms import tfidf, top_terms
from cms.services import analysis_index, analysis_reads, suggestions
from cms.services.analysis_steps import Made, SuggestTask, Text

#: Ids per ``IN`` list.
IN_LIMIT = 5000
_TABLE = ArticleAnalysis.__table__
_STORED_TERMS = (
    "SELECT article_id, text_hash, terms FROM article_analyses "
    f"WHERE article_id {analysis_reads.IN_LIST}"
)


# --- reading ---------------------------------------------------------------------------------


def texts(ids: Sequence[int]) -> list[Text]:
    """The articles' texts in the order of ``ids`` (missing ones left out), as plain rows."""
    columns = (
        Article.id,
        Article.title,
        Article.body,
        Article.published_on,
        Article.authors,
        Article.language,
        Article.summary,
    )
    found = {}
    for part in _parts(ids):
        for row in db.session.execute(select(*columns).where(Article.id.in_(part))):
            authors = tuple(a.strip() for a in row.authors.split(",") if a.strip())
            document = Document(
                row.title, row.body, row.published_on, authors, row.language, row.id
            )
            found[row.id] = Text(document, bool((row.summary or "").strip()))
    return [found[i] for i in ids if i in found]


def _stored_terms(ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """Each analysed article's text hash and encoded terms."""
    found = {}
    for part in _parts(ids):
        rows = analysis_reads.rows(_STORED_TERMS, [analysis_reads.listed(part)])
        found.update({article_id: (hashed, terms) for article_id, hashed, terms in rows})
    return found


def _frequencies(terms: Iterable[str]) -> tuple[dict[str, int], int]:
    """Document frequencies of all these terms (a chunk's), and the article count."""
    wanted = sorted(set(terms))
    frequencies: dict[str, int] = {}
    count = 0
    for start in range(0, max(len(wanted), 1), IN_LIMIT):
        part, count = analysis_index.frequencies_and_count(wanted[start : start + IN_LIMIT])
        frequencies |= part
    return frequencies, count


def _parts(ids: Sequence[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), IN_LIMIT):
        yield list(ids[start : start + IN_LIMIT])


# --- pass 1: terms ---------------------------------------------------------------------------


def store_terms(rows: Sequence[tuple[int, str, str]]) -> None:
    """Insert the new articles' terms, update the changed ones' (the triggers re-index them)."""
    stored = _stored_terms([article_id for article_id, _, _ in rows])
    now = dt.datetime.now(dt.UTC)
    new = [
        {"article_id": i, "text_hash": h, "terms": t, "vector": {}, "entities": [], "tags": []}
        for i, h, t in rows
        if i not in stored
    ]
    changed = [
        {"b_id": i, "b_hash": h, "b_terms": t, "b_now": now}
        for i, h, t in rows
        if i in stored and stored[i] != (h, t)
    ]
    if new:
        db.session.execute(insert(_TABLE), new)
    if changed:  # one statement per row all the same: a trigger re-indexes each
        db.session.execute(
            update(_TABLE)
            .where(_TABLE.c.article_id == bindparam("b_id"))
            .values(
                text_hash=bindparam("b_hash"),
                terms=bindparam("b_terms"),
                analysed_at=bindparam("b_now"),
            ),
            changed,
        )


# --- pass 2: profiles ------------------------------------------------------------------------


def profile_task(ids: Sequence[int]) -> tuple[list[Text], dict[str, int], int]:
    """The chunk's texts and the document frequencies of all their stored terms."""
    chunk = texts(ids)
    stored = _stored_terms(ids)
    terms = (t for _, encoded in stored.values() for t in json.loads(encoded))
    frequencies, count = _frequencies(terms)
    return chunk, frequencies, count


def store_profiles(found: Sequence[tuple[int, Profile]]) -> None:
    if not found:
        return
    now = dt.datetime.now(dt.UTC)
    db.session.execute(
        update(_TABLE)
        .where(_TABLE.c.article_id == bindparam("b_id"))
        .values(
            vector=bindparam("b_vector", type_=_TABLE.c.vector.type),
            entities=bindparam("b_entities", type_=_TABLE.c.entities.type),
            tags=bindparam("b_tags", type_=_TABLE.c.tags.type),
            analysed_at=bindparam("b_now"),
        ),
        [
            {
                "b_id": article_id,
                "b_vector": p.vector,
                "b_entities": list(p.entities),
                "b_tags": list(p.tags),
                "b_now": now,
            }
            for article_id, p in found
        ],
    )


# --- pass 3: suggestions ---------------------------------------------------------------------


def suggest_task(ids: Sequence[int], only: Sequence[str] | None) -> SuggestTask:
    """The chunk's texts, frequencies and candidates: this process's part (the database)."""
    chunk = texts(ids)
    counts = [index_terms(t.document) for t in chunk]
    frequencies, article_count = _frequencies(t for c in counts for t in c)
    entries = []
    for text, article_counts in zip(chunk, counts, strict=True):
        own = {t: frequencies[t] for t in article_counts if t in frequencies}
        query = top_terms(tfidf(article_counts, own, article_count), analysis_index.QUERY_TERMS)
        found = analysis_index.more_like_this(query, text.document.article_id or 0, frequencies=own)
        entries.append((text, own, tuple(found)))
    wanted = sorted({i for _, _, found in entries for i in found})
    candidates = {}
    for part in _parts(wanted):
        candidates |= {c.article_id: c for c in analysis_index.candidates(part)}
    return SuggestTask(tuple(entries), article_count, candidates, tuple(only) if only else None)


def store_proposals(made: Sequence[Made], only: Sequence[str] | None) -> suggestions.StoreReport:
    return suggestions.store_many(made, ran=only)
