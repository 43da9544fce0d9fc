"""One secure base for model views: every write goes through a service, with the acting user.

Flask-Admin's ``create_model`` / ``update_model`` / ``delete_model`` are replaced: the view
collects the form's changes and hands them, with the editor and the version the form was
based on, to the view's service functions. No business rule lives here; a refusal
(``ServiceError``) is shown as the sentence the service wrote, and a stale save shows the
other editor's values beside this editor's, which stay in the form.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any, TypeVar

from flask import abort, flash, g, request
from flask_admin import expose
from flask_admin.contrib.sqla import ModelView
from flask_admin.contrib.sqla.form import AdminModelConverter
from flask_admin.model.form import converts
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from wtforms import Form, HiddenField

from cms.admin.filters import FilterConverter
from cms.admin.security import AdminsOnly, EditorsOnly
from cms.redirects import safe_next
from cms.services import audit
from cms.services.errors import ServiceError, StaleEdit
from cms.services.transaction import write
from cms.services.versions import parse_version

T = TypeVar("T")

#: Form fields that are not changes to the record.
NOT_CHANGES = frozenset({"csrf_token", "edit_version", "pending_version"})


class EnumByValueConverter(AdminModelConverter):
    """Enum columns stored by value ("in review"), not by member name ("IN_REVIEW").

    Flask-Admin's own converter coerces members to their names, so the edit form would show
    no current choice, and saving would quietly reset it to the first one.
    """

    @converts("sqlalchemy.sql.sqltypes.Enum")
    def convert_enum(self, column: Any, field_args: Any, **extra: Any) -> Any:
        field = super().convert_enum(column, field_args, **extra)
        enum_class = column.type.enum_class
        if enum_class is not None:
            field.kwargs["coerce"] = lambda v: None if v in (None, "", "__None") else enum_class(v)
        return field


def shown(value: Any) -> str:
    """A field value as an editor reads it, for the side-by-side conflict page."""
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, list | tuple | set):
        return ", ".join(sorted(str(item) for item in value)) or "(none)"
    return str(value)


class ServiceModelView(EditorsOnly, ModelView):
    """A model view whose create, update and delete are service calls.

    Subclasses implement ``create`` / ``update`` / ``delete`` as one-line calls into a service.
    A versioned model's forms carry ``edit_version``; a save without it is refused.
    """

    page_size = 50
    can_view_details = False
    model_form_converter = EnumByValueConverter
    edit_template = "admin/service_edit.html"
    #: The record type this view's audit entries carry ("outlet", "tag"...).
    record_type = ""
    filter_converter = FilterConverter()

    def get_save_return_url(self, model: Any, is_created: bool = False) -> str:
        # Flask-Admin's own check lets ``?url=http:evil.example`` through.
        return safe_next(request.args.get("url"), self.get_url(".index_view"))

    # -- the three hooks a subclass fills in, each a call into a service --------------------
    def create(self, changes: dict[str, Any], actor: Any) -> Any:
        raise NotImplementedError

    def update(self, model: Any, changes: dict[str, Any], actor: Any, version: int | None) -> Any:
        raise NotImplementedError

    def delete(self, model: Any, actor: Any) -> None:
        raise NotImplementedError

    @expose("/history/")
    def history_view(self) -> str:
        """The record's audit trail: who changed what, when, from what to what."""
        record_id = request.args.get("id", type=int)
        model = self.get_one(str(record_id)) if record_id else None
        if model is None:
            abort(404)
        entries = audit.entries_for(self.record_type, record_id)
        return self.render("admin/record_history.html", model=model, entries=entries)

    # -- Flask-Admin's seam ------------------------------------------------------------------
    def create_model(self, form: Form) -> Any:
        model = self._write(lambda: self.create(self.changes(form), self.actor()))
        if model is not None:
            self.after_model_change(form, model, True)
        return model or False

    def update_model(self, form: Form, model: Any) -> bool:
        version = parse_version(form.edit_version.data) if "edit_version" in form else None
        try:
            done = self._write(
                lambda: self.update(model, self.changes(form), self.actor(), version)
            )
        except StaleEdit as stale:
            self._show_conflict(form, model, stale)
            return False
        if done is None:
            return False
        self.after_model_change(form, model, False)
        return True

    def delete_model(self, model: Any) -> bool:
        done = self._write(lambda: self.delete(model, self.actor()) or True)
        if done is None:
            return False
        self.after_model_delete(model)
        return True

    def handle_action(self, return_view: str | None = None) -> Any:
        with write():
            return super().handle_action(return_view)

    def _write(self, work: Callable[[], T]) -> T | None:
        """Run one service call as one write transaction (the lock is held only for it):
        committed, or rolled back with the reason shown."""
        try:
            with write():
                return work()
        except StaleEdit:
            raise
        except Exception as error:
            if not self.handle_view_exception(error):
                raise
            return None

    def _show_conflict(self, form: Form, model: Any, stale: StaleEdit) -> None:
        """Keep the editor's values in the form; list the other editor's beside them.

        The form now carries the current version, so saving again is a deliberate choice to
        replace the other editor's values, made with both in view.
        """
        flash(str(stale), "error")
        rows = []
        for name, field in form._fields.items():
            if name in NOT_CHANGES:
                continue
            theirs, yours = shown(getattr(model, name, None)), shown(field.data)
            if theirs != yours:
                rows.append((str(field.label.text), theirs, yours))
        g.edit_conflict = rows
        form.edit_version.data = str(stale.current_version)

    def changes(self, form: Form) -> dict[str, Any]:
        """The form's values by field name: what the editor asks the service to set."""
        return {name: field.data for name, field in form._fields.items() if name not in NOT_CHANGES}

    def scaffold_form(self) -> type[Form]:
        form_class = super().scaffold_form()
        if hasattr(self.model, "version"):
            form_class.edit_version = HiddenField()
        return form_class

    def on_form_prefill(self, form: Form, id: Any) -> None:
        # Only a freshly opened form takes the current version; a form sent back with errors
        # keeps the version its editor started from, or a stale save would slip through.
        if "edit_version" in form and request.method == "GET":
            form.edit_version.data = str(self.get_one(id).version)

    def handle_view_exception(self, exc: Exception) -> bool:
        if isinstance(exc, ServiceError):
            flash(str(exc), "error")
            return True
        if isinstance(exc, StaleDataError):
            flash(
                "Not saved: someone else saved this record while you were editing it. "
                "Reload it, then make your change again.",
                "error",
            )
            return True
        if isinstance(exc, IntegrityError):
            flash(
                "Not saved: this clashes with existing data (a name or slug already in use?).",
                "error",
            )
            return True
        return super().handle_view_exception(exc)

    @staticmethod
    def actor() -> Any:
        return current_user._get_current_object() if current_user.is_authenticated else None


class AdminOnlyModelView(AdminsOnly, ServiceModelView):
    pass
