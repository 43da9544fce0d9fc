"""Errors under ``/api/v1`` are JSON in the shape the OpenAPI document declares (``Error``).

Flask hands an unknown address or a wrong method (routing errors) and a 500 to the app's
handlers, never to the blueprint's, so the app's handlers ask ``is_api_request`` and answer
with ``json_error``; errors raised in the API's own views come here directly.
"""

from __future__ import annotations

from flask import Response, jsonify, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from cms.api import bp
from cms.queries.filters import InvalidFilter

MESSAGES = {
    404: "Nothing here: see /api/v1/openapi.json for the addresses this API answers.",
    405: "This address only answers GET.",
    500: "Something went wrong on our side; it has been logged. Try again in a moment.",
}


def is_api_request() -> bool:
    prefix = bp.url_prefix or ""
    return request.path == prefix or request.path.startswith(prefix + "/")


def json_error(code: int, message: str | None = None) -> Response:
    """``{"error": message}`` with status ``code``; a standard message when none is given."""
    response = jsonify(error=message or MESSAGES.get(code, "The request failed."))
    response.status_code = code
    return response


def http_error(error: HTTPException) -> Response:
    """An HTTP error as JSON, keeping its headers (``Allow`` on a 405, say)."""
    # Werkzeug's stock descriptions speak of "the server" and browsers; ours say what to do.
    own = error.description if error.description != type(error).description else None
    response = json_error(error.code or 500, own)
    for name, value in error.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


@bp.errorhandler(InvalidFilter)
def _invalid_filter(error: InvalidFilter) -> ResponseReturnValue:
    return jsonify(
        error=f"The “{error.parameter}” value is not valid: {error.message}",
        parameter=error.parameter,
    ), 400
