"""Error pages that say what happened and what to do, in the site's own layout."""

from __future__ import annotations

from flask import Flask, render_template
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from cms.api import errors as api_errors
from cms.api.errors import is_api_request
from cms.extensions import db

MESSAGES = {
    400: ("Bad request", "The request could not be understood."),
    403: ("Not allowed", "You do not have access to this page."),
    404: (
        "Page not found",
        "There is no page at this address. It may have moved or been unpublished.",
    ),
    405: ("Not allowed", "This address does not accept that kind of request."),
    413: ("Too large", "What you sent is larger than this site accepts."),
    500: ("Something went wrong", "The error has been logged. Please try again in a moment."),
}


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf_error(error: CSRFError) -> tuple[str, int]:
        return render_template(
            "errors/error.html",
            title="Your form had expired",
            message="For your safety the form could not be accepted: it was too old or came "
            "from another site. Go back, reload the page, and submit it again.",
        ), 400

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> HTTPException | ResponseReturnValue:
        code = error.code or 500
        if code < 400:  # routing redirects (/tags -> /tags/) are exceptions too
            return error
        if is_api_request():
            return api_errors.http_error(error)
        title, message = MESSAGES.get(code, (error.name, error.description or ""))
        return render_template("errors/error.html", title=title, message=message), code

    @app.errorhandler(500)
    def _server_error(error: Exception) -> ResponseReturnValue:
        db.session.rollback()
        if is_api_request():
            return api_errors.json_error(500)
        title, message = MESSAGES[500]
        return render_template("errors/error.html", title=title, message=message), 500
