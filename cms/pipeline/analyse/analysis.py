"""One document's analysis state: intermediate results computed once, shared by analysers."""

from __future__ import annotations

from collections import Counter
from functools import cached_property, lru_cache

from cms.pipeline.analyse.gazetteer import Found, Gazetteer
from cms.pipeline.analyse.sentences import Sentence, split_sentences
from cms.pipeline.analyse.terms import normalised, surface_forms, terms_of, tfidf, top_terms
from cms.pipeline.analyse.types import Collection, Document, Name, Profile

#: How many times the title's words are added to the body's. None: on Reuters-21578 (the odd
#: half, bench/RESULTS.md) a title counted twice lowered related P@10 from 0.833 to 0.823 and
#: P@1 from 0.887 to 0.839, because headlines carry the rare names (a company, a country) that
#: pull in the same name's other stories rather than the same subject.
TITLE_WEIGHT = 0
#: How many of its strongest terms an article's stored vector keeps.
PROFILE_TERMS = 64


@lru_cache(maxsize=8)
def compiled(names: tuple[Name, ...]) -> Gazetteer:
    """The gazetteer for these names, built once and reused across articles of a run."""
    return Gazetteer(names)


def index_terms(document: Document) -> Counter[str]:
    """The document's term counts (the title's added ``TITLE_WEIGHT`` times): what the index and
    the TF-IDF vectors hold."""
    counts = Counter(terms_of(document.body))
    for term in terms_of(document.title):
        counts[term] += TITLE_WEIGHT
    return counts


class Analysis:
    """The document, the collection, and what several analysers need, each computed once."""

    def __init__(
        self, document: Document, collection: Collection, term_counts: Counter[str] | None = None
    ) -> None:
        """``term_counts``: the document's ``index_terms`` where the caller has them already."""
        self.document = document
        self.collection = collection
        self._given_counts = term_counts

    @cached_property
    def entities(self) -> list[Found]:
        return compiled(self.collection.entities).find(self.document.body)

    @cached_property
    def entities_in_title(self) -> set[str]:
        return {f.name.key for f in compiled(self.collection.entities).find(self.document.title)}

    @cached_property
    def tags(self) -> list[Found]:
        return compiled(self.collection.tags).find(self.document.body)

    @cached_property
    def tags_in_title(self) -> set[str]:
        return {f.name.key for f in compiled(self.collection.tags).find(self.document.title)}

    @cached_property
    def term_counts(self) -> Counter[str]:
        given = self._given_counts
        return given if given is not None else index_terms(self.document)

    @cached_property
    def weights(self) -> dict[str, float]:
        """The document's TF-IDF vector against the collection's document frequencies."""
        c = self.collection
        return tfidf(self.term_counts, c.document_frequencies, c.article_count)

    @cached_property
    def surface(self) -> dict[str, str]:
        return surface_forms(f"{self.document.title}\n{self.document.body}")

    @cached_property
    def sentences(self) -> list[Sentence]:
        return split_sentences(self.document.body)

    def sentence_at(self, offset: int) -> str:
        """The body's sentence around ``offset``: the evidence shown beside a suggestion."""
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence.text
        return ""

    def sentences_index(self, offset: int) -> int:
        """The number (from 0) of the body's sentence that contains ``offset``."""
        for i, sentence in enumerate(self.sentences):
            if sentence.start <= offset < sentence.end:
                return i
        return 0

    @cached_property
    def vector(self) -> dict[str, float]:
        """The strongest weights only, renormalised: what is stored and compared in re-ranks,
        so a query and its candidates are cut the same way."""
        weights = self.weights
        vector = normalised({t: weights[t] for t in top_terms(weights, PROFILE_TERMS)})
        return {t: round(w, 5) for t, w in vector.items()}

    def profile(self) -> Profile:
        return Profile(
            vector=self.vector,
            entities=tuple(f.name.name for f in self.entities),
            tags=tuple(f.name.name for f in self.tags),
        )
