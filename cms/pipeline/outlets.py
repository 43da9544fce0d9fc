"""Recognise the publishing outlet, only where pages actually name it.

Places: a header line, the title's prefix, a breadcrumb, or a closing disclaimer. Body text
is never searched: "Credit: AP/Pavel Bednyakov" names a photographer's agency, not the outlet.
"""

from __future__ import annotations

import re

from cms.pipeline.types import KnownOutlet

_BOLD_ONLY = re.compile(r"(?:\*\*[^*\n]+\*\*\s*)+")
_BREADCRUMB_SEPARATOR = re.compile(r"\s+(?:-|»|›|>)\s+")
_TITLE_SEPARATOR = r"\s*(?::|\||-|–|—)\s+"
_TRAILERS = (
    # Op-ed disclaimer: "… do not necessarily represent those of RT."
    re.compile(
        r"do not necessarily (?:represent|reflect) (?:those|the (?:views|opinions?|position)) "
        r"of (?P<name>[^.\n]{1,60}?)\.?$",
        re.IGNORECASE,
    ),
    re.compile(r"^discover more from (?P<name>.{1,60}?)\W*$", re.IGNORECASE),
)
_TRAILER_LINES = 8
_MAX_NAME_WORDS = 6


def plain(line: str) -> str:
    """A line without bold markers or runs of spaces.

    "**The**  **Moscow Times**" → "The Moscow Times".
    """
    return " ".join(line.replace("**", "").split())


def match_known(name: str, known: tuple[KnownOutlet, ...]) -> KnownOutlet | None:
    wanted = plain(name).casefold()
    for outlet in known:
        if wanted in (n.casefold() for n in (outlet.name, *outlet.aliases)):
            return outlet
    return None


def canonical(name: str, known: tuple[KnownOutlet, ...]) -> str:
    """The collection's spelling of a known outlet, else the name as written.

    "EURASIA NEWS" → "Eurasia News" when the collection knows Eurasia News.
    """
    outlet = match_known(name, known)
    return outlet.name if outlet else plain(name)


def known_outlet_line(line: str, known: tuple[KnownOutlet, ...]) -> str | None:
    outlet = match_known(line, known)
    return outlet.name if outlet else None


def bold_outlet_line(line: str) -> str | None:
    """A short line set in bold on its own, as sites print their name above an article."""
    name = plain(line)
    if not _BOLD_ONLY.fullmatch(line.strip()) or not _is_name_like(name):
        return None
    return name


def breadcrumb(line: str) -> list[str] | None:
    """ "Eurasia News - Central Asia - Russia and Kazakhstan relations" → its three parts."""
    parts = _BREADCRUMB_SEPARATOR.split(plain(line))
    if len(parts) < 3 or line.rstrip().endswith((".", "!", "?")):
        return None
    if not all(0 < len(part) <= 60 for part in parts):
        return None
    return parts


def outlet_in_title(title: str, known: tuple[KnownOutlet, ...]) -> str | None:
    """ "Window on Eurasia: …" or "… | The Moscow Times" name the outlet in the title."""
    for outlet in known:
        for name in (outlet.name, *outlet.aliases):
            escaped = re.escape(name)
            prefix = re.match(rf"{escaped}{_TITLE_SEPARATOR}\S", title, re.IGNORECASE)
            suffix = re.search(rf"\S{_TITLE_SEPARATOR}{escaped}$", title, re.IGNORECASE)
            if prefix or suffix:
                return outlet.name
    return None


def outlet_in_trailer(lines: list[str]) -> str | None:
    closing = [plain(line) for line in lines if line.strip()][-_TRAILER_LINES:]
    for line in closing:
        for pattern in _TRAILERS:
            match = pattern.search(line)
            if match and _is_name_like(match["name"].strip()):
                return match["name"].strip()
    return None


def _is_name_like(name: str) -> bool:
    words = name.split()
    return (
        0 < len(words) <= _MAX_NAME_WORDS
        and (name[0].isupper() or name[0].isdigit())
        and not name.endswith((".", "!", "?", ":", ","))
    )


def choose_outlet(
    lines: list[str],
    candidates: list[int],
    known_lines: dict[int, str],
    crumbs: list[str] | None,
    title: str,
    known: tuple[KnownOutlet, ...],
) -> tuple[str | None, int | None]:
    """The outlet by the rules' order, and the bold header line it came from (not body)."""
    if known_lines:
        return next(iter(known_lines.values())), None
    for i in candidates:
        if name := bold_outlet_line(lines[i]):
            return canonical(name, known), i
    if in_title := outlet_in_title(title, known):
        return in_title, None
    if crumbs:
        return canonical(crumbs[0], known), None
    trailer = outlet_in_trailer(lines)
    return (canonical(trailer, known) if trailer else None), None
