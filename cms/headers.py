"""Security headers on every response, and a strict Content-Security-Policy on the public site.

Public pages carry no inline script, style or event handler, so their policy allows only this
site's own files. Flask-Admin's templates use inline ``onclick`` handlers (delete confirmation,
bulk actions), which no nonce can allow, so the admin's policy permits inline script; it is
behind a login and still refuses framing, plugins and other origins.
"""

from __future__ import annotations

from flask import Flask, request
from werkzeug.wrappers import Response

PUBLIC_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
ADMIN_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def register(app: Flask) -> None:
    @app.after_request
    def _security_headers(response: Response) -> Response:
        policy = ADMIN_POLICY if request.path.startswith("/admin") else PUBLIC_POLICY
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response
