"""Persist what the pipeline made of one document: an article, a duplicate, a skip or a rejection.

Only facts the source states go into the article's fields; what the importer inferred becomes
a pending ``Suggestion`` and every doubt an ``ImportWarning`` record.
"""

from __future__ import annotations

from cms.extensions import db
from cms.models import (
    Article,
    ImportBatch,
    ImportItem,
    ImportOutcome,
    ImportWarning,
    ProvenanceFlag,
    Suggestion,
    SuggestionKind,
    TextKind,
)
from cms.pipeline.types import ExtractedArticle, FieldSuggestion, Rejected, Skipped
from cms.services import taxonomy
from cms.services.articles import new_article_slug, set_published_date, word_count
from cms.services.importing import duplicates, near

Outcome = ExtractedArticle | Skipped | Rejected


def store(batch: ImportBatch, outcome: Outcome) -> ImportItem:
    """Record one pipeline outcome in ``batch``; a new article is created only for new text."""
    if isinstance(outcome, Skipped):
        return record(batch, outcome.name, ImportOutcome.SKIPPED, reason=outcome.reason)
    if isinstance(outcome, Rejected):
        return record(batch, outcome.name, ImportOutcome.REJECTED, reason=outcome.reason)
    match = duplicates.find_exact(outcome)
    if match is not None:
        return _duplicate(batch, outcome, match)
    values = near.sketch_values(outcome.body, outcome.url)
    similar = near.find_near(outcome, values)
    article = _new_article(outcome)
    reason = "; ".join(m.reason for m in similar)
    item = record(
        batch,
        outcome.source_name,
        ImportOutcome.CREATED,
        article=article,
        of=outcome,
        reason=reason,
    )
    near.remember(article, values)
    near.suggest(article, similar)
    _warnings(article, item, outcome)
    _suggestions(article, outcome.suggestions)
    _flags(article, outcome)
    return item


def record(
    batch: ImportBatch,
    name: str,
    outcome: ImportOutcome,
    *,
    article: Article | None = None,
    reason: str = "",
    of: ExtractedArticle | None = None,
) -> ImportItem:
    origin = of.origin if of is not None else None
    item = ImportItem(
        batch=batch,
        filename=name[:500],
        outcome=outcome,
        article=article,
        reason=reason,
        source_file=(origin.file_name if origin else "")[:500],
        path_in_archive=(origin.path_in_archive if origin else "")[:500],
        sha256=origin.sha256 if origin else "",
        format=of.format.value if of is not None else "",
    )
    db.session.add(item)
    return item


def _duplicate(
    batch: ImportBatch, extracted: ExtractedArticle, match: duplicates.ExactMatch
) -> ImportItem:
    existing = match.article
    if match.same_title:
        reason = f"duplicate of {existing.slug}"
    else:
        added = duplicates.keep_alternative_title(existing, extracted.title)
        kept = "kept as an alternative title" if added else "already known as an alternative"
        reason = f"same text as {existing.slug} under another headline ({kept})"
    return record(
        batch,
        extracted.source_name,
        ImportOutcome.DUPLICATE,
        article=existing,
        reason=reason,
        of=extracted,
    )


def _new_article(extracted: ExtractedArticle) -> Article:
    outlet = taxonomy.get_or_create_outlet(extracted.outlet_name) if extracted.outlet_name else None
    with db.session.no_autoflush:
        article = Article(
            slug=new_article_slug(extracted.title),
            title=extracted.title,
            outlet=outlet,
            authors=", ".join(extracted.authors),
            url=extracted.url or "",
            body=extracted.body,
            raw=extracted.raw,
            content_hash=extracted.content_hash,
            summary=extracted.summary or "",
            # A summary in the file was written by a person, not drafted by us.
            summary_by_editor=bool(extracted.summary),
            word_count=word_count(extracted.body),
            text_kind=TextKind.EXCERPT if extracted.is_excerpt else TextKind.FULL,
            captions="\n".join(extracted.captions),
            tags=taxonomy.tags_named(extracted.tags),
        )
        set_published_date(article, extracted.published)
    db.session.add(article)
    db.session.flush()
    return article


def _warnings(article: Article, item: ImportItem, extracted: ExtractedArticle) -> None:
    for warning in extracted.warnings:
        db.session.add(
            ImportWarning(
                article_id=article.id,
                import_item=item,
                field=warning.field,
                kind=warning.kind.value,
                message=warning.message,
            )
        )


def _flags(article: Article, extracted: ExtractedArticle) -> None:
    for position, found in enumerate(extracted.flags):
        db.session.add(
            ProvenanceFlag(
                article_id=article.id,
                flag=found.flag,
                rule=found.rule[:100],
                evidence=found.evidence,
                position=position,
            )
        )


def _suggestions(article: Article, found: tuple[FieldSuggestion, ...]) -> None:
    for suggestion in found:
        key = f"field:{suggestion.field}:{suggestion.value}"
        db.session.add(
            Suggestion(
                article_id=article.id,
                kind=SuggestionKind.FIELD,
                field=suggestion.field,
                value=suggestion.value,
                reason=suggestion.reason,
                evidence=f"{suggestion.where}: {suggestion.evidence}",
                source=suggestion.source,
                key=key[:300],
                score=0.5,
            )
        )
