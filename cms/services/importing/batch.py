"""``import_files``: the one import service behind the CLI, the admin upload and ``flask seed``.

The pure pipeline runs outside any lock; what it made is stored in short write transactions
(a chunk of documents, well under a second), each document in its own savepoint, so a failure
in one leaves the others stored and the report complete. The batch is marked finished last.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy.exc import SQLAlchemyError

from cms.extensions import db
from cms.models import ImportBatch, ImportItem, ImportOutcome, User
from cms.pipeline import extract_all
from cms.pipeline.types import Limits, PipelineContext, Rejected, Skipped
from cms.services import taxonomy
from cms.services.importing.sources import InputFile, load
from cms.services.importing.store import Outcome, record, store
from cms.services.transaction import write

log = logging.getLogger(__name__)

#: Documents per write transaction, and the most time one may take.
CHUNK_SIZE = 50
CHUNK_SECONDS = 0.25


@dataclass(frozen=True)
class ReportLine:
    """What became of one file, zip entry or JSON item."""

    name: str
    outcome: ImportOutcome
    reason: str = ""
    article_id: int | None = None
    article_slug: str = ""


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
) -> ImportReport:
    """Import every file (folders already expanded by ``sources.find_files``) as one batch.

    ``on_file`` is called after each input file with the lines it produced (for progress).
    """
    limits = limits or Limits()
    with write():
        batch = ImportBatch(channel=channel, user_id=actor.id if actor else None)
        db.session.add(batch)
        db.session.flush()
        report = ImportReport(batch.id)
    writer = _ChunkWriter(report)
    for file in files:
        lines: list[ReportLine] = []
        for outcome in _outcomes(file, limits, writer.context):
            writer.add(outcome, lines)
        writer.flush()
        report.lines.extend(lines)
        if on_file is not None:
            on_file(file, lines)
    with write():
        finished = db.session.get(ImportBatch, report.batch_id)
        assert finished is not None
        finished.finished_at = dt.datetime.now(dt.UTC)
    return report


def _outcomes(file: InputFile, limits: Limits, context: PipelineContext) -> Iterator[Outcome]:
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


class _ChunkWriter:
    """Buffers pipeline outcomes and stores them a chunk per write transaction."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        self.pending: list[tuple[Outcome, list[ReportLine]]] = []
        self.started = time.monotonic()
        self.context = PipelineContext(known_outlets=taxonomy.known_outlets())

    def add(self, outcome: Outcome, lines: list[ReportLine]) -> None:
        if not self.pending:
            self.started = time.monotonic()
        self.pending.append((outcome, lines))
        elapsed = time.monotonic() - self.started
        if len(self.pending) >= CHUNK_SIZE or elapsed > CHUNK_SECONDS:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        with write():
            batch = db.session.get(ImportBatch, self.report.batch_id)
            assert batch is not None
            for outcome, lines in self.pending:
                lines.append(_store_one(batch, outcome))
        self.pending = []
        # Rows are written; keep the session small over a long import.
        db.session.expunge_all()
        self.context = PipelineContext(known_outlets=taxonomy.known_outlets())


def _store_one(batch: ImportBatch, outcome: Outcome) -> ReportLine:
    try:
        with db.session.begin_nested():
            item = store(batch, outcome)
            db.session.flush()
    except SQLAlchemyError as error:
        # Only this document's savepoint is undone; the chunk and the batch go on.
        log.exception("could not store %s", getattr(outcome, "source_name", outcome))
        name = getattr(outcome, "source_name", None) or getattr(outcome, "name", "?")
        reason = f"could not be stored: {error.__class__.__name__}"
        with db.session.begin_nested():
            item = _rejected_item(batch, name, reason)
    return _line(item)


def _rejected_item(batch: ImportBatch, name: str, reason: str) -> ImportItem:
    item = record(batch, name, ImportOutcome.REJECTED, reason=reason)
    db.session.flush()
    return item


def _line(item: ImportItem) -> ReportLine:
    article = item.article
    return ReportLine(
        name=item.filename,
        outcome=item.outcome,
        reason=item.reason,
        article_id=article.id if article else None,
        article_slug=article.slug if article else "",
    )
