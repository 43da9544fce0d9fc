"""Fingerprints of article text: the same text re-imported, re-wrapped or re-cased matches."""

from __future__ import annotations

import hashlib


def content_hash(body: str) -> str:
    """sha256 hex of the body with case folded and every run of whitespace made one space."""
    normalised = " ".join(body.casefold().split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()
