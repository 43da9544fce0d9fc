"""Read-only admin views: the record of import batches."""

from __future__ import annotations

from typing import Any

from flask import url_for
from markupsafe import Markup

from cms.admin.base import ServiceModelView
from cms.models import ImportBatch
from cms.queries import imports


def _batch_counts(view: Any, context: Any, model: ImportBatch, name: str) -> Markup:
    """The outcomes counted by the database (a batch may hold 100,000 files), and the state,
    linked to the batch's report."""
    counts = imports.outcome_counts([model.id])[model.id]
    text = ", ".join(f"{n:,} {outcome.value}" for outcome, n in counts.items())
    report = url_for("import.batch", batch_id=model.id)
    label = text if any(counts.values()) else "no files"
    return Markup('<a href="{}">{}</a> ({})').format(report, label, model.state)


class ImportBatchView(ServiceModelView):
    """Read-only: the record of what each import did."""

    can_create = can_edit = can_delete = False
    can_view_details = True
    column_list = ("id", "created_at", "channel", "user", "items")
    column_default_sort = ("created_at", True)
    column_formatters = {"items": _batch_counts}
    column_labels = {"items": "Files (open the report)"}
    column_details_list = ("id", "created_at", "channel", "user", "items")
    column_formatters_detail = {"items": _batch_counts}
