"""One secure base for model views: saves go through services, refusals read as sentences."""

from __future__ import annotations

from typing import Any

from flask import flash
from flask_admin.contrib.sqla import ModelView
from flask_admin.contrib.sqla.form import AdminModelConverter
from flask_admin.model.form import converts
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from wtforms import Form

from cms.admin.security import AdminsOnly, EditorsOnly
from cms.extensions import db
from cms.services.errors import ServiceError
from cms.services.transaction import write


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


class ServiceModelView(EditorsOnly, ModelView):
    """A model view whose writes are delegated to a service by ``save``.

    Flask-Admin fills the model from the form and commits; ``save`` runs in between, so a
    service can check, tidy and refuse. A ``ServiceError`` is shown to the editor as it reads.
    """

    page_size = 50
    can_view_details = False
    model_form_converter = EnumByValueConverter

    def save(self, form: Form, model: Any, is_created: bool) -> None:
        """Check and complete ``model`` through its service; raise ServiceError to refuse."""

    def check_delete(self, model: Any) -> None:
        """Raise ServiceError to refuse deleting ``model``."""

    # Flask-Admin validates the form, then fills the model and commits: the write lock is
    # taken there, after the whole request has been read and checked, and only until commit.
    def create_model(self, form: Form) -> Any:
        with write():
            return super().create_model(form)

    def update_model(self, form: Form, model: Any) -> bool:
        with write():
            return super().update_model(form, model)

    def delete_model(self, model: Any) -> bool:
        with write():
            return super().delete_model(model)

    def handle_action(self, return_view: str | None = None) -> Any:
        with write():
            return super().handle_action(return_view)

    def on_model_change(self, form: Form, model: Any, is_created: bool) -> None:
        # Flask-Admin has already put the edited object in the session: without this, the
        # service's first lookup would flush it and a clash would surface as a raw
        # IntegrityError instead of the service's own sentence.
        with db.session.no_autoflush:
            self.save(form, model, is_created)

    def on_model_delete(self, model: Any) -> None:
        with db.session.no_autoflush:
            self.check_delete(model)

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
