"""Reprints: a new text that carries several long sentences of an article we hold.

Not a duplicate (the rest of the text is its own: another intro, a commentary around a wire
story), so it is imported as usual and flagged "reprint", with the rule that fired ("shares 3
long sentences with <slug>") and one of the sentences as evidence, on its provenance card. One
query per chunk reads which stored articles hold the chunk's sentences; the chunk's own new
articles are added as they are planned.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select

from cms.extensions import db
from cms.models import Article, TextSentence
from cms.pipeline.fingerprint import long_sentences
from cms.pipeline.provenance import REPRINT
from cms.pipeline.types import ExtractedArticle, TextFlag
from cms.services.importing.duplicates import KNOWN_COLUMNS, Known
from cms.services.importing.holders import Holders

#: Long sentences a text must share with one article to be flagged a reprint of it.
SHARED_SENTENCES = 2


@dataclass(frozen=True)
class Reprint:
    article: Known | int
    shared: int


class ReprintIndex:
    """Which articles hold each long sentence: the stored ones the chunk shares, then its own."""

    def __init__(self, values: Iterable[int]) -> None:
        self._holders = Holders(TextSentence, values)

    def add(self, extracted: ExtractedArticle, article: Known) -> None:
        self._holders.add(extracted.sentences, article)

    def find(self, extracted: ExtractedArticle, duplicates: Iterable[Known]) -> TextFlag | None:
        """The flag for the article sharing the most long sentences, unless it is one of the
        text's possible duplicates (that suggestion says more)."""
        shared: Counter[int | Known] = Counter()
        for value in extracted.sentences:
            for holder in dict.fromkeys(self._holders.of(value)):
                shared[holder] += 1
        skip = {d.id if d.id is not None else d for d in duplicates} | set(duplicates)
        best = next(
            (h for h, n in shared.most_common() if n >= SHARED_SENTENCES and h not in skip), None
        )
        if best is None:
            return None
        source = best if isinstance(best, Known) else _stored(best)
        evidence = _shared_sentence(extracted, source)
        return TextFlag(
            REPRINT, f"shares {shared[best]} long sentences with {source.slug}"[:100], evidence
        )


def _stored(article_id: int) -> Known:
    row = db.session.execute(select(*KNOWN_COLUMNS).where(Article.id == article_id)).one()
    return Known.stored(tuple(row))  # type: ignore[arg-type]


def _shared_sentence(extracted: ExtractedArticle, source: Known) -> str:
    theirs = long_sentences(source.body)
    mine = long_sentences(extracted.body)
    return next((sentence for value, sentence in mine.items() if value in theirs), "")
