"""``flask analyse`` over many articles: the three passes of ``analysis_batch``, chunk by chunk,
with the pure analysers in worker processes.

This process (the writer) reads a chunk (texts, stored rows, frequencies, "more like this"
candidates), hands its pure part to a worker and reads the next chunks while the workers
compute; results come back in order, and each chunk is written in its own short transaction,
so the site stays responsive and memory stays flat however large the collection. Workers are
started as the import's are (``importing.extracting``): spawned, so nothing of this process is
copied into them, and ending when it ends; they import only ``analysis_steps`` and the pure
pipeline, not Flask or SQLAlchemy.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

from cms.extensions import db
from cms.services import analysis_batch, analysis_index, analysis_steps
from cms.services.analysis import AnalysisReport, Vocabulary
from cms.services.transaction import write
from cms.services.workers import default_workers

#: Articles per chunk: per write transaction, and per task a worker takes.
CHUNK = 200
#: Chunks in flight per worker: one computed while the writer prepares the next.
AHEAD = 2
#: Fewer articles than this are not worth starting processes for.
PARALLEL_FROM = 1000
#: After indexing at least this many articles, the index is merged into one segment before
#: the passes that query it (about a second at 100,000 articles; see ``analysis_index``).
OPTIMIZE_FROM = 1000

#: Called after each chunk is stored, with the number of articles in it.
OnChunk = Callable[[int], None]


class Pool:
    """Runs the pure steps in worker processes, or here when it has none."""

    def __init__(self, executor: ProcessPoolExecutor | None = None, workers: int = 0) -> None:
        self.executor = executor
        self.in_flight = AHEAD * workers if executor is not None else 1

    def submit(self, step: Callable[..., Any], *args: Any) -> Future[Any]:
        if self.executor is not None:
            return self.executor.submit(step, *args)
        done: Future[Any] = Future()
        done.set_result(step(*args))
        return done


@contextmanager
def pool(known: Vocabulary, workers: int | None = None, articles: int = 0) -> Iterator[Pool]:
    """A pool of ``workers`` processes (default: as the import has, when ``articles`` are
    enough to be worth it), each given the vocabulary once."""
    analysis_steps.use(known)  # for the steps run here, when there are no workers
    if workers is None:
        workers = default_workers() if articles >= PARALLEL_FROM else 0
    if workers <= 0:
        yield Pool()
        return
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers,
        mp_context=spawn,
        initializer=analysis_steps.start_worker,
        initargs=(os.getpid(), known),
    ) as executor:
        yield Pool(executor, workers)


def index_pass(ids: Sequence[int], workers: Pool, on_chunk: OnChunk | None = None) -> None:
    """First pass: every article's terms into the index; then, after many, the index merged
    into one segment for the suggestion pass's queries."""
    _run_pass(
        ids,
        workers,
        prepare=lambda chunk: (analysis_batch.texts(chunk),),
        step=analysis_steps.terms_step,
        finish=analysis_batch.store_terms,
        on_chunk=on_chunk,
    )
    if len(ids) >= OPTIMIZE_FROM:
        with write():
            analysis_index.optimize()


def profile_pass(ids: Sequence[int], workers: Pool, on_chunk: OnChunk | None = None) -> None:
    """Second pass: every article's profile, against the whole collection's frequencies."""
    _run_pass(
        ids,
        workers,
        prepare=analysis_batch.profile_task,
        step=analysis_steps.profiles_step,
        finish=analysis_batch.store_profiles,
        on_chunk=on_chunk,
    )


def suggest_pass(
    ids: Sequence[int], workers: Pool, on_chunk: OnChunk | None = None
) -> AnalysisReport:
    """Third pass: the analysers' proposals, stored as suggestions."""
    report = AnalysisReport()

    def finish(made: list[analysis_steps.Made]) -> None:
        report.add(analysis_batch.store_proposals(made, None), len(made))

    _run_pass(
        ids,
        workers,
        prepare=lambda chunk: (analysis_batch.suggest_task(chunk, None),),
        step=analysis_steps.proposals_step,
        finish=finish,
        on_chunk=on_chunk,
    )
    return report


PASSES = (("Indexing", index_pass), ("Profiling", profile_pass), ("Suggesting", suggest_pass))


def _run_pass(
    ids: Sequence[int],
    workers: Pool,
    prepare: Callable[[list[int]], tuple[Any, ...]],
    step: Callable[..., Any],
    finish: Callable[[Any], None],
    on_chunk: OnChunk | None,
) -> None:
    """Prepare each chunk here, compute it in a worker, store it in its own transaction, in
    order; up to ``Pool.in_flight`` chunks prepared ahead of the one being stored.

    Reading ahead is safe: a pass's writes never change what a later chunk of the same pass
    reads (its own articles' rows, and what the earlier passes wrote).
    """
    in_flight: deque[tuple[int, Future[Any]]] = deque()

    def store_oldest() -> None:
        size, future = in_flight.popleft()
        result = future.result()
        with write():
            finish(result)
        db.session.expunge_all()  # memory stays flat however large the collection
        if on_chunk is not None:
            on_chunk(size)

    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start : start + CHUNK])
        in_flight.append((len(chunk), workers.submit(step, *prepare(chunk))))
        if len(in_flight) >= workers.in_flight:
            store_oldest()
    while in_flight:
        store_oldest()
