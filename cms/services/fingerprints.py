"""What later imports recognise an article's text by: its sketch values (near-duplicates) and
its long sentences' hashes (reprints).

An import stores them for the articles it creates, from the text as received (``importing``).
An article written by hand gets them here when it is created, from the text as written, so a
file carrying the same story is still found to be a possible duplicate or a reprint of it.
Like the content hash, they describe the text an article began with, not later edits.
"""

from __future__ import annotations

from cms.models import Article, TextSentence, TextSketch
from cms.pipeline.fingerprint import long_sentences, sketch_values
from cms.services.rows import insert_many


def remember_text(article: Article) -> None:
    """Store ``article``'s (flushed, so it has an id) sketch values and sentence hashes."""
    insert_many(
        TextSketch,
        [{"article_id": article.id, "value": v} for v in sketch_values(article.body, article.url)],
    )
    insert_many(
        TextSentence, [{"article_id": article.id, "value": v} for v in long_sentences(article.body)]
    )
