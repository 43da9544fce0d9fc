"""The article list and edit page: filters, search, workflow actions; all writes by services."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

from flask import flash, g, request
from flask_admin.actions import action
from sqlalchemy import Integer, func, or_, select, text
from sqlalchemy.orm import defer, selectinload
from werkzeug.datastructures import MultiDict
from wtforms import StringField

from cms.admin import article_list, history_pages, pending_pages
from cms.admin.base import ServiceModelView
from cms.admin.pickers import article_label
from cms.extensions import db
from cms.models import Article, ArticleStatus, Outlet, Relation, Tag, article_tags
from cms.queries import links
from cms.queries.review import pending_counts
from cms.services import articles, bulk, pending, taxonomy
from cms.services.search.fts5 import matching_ids_sql
from cms.services.search.text import parse_query
from cms.services.versions import parse_version


def _matching_ids(term: str) -> Any:
    """Ids of the articles whose text has ``term`` (any word form), from the full-text index."""
    parsed = parse_query(term)
    if parsed.is_empty:
        return select(Article.id).where(Article.id.is_(None))
    sql, params = matching_ids_sql(parsed)
    return text(sql).bindparams(**params).columns(id=Integer)


class ArticleView(history_pages.HistoryPages, pending_pages.PendingPages, ServiceModelView):
    record_type = "article"
    edit_template = "admin/article_edit.html"
    list_template = "admin/article_list.html"
    named_filter_urls = True
    # Flask-Admin would JOIN-load the tags (a row per tag under the LIMIT): load them apart.
    column_auto_select_related = False
    # No edit and delete icons per row (the title opens the editor; Delete is a list action):
    # they cost a URL and a form with its own CSRF token for every row.
    column_display_actions = False
    column_list = (
        "title",
        "outlet",
        "published_on",
        "status",
        "kind",
        "text_kind",
        "tags",
        "review",
        "updated_at",
    )
    column_labels = {
        "published_on": "Date",
        "text_kind": "Text",
        "updated_at": "Last saved",
        "review": "Needs review",
    }
    column_default_sort = ("updated_at", True)
    column_sortable_list = (
        "title",
        ("outlet", "outlet.name"),
        "published_on",
        "status",
        "updated_at",
    )
    column_searchable_list = ("title", "authors")
    column_filters = article_list.filters()
    column_formatters = article_list.FORMATTERS
    column_description = {
        "title": "Search covers title, outlet, authors and the text (whole words).",
    }
    form_columns = (
        "title",
        "slug",
        "outlet",
        "authors",
        "published_on",
        "date_precision",
        "date_basis",
        "url",
        "kind",
        "status",
        "summary",
        "tags",
        "new_tags",
        "body",
        "text_kind",
        "origin",
        "language",
        "editor_notes",
    )
    form_extra_fields = {
        "new_tags": StringField(
            "New tags", description="Names separated by commas: made if they do not exist yet."
        )
    }
    form_ajax_refs = {
        "outlet": {"fields": (Outlet.name,), "page_size": 20, "placeholder": "Type an outlet name"},
        "tags": {"fields": (Tag.name,), "page_size": 20, "placeholder": "Type a tag name"},
    }
    form_args = {
        "published_on": {
            "label": "Date",
            "description": "For a month or a year, pick any day in it and set the precision.",
        },
        "date_precision": {"description": "How much of the date is known."},
        "date_basis": {
            "label": "Date from",
            "description": "The source, or the editors: choose editors when you placed an "
            "undated text by what it reports (readers are told).",
        },
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

    def get_list(
        self,
        page: int | None,
        sort_column: Any,
        sort_desc: bool,
        search: str | None,
        filters: Any,
        execute: bool = True,
        page_size: int | None = None,
    ) -> Any:
        """A page in two steps: the page's ids by filter, order and offset, then its rows.

        The first step reads only indexes (sorting whole rows means reading past each long
        body to the columns stored after it); the second loads fifty rows by id, without
        body or raw text, with their tags and outlets in one query each.
        """
        quick = self._one_tag_count(search, filters) if execute else None
        g.skip_count = quick is not None
        try:
            count, query = super().get_list(
                page, sort_column, sort_desc, search, filters, False, page_size
            )
        finally:
            g.skip_count = False
        if not execute:
            return count, query
        count = count if quick is None else quick
        ids = [row_id for (row_id,) in query.with_entities(Article.id)]
        found = db.session.scalars(
            select(Article)
            .where(Article.id.in_(ids))
            .options(
                defer(Article.body),
                defer(Article.raw),
                selectinload(Article.tags),
                selectinload(Article.outlet),
            )
        )
        by_id = {row.id: row for row in found}
        rows = [by_id[i] for i in ids if i in by_id]
        g.pending_counts = pending_counts(ids)
        g.pending_changes = article_list.pending_change_ids(ids)
        return count, rows

    def get_count_query(self) -> Any:
        return None if g.get("skip_count") else super().get_count_query()

    def _one_tag_count(self, search: str | None, filters: list[Any] | None) -> int | None:
        """How many articles a list filtered by one tag alone has, read from the tag's index.

        Counting through the articles table looks up each tagged article's row (35 ms for a
        tag on 8,000 of 100,000 articles); every tagged id is an article (a foreign key with
        cascading delete), so the tag's index alone has the count. None for other lists.
        """
        if search or not filters or len(filters) != 1:
            return None
        index, _, value = filters[0]
        if not isinstance(self._filters[index], article_list.TagFilter):
            return None
        query = select(func.count()).where(article_tags.c.tag_id == int(value))
        return db.session.scalar(query)

    def _apply_search(
        self, query: Any, count_query: Any, joins: Any, count_joins: Any, search: str
    ) -> Any:
        """Title, authors and outlet name by substring; the text through the full-text index."""
        for term in search.split():
            like = f"%{term}%"
            in_text = Article.id.in_(_matching_ids(term))
            condition = or_(
                Article.title.ilike(like),
                Article.authors.ilike(like),
                Article.outlet.has(Outlet.name.ilike(like)),
                in_text,
            )
            query = query.filter(condition)
            if count_query is not None:
                count_query = count_query.filter(condition)
        return query, count_query, joins, count_joins

    def render(self, template: str, **kwargs: Any) -> str:
        if template == self.list_template:
            kwargs["tag_names"] = db.session.scalars(select(Tag.name).order_by(Tag.name_key))
        if template == self.edit_template:
            article_id = kwargs["model"].id
            kwargs["article_links"] = (links.outgoing(article_id), links.incoming(article_id))
            kwargs["picker_label"] = article_label
            kwargs["relations"] = list(Relation)
        return super().render(template, **kwargs)

    def create(self, changes: dict[str, Any], actor: Any) -> Article:
        return articles.create_article(changes, actor)

    def update(self, model: Article, changes: dict[str, Any], actor: Any, version: Any) -> Article:
        """A published article's edit waits as pending changes; others apply at once."""
        pending_version = parse_version(request.form.get("pending_version"))
        was_published = pending.goes_pending(model, changes)
        pending.edit_article(model, changes, actor, version, pending_version)
        if was_published:
            flash(
                "Saved as pending changes: readers still see the published version until "
                "you publish the changes.",
                "info",
            )
        return model

    def delete(self, model: Article, actor: Any) -> None:
        articles.delete_article(model, actor)

    # -- actions on the selected rows, or on every article the list's filter matches -------
    def _chosen_ids(self, ids: list[str]) -> list[int]:
        """The ticked rows, or all N matching the list's filters and search when asked."""
        if request.form.get("all_matching") != "yes":
            return [int(i) for i in ids]
        args = MultiDict(parse_qs(urlsplit(request.form.get("url", "")).query))
        filters = self._filters_from(args)
        _, query = self.get_list(
            0, None, False, args.get("search"), filters, execute=False, page_size=0
        )
        return [row.id for row in query.with_entities(Article.id).order_by(None)]

    def _filters_from(self, args: MultiDict) -> list[Any]:
        """Flask-Admin's own reading of ``flt<pos>_<key>`` arguments, from given arguments."""
        chosen = []
        for arg, value in args.items():
            pos, _, key = arg[3:].partition("_")
            if arg.startswith("flt") and key in (self._filter_args or {}):
                index, flt = self._filter_args[key]
                if flt.validate(value):
                    chosen.append((pos, (index, flt.name, value)))
        return [item for _, item in sorted(chosen, key=lambda pair: pair[0])]

    def _change_status(self, ids: list[str], new: ArticleStatus, done: str, already: str) -> None:
        result = bulk.change_status(self._chosen_ids(ids), new, self.actor())
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

    def _bulk_tag_name(self) -> str | None:
        name = " ".join(request.form.get("bulk_tag", "").split())
        if not name:
            flash("Type the tag's name in the box above the list first.", "error")
        return name or None

    @action("add_tag", "Add the tag typed above")
    def action_add_tag(self, ids: list[str]) -> None:
        if (name := self._bulk_tag_name()) is None:
            return
        tag = taxonomy.get_or_create_tag(name)
        result = bulk.add_tag(self._chosen_ids(ids), tag, self.actor())
        flash(result.sentence(f"Tag {tag.name!r} added to", "already had it"), "success")

    @action("remove_tag", "Remove the tag typed above")
    def action_remove_tag(self, ids: list[str]) -> None:
        if (name := self._bulk_tag_name()) is None:
            return
        tag = taxonomy.find_tag(name)
        if tag is None:
            flash(f"There is no tag named {name!r}.", "error")
            return
        result = bulk.remove_tag(self._chosen_ids(ids), tag, self.actor())
        flash(result.sentence(f"Tag {tag.name!r} removed from", "did not have it"), "success")
