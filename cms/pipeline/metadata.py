"""Read what an article says about itself from its opening lines: title, date, outlet, authors.

Front matter values win; what the text gives fills the gaps. A field found nowhere gets a
warning rather than a guess, and the lines used as metadata are listed so the body drops them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cms.pipeline import authors, captions, outlets
from cms.pipeline.dates import WEEKDAYS, first_date
from cms.pipeline.front_matter import FrontMatter, is_web_address
from cms.pipeline.types import (
    ExtractionWarning,
    FieldSuggestion,
    KnownOutlet,
    PartialDate,
    PipelineContext,
    WarningKind,
)

HEADER_LINES = 6
_LONG_TITLE = 200
_TITLE_WORDS = 12
_SHORT_LINE = 100
_URL_LABEL = re.compile(r"(?:original url|source)\s*:\s*(?P<rest>.*)", re.IGNORECASE)
_DATE_LABELS = frozenset(
    {"published", "updated", "posted", "on", "date", "dated", "last", "modified", "at"}
    | {"am", "pm", "utc", "gmt", "msk", "est", "edt", "cet", "bst"}
    | set(WEEKDAYS)
)
_NO_CONTEXT = PipelineContext()
_NO_DATE = "No publication date found in the text; set it by hand."
_NO_DATE_SUGGESTED = (
    "No publication date in the header; a date seen in the text is offered as a suggestion: "
    "check it before accepting."
)
_NO_FRONT_MATTER = FrontMatter()


@dataclass(frozen=True)
class Metadata:
    title: str
    published: PartialDate | None = None
    outlet: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    consumed: frozenset[int] = field(default_factory=frozenset)
    warnings: tuple[ExtractionWarning, ...] = ()
    suggestions: tuple[FieldSuggestion, ...] = ()


def find_metadata(
    text: str,
    context: PipelineContext = _NO_CONTEXT,
    front: FrontMatter = _NO_FRONT_MATTER,
    *,
    markdown: bool = False,
    header_facts: bool = True,
) -> Metadata:
    """The merged metadata; ``consumed`` holds indexes into ``text.split("\\n")``.

    ``markdown`` lets the ``# `` title stand anywhere, not only in the opening lines.
    ``header_facts`` false (a web page's extracted text) takes date, authors, outlet and url
    only from ``front`` (the page's metadata): the text's first lines are not its header.
    """
    lines = text.split("\n")
    header = [i for i, line in enumerate(lines) if line.strip()][:HEADER_LINES]
    if not header_facts:
        return _front_only(lines, header, front, markdown)
    known = context.known_outlets
    consumed: set[int] = set()
    notes: list[ExtractionWarning] = []

    url, url_lines = _find_url(lines)
    if front.url is None:
        consumed |= url_lines
    crumbs = outlets.breadcrumb(lines[header[0]]) if header else None
    if crumbs:
        consumed.add(header[0])
    # A header line that is only an outlet's name is never body, even if the front matter names it.
    known_lines = {i: n for i in header if (n := outlets.known_outlet_line(lines[i], known))}
    consumed |= known_lines.keys()
    date_lines = {
        i: d
        for i in header
        if i not in consumed and _stands_alone(lines, i) and (d := _date_line(lines[i]))
    }
    bylines = {i: a for i in header if i not in consumed and (a := authors.byline(lines[i]))}

    excluded = consumed | date_lines.keys() | bylines.keys()
    title_index, title = _find_title(lines, header, excluded, markdown, notes, front.title)
    if title_index is not None and (front.title is None or _same(front.title, title)):
        consumed.add(title_index)
    title = front.title or title
    rest = [i for i in header if i not in consumed and i != title_index]

    published = front.published
    suggestions: list[FieldSuggestion] = []
    if published is None:
        published = _header_date(rest, date_lines, consumed)
    if published is None:
        published = _byline_date(lines, bylines)
    if published is None:
        suggestions += _body_date(lines, consumed)

    people = front.authors
    if people is None:
        # Only under a title line the text really has (not a front matter's title).
        title_line = title_index if title_index in consumed else None
        under_title = _line_after(header, title_line)
        people = _find_authors(lines, rest, bylines, consumed, title, known, under_title)

    outlet = front.outlet and outlets.canonical(front.outlet, known)
    if outlet is None:
        candidates = [i for i in rest if i not in consumed]
        outlet, line = outlets.choose_outlet(lines, candidates, known_lines, crumbs, title, known)
        if line is not None:
            consumed.add(line)

    url = front.url or url
    missing = {
        "date": (published, _NO_DATE_SUGGESTED if suggestions else _NO_DATE),
        "outlet": (outlet, "No outlet named in the text; choose it by hand."),
        "url": (url, "No link to the original article found in the text."),
        "authors": (people, "No author named in the text; add it by hand if known."),
    }
    notes += [
        ExtractionWarning(name, message) for name, (value, message) in missing.items() if not value
    ]
    return Metadata(
        title,
        published,
        outlet,
        url,
        people or (),
        frozenset(consumed),
        tuple(notes),
        tuple(suggestions),
    )


def _front_only(
    lines: list[str], header: list[int], front: FrontMatter, markdown: bool
) -> Metadata:
    notes: list[ExtractionWarning] = []
    title_index, title = _find_title(lines, header, set(), markdown, notes, front.title)
    consumed = set()
    if title_index is not None and (front.title is None or _same(front.title, title)):
        consumed.add(title_index)
    suggestions = [] if front.published else _body_date(lines, consumed)
    missing = {
        "date": (front.published, _NO_DATE_SUGGESTED if suggestions else _NO_DATE),
        "outlet": (front.outlet, "The page's metadata names no outlet; choose it by hand."),
        "url": (front.url, "The page's metadata gives no address of the original."),
        "authors": (front.authors, "The page's metadata names no author; add it if known."),
    }
    notes += [ExtractionWarning(name, text) for name, (value, text) in missing.items() if not value]
    return Metadata(
        front.title or title,
        front.published,
        front.outlet,
        front.url,
        front.authors or (),
        frozenset(consumed),
        tuple(notes),
        tuple(suggestions),
    )


def _line_after(header: list[int], title_index: int | None) -> int | None:
    """The first non-blank line under the title: the only place a bare name is a byline."""
    if title_index is None or title_index not in header:
        return None
    position = header.index(title_index)
    return header[position + 1] if position + 1 < len(header) else None


def _find_url(lines: list[str]) -> tuple[str | None, set[int]]:
    """The address after "Original url:" or "Source:", on the same line or the next one."""
    for i, line in enumerate(lines):
        label = _URL_LABEL.fullmatch(outlets.plain(line))
        if not label:
            continue
        following = [j for j in range(i + 1, min(i + 3, len(lines))) if lines[j].strip()][:1]
        for j in [i] if label["rest"] else following:
            candidate = (label["rest"] if j == i else lines[j]).strip().strip("<>")
            if is_web_address(candidate):
                return candidate, {i, j}
    return None, set()


def _stands_alone(lines: list[str], i: int) -> bool:
    """A dateline is a paragraph of its own, not the wrapped end of a sentence."""
    before = lines[i - 1].strip() if i > 0 else ""
    after = lines[i + 1].strip() if i + 1 < len(lines) else ""
    return not before and not after


def _date_line(line: str) -> PartialDate | None:
    """The date, if the line is a dateline ("Sunday, August 31, 2014", "Published: May 2020")."""
    text = outlets.plain(line)
    found = first_date(text, month_precision=True) if len(text) <= _SHORT_LINE else None
    if found is None:
        return None
    rest = re.sub(r"\d{1,2}:\d{2}(?::\d{2})?", " ", text[: found.start] + " " + text[found.end :])
    words = re.findall(r"\w+", rest)
    return found.date if all(word.lower() in _DATE_LABELS for word in words) else None


def _find_title(
    lines: list[str],
    header: list[int],
    excluded: set[int],
    markdown: bool,
    notes: list[ExtractionWarning],
    given: str | None,
) -> tuple[int | None, str]:
    searched = range(len(lines)) if markdown else header
    heading = next((i for i in searched if lines[i].startswith("# ")), None)
    if heading is not None:
        return heading, _title_text(lines[heading])
    candidates = [i for i in header if i not in excluded]
    # Every opening line was metadata: the first other line anywhere will do.
    candidates = candidates or [
        i for i, line in enumerate(lines) if line.strip() and i not in excluded
    ]
    if not candidates:
        return None, ""
    title = _title_text(lines[candidates[0]])
    if len(title) <= _LONG_TITLE:
        return candidates[0], title
    if given is None:
        notes.append(
            ExtractionWarning(
                "title",
                "No title line found; the title is the text's first words. Write a proper title.",
                WarningKind.TITLE_FROM_TEXT,
            )
        )
    # The long line is the article's first paragraph, so it stays in the body.
    return None, " ".join(title.split()[:_TITLE_WORDS]) + "…"


def _title_text(line: str) -> str:
    return outlets.plain(re.sub(r"^#+\s+", "", line.strip()))


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _header_date(
    rest: list[int], date_lines: dict[int, PartialDate], consumed: set[int]
) -> PartialDate | None:
    """A dateline in the opening lines ("Sunday, August 31, 2014"): a fact the source states."""
    for i in rest:
        if i in date_lines:
            consumed.add(i)
            return date_lines[i]
    return None


def _byline_date(lines: list[str], bylines: dict[int, tuple[str, ...]]) -> PartialDate | None:
    """The date on a header byline ("By Jane Doe | September 30, 2014") is the source's own."""
    for i in sorted(bylines):
        found = first_date(lines[i], month_precision=True)
        if found is not None:
            return found.date
    return None


def _body_date(lines: list[str], consumed: set[int]) -> list[FieldSuggestion]:
    """A full date seen in the text is only a suggestion: birthdays, matches, captions."""
    for i, line in enumerate(lines):
        found = first_date(line) if i not in consumed else None
        if found is not None:
            where = "a photo caption" if captions.is_caption(line) else f"line {i + 1}"
            return [
                FieldSuggestion(
                    field="date",
                    value=found.date.isoformat(),
                    reason=f"The header states no date; {where} of the text mentions this one.",
                    evidence=" ".join(line.split()),
                    where=where,
                    source="import.dates",
                )
            ]
    return []


def _find_authors(
    lines: list[str],
    rest: list[int],
    bylines: dict[int, tuple[str, ...]],
    consumed: set[int],
    title: str,
    known: tuple[KnownOutlet, ...],
    under_title: int | None,
) -> tuple[str, ...] | None:
    """A "By …" byline in the opening lines, or a bare name directly under the title."""
    for i in rest:
        if i in bylines:
            consumed.add(i)
            return bylines[i]
    i = under_title
    if i is not None and i in rest and i not in consumed:
        name = authors.name_line(lines[i], title, known)
        if name:
            consumed.add(i)
            return (name,)
    return None
