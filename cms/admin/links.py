"""Cross-links between articles, edited through the links service."""

from __future__ import annotations

from typing import Any

from cms.admin.base import ServiceModelView
from cms.models import Article, Link
from cms.services import links


class LinkView(ServiceModelView):
    record_type = "link"
    column_list = ("source", "relation", "target", "note", "created_by", "created_at")
    column_labels = {"source": "Article", "target": "Linked article"}
    column_filters = ("relation",)
    column_default_sort = ("created_at", True)
    form_columns = ("source", "relation", "target", "note")
    form_ajax_refs = {
        "source": {"fields": (Article.title,), "page_size": 20},
        "target": {"fields": (Article.title,), "page_size": 20},
    }
    form_args = {"note": {"description": "Why they belong together; readers see it."}}

    def create(self, changes: dict[str, Any], actor: Any) -> Link:
        return links.create_link(changes, actor)

    def update(self, model: Link, changes: dict[str, Any], actor: Any, version: Any) -> Link:
        return links.update_link(model, changes, actor, version)

    def delete(self, model: Link, actor: Any) -> None:
        links.delete_link(model, actor)
