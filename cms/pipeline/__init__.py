"""The pure import pipeline: unpack, read, find metadata, clean, fingerprint.

Frozen values in, frozen values out; no Flask, no database. What a stage needs from the world
(the outlets the collection knows) arrives in a ``PipelineContext``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from cms.pipeline.captions import split_captions
from cms.pipeline.clean import clean, clean_markdown, normalise_spaces
from cms.pipeline.fingerprint import content_hash, long_sentences, sketch_values
from cms.pipeline.formats import SUPPORTED_SUFFIXES
from cms.pipeline.front_matter import read_front_matter
from cms.pipeline.metadata import find_metadata
from cms.pipeline.provenance import find_flags
from cms.pipeline.read import ReadResult, read
from cms.pipeline.types import (
    DatePrecision,
    Document,
    ExtractedArticle,
    ExtractionWarning,
    FieldSuggestion,
    Format,
    KnownOutlet,
    Limits,
    PartialDate,
    PipelineContext,
    Rejected,
    RejectedFile,
    Skipped,
    SourceFile,
    WarningKind,
)
from cms.pipeline.unpack import unpack

__all__ = [
    "MAX_BYTES",
    "MAX_TITLE",
    "SUPPORTED_SUFFIXES",
    "DatePrecision",
    "Document",
    "ExtractedArticle",
    "ExtractionWarning",
    "FieldSuggestion",
    "Format",
    "KnownOutlet",
    "Limits",
    "PartialDate",
    "PipelineContext",
    "Rejected",
    "RejectedFile",
    "Skipped",
    "SourceFile",
    "WarningKind",
    "content_hash",
    "extract",
    "extract_all",
    "extract_document",
]

MAX_BYTES = Limits().max_file_bytes
#: The longest title an article may have (the column's width).
MAX_TITLE = 500

_NO_CONTEXT = PipelineContext()
_DEFAULT_LIMITS = Limits()
_STRUCTURED = (Format.MARKDOWN, Format.HTML, Format.JSON)

Outcome = ExtractedArticle | Skipped | Rejected


def extract_all(
    source: SourceFile,
    context: PipelineContext = _NO_CONTEXT,
    limits: Limits = _DEFAULT_LIMITS,
    *,
    named: bool = True,
) -> Iterator[Outcome]:
    """Every article in one file (a zip or a JSON list holds many), or why each is not one."""
    for item in unpack(source, limits, named=named):
        if not isinstance(item, Document):
            yield item
            continue
        try:
            yield extract_document(item, context)
        except RejectedFile as rejected:
            yield Rejected(rejected.source_name, rejected.reason)


def extract(source: SourceFile, context: PipelineContext = _NO_CONTEXT) -> ExtractedArticle:
    """The one article in a single-article file, or ``RejectedFile`` saying why it is not one."""
    for outcome in extract_all(source, context):
        if isinstance(outcome, ExtractedArticle):
            return outcome
        raise RejectedFile(outcome.name, outcome.reason)
    raise RejectedFile(source.name, "the file holds no article")


def extract_document(
    document: Document, context: PipelineContext = _NO_CONTEXT
) -> ExtractedArticle:
    """Turn one unpacked document into an article's fields, or raise ``RejectedFile``."""
    result = read(document)
    front = read_front_matter(result.front_matter, document.name)
    # Metadata rules compare header lines, so they must see the same spaces the body will.
    text = normalise_spaces(result.text)
    structured = result.format in _STRUCTURED
    meta = find_metadata(
        text, context, front, markdown=structured, header_facts=result.format is not Format.HTML
    )
    body_lines = [line for i, line in enumerate(text.split("\n")) if i not in meta.consumed]
    cleaned = (clean_markdown if structured else clean)("\n".join(body_lines))
    paragraphs, captions = split_captions(cleaned.body.split("\n\n"))
    body = "\n\n".join(paragraphs)
    if not body:
        reason = "the file has no article text, only a title, metadata or boilerplate"
        if captions:
            reason = "the file has no article text, only photo captions and metadata"
        raise RejectedFile(document.name, reason)
    warnings = [*result.warnings, *front.warnings, *meta.warnings]
    all_captions = tuple(dict.fromkeys((*result.captions, *captions)))
    title = _title(document.name, meta.title, warnings)
    return ExtractedArticle(
        source_name=document.name,
        title=title,
        body=body,
        raw=result.raw,
        content_hash=content_hash(body),
        sketch=sketch_values(body, meta.url),
        sentences=tuple(long_sentences(body)),
        published=meta.published,
        outlet_name=meta.outlet,
        url=meta.url,
        authors=meta.authors,
        tags=front.tags,
        summary=front.summary,
        is_excerpt=cleaned.is_excerpt,
        warnings=tuple(warnings),
        format=document.format,
        captions=all_captions,
        suggestions=_suggestions(result, meta.suggestions),
        origin=document.origin,
        # A page's raw HTML holds menus and scripts: its rules read the extracted text.
        flags=find_flags(
            result.text if result.format is Format.HTML else result.raw, body, all_captions
        ),
    )


def _title(name: str, title: str, warnings: list[ExtractionWarning]) -> str:
    if len(title) > MAX_TITLE:
        raise RejectedFile(
            name, f"the title is {len(title):,} characters long; the limit is {MAX_TITLE}"
        )
    if title:
        return title
    stem = PurePosixPath(name.replace("\\", "/")).stem
    warnings.insert(
        0,
        ExtractionWarning(
            "title", "No title found; the file name was used.", WarningKind.TITLE_FROM_TEXT
        ),
    )
    return stem


def _suggestions(
    result: ReadResult, found: tuple[FieldSuggestion, ...]
) -> tuple[FieldSuggestion, ...]:
    # The reader's own (trafilatura's date) comes first; one suggestion per field.
    by_field: dict[str, FieldSuggestion] = {}
    for suggestion in (*result.suggestions, *found):
        by_field.setdefault(suggestion.field, suggestion)
    return tuple(by_field.values())
