"""Deployment: trust a reverse proxy only when told to, TLS-only cookies and HSTS behind TLS,
and a start-up check that refuses to run in production with an unsafe configuration.
"""

from __future__ import annotations

from flask import Flask, request, session
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.wrappers import Response

#: Secrets seen in tutorials and sample configurations: as good as none.
KNOWN_DEFAULT_SECRETS = frozenset(
    {
        "dev",
        "development",
        "secret",
        "secret-key",
        "changeme",
        "change-me",
        "please-change",
        "your-secret-key",
        "default",
        "test",
        "testing",
        "flask",
        "cms",
    }
)
MIN_SECRET_LENGTH = 32
HSTS = "max-age=31536000; includeSubDomains"


class UnsafeDeployment(RuntimeError):
    """The configuration is not fit to serve in production; the message says why."""


def deployment_problems(app: Flask) -> list[str]:
    """What makes this configuration unsafe for production, in words (empty when none)."""
    config, problems = app.config, []
    if not config.get("SECRET_KEY_FROM_ENVIRONMENT"):
        problems.append("SECRET_KEY is not set in the environment")
    key = str(config.get("SECRET_KEY") or "")
    if key.lower() in KNOWN_DEFAULT_SECRETS or len(key) < MIN_SECRET_LENGTH:
        problems.append(f"SECRET_KEY is a default or shorter than {MIN_SECRET_LENGTH} characters")
    if app.debug or config.get("DEBUG"):
        problems.append("debug mode is on (FLASK_DEBUG)")
    return problems


def check_deployment(app: Flask) -> None:
    """In production (``CMS_ENV=production``), refuse to start when something is unsafe."""
    if app.config.get("CMS_ENV") != "production":
        return
    if problems := deployment_problems(app):
        raise UnsafeDeployment("Refusing to start in production: " + "; ".join(problems) + ".")


def register(app: Flask) -> None:
    check_deployment(app)
    hops = app.config.get("TRUST_PROXY", 0)
    if hops:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops, x_prefix=hops
        )
    if app.config.get("BEHIND_TLS"):
        app.config.update(
            SESSION_COOKIE_SECURE=True, REMEMBER_COOKIE_SECURE=True, PREFERRED_URL_SCHEME="https"
        )

    @app.after_request
    def _deployment_headers(response: Response) -> Response:
        if app.config.get("BEHIND_TLS"):
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        # Pages for editors must not be kept by browsers or shared caches.
        for_editors = request.path.startswith(("/admin", "/login")) or session.get("_user_id")
        if for_editors and "no-store" not in response.headers.get("Cache-Control", ""):
            response.headers["Cache-Control"] = "no-store"
        return response
