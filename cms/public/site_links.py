"""The links every page built on ``base.html`` carries, built once per script root.

The header, footer and ``<head>`` link the stylesheets, the icon, the feed, the home page,
five list pages, search and login or admin: thirteen ``url_for`` calls a page (a rule lookup
and build each), though none takes an argument. Without one, a relative ``url_for`` depends
only on the script root (the prefix a proxy mounts the site under), so the paths are built
once per script root and kept by the app. ``tests/web/test_site_links.py`` holds them to
``url_for``.
"""

from __future__ import annotations

import threading

from flask import current_app, request, session, url_for
from flask_login import current_user
from flask_login.config import COOKIE_NAME

from cms.public import bp

_KEY = "cms_site_links"
#: Endpoints (and a static file) the base template links to, by the name it uses.
ENDPOINTS = {
    "home": "public.home",
    "articles": "public.articles",
    "tags": "public.tags",
    "outlets": "public.outlets",
    "entities": "public.entities",
    "timeline": "public.timeline",
    "search": "public.search",
    "feed": "public.feed",
    "login": "auth.login",
    "admin": "admin.index",
}
STATIC_FILES = {"site_css": "site.css", "print_css": "print.css", "favicon": "favicon.svg"}
_lock = threading.Lock()


@bp.app_template_global("site_links")
def site_links() -> dict[str, str]:
    """``url_for`` of each of ``ENDPOINTS`` and ``STATIC_FILES``, by name, for this request's
    script root."""
    by_root: dict[str, dict[str, str]] = current_app.extensions.setdefault(_KEY, {})
    root = request.script_root
    links = by_root.get(root)
    if links is None:
        links = {name: url_for(endpoint) for name, endpoint in ENDPOINTS.items()}
        links |= {name: url_for("static", filename=f) for name, f in STATIC_FILES.items()}
        with _lock:
            if len(by_root) < 64:  # a few proxies' prefixes, not one per forged header
                by_root[root] = links
    return links


@bp.app_template_global("signed_in")
def signed_in() -> bool:
    """``current_user.is_authenticated``, without loading a user when none can be signed in.

    With an empty session and no remember-me cookie Flask-Login finds nobody (and changes
    nothing); only then is the answer given without asking it.
    """
    cookie = current_app.config.get("REMEMBER_COOKIE_NAME", COOKIE_NAME)
    if not session and cookie not in request.cookies:
        return False
    return bool(current_user.is_authenticated)
