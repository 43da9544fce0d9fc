"""The application factory.

``create_app`` reads like a table of contents: each ``register_*`` helper wires one concern.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask
from flask_login import current_user

from cms.config import load_settings
from cms.extensions import csrf, db, login_manager, migrate
from cms.sqlite import configure_sqlite


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    # Tests pass INSTANCE_PATH so the generated secret and database stay in a temp folder.
    instance_path = (test_config or {}).get("INSTANCE_PATH")
    app = Flask(__name__, instance_path=instance_path, instance_relative_config=True)
    app.config.from_mapping(load_settings(Path(app.instance_path)))
    if test_config:
        app.config.from_mapping(test_config)
    register_deployment(app)
    register_extensions(app)
    register_search(app)
    register_blueprints(app)
    register_admin(app)
    register_commands(app)
    register_errors(app)
    register_headers(app)
    register_redirect_guard(app)
    register_middleware(app)
    return app


def register_extensions(app: Flask) -> None:
    db.init_app(app)
    # Batch mode lets migrations alter tables on SQLite, which lacks most ALTER TABLE forms.
    migrations = Path(__file__).parent.parent / "migrations"
    migrate.init_app(app, db, directory=str(migrations), render_as_batch=True)
    csrf.init_app(app)
    # Flask-Login's context processor would load the user for every template rendered,
    # whether it asks or not; the proxy loads the user when a template first uses it.
    login_manager.init_app(app, add_context_processor=False)
    app.jinja_env.globals["current_user"] = current_user
    with app.app_context():
        configure_sqlite(db.engine)
    # No request takes the write lock up front: a slow client would hold it while its body
    # trickles in. Services take it in ``cms.services.transaction.write``, only to write.


def register_search(app: Flask) -> None:
    """The search index follows every article write (a session hook; see services.search)."""
    from cms.services import search

    search.init_app(app)


def register_blueprints(app: Flask) -> None:
    from cms.api import bp as api_bp
    from cms.auth import bp as auth_bp
    from cms.public import bp as public_bp

    app.register_blueprint(public_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(auth_bp)


def register_admin(app: Flask) -> None:
    from cms.admin import init_admin

    init_admin(app)


def register_commands(app: Flask) -> None:
    from cms.cli import register

    register(app)


def register_errors(app: Flask) -> None:
    from cms.errors import register

    register(app)


def register_headers(app: Flask) -> None:
    from cms.headers import register

    register(app)


def register_redirect_guard(app: Flask) -> None:
    from cms.redirects import register

    register(app)


def register_middleware(app: Flask) -> None:
    from cms.request_body import GuardedRequestBody
    from cms.turns import TakingTurns

    app.wsgi_app = GuardedRequestBody(app.wsgi_app)  # type: ignore[method-assign]
    if wait_ms := app.config["REQUEST_TURN_WAIT_MS"]:
        app.wsgi_app = TakingTurns(app.wsgi_app, wait_ms / 1000)  # type: ignore[method-assign]


def register_deployment(app: Flask) -> None:
    from cms.deployment import register

    register(app)
