"""Run the analysers on articles and keep what they propose as suggestions.

For each article: its terms go into the similarity index (so document frequencies count it),
the index proposes candidates, the pure analysers run, the article's profile is kept for
others' re-ranks, and the proposals are stored through ``suggestions.store``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cms.extensions import db
from cms.models import Article
from cms.models.base import name_key
from cms.pipeline.analyse import (
    Candidate,
    Collection,
    Document,
    Name,
    index_terms,
    ranked_related,
    run,
)
from cms.pipeline.analyse.related import Ranked
from cms.pipeline.analyse.terms import tfidf, top_terms
from cms.services import (
    analysis_batch,
    analysis_index,
    analysis_reads,
    analysis_steps,
    entities,
    suggestions,
)
from cms.services.analysis_steps import Vocabulary

#: Progress callback: called with the number of articles done so far.
Progress = Callable[[int], None]
#: Articles whose suggestions are made and stored together.
SUGGEST_CHUNK = 100


@dataclass
class AnalysisReport:
    analysed: int = 0
    created: int = 0
    updated: int = 0
    dropped: int = 0

    def add(self, stored: suggestions.StoreReport, analysed: int) -> None:
        self.analysed += analysed
        self.created += stored.created
        self.updated += stored.updated
        self.dropped += stored.dropped


def vocabulary() -> Vocabulary:
    """The gazetteer, the tag vocabulary and the kill list as the analysers take them.

    A tag named like an entity ("Eurasian Economic Union") is also found by the entity's
    aliases ("EAEU"), so editors curate those words once.
    """
    gazetteer = entities.gazetteer()
    by_name = {name.name.casefold(): name for name in gazetteer}
    tags = []
    rows = analysis_reads.rows("SELECT name_key, name, aliases FROM tags ORDER BY id")
    for key, tag_name, tag_aliases in rows:
        entity = by_name.get(tag_name.casefold())
        aliases = (*_lines(tag_aliases), *(entity.all_names if entity else ()))
        tags.append(Name(key, tag_name, tuple(dict.fromkeys(aliases))))
    # Outlets are named in articles ("RT", "AP") but are not entities to propose.
    outlets = {
        name_key(name)
        for outlet_name, outlet_aliases in analysis_reads.rows("SELECT name, aliases FROM outlets")
        for name in (outlet_name, *_lines(outlet_aliases))
    }
    return Vocabulary(gazetteer, tuple(tags), entities.blocked_keys() | outlets)


def _lines(text: str) -> tuple[str, ...]:
    """An aliases column's names, one a line (as ``Tag.alias_list`` reads them)."""
    return tuple(a.strip() for a in text.splitlines() if a.strip())


def document_of(article: Article) -> Document:
    return Document(
        title=article.title,
        body=article.body,
        published=article.published_on,
        authors=tuple(article.author_list),
        language=article.language,
        article_id=article.id,
    )


text_hash = analysis_steps.text_hash


def _collection(
    counts: Counter[str], known: Vocabulary, exclude_id: int, with_candidates: bool = True
) -> Collection:
    """What the analysers need beyond the article: frequencies of its terms, the collection's
    size, the vocabulary, and (unless only a profile is wanted) the index's candidates."""
    frequencies, article_count = analysis_index.frequencies_and_count(counts)
    candidates: tuple[Candidate, ...] = ()
    if with_candidates:
        query = top_terms(tfidf(counts, frequencies, article_count), analysis_index.QUERY_TERMS)
        ids = analysis_index.more_like_this(query, exclude_id, frequencies=frequencies)
        candidates = analysis_index.candidates(ids)
    return Collection(
        entities=known.entities,
        tags=known.tags,
        blocked=known.blocked,
        document_frequencies=frequencies,
        article_count=article_count,
        candidates=candidates,
    )


def related(article: Article, known: Vocabulary, limit: int = 10) -> list[Ranked]:
    """The article's most related others, ranked as its suggestions would be (nothing stored)."""
    document = document_of(article)
    counts = index_terms(document)
    return ranked_related(document, _collection(counts, known, article.id), limit, counts)


def analyse_article(
    article: Article, known: Vocabulary | None = None, only: Sequence[str] | None = None
) -> suggestions.StoreReport:
    """Analyse one article and store its suggestions; the caller's transaction commits."""
    known = known or vocabulary()
    document = document_of(article)
    counts = index_terms(document)
    encoded = analysis_steps.encode_terms(counts)
    analysis_batch.store_terms([(article.id, text_hash(document), encoded)])
    outcome = run(document, _collection(counts, known, article.id), only, counts)
    analysis_batch.store_profiles([(article.id, outcome.profile)])
    return suggestions.store(article, outcome.proposals, ran=only)


def index_articles(ids: Sequence[int]) -> None:
    """First pass: the articles' terms into the index, so frequencies count all of them."""
    analysis_batch.store_terms(analysis_steps.encoded_terms(analysis_batch.texts(ids)))


def profile_articles(ids: Sequence[int], known: Vocabulary) -> None:
    """Second pass: keep each article's profile, which others' re-ranks compare."""
    chunk, frequencies, count = analysis_batch.profile_task(ids)
    analysis_batch.store_profiles(analysis_steps.profiles(chunk, frequencies, count, known))


def suggest_articles(
    ids: Sequence[int],
    known: Vocabulary,
    progress: Progress | None = None,
    only: Sequence[str] | None = None,
) -> AnalysisReport:
    """Third pass: run the analysers and store their suggestions (the first two have run)."""
    report = AnalysisReport()
    for start in range(0, len(ids), SUGGEST_CHUNK):
        part = ids[start : start + SUGGEST_CHUNK]
        made = analysis_steps.proposals(analysis_batch.suggest_task(part, only), known)
        report.add(analysis_batch.store_proposals(made, only), len(made))
        if progress is not None:
            progress(report.analysed)
    return report


def analyse_articles(
    ids: Iterable[int], progress: Progress | None = None, only: Sequence[str] | None = None
) -> AnalysisReport:
    """Analyse these articles: the import's second phase, and ``flask analyse`` for one chunk.

    Three passes, so the articles see each other as they will be: terms into the index, then
    profiles, then suggestions. ``progress`` is called with the number of articles done. The
    caller commits. (``flask analyse`` runs the passes itself, chunk by chunk, over the whole
    collection.)
    """
    ids = list(ids)
    known = vocabulary()
    if len(ids) == 1:  # one article alone needs no earlier passes: it is its own batch
        article = db.session.get(Article, ids[0])
        report = AnalysisReport()
        if article is not None:
            report.add(analyse_article(article, known, only), 1)
            if progress is not None:
                progress(1)
        return report
    index_articles(ids)
    profile_articles(ids, known)
    return suggest_articles(ids, known, progress, only)


def seed_suggestions(folder: Path, article_ids: list[int]) -> AnalysisReport:
    """``flask seed``'s last step: load the folder's gazetteer, then analyse the new articles."""
    entities.load_gazetteer(folder)
    return analyse_articles(article_ids)
