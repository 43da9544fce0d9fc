"""Plain-text files: bytes to text, with the encoding fallbacks old exports need."""

from __future__ import annotations

from cms.pipeline.read.result import ReadResult
from cms.pipeline.types import ExtractionWarning, RejectedFile, SourceFile


def decode(source: SourceFile) -> tuple[str, tuple[ExtractionWarning, ...]]:
    """The file's text with LF line endings, and a warning if it was not UTF-8."""
    if b"\x00" in source.data:
        # Text encodings used for articles never contain NUL; images, PDFs and Word files do.
        raise RejectedFile(source.name, "the file is binary, not text")
    warnings: tuple[ExtractionWarning, ...] = ()
    try:
        text = source.data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Files saved by older Windows tools are cp1252; the few bytes it leaves undefined are
        # replaced rather than rejected, and the warning tells the editor to look.
        text = source.data.decode("cp1252", errors="replace")
        warnings = (
            ExtractionWarning(
                "encoding",
                "The file is not UTF-8; it was read as Windows-1252. "
                "Check quotes, dashes and accented letters.",
            ),
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise RejectedFile(source.name, "the file is empty (it contains only whitespace)")
    return text, warnings


def read_text(source: SourceFile) -> ReadResult:
    text, warnings = decode(source)
    return ReadResult(raw=text, text=text, warnings=warnings)
