"""Persist a chunk of what the pipeline made: new articles, duplicates, skips and rejections.

A few set-based statements a chunk rather than a dozen ORM round trips a document: one query
each for exact duplicates, near-duplicate candidates, taken slugs, outlets and tags, then one
multi-row INSERT a table. Documents of a chunk see each other as if stored one by one: a file
repeated inside the chunk is a duplicate of the first, a re-send a near-duplicate of it, a
text carrying some of its sentences a reprint of it.

Only facts the source states go into the article's fields; what the importer inferred becomes
a pending ``Suggestion`` and every doubt an ``ImportWarning`` record.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, update

from cms.extensions import db
from cms.models import (
    Article,
    ImportItem,
    ImportOutcome,
    ImportWarning,
    ProvenanceFlag,
    Suggestion,
    SuggestionKind,
    TextKind,
    TextSentence,
    TextSketch,
    article_tags,
)
from cms.models.base import utcnow
from cms.pipeline.types import ExtractedArticle, Rejected, Skipped, TextFlag
from cms.services import search
from cms.services.articles import word_count
from cms.services.importing.duplicates import ExactIndex, Known
from cms.services.importing.near import NearIndex, NearMatch
from cms.services.importing.reprints import ReprintIndex
from cms.services.importing.vocabulary import Vocabulary
from cms.services.rows import insert_many, insert_rows
from cms.services.slugs import SlugAllocator

Outcome = ExtractedArticle | Skipped | Rejected


@dataclass(frozen=True, slots=True)
class ReportLine:
    """What became of one file, zip entry or JSON item."""

    name: str
    outcome: ImportOutcome
    reason: str = ""
    article_id: int | None = None
    article_slug: str = ""


@dataclass(eq=False)
class _Item:
    """One import record to write, pointing at an article that may not have an id yet."""

    name: str
    outcome: ImportOutcome
    reason: str = ""
    article: Known | None = None
    of: ExtractedArticle | None = None
    new: _New | None = None
    id: int | None = None


@dataclass(eq=False)
class _New:
    """A document that becomes a new article, with everything stored beside it."""

    extracted: ExtractedArticle
    known: Known
    similar: list[NearMatch] = field(default_factory=list)
    reprint: TextFlag | None = None

    @property
    def flags(self) -> tuple[TextFlag, ...]:
        found = self.extracted.flags
        return (*found, self.reprint) if self.reprint is not None else found


def store_chunk(batch_id: int, outcomes: Sequence[Outcome]) -> list[ReportLine]:
    """Record the outcomes in the batch, in order; call inside one write transaction.

    Any database error leaves the transaction for the caller to roll back (to a savepoint).
    """
    documents = [o for o in outcomes if isinstance(o, ExtractedArticle)]
    exact = ExactIndex(d.content_hash for d in documents)
    near = NearIndex(v for d in documents for v in d.sketch)
    reprints = ReprintIndex(v for d in documents for v in d.sentences)
    slugs = SlugAllocator(Article, (d.title for d in documents))
    items = [_plan(o, _Indexes(exact, near, reprints, slugs)) for o in outcomes]
    new = [item.new for item in items if item.new is not None]
    _insert_articles(new, Vocabulary.for_documents([n.extracted for n in new]))
    _insert_items(batch_id, items)
    _insert_beside(new, items)
    _write_back_alternative_titles(exact.changed_stored())
    search.index_articles(
        (n.known.id, n.known.title, n.extracted.summary or "", n.known.body)  # type: ignore[misc]
        for n in new
    )
    return [_line(item) for item in items]


@dataclass(frozen=True)
class _Indexes:
    """What a chunk's documents are matched against: stored articles and each other."""

    exact: ExactIndex
    near: NearIndex
    reprints: ReprintIndex
    slugs: SlugAllocator


def _plan(outcome: Outcome, indexes: _Indexes) -> _Item:
    if isinstance(outcome, Skipped):
        return _Item(outcome.name, ImportOutcome.SKIPPED, outcome.reason)
    if isinstance(outcome, Rejected):
        return _Item(outcome.name, ImportOutcome.REJECTED, outcome.reason)
    match = indexes.exact.find(outcome)
    if match is not None:
        return _Item(
            outcome.source_name,
            ImportOutcome.DUPLICATE,
            _duplicate_reason(match.article, outcome.title, match.same_title),
            article=match.article,
            of=outcome,
        )
    similar = indexes.near.find(outcome)
    reprint = indexes.reprints.find(outcome, [m.article for m in similar])
    slug = indexes.slugs.allocate(outcome.title)
    known = Known(slug=slug, title=outcome.title, body=outcome.body, new=True)
    indexes.exact.add(outcome.content_hash, known)
    indexes.near.add(outcome, known)
    indexes.reprints.add(outcome, known)
    return _Item(
        outcome.source_name,
        ImportOutcome.CREATED,
        "; ".join(m.reason for m in similar),
        article=known,
        of=outcome,
        new=_New(outcome, known, similar, reprint),
    )


def _duplicate_reason(article: Known, title: str, same_title: bool) -> str:
    if same_title:
        return f"duplicate of {article.slug}"
    added = article.keep_alternative_title(title)
    kept = "kept as an alternative title" if added else "already known as an alternative"
    return f"same text as {article.slug} under another headline ({kept})"


