"""What the admin shows of import batches: counts by outcome, and a batch's report a page at a
time (a batch may hold a hundred thousand files)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from cms.extensions import db
from cms.models import ImportItem, ImportOutcome, ImportWarning, Suggestion, SuggestionState
from cms.queries.paging import Page, paginate

#: Lines of a batch's report per page.
REPORT_PAGE = 200


def outcome_counts(batch_ids: Iterable[int]) -> dict[int, dict[ImportOutcome, int]]:
    """Per batch, how many of its files had each outcome (every outcome present, maybe 0)."""
    ids = list(batch_ids)
    counts = {batch_id: dict.fromkeys(ImportOutcome, 0) for batch_id in ids}
    if ids:
        rows = db.session.execute(
            select(ImportItem.batch_id, ImportItem.outcome, func.count())
            .where(ImportItem.batch_id.in_(ids))
            .group_by(ImportItem.batch_id, ImportItem.outcome)
        )
        for batch_id, outcome, count in rows:
            counts[batch_id][outcome] = count
    return counts


def report_lines(batch_id: int, outcome: ImportOutcome | None, number: int) -> Page:
    """One page of the batch's lines in file order, all or of one outcome, with articles."""
    query = (
        select(ImportItem)
        .where(ImportItem.batch_id == batch_id)
        .options(joinedload(ImportItem.article))
        .order_by(ImportItem.id)
    )
    if outcome is not None:
        query = query.where(ImportItem.outcome == outcome)
    return paginate(query, number, REPORT_PAGE)


def open_warning_counts(article_ids: list[int]) -> dict[int, int]:
    if not article_ids:
        return {}
    rows = db.session.execute(
        select(ImportWarning.article_id, func.count(ImportWarning.id))
        .where(ImportWarning.article_id.in_(article_ids), ImportWarning.resolved_at.is_(None))
        .group_by(ImportWarning.article_id)
    )
    return {article_id: count for article_id, count in rows}


def pending_suggestion_counts(article_ids: list[int]) -> dict[int, int]:
    if not article_ids:
        return {}
    rows = db.session.execute(
        select(Suggestion.article_id, func.count(Suggestion.id))
        .where(Suggestion.article_id.in_(article_ids), Suggestion.state == SuggestionState.PENDING)
        .group_by(Suggestion.article_id)
    )
    return {article_id: count for article_id, count in rows}
