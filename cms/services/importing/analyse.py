"""The import's second phase: the suggestions analysis on the articles a batch created.

It runs after every file is stored, in short write transactions (one chunk of articles each),
so the import phase's speed and the analysis's are measured and shown apart.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from cms.extensions import db
from cms.services import analysis
from cms.services.transaction import write

#: Articles per write transaction.
CHUNK_SIZE = 100

#: Called after each chunk with the pass's name and the number of articles in the chunk.
OnChunk = Callable[[str, int], None]


def analyse_created(ids: Sequence[int], on_chunk: OnChunk | None = None) -> analysis.AnalysisReport:
    """Index, profile and suggest for ``ids`` (three passes, so they see each other)."""
    known = analysis.vocabulary()
    totals = analysis.AnalysisReport()

    def suggest(chunk: Sequence[int]) -> None:
        report = analysis.suggest_articles(chunk, known)
        totals.analysed += report.analysed
        totals.created += report.created
        totals.updated += report.updated
        totals.dropped += report.dropped

    passes: list[tuple[str, Callable[[Sequence[int]], object]]] = [
        ("Indexing", analysis.index_articles),
        ("Profiling", lambda chunk: analysis.profile_articles(chunk, known)),
        ("Suggesting", suggest),
    ]
    for label, step in passes:
        for start in range(0, len(ids), CHUNK_SIZE):
            chunk = ids[start : start + CHUNK_SIZE]
            with write():
                step(chunk)
            db.session.expunge_all()
            if on_chunk is not None:
                on_chunk(label, len(chunk))
    return totals