def _insert_articles(new: list[_New], vocabulary: Vocabulary) -> None:
    if not new:
        return
    ids = insert_rows(Article, [_article_row(n, vocabulary) for n in new])
    for article, id_ in zip(new, ids, strict=True):
        article.known.id = id_
    links = [
        {"article_id": n.known.id, "tag_id": tag_id}
        for n in new
        for tag_id in vocabulary.tag_ids(n.extracted.tags)
    ]
    if links:
        db.session.execute(insert(article_tags), links)


def _article_row(new: _New, vocabulary: Vocabulary) -> dict[str, Any]:
    extracted = new.extracted
    published = extracted.published
    return {
        "slug": new.known.slug,
        "title": extracted.title,
        "outlet_id": vocabulary.outlet_id(extracted.outlet_name),
        "authors": ", ".join(extracted.authors),
        "url": extracted.url or "",
        "body": extracted.body,
        "raw": extracted.raw,
        "content_hash": extracted.content_hash,
        "summary": extracted.summary or "",
        # A summary in the file was written by a person, not drafted by us.
        "summary_by_editor": bool(extracted.summary),
        "word_count": word_count(extracted.body),
        "text_kind": TextKind.EXCERPT if extracted.is_excerpt else TextKind.FULL,
        "captions": "\n".join(extracted.captions),
        # Alternative headlines this chunk's own duplicates brought.
        "alternative_titles": "\n".join(new.known.alternative_titles),
        "published_on": published.value if published else None,
        "date_precision": published.precision if published else None,
    }


def _insert_items(batch_id: int, items: list[_Item]) -> None:
    ids = insert_rows(ImportItem, [_item_row(batch_id, item) for item in items])
    for item, id_ in zip(items, ids, strict=True):
        item.id = id_


def _item_row(batch_id: int, item: _Item) -> dict[str, Any]:
    origin = item.of.origin if item.of is not None else None
    return {
        "batch_id": batch_id,
        "filename": item.name[:500],
        "outcome": item.outcome,
        "article_id": item.article.id if item.article is not None else None,
        "reason": item.reason,
        "source_file": (origin.file_name if origin else "")[:500],
        "path_in_archive": (origin.path_in_archive if origin else "")[:500],
        "sha256": origin.sha256 if origin else "",
        "format": item.of.format.value if item.of is not None else "",
    }


def _insert_beside(new: list[_New], items: list[_Item]) -> None:
    """Sketches, suggestions, warnings and flags of the new articles: a statement a table."""
    item_ids = {id(item.new): item.id for item in items if item.new is not None}
    sketches, sentences, suggestions, warnings, flags = [], [], [], [], []
    for n in new:
        article_id = n.known.id
        sketches += [{"article_id": article_id, "value": v} for v in n.extracted.sketch]
        sentences += [{"article_id": article_id, "value": v} for v in n.extracted.sentences]
        suggestions += _suggestion_rows(n)
        warnings += [
            {
                "article_id": article_id,
                "import_item_id": item_ids[id(n)],
                "field": w.field,
                "kind": w.kind.value,
                "message": w.message,
            }
            for w in n.extracted.warnings
        ]
        flags += [
            {
                "article_id": article_id,
                "flag": f.flag,
                "rule": f.rule[:100],
                "evidence": f.evidence,
                "position": position,
            }
            for position, f in enumerate(n.flags)
        ]
    for model, rows in (
        (TextSketch, sketches),
        (TextSentence, sentences),
        (Suggestion, suggestions),
        (ImportWarning, warnings),
        (ProvenanceFlag, flags),
    ):
        insert_many(model, rows)


def _suggestion_rows(new: _New) -> list[dict[str, Any]]:
    """The dates (and such) only inferred, and the possible duplicates, one per key; every
    row with the same keys, as one multi-row INSERT needs."""
    rows: dict[str, dict[str, Any]] = {}
    for s in new.extracted.suggestions:
        key = f"field:{s.field}:{s.value}"[:300]
        rows.setdefault(
            key,
            {
                "kind": SuggestionKind.FIELD,
                "target_article_id": None,
                "field": s.field,
                "value": s.value,
                "reason": s.reason,
                "evidence": f"{s.where}: {s.evidence}",
                "source": s.source,
                "score": 0.5,
            },
        )
    # The key ``duplicate:<id>`` is the one the related-article analysis uses, so the two
    # coincide, and a dismissal ("not a duplicate") is remembered.
    for match in new.similar:
        rows.setdefault(
            f"duplicate:{match.article.id}",
            {
                "kind": SuggestionKind.DUPLICATE,
                "target_article_id": match.article.id,
                "field": "",
                "value": match.article.slug,
                "score": round(match.score, 3),
                "reason": match.reason,
                "evidence": match.evidence,
                "source": "import.duplicates",
            },
        )
    return [{"article_id": new.known.id, "key": key, **row} for key, row in rows.items()]


def _write_back_alternative_titles(articles: list[Known]) -> None:
    """Stored articles that gained a headline: a change like an editor's, so a new version."""
    for article in articles:
        db.session.execute(
            update(Article)
            .where(Article.id == article.id)
            .values(
                alternative_titles="\n".join(article.alternative_titles),
                version=Article.version + 1,
                updated_at=utcnow(),
            )
        )


def _line(item: _Item) -> ReportLine:
    article = item.article
    return ReportLine(
        name=item.name,
        outcome=item.outcome,
        reason=item.reason,
        article_id=article.id if article else None,
        article_slug=article.slug if article else "",
    )
