"""Outlets and tags: the collection's vocabularies, edited through the taxonomy service."""

from __future__ import annotations

from typing import Any

from cms.admin.base import ServiceModelView
from cms.models import Outlet, Tag
from cms.services import taxonomy


class OutletView(ServiceModelView):
    record_type = "outlet"
    column_list = ("name", "kind", "ownership", "country", "homepage")
    column_searchable_list = ("name", "aliases")
    column_filters = ("kind", "ownership", "country")
    column_default_sort = "name"
    form_columns = (
        "name",
        "slug",
        "aliases",
        "kind",
        "ownership",
        "country",
        "language",
        "homepage",
        "description",
    )
    form_args = {
        "aliases": {"description": "Other names the outlet goes by in article text, one per line."},
        "slug": {"description": "Leave empty to make one from the name."},
    }
    form_widget_args = {"description": {"rows": 4}, "aliases": {"rows": 3}}

    def create(self, changes: dict[str, Any], actor: Any) -> Outlet:
        return taxonomy.create_outlet(changes, actor)

    def update(self, model: Outlet, changes: dict[str, Any], actor: Any, version: Any) -> Outlet:
        return taxonomy.update_outlet(model, changes, actor, version)

    def delete(self, model: Outlet, actor: Any) -> None:
        taxonomy.delete_outlet(model, actor)


class TagView(ServiceModelView):
    record_type = "tag"
    column_list = ("name", "facet", "description")
    column_searchable_list = ("name",)
    column_default_sort = "name"
    form_columns = ("name", "slug", "aliases", "facet", "description")
    form_args = {
        "slug": {"description": "Leave empty to make one from the name."},
        "aliases": {
            "description": "Other words that name the tag in article text, one per line: "
            "the analysers suggest the tag wherever one appears."
        },
    }
    form_widget_args = {"aliases": {"rows": 3}}

    def create(self, changes: dict[str, Any], actor: Any) -> Tag:
        return taxonomy.create_tag(changes, actor)

    def update(self, model: Tag, changes: dict[str, Any], actor: Any, version: Any) -> Tag:
        return taxonomy.update_tag(model, changes, actor, version)

    def delete(self, model: Tag, actor: Any) -> None:
        taxonomy.delete_tag(model, actor)
