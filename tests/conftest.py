"""Fixtures: an app on its own real SQLite file per test, built once by the real migrations."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import flask_migrate
import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import event

from cms import create_app
from cms.extensions import db
from cms.models import Role, User
from cms.services import users

SEED_DIR = Path(__file__).resolve().parents[1] / "seed"
PASSWORD = "correct horse battery"


def make_app(instance: Path, database: Path, **config: Any) -> Flask:
    return create_app(
        {
            "TESTING": True,
            "INSTANCE_PATH": str(instance),
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
            **config,
        }
    )


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database upgraded to head once; each test gets a copy of the file."""
    folder = tmp_path_factory.mktemp("template")
    database = folder / "cms.sqlite3"
    app = make_app(folder, database)
    with app.app_context():
        flask_migrate.upgrade()
        db.engine.dispose()
    return database


@pytest.fixture
def app(migrated_database: Path, tmp_path: Path) -> Iterator[Flask]:
    database = tmp_path / "cms.sqlite3"
    shutil.copyfile(migrated_database, database)
    app = make_app(tmp_path, database)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def app_context(app: Flask) -> Iterator[None]:
    with app.app_context():
        yield


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture
def seeded(app: Flask, runner: FlaskCliRunner) -> Flask:
    """The app with the five seed articles imported, curated and published by ``flask seed``."""
    result = runner.invoke(args=["seed", str(SEED_DIR)])
    assert result.exit_code == 0, result.output
    return app


@pytest.fixture
def make_user(app: Flask) -> Callable[..., User]:
    def make(username: str = "editor", role: Role = Role.EDITOR, password: str = PASSWORD) -> User:
        with app.app_context():
            user = users.create_user(username, password, role)
            db.session.commit()
            db.session.refresh(user)
            db.session.expunge(user)
            return user

    return make


def csrf_token(html: str) -> str:
    """The CSRF token of the first form on a page, as a browser would submit it."""
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', html
    )
    assert match, "no csrf_token on the page"
    return match.group(1)


class Auth:
    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def login(self, username: str = "editor", password: str = PASSWORD) -> Any:
        page = self.client.get("/login")
        return self.client.post(
            "/login",
            data={"username": username, "password": password, "csrf_token": csrf_token(page.text)},
        )

    def logout(self) -> Any:
        page = self.client.get("/admin/")
        return self.client.post("/logout", data={"csrf_token": csrf_token(page.text)})


@pytest.fixture
def auth(client: FlaskClient) -> Auth:
    return Auth(client)


@pytest.fixture
def count_queries(app: Flask) -> Callable[[], AbstractContextManager[list[str]]]:
    """``with count_queries() as statements:``, every SQL statement the app runs inside it:
    through SQLAlchemy, and straight on the driver's connection (``cms.sqlite.driver``) of a
    connection checked out inside the block (SQLite's trace callback)."""

    @contextmanager
    def counting() -> Iterator[list[str]]:
        with app.app_context():
            engine = db.engine
        statements: list[str] = []
        in_sqlalchemy: list[bool] = [False]
        traced: list[Any] = []

        def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
            statements.append(statement)
            in_sqlalchemy[0] = True

        def done(*_args: Any) -> None:
            in_sqlalchemy[0] = False

        def record_driver(statement: str) -> None:
            # SQLAlchemy's own statements are counted by ``record``; trigger steps ("--").
            if not in_sqlalchemy[0] and not statement.startswith("--"):
                statements.append(statement)

        def trace(dbapi_connection: Any, *_args: Any) -> None:
            dbapi_connection.set_trace_callback(record_driver)
            traced.append(dbapi_connection)

        event.listen(engine, "before_cursor_execute", record)
        event.listen(engine, "after_cursor_execute", done)
        event.listen(engine, "checkout", trace)
        try:
            yield statements
        finally:
            event.remove(engine, "before_cursor_execute", record)
            event.remove(engine, "after_cursor_execute", done)
            event.remove(engine, "checkout", trace)
            for connection in traced:
                connection.set_trace_callback(None)

    return counting
