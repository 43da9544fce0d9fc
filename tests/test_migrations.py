"""The migrations build exactly the schema the models describe, and can be undone."""

from __future__ import annotations

from pathlib import Path

import flask_migrate
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from cms.extensions import db
from cms.models import Base, Tag
from cms.models.base import is_modelled
from tests.conftest import make_app


def test_upgrade_head_on_an_empty_database_matches_the_models(tmp_path: Path) -> None:
    app = make_app(tmp_path, tmp_path / "empty.sqlite3")
    with app.app_context():
        flask_migrate.upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"include_name": is_modelled})
            diff = compare_metadata(context, Base.metadata)
        db.engine.dispose()
    assert diff == [], diff


@pytest.mark.parametrize(
    ("first", "second"), [("Eurasian Union", "eurasian  UNION"), ("Казахстан", "КАЗАХСТАН")]
)
def test_tag_names_are_unique_ignoring_case_in_any_script(
    tmp_path: Path, first: str, second: str
) -> None:
    app = make_app(tmp_path, tmp_path / "empty.sqlite3")
    with app.app_context():
        flask_migrate.upgrade()
        db.session.add(Tag(name=first, slug="a"))
        db.session.flush()
        db.session.add(Tag(name=second, slug="b"))
        with pytest.raises(sa.exc.IntegrityError):
            db.session.flush()
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
