"""Near-duplicates: the same story with another header or footer, a few words edited, or the
same canonical URL. Imported as a draft with a "possible duplicate" suggestion showing the
differences; the editor merges or keeps both.

Candidates come from an index of text sketches (a few shingle hashes per article); each is
confirmed by the Jaccard similarity of the two texts' five-word shingles.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from rapidfuzz import fuzz
from sqlalchemy import func, select

from cms.extensions import db
from cms.models import Article, Suggestion, SuggestionKind, TextSketch
from cms.pipeline.fingerprint import jaccard, shingles, sketch, url_key
from cms.pipeline.types import ExtractedArticle

#: Shared shingle share above which two texts are the same story.
NEAR_JACCARD = 0.5
#: Edit-distance similarity (rapidfuzz, 0-100) that also confirms: short texts with a few
#: words changed share few five-word phrases.
NEAR_RATIO = 90
#: Sketch values two texts must share to be compared at all.
MIN_SHARED = 2
MAX_CANDIDATES = 10
_DIFF_LINES = 40


@dataclass(frozen=True)
class NearMatch:
    article: Article
    score: float
    reason: str
    evidence: str


def sketch_values(body: str, url: str | None) -> set[int]:
    values = set(sketch(shingles(body)))
    key = url_key(url or "")
    if key is not None:
        values.add(key)
    return values


def remember(article: Article, values: set[int]) -> None:
    """Store the article's sketch so later imports find it."""
    db.session.add_all(TextSketch(article_id=article.id, value=v) for v in values)


def find_near(extracted: ExtractedArticle, values: set[int]) -> list[NearMatch]:
    """Articles that are probably the same story, best first."""
    key = url_key(extracted.url or "")
    shared = func.count(TextSketch.id)
    rows = db.session.execute(
        select(TextSketch.article_id, shared, func.max(TextSketch.value == key))
        .where(TextSketch.value.in_(values))
        .group_by(TextSketch.article_id)
        .having((shared >= MIN_SHARED) | (func.max(TextSketch.value == key) == 1))
        .order_by(shared.desc())
        .limit(MAX_CANDIDATES)
    ).all()
    if not rows:
        return []
    same_url = {article_id for article_id, _, url_hit in rows if url_hit}
    mine = shingles(extracted.body)
    matches = []
    for article in db.session.scalars(select(Article).where(Article.id.in_([r[0] for r in rows]))):
        similarity = jaccard(mine, shingles(article.body))
        ratio = fuzz.ratio(extracted.body, article.body)
        if similarity >= NEAR_JACCARD or ratio >= NEAR_RATIO or article.id in same_url:
            matches.append(_match(extracted, article, similarity, ratio, article.id in same_url))
    return sorted(matches, key=lambda m: m.score, reverse=True)


def _match(
    extracted: ExtractedArticle, article: Article, similarity: float, ratio: float, url: bool
) -> NearMatch:
    reasons = []
    if url:
        reasons.append("the same original URL")
    if similarity >= NEAR_JACCARD:
        reasons.append(f"{similarity:.0%} of five-word phrases shared")
    elif ratio >= NEAR_RATIO:
        reasons.append(f"{ratio:.0f}% alike letter by letter")
    ratio = ratio / 100
    reason = f"possible duplicate of {article.slug}: " + ", ".join(reasons)
    return NearMatch(article, max(similarity, ratio), reason, differences(article, extracted))


def differences(existing: Article, new: ExtractedArticle) -> str:
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


def suggest(article: Article, matches: list[NearMatch]) -> None:
    """A pending "possible duplicate" on the new article for each match.

    The key ``duplicate:<id>`` is the one the related-article analysis uses, so the two
    coincide, and a dismissal ("not a duplicate") is remembered.
    """
    for match in matches:
        db.session.add(
            Suggestion(
                article_id=article.id,
                kind=SuggestionKind.DUPLICATE,
                target_article_id=match.article.id,
                value=match.article.slug,
                score=round(match.score, 3),
                reason=match.reason,
                evidence=match.evidence,
                source="import.duplicates",
                key=f"duplicate:{match.article.id}",
            )
        )
