"""Related articles: the seeds' natural pairs come first, with reasons in words."""

from __future__ import annotations

import datetime as dt

import pytest

from cms.pipeline.analyse import Candidate, ProposalKind, analyse
from cms.pipeline.analyse.related import Query, rank_related, reason
from cms.pipeline.fingerprint import shingles, sketch
from tests.pipeline.analyse.seeds import (
    AP_BLOG,
    EURASIA,
    MOSCOW,
    NAMES,
    WINDOW,
    collection,
    document,
)


def top_related(name: str) -> int | None:
    proposals = analyse(document(name), collection(name), only=["related"])
    return proposals[0].target_article_id


@pytest.mark.parametrize(
    ("name", "partner"),
    [(MOSCOW, WINDOW), (WINDOW, MOSCOW), (AP_BLOG, EURASIA), (EURASIA, AP_BLOG)],
)
def test_each_seed_pair_is_the_other_s_top_related(name: str, partner: str) -> None:
    assert top_related(name) == document(partner).article_id


@pytest.mark.parametrize("name", NAMES)
def test_reasons_name_what_is_shared_and_the_time_between(name: str) -> None:
    for proposal in analyse(document(name), collection(name), only=["related"]):
        assert proposal.key == f"related:{proposal.target_article_id}"
        assert proposal.reason.startswith("shares ")
        assert proposal.reason.endswith(("apart", "same day"))
        assert 0 < proposal.score <= 1


def test_reason_of_the_2014_pair() -> None:
    proposals = analyse(document(MOSCOW), collection(MOSCOW), only=["related"])
    assert proposals[0].reason.startswith("shares Nursultan Nazarbayev, ")
    assert proposals[0].reason.endswith("; 30 days apart")


def vector(*terms: str) -> dict[str, float]:
    weight = 1 / len(terms) ** 0.5
    return {t: weight for t in terms}


DAY = dt.date(2024, 1, 1)
OIL = (
    "Oil prices rose on Tuesday after OPEC ministers agreed to hold output at current levels "
    "until the end of the year, traders in London said, while Brent crude gained two dollars "
    "a barrel in early trade and analysts expected further gains before the next meeting."
)
EARNINGS = "Shr {} cts vs {} cts. Net {} mln vs {} mln. Revs {} mln vs {} mln. {} Inc said."


def sketch_of(text: str) -> frozenset[int]:
    return frozenset(sketch(shingles(text)))


@pytest.mark.parametrize(
    ("query", "candidates", "expected_order", "duplicates"),
    [
        # A near-copy comes first even when another candidate shares more names.
        (
            Query(vector("oil", "price", "opec"), ("OPEC",), published=DAY, text=OIL),
            (
                Candidate(1, "a", vector("oil", "price", "quota"), DAY, frozenset({"OPEC"})),
                Candidate(
                    2,
                    "b",
                    vector("oil", "price", "opec"),
                    DAY + dt.timedelta(days=1),
                    sketch=sketch_of(OIL.replace("Tuesday", "Wednesday")),
                ),
            ),
            [2, 1],
            {2},
        ),
        # Worded alike but sharing no sentence (two companies' earnings tables): not a copy.
        (
            Query(
                vector("net", "shr", "revs"),
                text=EARNINGS.format(41, 38, 12.1, 11.3, 310, 290, "Brown-Forman"),
            ),
            (
                Candidate(
                    7,
                    "other company",
                    vector("net", "shr", "revs"),
                    sketch=sketch_of(EARNINGS.format(7, 9, 1.4, 1.9, 22, 25, "Hyponex")),
                ),
            ),
            [7],
            set(),
        ),
        # Same wording, but one is three years away: the close one wins.
        (
            Query(vector("wheat", "export", "tender", "egypt", "cargo"), published=DAY),
            (
                Candidate(3, "far", vector("wheat", "export", "tender"), DAY.replace(year=2021)),
                Candidate(4, "near", vector("wheat", "export", "tender"), DAY),
            ),
            [4, 3],
            set(),
        ),
        # Shared entities break a tie in wording.
        (
            Query(vector("summit", "visit"), ("Nazarbayev",)),
            (
                Candidate(5, "x", vector("summit", "visit", "a"), entities=frozenset({"Macron"})),
                Candidate(
                    6, "y", vector("summit", "visit", "a"), entities=frozenset({"Nazarbayev"})
                ),
            ),
            [6, 5],
            set(),
        ),
    ],
)
def test_rank_related(query, candidates, expected_order, duplicates) -> None:
    ranked = rank_related(query, candidates)
    assert [r.candidate.article_id for r in ranked] == expected_order
    assert {r.candidate.article_id for r in ranked if r.duplicate} == duplicates


