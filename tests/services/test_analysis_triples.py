"""The first "more like this" candidates, ranked without FTS5's rank: the same order as it."""

from __future__ import annotations

import random

import pytest
from flask import Flask
from sqlalchemy import text

from cms.extensions import db
from cms.pipeline.analyse.terms import terms_of
from cms.services import analysis, analysis_index, analysis_run, analysis_triples, articles
from cms.services.transaction import write

STRONG = ["zebras", "grazing", "rivers", "lions"]
FILLERS = [
    "copper",
    "nickel",
    "cobalt",
    "silver",
    "bronze",
    "marble",
    "granite",
    "basalt",
    "quartz",
    "amber",
]
_FTS5_ORDER = text(
    "SELECT rowid FROM analysis_fts WHERE analysis_fts MATCH :query AND rowid != :exclude "
    "ORDER BY rank"
)


def _collection(seed: int) -> list[int]:
    """Thirty articles naming two to four strong words and a few fillers: many share a size and
    a set of strong words, so many ranks are equal."""
    rng = random.Random(seed)
    bodies = [
        " ".join(
            rng.sample(STRONG, rng.choice((2, 3, 3, 4))) + rng.sample(FILLERS, rng.choice((1, 2)))
        )
        for _ in range(30)
    ]
    with write():
        made = [articles.create_article({"title": "Notes", "body": body}, None) for body in bodies]
        ids = [article.id for article in made]
        analysis.index_articles(ids)
    return ids


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_triples_come_in_fts5s_rank_order_with_its_ties(app: Flask, seed: int) -> None:
    with app.app_context():
        ids = _collection(seed)
        strongest = [terms_of(word)[0] for word in STRONG]
        frequencies = analysis_index.document_frequencies(strongest)
        query = analysis_triples.triples_query(strongest)
        for exclude in (0, ids[0], ids[-1]):
            expected = list(db.session.scalars(_FTS5_ORDER, {"query": query, "exclude": exclude}))
            assert len(expected) > 5
            found = analysis_triples.naming_three(strongest, frequencies, exclude)
            assert found == expected


def test_more_like_this_is_the_same_with_frequencies_or_without(app: Flask) -> None:
    with app.app_context():
        _collection(4)
        strongest = [terms_of(word)[0] for word in STRONG]
        frequencies = analysis_index.document_frequencies(strongest)
        for limit in (3, 8, 40):
            by_fts5 = analysis_index.more_like_this(strongest, exclude_id=0, limit=limit)
            here = analysis_index.more_like_this(strongest, 0, limit, frequencies=frequencies)
            assert here == by_fts5


@pytest.mark.parametrize(
    ("terms", "plain"),
    [
        (["zebra", "graze", "river"], True),
        (["путин", "назарбаев", "ёлка"], True),
        (["naïve", "graze", "river"], False),
        (["Zebra", "graze", "river"], False),
        (["zebra", "путин", "river2"], False),
    ],
)
def test_only_terms_that_are_one_fts5_token_each_are_ranked_here(
    terms: list[str], plain: bool
) -> None:
    assert analysis_triples.plain(terms) is plain


def _segments() -> int:
    return db.session.scalar(text("SELECT count(DISTINCT segid) FROM analysis_fts_idx"))


def test_optimize_merges_the_index_into_one_segment_and_finds_the_same(app: Flask) -> None:
    with app.app_context():
        for seed in (5, 6, 7):  # a transaction each: a segment each
            _collection(seed)
        strongest = [terms_of(word)[0] for word in STRONG]
        frequencies = analysis_index.document_frequencies(strongest)
        before = analysis_index.more_like_this(strongest, 0, 40, frequencies=frequencies)
        assert _segments() > 1
        with write():
            analysis_index.optimize()
        assert _segments() == 1
        assert analysis_index.more_like_this(strongest, 0, 40, frequencies=frequencies) == before


def test_a_large_index_pass_ends_with_the_index_merged(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(analysis_run, "OPTIMIZE_FROM", 20)  # "large": 20 articles, not 1,000
    with app.app_context():
        ids = _collection(8) + _collection(9)
        assert _segments() > 1
        with analysis_run.pool(analysis.vocabulary(), workers=0) as pool:
            analysis_run.index_pass(ids, pool)
        assert _segments() == 1
