"""URL slugs: lowercase ASCII words joined by hyphens, made unique by a numeric suffix."""

import re
import unicodedata
from collections.abc import Callable

MAX_SLUG_LENGTH = 80


def slugify(text: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """``"Putin’s visit: Kazakhstan"`` -> ``"putins-visit-kazakhstan"``; never empty."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"['’]", "", ascii_text.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug or "untitled"


def unique_slug(text: str, is_taken: Callable[[str], bool]) -> str:
    """The slug of ``text``, with ``-2``, ``-3``... appended until ``is_taken`` says it is free."""
    base = slugify(text)
    candidate, n = base, 1
    while is_taken(candidate):
        n += 1
        candidate = f"{base}-{n}"
    return candidate
