"""The pure import pipeline: read, find metadata, clean, fingerprint.

Frozen values in, frozen values out; no Flask, no database. What a stage needs from the world
(the outlets the collection knows) arrives in a ``PipelineContext``.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from cms.pipeline.clean import clean, clean_markdown, normalise_spaces
from cms.pipeline.fingerprint import content_hash
from cms.pipeline.front_matter import read_front_matter
from cms.pipeline.metadata import find_metadata
from cms.pipeline.read import MAX_BYTES, SUPPORTED_SUFFIXES, read
from cms.pipeline.types import (
    DatePrecision,
    ExtractedArticle,
    ExtractionWarning,
    KnownOutlet,
    PartialDate,
    PipelineContext,
    RejectedFile,
    SourceFile,
)

__all__ = [
    "MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "DatePrecision",
    "ExtractedArticle",
    "ExtractionWarning",
    "KnownOutlet",
    "PartialDate",
    "PipelineContext",
    "RejectedFile",
    "SourceFile",
    "content_hash",
    "extract",
]

_NO_CONTEXT = PipelineContext()


def extract(source: SourceFile, context: PipelineContext = _NO_CONTEXT) -> ExtractedArticle:
    """Turn one file into an article's fields, or raise ``RejectedFile`` saying why it cannot be."""
    document = read(source)
    front = read_front_matter(document.front_matter, source.name)
    # Metadata rules compare header lines, so they must see the same spaces the body will.
    text = normalise_spaces(document.text)
    meta = find_metadata(text, context, front, markdown=document.markdown)
    body_lines = [line for i, line in enumerate(text.split("\n")) if i not in meta.consumed]
    cleaned = (clean_markdown if document.markdown else clean)("\n".join(body_lines))
    if not cleaned.body:
        raise RejectedFile(
            source.name, "the file has no article text, only a title, metadata or boilerplate"
        )
    warnings = [*document.warnings, *front.warnings, *meta.warnings]
    title = meta.title
    if not title:
        title = PurePosixPath(source.name).stem
        warnings.insert(0, ExtractionWarning("title", "No title found; the file name was used."))
    return ExtractedArticle(
        source_name=source.name,
        title=title,
        body=cleaned.body,
        raw=document.raw,
        content_hash=content_hash(cleaned.body),
        published=meta.published,
        outlet_name=meta.outlet,
        url=meta.url,
        authors=meta.authors,
        tags=front.tags,
        summary=front.summary,
        is_excerpt=cleaned.is_excerpt,
        warnings=tuple(warnings),
    )
