"""Near-duplicates: the same story with another header or footer, a few words edited, or the
same canonical URL. Imported as a draft with a "possible duplicate" suggestion showing the
differences; the editor merges or keeps both.

Candidates come from an index of text sketches (a few shingle hashes per article; one query
per chunk reads the stored ones, and the chunk's new articles are added as they are planned);
each is confirmed by the Jaccard similarity of the two texts' five-word shingles.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz
from sqlalchemy import select

from cms.extensions import db
from cms.models import Article, TextSketch
from cms.pipeline.fingerprint import NEAR_JACCARD, jaccard, shingles, url_key
from cms.pipeline.types import ExtractedArticle
from cms.services.importing.duplicates import KNOWN_COLUMNS, Known
from cms.services.importing.holders import Holders

#: Edit-distance similarity (rapidfuzz, 0-100) that also confirms: short texts with a few
#: words changed share few five-word phrases.
NEAR_RATIO = 90
#: Sketch values two texts must share to be compared at all.
MIN_SHARED = 2
MAX_CANDIDATES = 10
_DIFF_LINES = 40


@dataclass(frozen=True)
class NearMatch:
    article: Known
    score: float
    reason: str
    evidence: str


class NearIndex:
    """Which articles hold each sketch value: the stored ones the chunk may match, then its own."""

    def __init__(self, values: Iterable[int]) -> None:
        self._holders = Holders(TextSketch, values)
        self._stored: dict[int, Known] = {}

    def add(self, extracted: ExtractedArticle, article: Known) -> None:
        """Make a new article of the chunk a candidate for the documents after it."""
        self._holders.add(extracted.sketch, article)

    def find(self, extracted: ExtractedArticle) -> list[NearMatch]:
        """Articles that are probably the same story, best first."""
        url_value = url_key(extracted.url or "")
        shared: Counter[int | Known] = Counter()
        by_url: set[int | Known] = set()
        for value in extracted.sketch:
            for holder in self._holders.of(value):
                shared[holder] += 1
                if value == url_value:
                    by_url.add(holder)
        candidates = [
            holder
            for holder, count in shared.most_common()
            if count >= MIN_SHARED or holder in by_url
        ][:MAX_CANDIDATES]
        self._load([c for c in candidates if isinstance(c, int)])
        phrases = shingles(extracted.body) if candidates else frozenset()
        matches = []
        for holder in candidates:
            article = self._stored[holder] if isinstance(holder, int) else holder
            match = _confirm(extracted, phrases, article, holder in by_url)
            if match is not None:
                matches.append(match)
        return sorted(matches, key=lambda m: m.score, reverse=True)

    def _load(self, ids: list[int]) -> None:
        missing = [i for i in ids if i not in self._stored]
        if missing:
            rows = db.session.execute(select(*KNOWN_COLUMNS).where(Article.id.in_(missing)))
            for row in rows:
                self._stored[row[0]] = Known.stored(tuple(row))  # type: ignore[arg-type]


def _confirm(
    extracted: ExtractedArticle, phrases: frozenset[int], article: Known, same_url: bool
) -> NearMatch | None:
    similarity = jaccard(phrases, shingles(article.body))
    ratio = fuzz.ratio(extracted.body, article.body)
    if similarity < NEAR_JACCARD and ratio < NEAR_RATIO and not same_url:
        return None
    reasons = []
    if same_url:
        reasons.append("the same original URL")
    if similarity >= NEAR_JACCARD:
        reasons.append(f"{similarity:.0%} of five-word phrases shared")
    elif ratio >= NEAR_RATIO:
        reasons.append(f"{ratio:.0f}% alike letter by letter")
    reason = f"possible duplicate of {article.slug}: " + ", ".join(reasons)
    score = max(similarity, ratio / 100)
    return NearMatch(article, score, reason, differences(article, extracted))


def differences(existing: Known, new: ExtractedArticle) -> str:
    """A unified diff of the two texts, paragraph by paragraph, cut to a readable length."""
    diff = difflib.unified_diff(
        [existing.title, *existing.body.split("\n\n")],
        [new.title, *new.body.split("\n\n")],
        fromfile=existing.slug,
        tofile=new.source_name,
        lineterm="",
        n=0,
    )
    lines = list(diff)
    if len(lines) > _DIFF_LINES:
        lines = [*lines[:_DIFF_LINES], f"… {len(lines) - _DIFF_LINES} more lines"]
    return "\n".join(lines)
