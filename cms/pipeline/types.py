"""Frozen values that flow through the pure import pipeline.

Nothing here knows about Flask or the database: services turn these into rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


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
        """The date at its precision: ``2024``, ``2024-11`` or ``2024-11-27``."""
        return {
            DatePrecision.YEAR: f"{self.value.year:04d}",
            DatePrecision.MONTH: f"{self.value.year:04d}-{self.value.month:02d}",
            DatePrecision.DAY: self.value.isoformat(),
        }[self.precision]


@dataclass(frozen=True)
class SourceFile:
    """One file as it arrived: its name (for the extension and for reports) and its bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class KnownOutlet:
    """An outlet the collection already has, so the metadata stage can recognise its name."""

    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class PipelineContext:
    """What the pure stages need from the world, loaded by the importing service."""

    known_outlets: tuple[KnownOutlet, ...] = ()


@dataclass(frozen=True)
class ExtractionWarning:
    """Something an editor should check: a field not found, or found somewhere unusual."""

    field: str
    message: str


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


class RejectedFile(Exception):
    """The file cannot become an article; ``reason`` says why in words an editor understands."""

    def __init__(self, source_name: str, reason: str) -> None:
        super().__init__(f"{source_name}: {reason}")
        self.source_name = source_name
        self.reason = reason
