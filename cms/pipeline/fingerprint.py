"""Fingerprints of article text: exact (the same text re-wrapped or re-cased) and near.

Near: five-word shingles, a bottom-k sketch of them to find candidates through an index, and
Jaccard similarity to confirm; and canonical URLs.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit


def content_hash(body: str) -> str:
    """sha256 hex of the body with case folded and every run of whitespace made one space."""
    normalised = " ".join(body.casefold().split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


#: Words per shingle, and how many of a text's smallest shingle hashes make its sketch.
SHINGLE_WORDS = 5
SKETCH_SIZE = 12
_WORD = re.compile(r"\w+")
_TRACKING = re.compile(r"^(?:utm_.*|fbclid|gclid|mc_cid|mc_eid|ref|cmpid)$", re.IGNORECASE)


def _hash64(text: str) -> int:
    """A signed 64-bit hash (fits SQLite's INTEGER), stable across runs and machines."""
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def shingles(body: str) -> frozenset[int]:
    """Hashes of every run of five words (case folded): the text's phrases, order kept."""
    words = _WORD.findall(body.casefold())
    if len(words) < SHINGLE_WORDS:
        return frozenset({_hash64(" ".join(words))}) if words else frozenset()
    # ``_hash64`` inlined: this is the pipeline's hottest loop (400 phrases an article).
    blake2b, from_bytes = hashlib.blake2b, int.from_bytes
    phrases = [
        " ".join(words[i : i + SHINGLE_WORDS]).encode()
        for i in range(len(words) - SHINGLE_WORDS + 1)
    ]
    return frozenset(
        [from_bytes(blake2b(p, digest_size=8).digest(), "big", signed=True) for p in phrases]
    )


def sketch(phrases: frozenset[int]) -> tuple[int, ...]:
    """The smallest hashes (bottom-k MinHash): texts sharing most phrases share most of these."""
    return tuple(sorted(phrases)[:SKETCH_SIZE])


def sketch_values(body: str, url: str | None) -> tuple[int, ...]:
    """What indexes a text for near-duplicates: its sketch, and its canonical URL's key."""
    key = url_key(url or "")
    values = sketch(shingles(body))
    return tuple(sorted({*values, key})) if key is not None else values


#: Words a sentence needs to count as long: one that long is rarely written twice by chance.
LONG_SENTENCE_WORDS = 15
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’»)\]]*\s+|\n+")


def long_sentences(body: str) -> dict[int, str]:
    """The body's long sentences by hash (words case folded, punctuation ignored)."""
    found: dict[int, str] = {}
    for sentence in _SENTENCE_END.split(body):
        words = _WORD.findall(sentence.casefold())
        if len(words) >= LONG_SENTENCE_WORDS:
            found.setdefault(_hash64("sentence:" + " ".join(words)), sentence.strip())
    return found


#: Share of shingles two texts must have in common to be the same story (a near-duplicate):
#: the importer's test and the related articles' duplicate mark.
NEAR_JACCARD = 0.5


def resemblance(a: frozenset[int], b: frozenset[int]) -> float:
    """Jaccard similarity of two texts' phrases estimated from their sketches (bottom-k
    MinHash): the share of the ``SKETCH_SIZE`` smallest values of both that both hold."""
    if not a or not b:
        return 0.0
    smallest = sorted(a | b)[:SKETCH_SIZE]
    return sum(1 for value in smallest if value in a and value in b) / len(smallest)


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def canonical_url(url: str) -> str:
    """The address with http/https, www, a trailing slash and tracking parameters ignored.

    "https://www.example.com/a/?utm_source=x&id=3" and "http://example.com/a?id=3" are one.
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").casefold().removeprefix("www.")
    if not host:
        return ""
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    kept = sorted((k, v) for k, v in query if not _TRACKING.match(k))
    path = parts.path.rstrip("/") or ""
    return f"{host}{path}" + (f"?{urlencode(kept)}" if kept else "")


def url_key(url: str) -> int | None:
    """The hash stored beside the sketch so the same canonical URL finds its article."""
    canonical = canonical_url(url) if url else ""
    return _hash64("url:" + canonical) if canonical else None
