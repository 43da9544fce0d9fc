"""Analysers registered by name (as Datasette registers facets): built-ins like any other.

An analyser takes an ``Analysis`` (the document, what the collection knows, and intermediate
results computed once and shared) and returns ``Proposal``s. ``analyse`` runs them all, or
the named ones.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace

from cms.pipeline.analyse.analysis import Analysis
from cms.pipeline.analyse.types import Collection, Document, Outcome, Profile, Proposal

Analyser = Callable[[Analysis], list[Proposal]]

ANALYSERS: dict[str, Analyser] = {}


def register(name: str) -> Callable[[Analyser], Analyser]:
    """Decorator: make ``function`` the analyser called ``name`` (a later one replaces it)."""

    def add(function: Analyser) -> Analyser:
        ANALYSERS[name] = function
        return function

    return add


def analyse(
    document: Document, collection: Collection, only: Iterable[str] | None = None
) -> tuple[Proposal, ...]:
    """Every proposal the (named) analysers make for ``document``, each marked with its source."""
    return run(document, collection, only).proposals


def run(
    document: Document,
    collection: Collection,
    only: Iterable[str] | None = None,
    term_counts: Counter[str] | None = None,
) -> Outcome:
    """The proposals, and the profile the index keeps of ``document`` for later re-ranks
    (``term_counts``: its ``index_terms``, where the caller has them)."""
    analysis = Analysis(document, collection, term_counts)
    return Outcome(_proposals(analysis, only), analysis.profile())


def profile(document: Document, collection: Collection) -> Profile:
    """Only the profile (no proposals): what a batch's first pass stores for every article."""
    return Analysis(document, collection).profile()


def _proposals(analysis: Analysis, only: Iterable[str] | None) -> tuple[Proposal, ...]:
    names = list(only) if only is not None else list(ANALYSERS)
    unknown = [n for n in names if n not in ANALYSERS]
    if unknown:
        raise ValueError(f"no analyser named {', '.join(unknown)} (known: {', '.join(ANALYSERS)})")
    proposals: list[Proposal] = []
    for name in names:
        for proposal in ANALYSERS[name](analysis):
            proposals.append(proposal if proposal.source else _with_source(proposal, name))
    return tuple(proposals)


def _with_source(proposal: Proposal, name: str) -> Proposal:
    return replace(proposal, source=f"analyse.{name}")
