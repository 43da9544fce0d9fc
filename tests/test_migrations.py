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


def test_the_body_html_migration_backfills_every_article_with_the_renderer(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path, tmp_path / "empty.sqlite3")
    bodies = ["Plain *text*.", "<script>alert(1)</script> & [x](javascript:y)", ""]
    with app.app_context():
        flask_migrate.upgrade(revision="f3c9a1b27d64")
        with db.engine.begin() as connection:
            for n, body in enumerate(bodies):
                connection.execute(
                    sa.text(
                        "INSERT INTO articles (slug, title, authors, url, language, kind, status,"
                        " body, raw, content_hash, summary, summary_by_editor, word_count,"
                        " text_kind, origin, alternative_titles, captions, editor_notes,"
                        " version, date_basis) VALUES (:slug, 'T', '', '', 'en', 'news',"
                        " 'published', :body, '', '', '', 0, 0, 'full text', 'original', '',"
                        " '', '', 1, 'source')"
                    ),
                    {"slug": f"a{n}", "body": body},
                )
        flask_migrate.upgrade(revision="b7d2e4a91c05")
        with db.engine.connect() as connection:
            stored = connection.execute(sa.text("SELECT body_html FROM articles ORDER BY id"))
            assert [html for (html,) in stored] == [
                "<p>Plain <em>text</em>.</p>\n",
                "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; [x](javascript:y)</p>\n",
                "",
            ]
        triggers = _article_triggers()
        flask_migrate.downgrade(revision="f3c9a1b27d64")
        columns = {c["name"] for c in sa.inspect(db.engine).get_columns("articles")}
        assert "body_html" not in columns
        assert _article_triggers() == triggers and triggers  # not a copy of the table
        db.engine.dispose()


def _article_triggers() -> list[str]:
    with db.engine.connect() as connection:
        query = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'articles'"
        return sorted(connection.execute(sa.text(query)).scalars())


def test_the_recent_search_index_migration_fills_it_with_the_newest_articles(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path, tmp_path / "empty.sqlite3")
    with app.app_context():
        flask_migrate.upgrade(revision="d5e9a3b1c742")
        with db.engine.begin() as connection:
            connection.execute(
                sa.text(
                    "INSERT INTO search_index (rowid, title, summary, body) "
                    "VALUES (:id, 'ferri', '', 'harbour')"
                ),
                [{"id": id_} for id_ in range(1, 4_011)],
            )
        flask_migrate.upgrade()
        with db.engine.connect() as connection:
            kept = connection.execute(sa.text("SELECT rowid FROM search_recent ORDER BY rowid"))
            assert [id_ for (id_,) in kept] == list(range(11, 4_011))
            found = connection.execute(
                sa.text("SELECT count(*) FROM search_recent WHERE search_recent MATCH 'ferri'")
            )
            assert found.scalar_one() == 4_000
        db.engine.dispose()
