"""The public site's own error: a filter value it cannot read is a 400 that names it."""

from __future__ import annotations

from flask import render_template

from cms.public import bp
from cms.queries.filters import InvalidFilter


@bp.app_errorhandler(InvalidFilter)
def _invalid_filter(error: InvalidFilter) -> tuple[str, int]:
    return render_template(
        "errors/error.html",
        title="That filter cannot be used",
        message=f"The “{error.parameter}” value is not valid: {error.message}",
    ), 400
