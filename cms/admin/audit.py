"""The audit log, for admins: every change, filterable by user, record and date; read-only."""

from __future__ import annotations

import json
from typing import Any

from flask_admin.contrib.sqla import ModelView

from cms.admin.article_list import minute
from cms.admin.security import AdminsOnly
from cms.models import AuditEntry


def _when(view: Any, context: Any, model: AuditEntry, name: str) -> str:
    return minute(model.created_at)


def _values(view: Any, context: Any, model: AuditEntry, name: str) -> str:
    values = getattr(model, name)
    if not values:
        return ""
    text = json.dumps(values, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= 300 else text[:300] + "…"


class AuditLogView(AdminsOnly, ModelView):
    can_create = can_edit = can_delete = False
    page_size = 50
    column_list = (
        "created_at",
        "user",
        "action",
        "record_type",
        "record_id",
        "record_label",
        "before",
        "after",
    )
    column_labels = {
        "created_at": "When",
        "user.username": "User",
        "record_type": "Record",
        "record_id": "Number",
        "record_label": "Called",
    }
    column_default_sort = ("id", True)
    column_sortable_list = ("created_at", "action", "record_type")
    column_filters = ("user.username", "action", "record_type", "record_id", "created_at")
    named_filter_urls = True
    column_formatters = {"created_at": _when, "before": _values, "after": _values}
