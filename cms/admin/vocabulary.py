"""Outlets and tags: the collection's vocabularies, edited through the taxonomy service."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, request, url_for
from flask_admin import expose
from flask_admin.contrib.sqla.validators import Unique
from markupsafe import Markup
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from cms.admin.base import ServiceModelView
from cms.extensions import db
from cms.models import Outlet, Tag, article_tags
from cms.services import outlet_trash, taxonomy, unmerging, vocabulary


def _tag_use(view: Any, context: Any, model: Tag, name: str) -> int:
    query = select(func.count()).where(article_tags.c.tag_id == model.id)
    return db.session.scalar(query) or 0


def _flash(saved: vocabulary.Saved, undo: str | None = None) -> Any:
    """The service's sentence; after a merge, with a link to undo it."""
    if saved.message and undo:
        flash(Markup('{} <a href="{}">Undo</a>').format(saved.message, undo), "success")
    elif saved.message:
        flash(saved.message, "success")
    return saved.record


class MergeUndo:
    """Merged tags or outlets, newest first, each with a button that undoes the merge."""

    record_type = ""
    list_template = "admin/vocabulary_list.html"

    def _merged(self, saved: vocabulary.Saved, model: Any) -> Any:
        undo = url_for(".merges_view") if saved.record is not model else None
        return _flash(saved, undo)

    @expose("/merges/")
    def merges_view(self) -> str:
        entries = unmerging.merges(self.record_type)
        return self.render("admin/merges.html", entries=entries, kind=self.record_type)  # type: ignore[attr-defined]

    @expose("/merges/undo/", methods=("POST",))
    def unmerge_view(self) -> Response:
        entry_id = request.form.get("entry", type=int) or abort(400)
        saved = self._write(lambda: unmerging.undo_merge(entry_id, self.actor()))  # type: ignore[attr-defined]
        if saved is None:
            return redirect(url_for(".merges_view"))
        _flash(saved)
        return redirect(url_for(".edit_view", id=saved.record.id))


class OutletView(MergeUndo, ServiceModelView):
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
        "name": {"description": "Renaming to the name of another outlet merges the two."},
        "aliases": {"description": "Other names the outlet goes by in article text, one per line."},
        "slug": {"description": "Leave empty to make one from the name."},
    }
    form_widget_args = {"description": {"rows": 4}, "aliases": {"rows": 3}}

    def scaffold_form(self) -> Any:
        """No "Already exists" on the name: renaming to another outlet's exact name is how
        editors merge two outlets (Flask-Admin's uniqueness check refused it first)."""
        form_class = super().scaffold_form()
        field = form_class.name
        validators = field.kwargs.get("validators", [])
        field.kwargs["validators"] = [v for v in validators if not isinstance(v, Unique)]
        return form_class

    def create(self, changes: dict[str, Any], actor: Any) -> Outlet:
        return taxonomy.create_outlet(changes, actor)

    def update(self, model: Outlet, changes: dict[str, Any], actor: Any, version: Any) -> Outlet:
        return self._merged(vocabulary.save_outlet(model, changes, actor, version), model)

    def delete(self, model: Outlet, actor: Any) -> None:
        name = model.name
        taxonomy.delete_outlet(model, actor)
        undo = url_for(".deleted_view")
        flash(
            Markup('Outlet {} deleted. <a href="{}">Undo</a>').format(repr(name), undo), "success"
        )

    @expose("/deleted/")
    def deleted_view(self) -> str:
        entries = outlet_trash.deleted_outlets()
        return self.render("admin/outlets_deleted.html", entries=entries)

    @expose("/deleted/restore/", methods=("POST",))
    def undelete_view(self) -> Response:
        entry_id = request.form.get("entry", type=int) or abort(400)
        outlet = self._write(lambda: outlet_trash.restore_outlet(entry_id, self.actor()))
        if outlet is None:
            return redirect(url_for(".deleted_view"))
        flash(f"Outlet {outlet.name!r} is back.", "success")
        return redirect(url_for(".edit_view", id=outlet.id))


class TagView(MergeUndo, ServiceModelView):
    record_type = "tag"
    column_list = ("name", "articles", "facet", "description")
    column_labels = {"articles": "Articles"}
    column_formatters = {"articles": _tag_use}
    column_searchable_list = ("name",)
    column_default_sort = "name"
    form_columns = ("name", "slug", "aliases", "facet", "description")
    form_args = {
        "name": {"description": "Renaming to the name of another tag merges the two."},
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
        return self._merged(vocabulary.save_tag(model, changes, actor, version), model)

    def delete(self, model: Tag, actor: Any) -> None:
        name, lost = model.name, taxonomy.delete_tag(model, actor)
        undo = url_for(".deleted_view")
        flash(
            Markup('Tag {} deleted: {} lost it. <a href="{}">Undo</a>').format(
                repr(name), f"{lost} article{'' if lost == 1 else 's'}", undo
            ),
            "success",
        )

    @expose("/deleted/")
    def deleted_view(self) -> str:
        return self.render("admin/tags_deleted.html", entries=vocabulary.deleted_tags())

    @expose("/deleted/restore/", methods=("POST",))
    def undelete_view(self) -> Response:
        entry_id = request.form.get("entry", type=int) or abort(400)
        saved = self._write(lambda: vocabulary.restore_tag(entry_id, self.actor()))
        if saved is not None:
            _flash(saved)
        return redirect(url_for(".index_view"))