def test_duplicates_are_proposed_as_duplicates_keyed_by_target() -> None:
    name = AP_BLOG
    copy = Candidate(
        99,
        "copy",
        analyse_weights(name),
        document(name).published,
        sketch=sketch_of(document(name).body),
    )
    base = collection(name)
    proposals = analyse(
        document(name),
        type(base)(**{**base.__dict__, "candidates": (copy, *base.candidates)}),
        only=["related"],
    )
    assert (proposals[0].kind, proposals[0].key) == (ProposalKind.DUPLICATE, "duplicate:99")
    assert proposals[0].reason.startswith("nearly the same text")


def analyse_weights(name: str) -> dict[str, float]:
    from cms.pipeline.analyse.analysis import Analysis

    return Analysis(document(name), collection()).vector


@pytest.mark.parametrize(
    ("days", "words"),
    [(0, "same day"), (1, "1 day apart"), (30, "30 days apart"), (1200, "3 years apart")],
)
def test_time_apart_in_words(days: int, words: str) -> None:
    query = Query(vector("a", "b"), ("Putin",), published=DAY)
    candidate = Candidate(
        1, "t", vector("a", "c"), DAY + dt.timedelta(days=days), frozenset({"Putin"})
    )
    assert reason(rank_related(query, (candidate,))[0], {}) == f"shares Putin; {words}"


def test_a_candidate_naming_other_names_is_not_pushed_below_one_naming_none() -> None:
    """Names add a bonus; naming something else costs nothing (the old average divided by it)."""
    query = Query(vector("a", "b"), ("Japan",))
    candidates = (
        Candidate(1, "names another place", vector("a", "b", "c"), entities=frozenset({"USA"})),
        Candidate(2, "names nothing", vector("a", "b", "c", "d")),
    )
    assert [r.candidate.article_id for r in rank_related(query, candidates)] == [1, 2]


def test_a_name_every_candidate_shares_counts_for_nothing() -> None:
    query = Query(vector("a"), ("Japan", "Nakasone"))
    everyone = frozenset({"Japan"})
    candidates = (
        Candidate(1, "japan only", vector("a"), entities=everyone),
        Candidate(2, "nakasone", vector("a"), entities=everyone | {"Nakasone"}),
    )
    first, second = rank_related(query, candidates)
    assert (first.candidate.article_id, second.candidate.article_id) == (2, 1)
    assert first.score > second.score


def test_what_the_closest_candidates_share_lifts_a_candidate_among_many() -> None:
    """Equal wording with the query; the one sharing the close neighbours' words wins, once
    there are enough candidates for the closest few to mean something."""
    neighbours = tuple(Candidate(10 + i, "n", vector("x", "z")) for i in range(5))
    fillers = tuple(Candidate(100 + i, "f", vector(f"filler{i}")) for i in range(14))
    unlike, like = Candidate(1, "b", vector("y", "w")), Candidate(2, "a", vector("y", "z"))
    ranked = rank_related(Query(vector("x", "y")), (*neighbours, *fillers, unlike, like), 20)
    order = [r.candidate.article_id for r in ranked]
    assert order.index(2) < order.index(1)
    few = rank_related(Query(vector("x", "y")), (unlike, like))
    assert [r.candidate.article_id for r in few] == [1, 2]  # a tie, by id: no widening
