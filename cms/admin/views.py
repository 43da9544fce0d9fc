"""Read-only admin views: the record of import batches."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from cms.admin.base import ServiceModelView
from cms.models import ImportBatch, ImportOutcome


def _batch_counts(view: Any, context: Any, model: ImportBatch, name: str) -> str:
    counts = [f"{model.count(outcome)} {outcome.value}" for outcome in ImportOutcome]
    return ", ".join(counts) if model.items else "no files"


def _batch_items(view: Any, context: Any, model: ImportBatch, name: str) -> Markup:
    lines = (
        escape(f"{item.filename}: {item.outcome.value}")
        + (escape(f" ({item.reason})") if item.reason else "")
        for item in model.items
    )
    return Markup("<br>").join(lines)


class ImportBatchView(ServiceModelView):
    """Read-only: the record of what each import did."""

    can_create = can_edit = can_delete = False
    can_view_details = True
    column_list = ("id", "created_at", "channel", "user", "items")
    column_default_sort = ("created_at", True)
    column_formatters = {"items": _batch_counts}
    column_details_list = ("id", "created_at", "channel", "user", "items")
    column_formatters_detail = {"items": _batch_items}
