"""The read stage: one reader per format, chosen from a registry by the document's format."""

from __future__ import annotations

from collections.abc import Callable

from cms.pipeline.read.html import read_html
from cms.pipeline.read.json_article import read_json_article
from cms.pipeline.read.markdown import read_markdown
from cms.pipeline.read.result import ReadResult
from cms.pipeline.read.text import read_text
from cms.pipeline.types import Document, Format

__all__ = ["READERS", "ReadResult", "read"]

Reader = Callable[[Document], ReadResult]

READERS: dict[Format, Reader] = {
    Format.TEXT: read_text,
    Format.MARKDOWN: read_markdown,
    Format.HTML: read_html,
    Format.JSON: read_json_article,
}


def read(document: Document) -> ReadResult:
    """Decode one document with its format's reader; ``RejectedFile`` if it cannot be read."""
    return READERS[document.format](document)
