"""The five seed articles and the seed gazetteer as the analysers' plain values."""

from __future__ import annotations

import datetime as dt
import tomllib
from functools import cache
from pathlib import Path

from cms.pipeline import SourceFile, extract
from cms.pipeline.analyse import Candidate, Collection, Document, Name, index_terms
from cms.pipeline.analyse.gazetteer import Gazetteer, fold
from cms.pipeline.analyse.terms import tfidf

SEED = Path(__file__).parents[3] / "seed"
MOSCOW = "000_b020c0fcd00a414b.txt"
WINDOW = "001_614c04a5f267a7c2.txt"
RT_OPED = "002_be3c9239acb006a7.txt"
AP_BLOG = "003_dbfe13b045685826.txt"
EURASIA = "004_2092471ce9592bb4.txt"
NAMES = (MOSCOW, WINDOW, RT_OPED, AP_BLOG, EURASIA)
# The dates the curation settles (the files give only some of them).
DATES = {
    MOSCOW: dt.date(2014, 9, 30),
    WINDOW: dt.date(2014, 8, 31),
    RT_OPED: dt.date(2024, 11, 1),
    AP_BLOG: dt.date(2023, 11, 9),
    EURASIA: dt.date(2023, 11, 1),
}


@cache
def document(name: str) -> Document:
    article = extract(SourceFile(name, (SEED / name).read_bytes()))
    return Document(
        article.title, article.body, DATES[name], article.authors, article_id=NAMES.index(name) + 1
    )


def raw_document(name: str) -> Document:
    """The file's text as it is, boilerplate and all: what an analyser must cope with too."""
    return Document("", (SEED / name).read_text(encoding="utf-8"), DATES[name])


@cache
def gazetteer() -> tuple[Name, ...]:
    data = tomllib.loads((SEED / "gazetteer.toml").read_text(encoding="utf-8"))
    return tuple(
        Name(str(i), e["name"], tuple(e.get("aliases", ())), e["kind"])
        for i, e in enumerate(data["entities"], start=1)
    )


@cache
def blocked() -> frozenset[str]:
    data = tomllib.loads((SEED / "gazetteer.toml").read_text(encoding="utf-8"))
    return frozenset(fold(b["name"]) for b in data["blocked"])


@cache
def tags() -> tuple[Name, ...]:
    data = tomllib.loads((SEED / "curation.toml").read_text(encoding="utf-8"))
    return tuple(
        Name(fold(t["name"]), t["name"], tuple(t.get("aliases", ()))) for t in data["tags"]
    )


def frequencies() -> dict[str, int]:
    counts: dict[str, int] = {}
    for name in NAMES:
        for term in index_terms(document(name)):
            counts[term] = counts.get(term, 0) + 1
    return counts


def candidates(excluding: str) -> tuple[Candidate, ...]:
    """Every other seed as a related-article candidate, as the index would hand them over:
    its TF-IDF vector and the entity and tag names the gazetteer finds in it."""
    df = frequencies()
    entities, vocabulary = Gazetteer(gazetteer()), Gazetteer(tags())
    return tuple(
        Candidate(
            article_id=document(name).article_id or 0,
            title=document(name).title,
            terms=tfidf(index_terms(document(name)), df, len(NAMES)),
            published=DATES[name],
            entities=frozenset(f.name.name for f in entities.find(document(name).body)),
            tags=frozenset(f.name.name for f in vocabulary.find(document(name).body)),
        )
        for name in NAMES
        if name != excluding
    )


def collection(for_name: str | None = None) -> Collection:
    return Collection(
        entities=gazetteer(),
        tags=tags(),
        blocked=blocked(),
        document_frequencies=frequencies(),
        article_count=len(NAMES),
        candidates=candidates(for_name) if for_name else (),
    )
