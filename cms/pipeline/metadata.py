"""Find what a plain text says about itself: title, date, outlet, original URL, authors.

Only the page's own header (its first few lines), a "Original url:" line and a closing
disclaimer are read for metadata. What is not found is left empty with a warning; a date found
deeper in the body (a photo caption) is used, with a warning that says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cms.pipeline import outlets
from cms.pipeline.dates import first_date
from cms.pipeline.front_matter import is_web_address
from cms.pipeline.types import ExtractionWarning, KnownOutlet, PartialDate

HEADER_LINES = 6
MAX_TITLE_LENGTH = 200
_TITLE_WORDS = 12

_HEADING = re.compile(r"^#{1,2}\s+(?P<text>.+?)\s*#*$")
_BYLINE = re.compile(r"^by\s+(?P<names>.+)$", re.IGNORECASE)
_URL_LABEL = re.compile(
    r"^(?:original\s+url|source|originally\s+published\s+at)\s*:\s*(?P<rest>.*)$", re.I
)
_DATE_LABEL = re.compile(r"^(?:(?:published|updated|posted|date)(?:\s+on)?\s*:?\s*)?", re.I)
_NAME_SPLIT = re.compile(r"\s*(?:,|\band\b|&)\s*")
_PERSON_WORD = re.compile(r"^[A-Z][a-zà-ÿ'’-]+\.?$|^[A-Z]\.$")


@dataclass
class Metadata:
    """What the text says about itself, and which lines said it (removed from the body)."""

    title: str | None = None
    published: PartialDate | None = None
    outlet: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    warnings: list[ExtractionWarning] = field(default_factory=list)
    consumed: set[int] = field(default_factory=set)


def extract_metadata(
    text: str, known: tuple[KnownOutlet, ...], *, find_title: bool = True
) -> tuple[Metadata, str]:
    """The metadata of ``text``, and the text without the lines that carried it."""
    lines = text.split("\n")
    header = [i for i, line in enumerate(lines) if line.strip()][:HEADER_LINES]
    meta = Metadata()
    _find_url(lines, meta)
    _find_breadcrumb(lines, header, known, meta)
    _find_header_outlet(lines, header, known, meta)
    _find_header_date(lines, header, meta)
    _find_byline(lines, header, meta)
    if find_title:
        _find_title(lines, header, meta)
    if meta.title and not meta.outlet:
        meta.outlet = outlets.outlet_in_title(meta.title, known)
    if not meta.outlet and (trailer := outlets.outlet_in_trailer(lines)):
        meta.outlet = outlets.canonical(trailer, known)
    if find_title:
        _find_person_line(lines, header, known, meta)
    if meta.published is None:
        _find_body_date(text, meta)
    body = "\n".join(line for i, line in enumerate(lines) if i not in meta.consumed)
    return meta, body


def missing_field_warnings(meta: Metadata) -> list[ExtractionWarning]:
    """A plain-words warning for each field the text did not give."""
    checks = [
        (meta.published, "date", "No publication date found in the text; set it by hand."),
        (meta.outlet, "outlet", "No outlet named in the text; choose it by hand."),
        (meta.authors, "authors", "No author named in the text."),
        (meta.url, "url", "No link to the original article found in the text."),
    ]
    return [ExtractionWarning(name, message) for value, name, message in checks if not value]


def _find_url(lines: list[str], meta: Metadata) -> None:
    for i, line in enumerate(lines):
        match = _URL_LABEL.match(line.strip())
        if not match:
            continue
        candidates = [(i, match["rest"])] + [
            (j, lines[j]) for j in range(i + 1, min(i + 4, len(lines))) if lines[j].strip()
        ][:1]
        for j, candidate in candidates:
            url = candidate.strip().strip("<>").strip()
            if is_web_address(url):
                meta.url = url
                meta.consumed.update({i, j})
                return


def _find_breadcrumb(
    lines: list[str], header: list[int], known: tuple[KnownOutlet, ...], meta: Metadata
) -> None:
    if header and (parts := outlets.breadcrumb(lines[header[0]])):
        meta.outlet = outlets.canonical(parts[0], known)
        meta.consumed.add(header[0])


def _find_header_outlet(
    lines: list[str], header: list[int], known: tuple[KnownOutlet, ...], meta: Metadata
) -> None:
    for i in header:
        if i in meta.consumed:
            continue
        name = outlets.known_outlet_line(lines[i], known) or outlets.bold_outlet_line(lines[i])
        if name:
            meta.outlet = meta.outlet or name
            meta.consumed.add(i)


def _date_line(line: str) -> PartialDate | None:
    """The date when a line is a date and nothing else ("Sunday, August 31, 2014")."""
    bare = _DATE_LABEL.sub("", outlets.plain(line))
    found = first_date(bare, month_precision=True)
    if found is None or re.search(r"\w", bare[: found.start] + bare[found.end :]):
        return None
    return found.date


def _find_header_date(lines: list[str], header: list[int], meta: Metadata) -> None:
    for i in header:
        if i not in meta.consumed and (date := _date_line(lines[i])):
            meta.published = date
            meta.consumed.add(i)
            return


def _find_body_date(text: str, meta: Metadata) -> None:
    found = first_date(text)
    if found is None:
        return
    meta.published = found.date
    context = " ".join(text[max(0, found.start - 40) : found.end].split())
    meta.warnings.append(
        ExtractionWarning(
            "date",
            f"Date taken from the body text, not the article's header (“…{context}”): "
            "it may be a photo caption or a quoted date. Check it.",
        )
    )


def _split_names(names: str) -> tuple[str, ...]:
    return tuple(n for n in (p.strip(" .") for p in _NAME_SPLIT.split(names)) if n)


def _find_byline(lines: list[str], header: list[int], meta: Metadata) -> None:
    for i in header:
        match = _BYLINE.match(outlets.plain(lines[i]))
        if i not in meta.consumed and match and len(match["names"]) <= 100:
            meta.authors = _split_names(match["names"])
            meta.consumed.add(i)
            return


def _find_title(lines: list[str], header: list[int], meta: Metadata) -> None:
    candidates = [i for i in header if i not in meta.consumed]
    heading = next((i for i in candidates if _HEADING.match(lines[i].strip())), None)
    index = heading if heading is not None else next(iter(candidates), None)
    if index is None:
        return
    line = lines[index].strip()
    if heading is not None:
        line = _HEADING.match(line)["text"]  # type: ignore[index]
    title = outlets.plain(line)
    if len(title) <= MAX_TITLE_LENGTH:
        meta.title = title
        meta.consumed.add(index)
        return
    # No title line: the text starts with its first paragraph. Name it by its first words,
    # leave the paragraph in the body, and say so.
    meta.title = " ".join(title.split()[:_TITLE_WORDS]) + "…"
    meta.warnings.append(
        ExtractionWarning("title", "No title line found; the first words were used. Edit it.")
    )


def _looks_like_person(line: str, known: tuple[KnownOutlet, ...]) -> bool:
    words = line.split()
    return (
        2 <= len(words) <= 4
        and words[0] != "The"
        and all(_PERSON_WORD.match(w) for w in words)
        and outlets.match_known(line, known) is None
    )


def _find_person_line(
    lines: list[str], header: list[int], known: tuple[KnownOutlet, ...], meta: Metadata
) -> None:
    """A header line that is only a person's name is a byline without "By"."""
    if meta.authors:
        return
    for i in header:
        name = outlets.plain(lines[i])
        if i not in meta.consumed and name != meta.title and _looks_like_person(name, known):
            meta.authors = (name,)
            meta.consumed.add(i)
            return
