"""The pure steps of ``flask analyse``'s chunks, and what they take and give: what its worker
processes import.

Nothing here reads or writes the database, and nothing imports Flask or SQLAlchemy (the
package modules import nothing either), so a spawned worker starts with the pure pipeline
alone, as the import's workers do (``importing.extracting``): importing the database stack
made each worker's start cost about 2.5 s. ``analysis_batch`` reads and writes around these
steps; ``analysis_run`` hands them to the workers.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from cms.pipeline.analyse import (
    Candidate,
    Collection,
    Document,
    Name,
    Profile,
    Proposal,
    index_terms,
    profile,
    run,
)
from cms.services.workers import exit_with


@dataclass(frozen=True)
class Vocabulary:
    """What every article of a run is matched against, loaded once per run."""

    entities: tuple[Name, ...]
    tags: tuple[Name, ...]
    blocked: frozenset[str]


@dataclass(frozen=True)
class Text:
    """An article as the analysers take it, and whether an editor's summary is there."""

    document: Document
    has_summary: bool


#: One article's proposals: its id, whether it has an editor's summary, the proposals.
Made = tuple[int, bool, tuple[Proposal, ...]]


@dataclass(frozen=True)
class SuggestTask:
    """What the analysers need for a chunk: its texts, each with its frequencies and candidate
    ids, and the candidates' profiles once for the chunk (neighbours share many)."""

    texts: tuple[tuple[Text, dict[str, int], tuple[int, ...]], ...]
    article_count: int
    candidates: dict[int, Candidate]
    only: tuple[str, ...] | None


def text_hash(document: Document) -> str:
    """Fingerprint of the title and body analysed."""
    return hashlib.sha256(f"{document.title}\n{document.body}".encode()).hexdigest()


def encode_terms(terms: Iterable[str]) -> str:
    """The distinct terms as ``article_analyses.terms`` holds them (what FTS5 indexes)."""
    return json.dumps(sorted(set(terms)), ensure_ascii=False)


def encoded_terms(chunk: Sequence[Text]) -> list[tuple[int, str, str]]:
    """Each article's id, text hash and distinct terms as the index stores them."""
    return [
        (
            t.document.article_id or 0,
            text_hash(t.document),
            encode_terms(index_terms(t.document)),
        )
        for t in chunk
    ]


def profiles(
    chunk: Sequence[Text], frequencies: dict[str, int], count: int, known: Vocabulary
) -> list[tuple[int, Profile]]:
    """Each article's profile against the collection's frequencies."""
    found = []
    for text in chunk:
        counts = index_terms(text.document)
        collection = _collection(known, counts, frequencies, count)
        found.append((text.document.article_id or 0, profile(text.document, collection)))
    return found


def proposals(task: SuggestTask, known: Vocabulary) -> list[Made]:
    """Every article's proposals (id, whether it has a summary, proposals)."""
    made = []
    for text, own, found in task.texts:
        collection = Collection(
            entities=known.entities,
            tags=known.tags,
            blocked=known.blocked,
            document_frequencies=own,
            article_count=task.article_count,
            candidates=tuple(task.candidates[i] for i in found if i in task.candidates),
        )
        outcome = run(text.document, collection, task.only)
        made.append((text.document.article_id or 0, text.has_summary, outcome.proposals))
    return made


def _collection(
    known: Vocabulary, counts: dict[str, Any], frequencies: dict[str, int], count: int
) -> Collection:
    return Collection(
        entities=known.entities,
        tags=known.tags,
        blocked=known.blocked,
        document_frequencies={t: frequencies[t] for t in counts if t in frequencies},
        article_count=count,
    )


# --- in a worker (or in the writer when there are none) ---------------------------------------

#: What every article is matched against: set once per worker by ``use``.
_known: Vocabulary | None = None


def use(known: Vocabulary) -> None:
    """Match this process's steps against ``known``."""
    global _known
    _known = known


def start_worker(parent: int, known: Vocabulary) -> None:
    """A worker's initializer: the vocabulary once, and an end when ``parent`` ends."""
    use(known)
    exit_with(parent)


def _vocabulary() -> Vocabulary:
    assert _known is not None, "use() sets the vocabulary first"
    return _known


def terms_step(chunk: list[Text]) -> list[tuple[int, str, str]]:
    return encoded_terms(chunk)


def profiles_step(
    chunk: list[Text], frequencies: dict[str, int], count: int
) -> list[tuple[int, Profile]]:
    return profiles(chunk, frequencies, count, _vocabulary())


def proposals_step(task: SuggestTask) -> list[Made]:
    return proposals(task, _vocabulary())
