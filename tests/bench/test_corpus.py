"""The shared benchmark corpus is deterministic and has the structure benchmarks rely on."""

import re

from bench.corpus import PROBE_WORDS, generate


def test_same_seed_same_corpus() -> None:
    assert list(generate(50, seed=3)) == list(generate(50, seed=3))
    assert list(generate(50, seed=3)) != list(generate(50, seed=4))


def test_probe_words_occur_in_their_planted_share() -> None:
    articles = list(generate(3000, seed=1))
    share, words = PROBE_WORDS["common"]
    for word in words:
        found = sum(bool(re.search(rf"\b{word}\b", a.body)) for a in articles) / len(articles)
        assert abs(found - share) < 0.05, (word, found)


def test_near_duplicates_point_at_an_earlier_article_of_their_group() -> None:
    articles = list(generate(2000, seed=2))
    duplicates = [a for a in articles if a.near_duplicate_of is not None]
    assert 20 <= len(duplicates) <= 70
    for duplicate in duplicates:
        original = articles[duplicate.near_duplicate_of]
        assert original.index < duplicate.index
        assert original.group == duplicate.group
        shared = set(original.body.split()) & set(duplicate.body.split())
        assert len(shared) / len(set(original.body.split())) > 0.9
