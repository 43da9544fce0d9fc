"""Import files as draft articles: run the pure pipeline, then persist once per file.

A batch records what became of every file; one bad file is reported, never fatal to the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from cms.extensions import db
from cms.models import Article, ImportBatch, ImportItem, ImportOutcome, TextKind, User
from cms.pipeline import SUPPORTED_SUFFIXES, extract
from cms.pipeline.types import ExtractedArticle, PipelineContext, RejectedFile, SourceFile
from cms.services import taxonomy
from cms.services.articles import new_article_slug, word_count


@dataclass(frozen=True)
class FileToImport:
    """A file found on disk, or the reason it cannot be read at all."""

    name: str
    path: Path
    unreadable: str | None = None


def _readable(name: str) -> str:
    """A file name fit to store and print: bytes that are not UTF-8 become "�"."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def find_files(paths: Iterable[Path]) -> Iterator[FileToImport]:
    """Every file under the given files and folders, in name order.

    Inside folders, hidden files and files of unsupported types are skipped; a file named
    directly is always reported, so an editor hears why a ``.pdf`` was not imported.
    """
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden and child.suffix.lower() in SUPPORTED_SUFFIXES:
                    yield FileToImport(_readable(str(child.relative_to(path.parent))), child)
        elif path.is_file():
            yield FileToImport(_readable(path.name), path)
        else:
            yield FileToImport(_readable(str(path)), path, unreadable="no such file or folder")


def start_batch(channel: str, actor: User | None) -> ImportBatch:
    batch = ImportBatch(channel=channel, user=actor)
    db.session.add(batch)
    db.session.flush()
    return batch


def pipeline_context() -> PipelineContext:
    return PipelineContext(known_outlets=taxonomy.known_outlets())


def import_file(batch: ImportBatch, file: FileToImport, context: PipelineContext) -> ImportItem:
    """Read one file from disk and import it into ``batch``."""
    if file.unreadable:
        return _record(batch, file.name, ImportOutcome.REJECTED, reason=file.unreadable)
    try:
        data = file.path.read_bytes()
    except OSError as error:
        return _record(
            batch, file.name, ImportOutcome.REJECTED, reason=error.strerror or str(error)
        )
    return import_source(batch, SourceFile(file.name, data), context)


def import_source(batch: ImportBatch, source: SourceFile, context: PipelineContext) -> ImportItem:
    """Import one file's bytes: a new draft article, a duplicate of one we have, or a rejection."""
    try:
        extracted = extract(source, context)
    except RejectedFile as rejected:
        return _record(batch, source.name, ImportOutcome.REJECTED, reason=rejected.reason)
    warnings = [{"field": w.field, "message": w.message} for w in extracted.warnings]
    existing = db.session.scalar(
        select(Article).where(Article.content_hash == extracted.content_hash).limit(1)
    )
    if existing is not None:
        return _record(
            batch,
            source.name,
            ImportOutcome.DUPLICATE,
            article=existing,
            reason=f"same text as {existing.title!r}",
        )
    article = _new_article(extracted)
    return _record(batch, source.name, ImportOutcome.CREATED, article=article, warnings=warnings)


def _new_article(extracted: ExtractedArticle) -> Article:
    outlet = taxonomy.get_or_create_outlet(extracted.outlet_name) if extracted.outlet_name else None
    with db.session.no_autoflush:
        article = Article(
            slug=new_article_slug(extracted.title),
            title=extracted.title,
            outlet=outlet,
            authors=", ".join(extracted.authors),
            url=extracted.url or "",
            body=extracted.body,
            raw=extracted.raw,
            content_hash=extracted.content_hash,
            summary=extracted.summary or "",
            # A summary in the file was written by a person, not drafted by us.
            summary_by_editor=bool(extracted.summary),
            word_count=word_count(extracted.body),
            text_kind=TextKind.EXCERPT if extracted.is_excerpt else TextKind.FULL,
            tags=taxonomy.tags_named(extracted.tags),
        )
        if extracted.published:
            article.published_on = extracted.published.value
            article.date_precision = extracted.published.precision
    db.session.add(article)
    db.session.flush()
    return article


def _record(
    batch: ImportBatch,
    filename: str,
    outcome: ImportOutcome,
    *,
    article: Article | None = None,
    reason: str = "",
    warnings: list[dict[str, str]] | None = None,
) -> ImportItem:
    item = ImportItem(
        batch=batch,
        filename=filename,
        outcome=outcome,
        article=article,
        reason=reason,
        warnings=warnings or [],
    )
    db.session.add(item)
    db.session.flush()
    return item
