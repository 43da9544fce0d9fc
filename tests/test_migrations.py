"""The migrations build exactly the schema the models describe, and can be undone."""

from __future__ import annotations

import warnings
from pathlib import Path

import flask_migrate
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from cms.extensions import db
from cms.models import Base
from tests.conftest import make_app


def test_upgrade_head_on_an_empty_database_matches_the_models(tmp_path: Path) -> None:
    app = make_app(tmp_path, tmp_path / "empty.sqlite3")
    with app.app_context():
        flask_migrate.upgrade()
        with db.engine.connect() as connection, warnings.catch_warnings():
            # Alembic cannot reflect SQLite expression indexes (lower(name) on tags) and says
            # so; the next test checks that index by its behaviour instead.
            warnings.filterwarnings("ignore", message="autogenerate skipping metadata-specified")
            warnings.filterwarnings(
                "ignore", message="Skipped unsupported reflection of expression"
            )
            diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        db.engine.dispose()
    assert diff == [], diff


def test_tag_names_are_unique_ignoring_case_in_the_migrated_schema(tmp_path: Path) -> None:
    app = make_app(tmp_path, tmp_path / "empty.sqlite3")
    with app.app_context():
        flask_migrate.upgrade()
        insert = sa.text(
            "INSERT INTO tags (name, slug, description, facet) VALUES (:n, :s, '', '')"
        )
        db.session.execute(insert, {"n": "Eurasian Union", "s": "a"})
        with pytest.raises(sa.exc.IntegrityError):
            db.session.execute(insert, {"n": "eurasian union", "s": "b"})
        db.session.rollback()
        db.engine.dispose()


def test_downgrade_to_base_and_up_again(tmp_path: Path) -> None:
    app = make_app(tmp_path, tmp_path / "empty.sqlite3")
    with app.app_context():
        flask_migrate.upgrade()
        flask_migrate.downgrade(revision="base")
        assert sa.inspect(db.engine).get_table_names() == ["alembic_version"]
        flask_migrate.upgrade()
        assert "articles" in sa.inspect(db.engine).get_table_names()
        db.engine.dispose()
