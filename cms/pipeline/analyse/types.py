"""Frozen values the analysers take and give: a document, what the collection knows, proposals.

The analysis service loads these from the database; the analysers never see it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class ProposalKind(StrEnum):
    """The kinds of ``Suggestion`` an analyser can propose (the store's ``kind`` values)."""

    TAG = "tag"
    ENTITY = "entity"
    SUMMARY = "summary"
    RELATED = "related"
    DUPLICATE = "duplicate"
    FIELD = "field"


@dataclass(frozen=True)
class Document:
    """The article being analysed, as plain values."""

    title: str
    body: str
    published: dt.date | None = None
    authors: tuple[str, ...] = ()
    language: str = "en"
    article_id: int | None = None


@dataclass(frozen=True)
class Name:
    """A named thing the collection knows (an entity or a tag) with every name it goes by.

    ``key`` is its stable identity in the store (an entity's id, a tag's name key).
    """

    key: str
    name: str
    aliases: tuple[str, ...] = ()
    kind: str = ""

    @property
    def all_names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Candidate:
    """Another article the index found similar, with what the re-rank compares."""

    article_id: int
    title: str
    terms: dict[str, float]
    published: dt.date | None = None
    entities: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    #: Its text's sketch (``fingerprint.sketch``: the smallest five-word-shingle hashes), as
    #: the importer keeps it; empty when unknown. Confirms a near-duplicate.
    sketch: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Collection:
    """What the analysers need from the rest of the collection, loaded by the service.

    ``document_frequencies`` holds only the terms of the document at hand (a materialised
    table makes that cheap); ``article_count`` is the collection's size.
    """

    entities: tuple[Name, ...] = ()
    tags: tuple[Name, ...] = ()
    blocked: frozenset[str] = frozenset()
    document_frequencies: dict[str, int] = field(default_factory=dict)
    article_count: int = 0
    candidates: tuple[Candidate, ...] = ()


@dataclass(frozen=True)
class Proposal:
    """One machine proposal: a ``Suggestion`` before it is stored.

    ``key`` identifies it within its article across runs ("tag:eurasian economic union",
    "related:42"), so a re-run finds the stored suggestion and its fate.
    """

    kind: ProposalKind
    key: str
    value: str
    score: float
    reason: str
    evidence: str = ""
    source: str = ""
    target_article_id: int | None = None
    entity_key: str | None = None


@dataclass(frozen=True)
class Profile:
    """What the index keeps of an analysed article, for others' related-article re-rank:
    its strongest TF-IDF weights and the gazetteer names and vocabulary tags found in it."""

    vector: dict[str, float]
    entities: tuple[str, ...]
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    proposals: tuple[Proposal, ...]
    profile: Profile
