"""The admin's import door: upload several files or a zip, read the batch's report, undo it.

The upload calls the same ``import_files`` service as ``flask import`` and ``flask seed``.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_admin import BaseView, expose
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Response

from cms.admin.security import EditorsOnly
from cms.extensions import db
from cms.models import ImportBatch, ImportOutcome
from cms.queries import imports
from cms.services import importing
from cms.services.errors import ServiceError
from cms.services.importing.analyse import analyse_created
from cms.services.importing.settings import limits_from
from cms.services.importing.undo import undo_batch
from cms.services.importing_warnings import confirm
from cms.services.transaction import write


class ImportView(EditorsOnly, BaseView):
    """``/admin/import/``: the upload form, and each batch's report with its undo button."""

    @expose("/", methods=("GET", "POST"))
    def index(self) -> Any:
        if request.method == "GET":
            return self._form()
        try:
            uploads = [f for f in request.files.getlist("files") if f.filename]
        except RequestEntityTooLarge:
            return self._too_large()
        if not uploads:
            return self._form(error="Choose one or more files, or a zip, to import."), 400
        files = [importing.uploaded(f.filename or "upload", f.read()) for f in uploads]
        report = importing.import_files(
            files,
            channel="upload",
            actor=current_user._get_current_object(),
            limits=limits_from(current_app.config),
        )
        # The second phase: suggestions for what was created (an upload is small).
        analyse_created(report.created_ids)
        return redirect(url_for(".batch", batch_id=report.batch_id))

    def _form(self, error: str = "") -> str:
        limit = _size(current_app.config.get("MAX_CONTENT_LENGTH"))
        return self.render("admin/import_upload.html", error=error, limit=limit)

    def _too_large(self) -> tuple[str, int]:
        return self._form(error=too_large_message()), 413

    @expose("/batch/<int:batch_id>")
    def batch(self, batch_id: int) -> Any:
        """The report, a page of lines at a time, all of them or those of one outcome."""
        batch = db.get_or_404(ImportBatch, batch_id)
        wanted = request.args.get("outcome", "")
        outcome = next((o for o in ImportOutcome if o.value == wanted), None)
        page = imports.report_lines(batch_id, outcome, request.args.get("page", 1, type=int))
        article_ids = [i.article_id for i in page.items if i.article_id is not None]
        counts = imports.outcome_counts([batch_id])[batch_id]
        return self.render(
            "admin/import_report.html",
            batch=batch,
            counts=counts,
            created=counts[ImportOutcome.CREATED],
            outcome=outcome,
            page=page,
            warnings=imports.open_warning_counts(article_ids),
            suggestions=imports.pending_suggestion_counts(article_ids),
        )

    @expose("/batch/<int:batch_id>/undo", methods=("POST",))
    def undo(self, batch_id: int) -> Any:
        try:
            with write():
                report = undo_batch(batch_id, current_user._get_current_object())
        except ServiceError as error:
            flash(str(error), "error")
            return redirect(url_for(".batch", batch_id=batch_id))
        return self.render("admin/import_undone.html", batch_id=batch_id, report=report)

    @expose("/warning/<int:warning_id>/confirm", methods=("POST",))
    def confirm_warning(self, warning_id: int) -> Response:
        try:
            with write():
                warning = confirm(warning_id, current_user._get_current_object())
                article_id = warning.article_id
        except ServiceError as error:
            flash(str(error), "error")
            return redirect(url_for(".index"))
        flash("Confirmed.", "success")
        return redirect(url_for("articles.edit_view", id=article_id))


def too_large_message() -> str:
    return (
        f"The files you chose are larger than {_size(current_app.config.get('MAX_CONTENT_LENGTH'))}"
        " together, the most one upload may be. "
        "Upload them in smaller groups, or import the folder with flask import."
    )


def upload_too_large(error: RequestEntityTooLarge) -> Any:
    """The 413 page: on the upload page it says what to do; elsewhere the site's own."""
    if not request.path.startswith("/admin/import"):
        return error
    return render_template(
        "admin/import_too_large.html", message=too_large_message(), upload=request.path
    ), 413


def _size(limit: int | None) -> str:
    if not limit:
        return "any size"
    return f"{limit // 2**20} MB" if limit >= 2**20 else f"{limit // 1024} KB"
