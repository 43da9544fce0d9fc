"""Summary drafts: the three most central sentences (TextRank), in the article's order.

Only prose sentences may be picked: never a byline, a dateline, a photo caption or credit,
a heading, a list item, a question, or a subscription prompt or other page boilerplate.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from cms.pipeline.analyse.sentences import Sentence, split_sentences
from cms.pipeline.analyse.terms import terms_of
from cms.pipeline.boilerplate import BOILERPLATE

SUMMARY_SENTENCES = 3
MIN_WORDS, MAX_WORDS = 8, 70
# Long texts: the gist is near the top, and TextRank's cost grows with the square.
MAX_CANDIDATES = 60
DAMPING, ITERATIONS = 0.85, 40

# A paragraph that is a caption, a credit or a byline (one name, or "By ..."), never prose.
_CAPTION = re.compile(
    r"\b(?:credit|photo(?:graph)?|image|source|pictured|illustration)\s*:|\(\s*(?:ap|afp|reuters)"
    r" photo|getty images|©|\bcopyright\b|/(?:ap|afp|reuters|getty)\b",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"(?:by\s+)?[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}\.?", re.IGNORECASE)
_DATE_LINE = re.compile(
    r"(?:\w+day,?\s+)?(?:\w+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+\w+\.?\s+\d{4}|\d{4}-\d\d-\d\d)\.?",
    re.IGNORECASE,
)
_PROMPT = re.compile(
    r"subscri(?:be|ption)|newsletter|sign up|log in to|post a comment|leave a (?:reply|comment)|"
    r"read (?:the full|more)|click here|all rights reserved|the views expressed|disclaimer|"
    r"cookies?\b|follow us|share this|advertisement",
    re.IGNORECASE,
)
# "MOSCOW — ", "Staunton, August 31 – ": where the wire sent the story from, not its content.
_DATELINE_PREFIX = re.compile(r"^[A-Z][\w .,'’]{1,40}?\s[—–-]{1,2}\s(?=[A-Z“\"])")
_BOILERPLATE = tuple(re.compile(b.pattern, re.IGNORECASE) for b in BOILERPLATE)
_MARKUP = re.compile(r"[*_`]+|\[([^\]]*)\]\([^)]*\)")


@dataclass(frozen=True)
class Draft:
    text: str
    sentences: tuple[Sentence, ...]
    considered: int


def draft_summary(
    body: str,
    authors: tuple[str, ...] = (),
    size: int = SUMMARY_SENTENCES,
    sentences: Sequence[Sentence] | None = None,
) -> Draft:
    """The ``size`` most central prose sentences of ``body``, in their original order
    (``sentences``: ``split_sentences(body)``, where the caller has them)."""
    if sentences is None:
        sentences = split_sentences(body)
    prose = _prose_sentences(body, sentences)
    candidates = [s for s in prose if _is_summary_material(s.text, authors)]
    candidates = candidates[:MAX_CANDIDATES]
    if not candidates:
        return Draft("", (), 0)
    ranks = textrank([set(terms_of(s.text)) for s in candidates])
    best = sorted(range(len(candidates)), key=lambda i: (-ranks[i], i))[:size]
    chosen = tuple(candidates[i] for i in sorted(best))
    return Draft(" ".join(s.text for s in chosen), chosen, len(candidates))


def _prose_sentences(body: str, sentences: Sequence[Sentence]) -> list[Sentence]:
    """The body's sentences in prose paragraphs, with datelines and markup taken off.

    ``split_sentences`` splits each line alone, so a paragraph's sentences are those that
    start on its line."""
    found: list[Sentence] = []
    offset = 0
    at = 0
    for paragraph in body.split("\n"):
        offset += len(paragraph) + 1  # where the next paragraph starts
        first = at
        while at < len(sentences) and sentences[at].start < offset:
            at += 1
        if _is_furniture(paragraph.strip()):
            continue
        for sentence in sentences[first:at]:
            text = _DATELINE_PREFIX.sub("", _MARKUP.sub(r"\1", sentence.text)).strip()
            found.append(Sentence(text, sentence.start, sentence.end))
    return found


def _is_furniture(paragraph: str) -> bool:
    """A line around the article rather than of it: heading, list item, caption, byline..."""
    bare = paragraph.strip("*_ ")
    return (
        not bare
        or paragraph.startswith(("#", ">", "|", "- ", "* ", "+ "))
        or bool(re.match(r"\d{1,3}[.)]\s", paragraph))
        or bool(_CAPTION.search(paragraph))
        or bool(_BYLINE.fullmatch(bare))
        or bool(_DATE_LINE.fullmatch(bare))
        or any(pattern.fullmatch(bare) for pattern in _BOILERPLATE)
    )


def _is_summary_material(text: str, authors: tuple[str, ...]) -> bool:
    words = len(text.split())
    return (
        MIN_WORDS <= words <= MAX_WORDS
        and text[-1] in ".!\"”’'»)"
        and not text.rstrip("\"”’'»)").endswith("?")
        and text.count("“") == text.count("”")
        and not _PROMPT.search(text)
        and not _CAPTION.search(text)
        and not any(author.casefold() in text.casefold() for author in authors if author)
    )


def textrank(term_sets: list[set[str]], tolerance: float = 1e-5) -> list[float]:
    """PageRank over sentences, edges weighted by shared terms (Mihalcea and Tarau, 2004).

    The random jump favours early sentences (news puts the gist first), as in PositionRank.
    """
    n = len(term_sets)
    teleport = _normalised([1.0 / math.sqrt(i + 1) for i in range(n)])
    logs = [math.log(len(t)) if len(t) > 1 else 0.0 for t in term_sets]
    edges: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            if logs[i] and logs[j]:
                shared = len(term_sets[i] & term_sets[j])
                if shared:
                    weight = shared / (logs[i] + logs[j])
                    edges[i].append((j, weight))
                    edges[j].append((i, weight))
    # Each sentence passes its rank to its neighbours in proportion to the edge weights.
    incoming: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    for i, row in enumerate(edges):
        total = sum(w for _, w in row)
        for j, w in row:
            incoming[j].append((i, w / total))
    ranks = list(teleport)
    for _ in range(ITERATIONS):
        new = [
            (1 - DAMPING) * teleport[i] + DAMPING * sum(w * ranks[j] for j, w in incoming[i])
            for i in range(n)
        ]
        done = max(abs(a - b) for a, b in zip(new, ranks, strict=True)) < tolerance
        ranks = new
        if done:
            break
    return ranks


def _normalised(values: list[float]) -> list[float]:
    total = sum(values)
    return [v / total for v in values]
