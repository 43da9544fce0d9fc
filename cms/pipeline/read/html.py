"""Saved web pages: the article text by trafilatura, the facts from the page's own metadata.

trafilatura's text becomes Markdown (no raw HTML survives: no scripts, no event handlers, no
links). Its date finder is used only as a suggestion, when the page's metadata states no date;
it once dated a page from a related-article teaser.
"""

from __future__ import annotations

import logging
from types import MappingProxyType
from typing import Any

from cms.pipeline.read.encoding import decode_bytes
from cms.pipeline.read.html_meta import PageFacts, iso_date, page_facts, parse_page
from cms.pipeline.read.result import ReadResult
from cms.pipeline.types import Document, FieldSuggestion, Format, RejectedFile

# trafilatura logs every page it finds too short at WARNING; the reader reports that itself.
logging.getLogger("trafilatura").setLevel(logging.ERROR)


def read_html(document: Document) -> ReadResult:
    # Loaded with the first page, not with the pipeline: it and its dependencies cost a
    # fifth of a second and 10 MB in every process that imports no web page.
    import trafilatura

    text, warnings = decode_bytes(document.name, document.data)
    try:
        facts = page_facts(parse_page(text))
    except ValueError as error:
        raise RejectedFile(document.name, f"the page cannot be parsed as HTML: {error}") from None
    extracted = trafilatura.bare_extraction(
        text,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        include_formatting=True,
        date_extraction_params={"extensive_search": False},
    )
    body = _body(extracted, facts)
    if "{{" in body or "{{" in (facts.title or ""):
        raise RejectedFile(
            document.name,
            "the page is an unrendered template ({{ … }} placeholders), not an article",
        )
    if not body.strip():
        raise RejectedFile(document.name, _NO_TEXT)
    return ReadResult(
        raw=text,
        text=body,
        format=Format.HTML,
        front_matter=MappingProxyType(_front(facts)),
        warnings=warnings,
        suggestions=_date_suggestion(extracted, facts),
        captions=facts.captions,
    )


_NO_TEXT = (
    "no article text was found in the page (it may build its text with JavaScript; "
    "save the article's text instead)"
)


def _front(facts: PageFacts) -> dict[str, Any]:
    values: dict[str, Any] = {
        "title": facts.title,
        "date": facts.date,
        "outlet": facts.outlet,
        "url": facts.url,
        "authors": list(facts.authors) or None,
    }
    return {key: value for key, value in values.items() if value}


def _body(extracted: Any, facts: PageFacts) -> str:
    text = (getattr(extracted, "text", None) or "") if extracted is not None else ""
    captions = set(facts.captions)
    # Captions are kept apart (``captions``); trafilatura sometimes leaves them in the text.
    lines = [line for line in text.split("\n") if " ".join(line.split()) not in captions]
    return "\n".join(lines)


def _date_suggestion(extracted: Any, facts: PageFacts) -> tuple[FieldSuggestion, ...]:
    guessed = iso_date(str(getattr(extracted, "date", "") or "")) if extracted else None
    if facts.date or not guessed:
        return ()
    return (
        FieldSuggestion(
            field="date",
            value=guessed,
            reason="The page's metadata states no date; trafilatura's date finder proposes this.",
            evidence=f"trafilatura found {guessed}",
            where="trafilatura's date finder",
            source="import.html",
        ),
    )
