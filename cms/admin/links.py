"""Cross-links between articles, edited through the links service, also from the article page."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, request, url_for
from flask_admin import expose
from markupsafe import Markup
from werkzeug.wrappers import Response

from cms.admin.base import ServiceModelView
from cms.admin.pickers import ArticleLoader, article_label
from cms.extensions import db
from cms.models import Article, Link, Relation
from cms.services import links


def _sentence(view: Any, context: Any, model: Link, name: str) -> Markup:
    return Markup("{}: {}").format(model.relation.from_source, model.target.title)


class LinkView(ServiceModelView):
    record_type = "link"
    column_list = ("source", "relation", "note", "created_by", "created_at")
    column_labels = {"source": "Article", "relation": "Relation (read from the article)"}
    column_formatters = {"relation": _sentence}
    column_filters = ("relation",)
    column_default_sort = ("created_at", True)
    form_columns = ("source", "relation", "target", "note")
    form_ajax_refs = {
        "source": ArticleLoader("source", placeholder="Search by headline or outlet"),
        "target": ArticleLoader("target", placeholder="Search by headline or outlet"),
    }
    form_args = {
        "source": {"label": "This article"},
        "relation": {"description": "Read it as: this article <relation> the linked article."},
        "target": {"label": "Linked article"},
        "note": {"description": "Why they belong together; readers see it."},
    }

    def create(self, changes: dict[str, Any], actor: Any) -> Link:
        return links.create_link(changes, actor)

    def update(self, model: Link, changes: dict[str, Any], actor: Any, version: Any) -> Link:
        return links.update_link(model, changes, actor, version)

    def delete(self, model: Link, actor: Any) -> None:
        links.delete_link(model, actor)

    @expose("/add/", methods=("POST",))
    def add_view(self) -> Response:
        """Add a link from the article's own edit page, and go back there."""
        source = db.session.get(Article, request.form.get("source", type=int) or 0)
        target = db.session.get(Article, request.form.get("target", type=int) or 0)
        if source is None:
            abort(404)
        try:
            relation = Relation(request.form.get("relation", ""))
        except ValueError:
            abort(400)
        changes = {
            "source": source,
            "target": target,
            "relation": relation,
            "note": request.form.get("note", ""),
        }
        made = self._write(lambda: links.create_link(changes, self.actor()))
        if made is not None:
            flash(f"Linked: {relation.from_source} {article_label(target)}.", "success")
        return redirect(url_for("articles.edit_view", id=source.id) + "#cross-links")
