"""Find written-out dates in article text with plain regular expressions (no guessing parser).

Only dates that name their year count: "in 2022" or "August 31" alone say too little.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from cms.pipeline.types import DatePrecision, PartialDate

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

WEEKDAYS = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
)  # fmt: skip


def _words(names: tuple[str, ...] | list[str]) -> str:
    # Capitalised or all-caps only, so the verb "may" and the noun "march" are not months.
    forms = [
        form
        for name in sorted(names, key=len, reverse=True)
        for form in (name.title(), name.upper())
    ]
    return "|".join(forms)


_MONTH = rf"\b(?P<month>{_words(list(MONTHS))})\b\.?"
_WEEKDAY = rf"(?:\b(?:{_words(WEEKDAYS)})\b\.?,?\s+)?"
_DAY = r"(?<!\d)(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>[12]\d{3})(?!\d)"

# Most specific first: where two patterns overlap, the earlier one wins.
_PATTERNS: tuple[tuple[re.Pattern[str], DatePrecision], ...] = (
    (re.compile(r"(?<![\d-])(?P<year>[12]\d{3})-(?P<month>\d\d)-(?P<day>\d\d)(?![\d-])"),
     DatePrecision.DAY),
    (re.compile(rf"{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}"), DatePrecision.DAY),
    (re.compile(rf"{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+{_YEAR}"), DatePrecision.DAY),
)  # fmt: skip
_MONTH_YEAR = (re.compile(rf"{_MONTH},?\s+{_YEAR}"), DatePrecision.MONTH)


@dataclass(frozen=True)
class FoundDate:
    """A date and the span of the text it was read from (``text[start:end]``)."""

    date: PartialDate
    start: int
    end: int


def find_dates(text: str, *, month_precision: bool = False) -> Iterator[FoundDate]:
    """Every date in ``text`` in order; "September 2014" counts only with ``month_precision``."""
    patterns = _PATTERNS + ((_MONTH_YEAR,) if month_precision else ())
    found: list[FoundDate] = []
    for pattern, precision in patterns:
        for match in pattern.finditer(text):
            date = _to_date(match, precision)
            overlaps = any(match.start() < f.end and f.start < match.end() for f in found)
            if date is not None and not overlaps:
                found.append(FoundDate(date, match.start(), match.end()))
    yield from sorted(found, key=lambda f: f.start)


def first_date(text: str, *, month_precision: bool = False) -> FoundDate | None:
    return next(find_dates(text, month_precision=month_precision), None)


def _to_date(match: re.Match[str], precision: DatePrecision) -> PartialDate | None:
    month = match["month"]
    month_number = int(month) if month.isdigit() else MONTHS[month.lower()]
    day = int(match["day"]) if precision is DatePrecision.DAY else 1
    try:
        return PartialDate(dt.date(int(match["year"]), month_number, day), precision)
    except ValueError:
        # "February 30, 2014" reads like a date but is not one.
        return None
