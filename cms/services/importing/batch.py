"""``import_files``: the one import service behind the CLI, the admin upload and ``flask seed``.

The pure pipeline runs outside any lock; what it made is stored in short write transactions
(a chunk of documents, about a second at most) by a few multi-row statements. If the database
refuses any of a chunk, its savepoint is rolled back and each document is stored in a savepoint
of its own, so a failure in one leaves the others stored and the report complete. The batch is
marked finished last.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy.exc import SQLAlchemyError

from cms.extensions import db
from cms.models import ImportBatch, ImportOutcome, User
from cms.pipeline.types import ExtractedArticle, Limits, PipelineContext, Rejected
from cms.services import taxonomy
from cms.services.importing.extracting import extract_files
from cms.services.importing.sources import InputFile
from cms.services.importing.store import Outcome, ReportLine, store_chunk
from cms.services.transaction import write

log = logging.getLogger(__name__)

#: Documents per write transaction, at most; a chunk is also stored once its texts pass
#: ``CHUNK_BYTES`` (memory) or it has waited ``CHUNK_SECONDS`` (progress). The rows beside an
#: article (sketch values, sentence hashes) land on random pages of large indexes, and every
#: page a commit touched is written again: at 100,000 articles a chunk of 1,000 costs 1.3 ms an
#: article less than one of 200, one of 500 nearly as little with half the memory. It holds the
#: write lock for about a second, well inside the time an editor's save waits for it
#: (``cms.sqlite.BUSY_TIMEOUT_MS``).
CHUNK_SIZE = 500
CHUNK_BYTES = 16_000_000
CHUNK_SECONDS = 5.0
#: With worker processes, whatever has arrived is stored while the next files are still being
#: read, once it is at least this many: chunks grow to match the two sides' speeds, and the
#: writer does not wait for a full chunk at the start or store one alone at the end.
CHUNK_WHEN_IDLE = 100


@dataclass
class ImportReport:
    batch_id: int
    lines: list[ReportLine] = field(default_factory=list)

    def count(self, outcome: ImportOutcome) -> int:
        return sum(1 for line in self.lines if line.outcome is outcome)

    @property
    def rejected(self) -> list[ReportLine]:
        return [line for line in self.lines if line.outcome is ImportOutcome.REJECTED]

    @property
    def created_ids(self) -> list[int]:
        return [
            line.article_id
            for line in self.lines
            if line.outcome is ImportOutcome.CREATED and line.article_id is not None
        ]

    def summary(self) -> str:
        counts = ", ".join(f"{self.count(o)} {o.value}" for o in ImportOutcome)
        return f"Import #{self.batch_id}: {counts}."


OnFile = Callable[[InputFile, list[ReportLine]], None]


def import_files(
    files: Iterable[InputFile],
    *,
    channel: str,
    actor: User | None = None,
    limits: Limits | None = None,
    on_file: OnFile | None = None,
    workers: int = 0,
) -> ImportReport:
    """Import every file (folders already expanded by ``sources.find_files``) as one batch.

    ``on_file`` is called for each input file, in order, with the lines it produced, once
    they are stored (for progress: it comes a chunk at a time). ``workers`` > 0 runs the
    pipeline in that many other processes (``extracting``), for bulk imports from the CLI.
    """
    limits = limits or Limits()
    with write():
        batch = ImportBatch(channel=channel, user_id=actor.id if actor else None)
        db.session.add(batch)
        db.session.flush()
        report = ImportReport(batch.id)
    writer = _ChunkWriter(report, on_file)
    extracted = extract_files(
        files, limits, lambda: writer.context, workers, on_idle=writer.flush_if_worth
    )
    for file, outcomes in extracted:
        lines: list[ReportLine] = []
        for outcome in outcomes:
            writer.add(outcome, lines)
        writer.file_done(file, lines)
    writer.flush()
    with write():
        finished = db.session.get(ImportBatch, report.batch_id)
        assert finished is not None
        finished.finished_at = dt.datetime.now(dt.UTC)
    return report


class _ChunkWriter:
    """Buffers pipeline outcomes and stores them a chunk per write transaction; reports each
    input file once all it produced is stored."""

    def __init__(self, report: ImportReport, on_file: OnFile | None) -> None:
        self.report = report
        self.on_file = on_file
        self.pending: list[tuple[Outcome, list[ReportLine]]] = []
        self.pending_bytes = 0
        self.done: list[tuple[InputFile, list[ReportLine]]] = []
        self.started = time.monotonic()
        self.context = PipelineContext(known_outlets=taxonomy.known_outlets())

    def add(self, outcome: Outcome, lines: list[ReportLine]) -> None:
        if not self.pending:
            self.started = time.monotonic()
        self.pending.append((outcome, lines))
        if isinstance(outcome, ExtractedArticle):
            self.pending_bytes += len(outcome.raw) + len(outcome.body)
        if (
            len(self.pending) >= CHUNK_SIZE
            or self.pending_bytes > CHUNK_BYTES
            or time.monotonic() - self.started > CHUNK_SECONDS
        ):
            self.flush()

    def file_done(self, file: InputFile, lines: list[ReportLine]) -> None:
        """``file`` has produced all its outcomes; it is reported when they are stored."""
        self.done.append((file, lines))
        if not self.pending:
            self._report_done()

    def flush_if_worth(self) -> None:
        if len(self.pending) >= CHUNK_WHEN_IDLE:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            outcomes = [outcome for outcome, _ in self.pending]
            with write():
                stored = _store(self.report.batch_id, outcomes)
                self.context = PipelineContext(known_outlets=taxonomy.known_outlets())
            for (_, lines), line in zip(self.pending, stored, strict=True):
                lines.append(line)
            self.pending, self.pending_bytes = [], 0
            # Rows are written; keep the session small over a long import.
            db.session.expunge_all()
        self._report_done()

    def _report_done(self) -> None:
        for file, lines in self.done:
            self.report.lines.extend(lines)
            if self.on_file is not None:
                self.on_file(file, lines)
        self.done = []


def _store(batch_id: int, outcomes: list[Outcome]) -> list[ReportLine]:
    """The chunk in one go; if the database refuses any of it, each document on its own."""
    try:
        with db.session.begin_nested():
            return store_chunk(batch_id, outcomes)
    except SQLAlchemyError:
        log.warning("a chunk of %d could not be stored at once; storing one by one", len(outcomes))
    return [_store_alone(batch_id, outcome) for outcome in outcomes]


def _store_alone(batch_id: int, outcome: Outcome) -> ReportLine:
    try:
        with db.session.begin_nested():
            return store_chunk(batch_id, [outcome])[0]
    except SQLAlchemyError as error:
        # Only this document's savepoint is undone; the chunk and the batch go on.
        log.exception("could not store %s", getattr(outcome, "source_name", outcome))
        name = getattr(outcome, "source_name", None) or getattr(outcome, "name", "?")
        reason = f"could not be stored: {error.__class__.__name__}"
        with db.session.begin_nested():
            return store_chunk(batch_id, [Rejected(name, reason)])[0]
