"""The pure import pipeline: read -> metadata -> clean -> fingerprint.

Frozen values in, frozen values out; no Flask, no database. Whatever a stage needs from the
world (the outlets the collection knows) arrives in a ``PipelineContext``.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from cms.pipeline.clean import clean, clean_markdown
from cms.pipeline.fingerprint import content_hash
from cms.pipeline.front_matter import read_front_matter
from cms.pipeline.metadata import extract_metadata, missing_field_warnings
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
    "extract",
]


_NO_CONTEXT = PipelineContext()


def extract(source: SourceFile, context: PipelineContext = _NO_CONTEXT) -> ExtractedArticle:
    """Turn one file into an article's fields, or raise ``RejectedFile`` saying why it can't be."""
    document = read(source)
    is_markdown = PurePosixPath(source.name).suffix.lower() in (".md", ".markdown")
    front = read_front_matter(document.front_matter, source.name)
    meta, text = extract_metadata(
        document.text, context.known_outlets, find_title=front.title is None
    )
    if front.title is not None:
        text = _drop_repeated_title(text, front.title)
    cleaned = clean_markdown(text) if is_markdown else clean(text)
    if not cleaned.body.strip():
        raise RejectedFile(source.name, "the file has a title but no article text")
    meta.published = front.published or meta.published
    meta.outlet = front.outlet or meta.outlet
    meta.url = front.url or meta.url
    meta.authors = front.authors or meta.authors
    title = front.title or meta.title or PurePosixPath(source.name).stem
    warnings = [*document.warnings, *front.warnings, *meta.warnings]
    if not (front.title or meta.title):
        warnings.append(ExtractionWarning("title", "No title found; the file name was used."))
    if front.published:
        warnings = [w for w in warnings if w.field != "date"]
    warnings += missing_field_warnings(meta)
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


def _drop_repeated_title(text: str, title: str) -> str:
    """Markdown files often repeat their front-matter title as a first ``# `` heading."""
    lines = text.lstrip("\n").split("\n")
    if lines and lines[0].lstrip("# ").strip().casefold() == title.casefold():
        return "\n".join(lines[1:])
    return text
