"""Plain-text files: bytes to text; the header rules find title, date and byline later."""

from __future__ import annotations

from cms.pipeline.read.encoding import decode_bytes
from cms.pipeline.read.result import ReadResult
from cms.pipeline.types import Document, Format


def read_text(document: Document) -> ReadResult:
    text, warnings = decode_bytes(document.name, document.data)
    return ReadResult(raw=text, text=text, format=Format.TEXT, warnings=warnings)
