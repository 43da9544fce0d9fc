"""Admin views for articles, outlets, tags, links, imports and users: declarative, thin."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask_admin.contrib.sqla.filters import BaseSQLAFilter
from markupsafe import Markup, escape
from sqlalchemy.orm import defer

from cms.admin.base import AdminOnlyModelView, ServiceModelView
from cms.models import Article, ImportBatch, ImportOutcome, Link, Outlet, Tag, User
from cms.rendering import format_partial_date
from cms.services import articles, links, taxonomy, users


class TagFilter(BaseSQLAFilter):
    """Articles with a tag, as EXISTS: a JOIN would repeat rows and break the list's count."""

    def apply(self, query: Any, value: Any, alias: Any = None) -> Any:
        return query.filter(Article.tags.any(Tag.name.ilike(f"%{value}%")))

    def operation(self) -> str:
        return "contains"


def _date_formatter(view: Any, context: Any, model: Article, name: str) -> str:
    return format_partial_date(model.published_date)


def _title_formatter(view: Any, context: Any, model: Article, name: str) -> Markup:
    """The title opens the editor; a published article also links to its public page."""
    edit = view.get_url(".edit_view", id=model.id, url=view.get_url(".index_view"))
    html = Markup('<a href="{}">{}</a>').format(edit, model.title)
    if model.status.value == "published":
        public = url_for("public.article", slug=model.slug)
        html += Markup(' <a href="{}" title="Public page" aria-label="Public page">↗</a>').format(
            public
        )
    return html


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


class ArticleView(ServiceModelView):
    edit_template = "admin/article_edit.html"
    column_list = ("title", "outlet", "published_on", "status", "kind", "text_kind", "updated_at")
    column_labels = {"published_on": "Date", "text_kind": "Text", "updated_at": "Last saved"}
    column_default_sort = ("updated_at", True)
    column_sortable_list = (
        "title",
        ("outlet", "outlet.name"),
        "published_on",
        "status",
        "updated_at",
    )
    column_searchable_list = ("title", "authors")
    column_filters = ("status", "kind", "outlet.name", "published_on", TagFilter(Article.id, "Tag"))
    column_formatters = {"published_on": _date_formatter, "title": _title_formatter}
    form_columns = (
        "title",
        "slug",
        "outlet",
        "authors",
        "published_on",
        "date_precision",
        "url",
        "kind",
        "status",
        "summary",
        "tags",
        "body",
        "text_kind",
        "origin",
        "language",
        "editor_notes",
    )
    form_ajax_refs = {
        "outlet": {"fields": (Outlet.name,), "page_size": 20},
        "tags": {"fields": (Tag.name,), "page_size": 20},
    }
    form_args = {
        "published_on": {
            "label": "Date",
            "description": "For a month or a year, pick any day in it and set the precision.",
        },
        "date_precision": {"description": "How much of the date is known."},
        "authors": {"description": "As credited, separated by commas."},
        "url": {"label": "Original URL"},
        "summary": {"description": "Two or three sentences in our own words."},
        "body": {"description": "Markdown."},
        "editor_notes": {"description": "Internal: never shown on the public site."},
    }
    form_widget_args = {
        "body": {"rows": 24},
        "summary": {"rows": 4},
        "editor_notes": {"rows": 3},
        "raw": {"readonly": True},
    }

    def get_query(self) -> Any:
        # The list never shows body or raw text: don't load them for fifty rows a page.
        return super().get_query().options(defer(Article.body), defer(Article.raw))

    def create(self, changes: dict[str, Any], actor: Any) -> Article:
        return articles.create_article(changes, actor)

    def update(self, model: Article, changes: dict[str, Any], actor: Any, version: Any) -> Article:
        return articles.update_article(model, changes, actor, version)

    def delete(self, model: Article, actor: Any) -> None:
        articles.delete_article(model, actor)


class OutletView(ServiceModelView):
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
    column_list = ("name", "facet", "description")
    column_searchable_list = ("name",)
    column_default_sort = "name"
    form_columns = ("name", "slug", "facet", "description")
    form_args = {"slug": {"description": "Leave empty to make one from the name."}}

    def create(self, changes: dict[str, Any], actor: Any) -> Tag:
        return taxonomy.create_tag(changes, actor)

    def update(self, model: Tag, changes: dict[str, Any], actor: Any, version: Any) -> Tag:
        return taxonomy.update_tag(model, changes, actor, version)

    def delete(self, model: Tag, actor: Any) -> None:
        taxonomy.delete_tag(model, actor)


class LinkView(ServiceModelView):
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


class ImportBatchView(ServiceModelView):
    """Read-only: the record of what each import did."""

    can_create = can_edit = can_delete = False
    can_view_details = True
    column_list = ("id", "created_at", "channel", "user", "items")
    column_default_sort = ("created_at", True)
    column_formatters = {"items": _batch_counts}
    column_details_list = ("id", "created_at", "channel", "user", "items")
    column_formatters_detail = {"items": _batch_items}


class UserView(AdminOnlyModelView):
    """Admins manage accounts; passwords are set from the command line (flask users)."""

    can_create = False
    column_list = ("username", "role", "active", "created_at")
    column_exclude_list = ("password_hash", "session_token")
    form_columns = ("role", "active")

    def update(self, model: User, changes: dict[str, Any], actor: Any, version: Any) -> User:
        return users.update_account(model, changes, actor, version)

    def delete(self, model: User, actor: Any) -> None:
        users.delete_account(model, actor)
