"""Running the pure pipeline over the input files: here, or in worker processes beside the writer.

The pipeline touches no database, so a bulk import can run it in ``workers`` other processes
while this one stores what they made: on a machine with two cores or more the two halves
overlap. Files go out in groups, a bounded number at a time (memory stays flat however many
files there are), and come back in their order. Worker processes are started with ``spawn``:
nothing of this process (its database connections, its threads) is copied into them.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from cms.pipeline import extract_all
from cms.pipeline.types import ExtractedArticle, Limits, PipelineContext, Rejected, Skipped
from cms.services.importing.sources import InputFile, load
from cms.services.workers import default_workers  # noqa: F401  (its default, imported from here)
from cms.services.workers import exit_with as _exit_with

Outcome = ExtractedArticle | Skipped | Rejected

#: Files a worker takes at a time, and the files in flight: two chunks (``batch.CHUNK_SIZE``
#: documents), so the workers keep going while the writer stores one.
FILES_PER_TASK = 16
FILES_AHEAD = 1000
#: Fewer files than this are not worth starting processes for.
PARALLEL_FROM = 200


def outcomes_of(file: InputFile, limits: Limits, context: PipelineContext) -> Iterator[Outcome]:
    """What the pipeline makes of one input file (a zip or a JSON list gives many), lazily."""
    if file.problem:
        yield Rejected(file.name, file.problem)
        return
    if file.skip_reason:
        yield Skipped(file.name, file.skip_reason)
        return
    source = load(file, limits)
    if isinstance(source, str):
        yield Rejected(file.name, source)
        return
    yield from extract_all(source, context, limits, named=file.named)


def extract_files(
    files: Iterable[InputFile],
    limits: Limits,
    context: Callable[[], PipelineContext],
    workers: int,
    on_idle: Callable[[], None] = lambda: None,
) -> Iterator[tuple[InputFile, Iterable[Outcome]]]:
    """Each file with its outcomes, in order; ``context`` is read as each group goes out.

    Here the outcomes come one at a time (a big zip never sits whole in memory); from a worker,
    a file's come together, and ``on_idle`` is called whenever the next group is not ready
    yet: the caller's chance to store what it holds instead of waiting.
    """
    if workers <= 0:
        for file in files:
            yield file, outcomes_of(file, limits, context())
        return
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=spawn, initializer=_exit_with, initargs=(os.getpid(),)
    ) as pool:
        in_flight: deque[tuple[list[InputFile], Future[list[list[Outcome]]]]] = deque()
        for group in _groups(files):
            if _is_archive(group[0]):
                # An archive may unpack to far more than a worker should hold at once: it is
                # read here, entry by entry, after everything before it.
                while in_flight:
                    yield from _collect(*in_flight.popleft(), on_idle)
                yield group[0], outcomes_of(group[0], limits, context())
                continue
            in_flight.append((group, pool.submit(_extract_group, group, limits, context())))
            if len(in_flight) * FILES_PER_TASK >= FILES_AHEAD:
                yield from _collect(*in_flight.popleft(), on_idle)
        while in_flight:
            yield from _collect(*in_flight.popleft(), on_idle)


def _is_archive(file: InputFile) -> bool:
    return file.name.lower().endswith(".zip")


def _groups(files: Iterable[InputFile]) -> Iterator[list[InputFile]]:
    """Files in groups of ``FILES_PER_TASK``, an archive always alone."""
    group: list[InputFile] = []
    for file in files:
        if _is_archive(file):
            if group:
                yield group
            yield [file]
            group = []
            continue
        group.append(file)
        if len(group) == FILES_PER_TASK:
            yield group
            group = []
    if group:
        yield group


def _extract_group(
    group: list[InputFile], limits: Limits, context: PipelineContext
) -> list[list[Outcome]]:
    return [list(outcomes_of(file, limits, context)) for file in group]


def _collect(
    group: list[InputFile], future: Future[list[list[Outcome]]], on_idle: Callable[[], None]
) -> Iterator[tuple[InputFile, list[Outcome]]]:
    if not future.done():
        on_idle()
    yield from zip(group, future.result(), strict=True)
