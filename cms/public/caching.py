"""Conditional requests: every public page and feed carries an ETag, so a repeat visit is a 304.

The tag is a hash of the response body, so it changes whenever what a reader would see
changes (an edit, a new article, being logged in); the page is still built, but nothing is
sent again. ``Cache-Control: no-cache`` asks browsers to check each time rather than guess.
"""

from __future__ import annotations

from flask import request
from werkzeug.wrappers import Response

from cms.public import bp


@bp.after_request
def _conditional(response: Response) -> Response:
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    if response.direct_passthrough or "no-store" in (response.headers.get("Cache-Control") or ""):
        return response
    response.headers.setdefault("Cache-Control", "no-cache")
    response.add_etag()
    return response.make_conditional(request)
