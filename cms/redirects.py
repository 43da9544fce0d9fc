"""Redirects that always land on this site: one ``safe_next`` for every redirect target.

The login form's ``next``, Flask-Admin's ``url`` and any other target a visitor can choose go
through ``safe_next``; ``register`` adds a last check on every redirect the app sends, so a
target that slipped past a view (or a library) is replaced rather than followed off-site.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import unquote, urlsplit

from flask import Flask, request
from werkzeug.wrappers import Response

#: How many rounds of percent-decoding to look through (``%252F`` is ``%2F`` is ``/``).
_DECODE_ROUNDS = 3


def _looks_off_site(text: str) -> bool:
    """True for anything a browser could read as another host or a script, not a local path."""
    if not text.startswith("/") or text.startswith(("//", "/\\")):
        return True
    if "\\" in text or any(unicodedata.category(c)[0] in "CZ" for c in text):
        return True  # backslashes and control/space characters browsers rewrite or strip
    parts = urlsplit(text)
    return bool(parts.scheme or parts.netloc)


def safe_next(target: str | None, fallback: str) -> str:
    """``target`` when it is a path on this site (``/admin/tags/``), else ``fallback``.

    Refused: other hosts in any spelling (``//x``, ``////x``, ``/\\x``, ``https:x``), schemes
    (``javascript:``), control characters (CR/LF would split the header), spaces, backslashes,
    and the same tricks hidden behind percent-encoding or Unicode compatibility forms
    (``%2F%2F``, full-width solidus). Only a leading single ``/`` path passes.
    """
    if not target or len(target) > 2000:
        return fallback
    seen = target
    for _ in range(_DECODE_ROUNDS):
        for form in (seen, unicodedata.normalize("NFKC", seen)):
            if _looks_off_site(form):
                return fallback
        decoded = unquote(seen)
        if decoded == seen:
            break
        seen = decoded
    return target


def _on_this_site(location: str) -> bool:
    parts = urlsplit(location)
    if parts.scheme in ("http", "https") and parts.netloc == request.host:
        return not _looks_off_site(parts.path or "/")  # Werkzeug's own absolute redirects
    return safe_next(location, "") == location


def register(app: Flask) -> None:
    @app.after_request
    def _keep_redirects_on_site(response: Response) -> Response:
        location = response.headers.get("Location")
        if 300 <= response.status_code < 400 and location and not _on_this_site(location):
            fallback = "/admin/" if request.path.startswith("/admin") else "/"
            response.headers["Location"] = fallback
        return response
