"""Tag candidates (vocabulary first, then distinctive terms) and the analyser registry."""

from __future__ import annotations

from collections import Counter

import pytest

from cms.pipeline.analyse import (
    ANALYSERS,
    Collection,
    Document,
    Name,
    Proposal,
    ProposalKind,
    analyse,
    register,
)
from cms.pipeline.analyse.keywords import NEW_TERM_CEILING, new_terms
from tests.pipeline.analyse.seeds import NAMES, RT_OPED, collection, document

EAEU_TAG = Name("eurasian economic union", "Eurasian Economic Union", ("EAEU", "Eurasian Union"))


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        (
            "",
            "The EAEU met. The EAEU grew. The Eurasian Union spoke.",
            [("Eurasian Economic Union", 0.87)],
        ),
        ("", "The EAEU met.", [("Eurasian Economic Union", 0.75)]),
        ("EAEU summit", "The EAEU met.", [("Eurasian Economic Union", 0.85)]),
        ("", "Nothing of the kind.", []),
    ],
)
def test_vocabulary_tags_scored_by_mentions_and_title(title, body, expected) -> None:
    proposals = analyse(Document(title, body), Collection(tags=(EAEU_TAG,)), only=["tags"])
    assert [(p.value, p.score) for p in proposals] == expected
    assert all(p.key == "tag:eurasian economic union" for p in proposals)


def test_seed_vocabulary_tags_include_the_ones_an_editor_chose() -> None:
    proposals = analyse(document(RT_OPED), collection(), only=["tags"])
    assert {"CSTO", "Eurasian Economic Union"} <= {p.value for p in proposals}


def test_new_terms_rank_by_tfidf_below_the_vocabulary_ceiling() -> None:
    counts = Counter({"uranium": 4, "trade": 4, "kazakhstan": 5, "ab": 9, "rare": 1})
    surface = {"uranium": "uranium", "trade": "trade", "kazakhstan": "Kazakhstan"}
    frequencies = {"uranium": 2, "trade": 900, "kazakhstan": 10}
    found = new_terms(counts, surface, frequencies, 1000, exclude={"kazakhstan"})
    assert [t.written for t in found] == ["uranium", "trade"]
    assert found[0].score == NEW_TERM_CEILING
    assert found[1].score < found[0].score


def test_new_terms_need_a_collection_large_enough_to_judge() -> None:
    small = analyse(document(RT_OPED), collection(), only=["tags"])
    assert all(p.score > NEW_TERM_CEILING for p in small if p.value == p.value.title())
    assert not [p for p in small if p.reason.startswith("a new term")]


def test_registry_runs_a_registered_analyser_and_marks_its_source() -> None:
    @register("shouting")
    def shouting(analysis) -> list[Proposal]:
        return [Proposal(ProposalKind.TAG, "tag:loud", "LOUD", 0.1, "all capitals")]

    try:
        (proposal,) = analyse(Document("T", "B"), Collection(), only=["shouting"])
        assert proposal.source == "analyse.shouting"
    finally:
        del ANALYSERS["shouting"]


def test_an_unknown_analyser_is_named_in_the_error() -> None:
    with pytest.raises(ValueError, match="no analyser named nope"):
        analyse(Document("T", "B"), Collection(), only=["nope"])


@pytest.mark.parametrize("name", NAMES)
def test_every_seed_gets_every_kind(name: str) -> None:
    kinds = {p.kind for p in analyse(document(name), collection(name))}
    assert kinds == {
        ProposalKind.SUMMARY,
        ProposalKind.ENTITY,
        ProposalKind.TAG,
        ProposalKind.RELATED,
    }
