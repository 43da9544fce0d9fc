"""Find who wrote an article: a "By …" byline, or a header line that is only a person's name."""

from __future__ import annotations

import re

from cms.pipeline import outlets
from cms.pipeline.dates import find_dates
from cms.pipeline.types import KnownOutlet

_SHORT_LINE = 100
_BYLINE = re.compile(r"by\s+(?P<names>.+)", re.IGNORECASE)
_NAME_SPLIT = re.compile(r"\s*,\s*|\s+and\s+|\s*&\s*")
# What follows the names on a byline: "By Paul Goble | Staunton", "By AP – updated …".
_BYLINE_END = re.compile(r"\s*[|•·]\s*|\s+[-–—]\s+")
_PARTICLES = frozenset(
    {"al", "bin", "da", "de", "del", "der", "di", "du", "ibn", "la", "le", "van", "von"}
)


def byline(line: str) -> tuple[str, ...] | None:
    """ "By Jane Doe and John Roe, May 5, 2020" → ("Jane Doe", "John Roe")."""
    match = _BYLINE.fullmatch(outlets.plain(line))
    if not match or len(line) > _SHORT_LINE:
        return None
    names = match["names"]
    for date in reversed(list(find_dates(names, month_precision=True))):
        names = names[: date.start] + names[date.end :]
    names = _BYLINE_END.split(names)[0]
    people = tuple(n.strip() for n in _NAME_SPLIT.split(names) if n.strip())
    # "By threatening to leave …" starts a sentence, not a byline.
    if not people or not all(looks_like_name(p, min_words=1, max_words=5) for p in people):
        return None
    return people


def name_line(line: str, title: str, known: tuple[KnownOutlet, ...]) -> str | None:
    """A header line like "Paul Goble" that stands alone: the author without a "By"."""
    text = outlets.plain(line)
    is_outlet = outlets.match_known(text, known) or outlets.bold_outlet_line(line)
    # An all-caps line is a section label or a masthead far more often than a person.
    is_title = text.casefold() == title.casefold()
    if is_outlet or is_title or text.isupper() or not looks_like_name(text):
        return None
    return text


def looks_like_name(text: str, *, min_words: int = 2, max_words: int = 4) -> bool:
    """ "Paul Goble", "Ludwig van Beethoven": capitalised words, no digits, not "The …"."""
    words = text.split()
    if not min_words <= len(words) <= max_words or words[0].lower() == "the":
        return False
    if words[0].lower() in _PARTICLES or words[-1].lower() in _PARTICLES:
        return False
    return all(
        word.lower() in _PARTICLES
        or (word[0].isupper() and all(c.isalpha() or c in "-'’." for c in word))
        for word in words
    )
