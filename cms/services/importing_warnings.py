"""Import warnings are resolved only by a person: an editor changing or confirming the field.

A value the importer filled itself never resolves its own warning.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import inspect

from cms.extensions import db
from cms.models import Article, ImportWarning, User
from cms.services.errors import NotAllowed

#: Warning field -> the article attributes that hold it.
FIELD_COLUMNS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "date": ("published_on", "date_precision"),
    "outlet": ("outlet", "outlet_id"),
    "authors": ("authors",),
    "url": ("url",),
}


def changed_fields(article: Article) -> set[str]:
    """The warning fields whose columns an editor's pending changes touch."""
    state = inspect(article)
    return {
        name
        for name, columns in FIELD_COLUMNS.items()
        if any(state.attrs[column].history.has_changes() for column in columns)
    }


def resolve(article: Article, fields: set[str], actor: User | None) -> int:
    """Resolve the open warnings on ``fields``; how many were resolved."""
    now = dt.datetime.now(dt.UTC)
    count = 0
    for warning in article.import_warnings:
        if warning.is_open and warning.field in fields:
            warning.resolved_at = now
            warning.resolved_by_id = actor.id if actor else None
            count += 1
    return count


def resolve_changed(article: Article, actor: User | None) -> int:
    """Call before flushing an editor's save: the fields they changed are settled."""
    return resolve(article, changed_fields(article), actor)


def confirm(warning_id: int, actor: User) -> ImportWarning:
    """An editor states the field is right as it stands."""
    warning = db.session.get(ImportWarning, warning_id)
    if warning is None:
        raise NotAllowed("That warning no longer exists.")
    if warning.is_open:
        warning.resolved_at = dt.datetime.now(dt.UTC)
        warning.resolved_by_id = actor.id
    return warning
