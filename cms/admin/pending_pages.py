"""The article editor's pending changes: the form shows them, and pages preview, publish or
discard them. Every write is one call into ``cms.services.pending``."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, g, redirect, request, url_for
from flask_admin import expose
from werkzeug.wrappers import Response
from wtforms import Form, HiddenField

from cms.admin import history
from cms.admin.base import shown
from cms.queries.articles import links_of
from cms.services import pending
from cms.services.errors import StaleEdit
from cms.services.versions import parse_version


class PendingPages:
    """Mixed into the article view, before ``ServiceModelView``."""

    def scaffold_form(self) -> type[Form]:
        form_class = super().scaffold_form()  # type: ignore[misc]
        form_class.pending_version = HiddenField()
        return form_class

    def on_form_prefill(self, form: Form, id: Any) -> None:
        """A fresh form of an article with pending changes shows those changes."""
        super().on_form_prefill(form, id)  # type: ignore[misc]
        if request.method != "GET":
            return
        found = pending.pending_of(int(id))
        form.pending_version.data = str(found.version) if found else ""
        if found is not None:
            for name, value in pending.form_values(found).items():
                if name in form:
                    form[name].data = value

    def render(self, template: str, **kwargs: Any) -> str:
        if template == self.edit_template:  # type: ignore[attr-defined]
            kwargs["pending_revision"] = pending.pending_of(kwargs["model"].id)
            kwargs["field_label"] = history.label
        return super().render(template, **kwargs)  # type: ignore[misc]

    def _show_conflict(self, form: Form, model: Any, stale: StaleEdit) -> None:
        """Another editor saved the pending changes: theirs beside this editor's."""
        if stale.what != pending.WHAT:
            super()._show_conflict(form, model, stale)  # type: ignore[misc]
            return
        flash(str(stale), "error")
        found = pending.pending_of(model.id)
        theirs = pending.form_values(found) if found else {}
        rows = []
        for name, field in form._fields.items():
            if name in theirs and shown(theirs[name]) != shown(field.data):
                rows.append((str(field.label.text), shown(theirs[name]), shown(field.data)))
        g.edit_conflict = rows
        form.pending_version.data = str(stale.current_version)

    def _article(self, source: Any) -> Any:
        return self.get_one(source.get("id", "")) or abort(404)  # type: ignore[attr-defined]

    @expose("/pending/preview/")
    def pending_preview_view(self) -> Any:
        """The article as readers will see it once its pending changes are published."""
        article = self._article(request.args)
        found = pending.pending_of(article.id) or abort(404)
        page = self.render(  # type: ignore[attr-defined]
            "admin/pending_preview.html",
            article=pending.preview(article, found),
            live=article,
            links=links_of(article),
        )
        return page, 200, {"Cache-Control": "private, no-store", "X-Robots-Tag": "noindex"}

    @expose("/pending/publish/", methods=("POST",))
    def pending_publish_view(self) -> Response:
        article = self._article(request.form)
        version = parse_version(request.form.get("edit_version"))
        pending_version = parse_version(request.form.get("pending_version"))
        if self._pending_write(
            lambda: pending.publish_pending(article, self.actor(), version, pending_version)  # type: ignore[attr-defined]
        ):
            flash("The pending changes are published: readers see them now.", "success")
        return redirect(url_for(".edit_view", id=article.id))

    @expose("/pending/discard/", methods=("POST",))
    def pending_discard_view(self) -> Response:
        article = self._article(request.form)
        pending_version = parse_version(request.form.get("pending_version"))
        if self._pending_write(
            lambda: pending.discard_pending(article, self.actor(), pending_version)  # type: ignore[attr-defined]
        ):
            flash("The pending changes are discarded; the audit log keeps them.", "success")
        return redirect(url_for(".edit_view", id=article.id))

    def _pending_write(self, work: Any) -> bool:
        try:
            return self._write(lambda: work() or True) is not None  # type: ignore[attr-defined]
        except StaleEdit:
            flash(
                "Nothing was done: someone else changed this article or its pending changes "
                "since you loaded the page. Check them below, then try again.",
                "error",
            )
            return False
