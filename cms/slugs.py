"""URL slugs: lowercase ASCII words joined by hyphens, made unique by a numeric suffix."""

import re
import unicodedata
from collections.abc import Callable

MAX_SLUG_LENGTH = 80


def _without_accent(char: str) -> str:
    """ "é" -> "e" for Latin letters only: in Cyrillic "й" is a letter of its own, not "и"."""
    if not unicodedata.name(char, "").startswith("LATIN"):
        return char
    return "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))


def slugify(text: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """``"Putin’s visit: Kazakhstan"`` -> ``"putins-visit-kazakhstan"``; never empty.

    Accents are dropped ("Émile" -> "emile"); other scripts are kept as they are
    ("Новая газета" -> "новая-газета"), since browsers show such URLs readably.
    """
    folded = unicodedata.normalize("NFC", text.casefold())
    plain = folded if folded.isascii() else "".join(map(_without_accent, folded))
    slug = re.sub(r"[\W_]+", "-", re.sub(r"['’]", "", plain)).strip("-")
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
