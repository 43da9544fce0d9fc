"""Photo captions and credits: kept apart from the article text, never read as its date.

A caption in a saved text is a paragraph that ends with a credit ("… Credit: AP/Pavel
Bednyakov") or starts with one ("Photo: …"); whatever date it mentions is the photo's.
"""

from __future__ import annotations

import re

_CREDIT_END = re.compile(
    r"(?:\(|\b)(?:photo(?:graph)?|image|picture|credit|photo credit|foto|bild)\s*:\s*"
    r"[^.:\n]{1,80}\)?\s*$",
    re.IGNORECASE,
)
_CREDIT_START = re.compile(
    r"^\s*(?:photo(?:graph)?|image|picture|credit|photo credit|caption)\s*:\s*\S", re.IGNORECASE
)
_LONGEST_CAPTION = 600


def is_caption(paragraph: str) -> bool:
    if ":" not in paragraph:
        return False  # both patterns need one; most paragraphs have none
    text = " ".join(paragraph.split())
    if not text or len(text) > _LONGEST_CAPTION:
        return False
    return bool(_CREDIT_END.search(text) or _CREDIT_START.match(text))


def split_captions(paragraphs: list[str]) -> tuple[list[str], tuple[str, ...]]:
    """The paragraphs that are article text, and the captions taken out of them."""
    body: list[str] = []
    found: list[str] = []
    for paragraph in paragraphs:
        if is_caption(paragraph):
            found.append(" ".join(paragraph.split()))
        else:
            body.append(paragraph)
    return body, tuple(found)
