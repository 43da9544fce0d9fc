"""The article list and edit page: filters, search, workflow actions; all writes by services."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, request, url_for
from flask_admin import expose
from flask_admin.actions import action
from flask_admin.contrib.sqla.filters import BaseSQLAFilter
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy.orm import defer
from werkzeug.wrappers import Response

from cms.admin import history
from cms.admin.base import ServiceModelView
from cms.models import Article, ArticleStatus, Outlet, Tag
from cms.rendering import format_partial_date
from cms.services import articles, bulk, restore, revisions
from cms.services.errors import StaleEdit
from cms.services.versions import parse_version


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


class ArticleView(ServiceModelView):
    record_type = "article"
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

    # -- workflow actions on the selected rows -----------------------------------------------
    def _change_status(self, ids: list[str], new: ArticleStatus, done: str, already: str) -> None:
        result = bulk.change_status((int(i) for i in ids), new, self.actor())
        flash(result.sentence(done, already), "error" if result.refused else "success")

    @action("review", "Send to review", "Send the selected articles to review?")
    def action_review(self, ids: list[str]) -> None:
        self._change_status(ids, ArticleStatus.IN_REVIEW, "Sent to review", "already were")

    @action("publish", "Publish", "Publish the selected articles on the public site?")
    def action_publish(self, ids: list[str]) -> None:
        self._change_status(ids, ArticleStatus.PUBLISHED, "Published", "already were")

    @action("unpublish", "Unpublish (back to draft)", "Take the selected articles off the site?")
    def action_unpublish(self, ids: list[str]) -> None:
        self._change_status(ids, ArticleStatus.DRAFT, "Moved to draft", "already were drafts")

    @action("archive", "Archive", "Archive the selected articles?")
    def action_archive(self, ids: list[str]) -> None:
        self._change_status(ids, ArticleStatus.ARCHIVED, "Archived", "already were")

    # -- history, restore, trash ---------------------------------------------------------
    @expose("/history/")
    def history_view(self) -> str:
        """Revisions newest first, a word diff between any two, and a restore button each."""
        article = self.get_one(request.args.get("id", "")) or abort(404)
        listed = revisions.history(article.id)
        pair = history.pick_pair(
            [r.number for r in listed],
            request.args.get("a", type=int),
            request.args.get("b", type=int),
        )
        changes = []
        if pair:
            old, new = (revisions.revision(article.id, n) for n in pair)
            changes = history.compare(old, new)
        return self.render(
            "admin/article_history.html",
            article=article,
            revisions=listed,
            pair=pair,
            changes=changes,
            field_label=history.label,
        )

    @expose("/history/restore/", methods=("POST",))
    def restore_view(self) -> Response:
        article = self.get_one(request.form.get("id", "")) or abort(404)
        number = request.form.get("number", type=int) or 0
        version = parse_version(request.form.get("edit_version"))
        try:
            done = self._write(
                lambda: restore.restore_revision(article, number, self.actor(), version)
            )
        except StaleEdit as stale:
            flash(str(stale), "error")
            done = None
        if done is not None:
            flash(f"Restored revision {number}: it is now the current version.", "success")
        return redirect(url_for(".history_view", id=article.id))

    def _admins_only(self) -> None:
        if not current_user.is_admin:
            abort(403)

    @expose("/trash/")
    def trash_view(self) -> str:
        self._admins_only()
        return self.render("admin/article_trash.html", entries=restore.deleted_articles())

    @expose("/trash/restore/", methods=("POST",))
    def untrash_view(self) -> Response:
        self._admins_only()
        entry_id = request.form.get("entry", type=int) or 0
        article = self._write(lambda: restore.restore_article(entry_id, self.actor()))
        if article is not None:
            flash(f"{article.title!r} is back, as a draft.", "success")
            return redirect(url_for(".edit_view", id=article.id))
        return redirect(url_for(".trash_view"))
