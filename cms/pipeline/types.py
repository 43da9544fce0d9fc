"""Frozen values that flow through the pure import pipeline.

Nothing here knows about Flask or the database: services turn these into rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class DatePrecision(StrEnum):
    """How much of a date is known: curators often know only the month or the year."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True)
class PartialDate:
    """A date known to a day, a month or a year.

    ``value`` is the first day of the known period (2024-11-01 for "November 2024"), so partial
    dates sort and filter like ordinary dates.
    """

    value: dt.date
    precision: DatePrecision

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ValueError on anything else."""
        parts = text.strip().split("-")
        if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
            raise ValueError(f"not a date: {text!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)")
        year, month, day = (int(p) for p in (parts + ["1", "1"])[:3])
        precision = (DatePrecision.YEAR, DatePrecision.MONTH, DatePrecision.DAY)[len(parts) - 1]
        return cls(dt.date(year, month, day), precision)

    def truncated(self) -> PartialDate:
        """The same date with ``value`` moved to the first day of its known period."""
        value = self.value
        if self.precision is DatePrecision.MONTH:
            value = value.replace(day=1)
        elif self.precision is DatePrecision.YEAR:
            value = value.replace(month=1, day=1)
        return PartialDate(value, self.precision)

    def isoformat(self) -> str:
        """The date at its precision: ``2024``, ``2024-11`` or ``2024-11-27``. (Not a table
        of the three: writing all three each call was 2 µs of a search card's 8.)"""
        value, precision = self.value, self.precision
        if precision == DatePrecision.DAY:
            return value.isoformat()
        if precision == DatePrecision.MONTH:
            return f"{value.year:04d}-{value.month:02d}"
        return f"{value.year:04d}"  # DatePrecision.YEAR


@dataclass(frozen=True)
class SourceFile:
    """One file as it arrived: its name (for the extension and for reports) and its bytes."""

    name: str
    data: bytes


class Format(StrEnum):
    """What kind of document a reader gets; chosen by the file's extension (``formats.py``)."""

    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    #: One article as a JSON object (from a ``.json`` file, a JSON list or a JSONL line).
    JSON = "json"


@dataclass(frozen=True)
class Origin:
    """Where a document came from: the file as received, the path inside an archive, its hash.

    ``sha256`` is the hash of the bytes received (the whole file, or the zip entry), so an
    editor can prove which file an article came from.
    """

    file_name: str
    sha256: str
    path_in_archive: str = ""
    #: The item's position in a JSON list or JSONL file (1-based), 0 for a whole file.
    item: int = 0


@dataclass(frozen=True)
class Document:
    """One article's worth of input, after unpacking: bytes to read, or a JSON object."""

    name: str
    format: Format
    origin: Origin
    data: bytes = b""
    record: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class Skipped:
    """A file deliberately not imported (hidden, README-like, unknown type), with the reason."""

    name: str
    reason: str


@dataclass(frozen=True)
class Rejected:
    """A file or item that cannot become an article, with the reason in an editor's words."""

    name: str
    reason: str


@dataclass(frozen=True)
class KnownOutlet:
    """An outlet the collection already has, so the metadata stage can recognise its name."""

    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class PipelineContext:
    """What the pure stages need from the world, loaded by the importing service."""

    known_outlets: tuple[KnownOutlet, ...] = ()


class WarningKind(StrEnum):
    """Why a field needs an editor's look; stored with the warning, never matched as text."""

    MISSING = "missing"
    SUGGESTED = "suggested"
    UNKNOWN_KEY = "unknown key"
    INVALID = "invalid"
    ENCODING = "encoding"
    TITLE_FROM_TEXT = "title from text"


@dataclass(frozen=True)
class ExtractionWarning:
    """Something an editor should check: a field not found, or found somewhere unusual."""

    field: str
    message: str
    kind: WarningKind = WarningKind.MISSING


@dataclass(frozen=True)
class FieldSuggestion:
    """A value for a field the importer only inferred (a date in a caption): never stored as fact.

    ``evidence`` is the text it came from and ``where`` the place ("photo caption", "body line
    12", "trafilatura's date finder"), so the editor can judge it.
    """

    field: str
    value: str
    reason: str
    evidence: str
    where: str
    source: str = "import"


@dataclass(frozen=True)
class TextFlag:
    """What the text is ("wire copy", "excerpt", "opinion", "reprint"), by which rule, on what."""

    flag: str
    rule: str
    evidence: str


@dataclass(frozen=True)
class ExtractedArticle:
    """The pipeline's result for one file: clean Markdown body plus what the text says of itself.

    A field the text does not give is ``None`` (or empty) and has a warning; nothing is guessed.
    """

    source_name: str
    title: str
    body: str
    raw: str
    content_hash: str
    published: PartialDate | None = None
    outlet_name: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    summary: str | None = None
    is_excerpt: bool = False
    warnings: tuple[ExtractionWarning, ...] = field(default=())
    format: Format = Format.TEXT
    #: Photo captions and credits, taken out of the body.
    captions: tuple[str, ...] = ()
    #: Values only inferred (a date in a sentence): for an editor to accept, never stored as fact.
    suggestions: tuple[FieldSuggestion, ...] = ()
    origin: Origin | None = None
    flags: tuple[TextFlag, ...] = ()
    #: The body's few smallest phrase hashes and the canonical URL's hash (``fingerprint``):
    #: what finds near-duplicates through an index.
    sketch: tuple[int, ...] = ()
    #: Hashes of the body's long sentences (``fingerprint.long_sentences``): what finds reprints.
    sentences: tuple[int, ...] = ()


class RejectedFile(Exception):
    """The file cannot become an article; ``reason`` says why in words an editor understands."""

    def __init__(self, source_name: str, reason: str) -> None:
        super().__init__(f"{source_name}: {reason}")
        self.source_name = source_name
        self.reason = reason


@dataclass(frozen=True)
class Limits:
    """Caps on what one import reads: a file's size, and what a zip may unpack to.

    Python 3.11.7 lacks CPython's overlapping-entry zip-bomb fix, so the caps are ours: a
    declared-size check before reading and a byte counter while reading.
    """

    max_file_bytes: int = 5 * 1024 * 1024
    #: A zip file itself may be larger than one article file.
    max_archive_bytes: int = 100 * 1024 * 1024
    max_zip_entries: int = 10_000
    max_zip_total_bytes: int = 200 * 1024 * 1024
    max_zip_ratio: int = 100

    def max_bytes_for(self, name: str) -> int:
        return self.max_archive_bytes if name.lower().endswith(".zip") else self.max_file_bytes
