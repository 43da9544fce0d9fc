"""An export restored into an empty database is the same collection, table by table.

The collection is the seed (imported, curated, analysed) plus a day of editors' work through
the services. The round trip compares every table the models define, so a table added later
fails here until this scenario puts rows in it and the restore brings them back.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import inspect, select, text

from cms.extensions import db
from cms.models import (
    Article,
    ArticleStatus,
    AuditEntry,
    EntityKind,
    Relation,
    Role,
    SlugRedirect,
    Suggestion,
    SuggestionKind,
    SuggestionState,
    Tag,
    User,
)
from cms.services import (
    accepting,
    articles,
    entities,
    links,
    pending,
    restore,
    suggestions,
    taxonomy,
    users,
)
from cms.services import vocabulary as vocabularies
from cms.services.export_format import SECRET_COLUMNS
from cms.services.transaction import write
from tests.conftest import PASSWORD, SEED_DIR, make_app

#: Tables no model describes: FTS5 indexes the restore rebuilds, compared by their contents.
#: Their shadow tables (``search_index_data``...) and ``search_vocab`` go with them.
REBUILT = {
    "search_index": "SELECT rowid, title, summary, body FROM search_index ORDER BY rowid",
    "search_recent": "SELECT rowid, title, summary, body FROM search_recent ORDER BY rowid",
    "analysis_fts": "SELECT rowid, terms FROM analysis_fts ORDER BY rowid",
}
#: Machinery, not collection: each database keeps its own (data_version: see cms.queries.versioned).
NOT_COLLECTION = {"alembic_version", "search_vocab", "data_version"}


def _one(query: Any) -> Any:
    found = db.session.scalars(query).first()
    assert found is not None, str(query)
    return found


def _suggestion(kind: SuggestionKind, key_prefix: str = "") -> Suggestion:
    return _one(
        select(Suggestion)
        .where(
            Suggestion.kind == kind,
            Suggestion.state == SuggestionState.PENDING,
            Suggestion.key.startswith(key_prefix),
        )
        .order_by(Suggestion.id)
    )


def _editors_day() -> None:
    """A day's work through the services: what each table of the collection records."""
    chief = users.create_user("chief", PASSWORD, Role.ADMIN)
    editor = users.create_user("Émile", PASSWORD, Role.EDITOR)
    first, second, third, fourth, fifth = db.session.scalars(select(Article).order_by(Article.id))
    extra_tag = taxonomy.get_or_create_tag("Energy exports", "Oil, gas, uranium.")
    articles.update_article(
        first,
        {"slug": "putin-astana-2014", "summary": "An editor's summary.", "tags": [extra_tag]},
        editor,
        first.version,
    )
    articles.update_article(second, {"status": ArticleStatus.ARCHIVED}, chief, second.version)
    draft = articles.create_article({"title": "A draft in review", "body": "Text."}, editor)
    articles.update_article(draft, {"status": ArticleStatus.IN_REVIEW}, editor, draft.version)
    gone = articles.create_article({"title": "Written by mistake", "body": "Oops."}, editor)
    articles.delete_article(gone, chief)  # to the trash: the audit log keeps it
    links.link_articles(third, fifth, Relation.CITES, "Quotes the ministry.", editor)
    pending.edit_article(fifth, {"summary": "Not yet for readers."}, editor, fifth.version, None)
    accepting.accept(_suggestion(SuggestionKind.TAG), editor)
    accepting.accept(_suggestion(SuggestionKind.ENTITY, "entity:new:"), editor)
    accepting.accept(_suggestion(SuggestionKind.ENTITY), editor)
    accepting.accept(_suggestion(SuggestionKind.FIELD), chief)
    suggestions.dismiss(_suggestion(SuggestionKind.RELATED), editor)
    suggestions.dismiss(_suggestion(SuggestionKind.ENTITY), editor)
    pipeline = entities.create_entity(
        "Caspian Pipeline Consortium", EntityKind.ORGANISATION, editor, "Oil from Tengiz."
    )
    entities.add_alias(pipeline, "CPC", editor)
    entities.block_name("Kazakhs", "A people, not an entity.", chief)
    merged = _one(select(Tag).where(Tag.id != extra_tag.id).order_by(Tag.id))
    vocabularies.merge_tags(merged, extra_tag, chief, merged.version)
    outlet = fourth.outlet
    assert outlet is not None
    taxonomy.update_outlet(outlet, {"country": "Kazakhstan"}, chief, outlet.version)


@pytest.fixture(scope="module")
def exported(
    migrated_database: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Flask, Path]]:
    """The worked-on collection and its export, made once for this module's tests."""
    folder = tmp_path_factory.mktemp("source")
    shutil.copyfile(migrated_database, folder / "cms.sqlite3")
    source = make_app(folder, folder / "cms.sqlite3")
    runner = source.test_cli_runner()
    assert runner.invoke(args=["seed", str(SEED_DIR)]).exit_code == 0
    with source.app_context():
        with write():
            _editors_day()
        db.session.remove()
    result = runner.invoke(args=["export", str(folder / "export")])
    assert result.exit_code == 0, result.output
    yield source, folder / "export"
    with source.app_context():
        db.engine.dispose()


@pytest.fixture
def empty(migrated_database: Path, tmp_path: Path) -> Iterator[Flask]:
    shutil.copyfile(migrated_database, tmp_path / "cms.sqlite3")
    app = make_app(tmp_path, tmp_path / "cms.sqlite3")
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _table_rows(app: Flask) -> dict[str, list[dict[str, Any]]]:
    """Every modelled table's rows in primary-key order, secrets (never exported) aside."""
    with app.app_context():
        tables = {}
        for table in db.metadata.sorted_tables:
            hidden = SECRET_COLUMNS.get(table.name, frozenset())
            columns = [c for c in table.columns if c.name not in hidden]
            query = select(*columns).order_by(*table.primary_key.columns)
            tables[table.name] = [dict(row._mapping) for row in db.session.execute(query)]
        return tables


def _rebuilt_indexes(app: Flask) -> dict[str, list[tuple]]:
    with app.app_context():
        return {name: db.session.execute(text(sql)).all() for name, sql in REBUILT.items()}


def _unmodelled_tables(app: Flask) -> set[str]:
    with app.app_context():
        names = set(inspect(db.engine).get_table_names())
    modelled = {table.name for table in db.metadata.sorted_tables}
    return {n for n in names - modelled - NOT_COLLECTION if not n.startswith(tuple(REBUILT))}


def test_restore_gives_the_same_collection(exported: tuple[Flask, Path], empty: Flask) -> None:
    source, folder = exported
    before = _table_rows(source)
    assert not [name for name, rows in before.items() if not rows], "tables this test leaves empty"
    assert _unmodelled_tables(source) == set(), "tables neither modelled nor rebuilt"
    result = empty.test_cli_runner().invoke(args=["restore", str(folder)])
    assert result.exit_code == 0, result.output
    assert "2 users restored without passwords (chief, Émile)" in result.output
    after = _table_rows(empty)
    for name in before:  # one table at a time, so a failure names it
        assert after[name] == before[name], name
    assert _rebuilt_indexes(empty) == _rebuilt_indexes(source)


def test_restored_users_need_a_new_password(exported: tuple[Flask, Path], empty: Flask) -> None:
    _, folder = exported
    runner = empty.test_cli_runner()
    assert runner.invoke(args=["restore", str(folder)]).exit_code == 0
    with empty.app_context():
        assert users.authenticate("chief", PASSWORD) is None
    result = runner.invoke(args=["users", "set-password", "chief", "--password", PASSWORD])
    assert result.exit_code == 0, result.output
    with empty.app_context():
        chief = users.authenticate("chief", PASSWORD)
        assert chief is not None and chief.is_admin


def _restore_fails(app: Flask, folder: Path, message: str) -> None:
    result = app.test_cli_runner().invoke(args=["restore", str(folder)])
    assert result.exit_code == 1 and message in result.output, result.output
    with app.app_context():
        assert db.session.scalar(select(User.id)) is None  # nothing written
        assert db.session.scalar(select(Article.id)) is None


def _broken_copy(folder: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "export"
    shutil.copytree(folder, copy)
    return copy


def test_a_bad_row_late_in_the_restore_leaves_nothing(
    exported: tuple[Flask, Path], empty: Flask, tmp_path: Path
) -> None:
    copy = _broken_copy(exported[1], tmp_path)
    path = copy / "tables" / "import_warnings.jsonl"  # among the last tables restored
    rows = _read_rows(path)
    rows[-1]["article_id"] = 999_999  # an article that is not there
    _write_rows(path, rows)
    _restore_fails(empty, copy, "import_warnings.jsonl: the database refused a row")


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (lambda f: (f / "tables" / "links.jsonl").unlink(), "links.jsonl is missing"),
        (lambda f: (f / "manifest.json").unlink(), "manifest.json is missing"),
        (lambda f: _edit_manifest(f, version=1), "export format version 1"),
        (lambda f: _edit_manifest(f, schema="0000"), "made at schema revision 0000"),
        (lambda f: _edit_rows(f, "tags", lambda rows: rows[1:]), "the manifest says"),
        (
            lambda f: _edit_rows(f, "tags", lambda rows: [{**rows[0], "colour": "red"}, *rows[1:]]),
            "tags.jsonl, line 1: unknown columns ['colour']",
        ),
        (
            lambda f: _edit_rows(
                f, "articles", lambda rows: [{**rows[0], "status": "lost"}] + rows[1:]
            ),
            "line 1, column 'status': 'lost' is not valid",
        ),
        (
            lambda f: (f / "tables" / "users.jsonl").write_text("{\n"),
            "users.jsonl, line 1: not JSON",
        ),
    ],
    ids=["missing table", "no manifest", "version", "schema", "count", "column", "value", "json"],
)
def test_a_broken_export_is_refused_naming_the_file(
    exported: tuple[Flask, Path], empty: Flask, tmp_path: Path, breakage: Any, message: str
) -> None:
    copy = _broken_copy(exported[1], tmp_path)
    breakage(copy)
    _restore_fails(empty, copy, message)


def _edit_manifest(folder: Path, **changes: Any) -> None:
    path = folder / "manifest.json"
    path.write_text(json.dumps({**json.loads(path.read_text()), **changes}))


def _read_rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def _write_rows(path: Path, rows: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))


def _edit_rows(folder: Path, table: str, edit: Any) -> None:
    path = folder / "tables" / f"{table}.jsonl"
    _write_rows(path, edit(_read_rows(path)))


def test_restore_refuses_a_database_with_a_collection(
    exported: tuple[Flask, Path], seeded: Flask, runner
) -> None:
    result = runner.invoke(args=["restore", str(exported[1])])
    assert result.exit_code == 1 and "needs an empty database" in result.output
    assert "articles: 5" in result.output
    with seeded.app_context():
        assert db.session.scalar(select(User.id)) is None  # the export's users did not arrive


def test_import_points_an_export_to_restore(exported: tuple[Flask, Path], runner) -> None:
    result = runner.invoke(args=["import", str(exported[1])])
    assert result.exit_code == 1
    assert f"flask --app wsgi restore {exported[1]}" in result.output


def test_the_restored_site_keeps_its_addresses_and_its_trash(
    exported: tuple[Flask, Path], empty: Flask
) -> None:
    """Kept ids keep what refers to them: old slugs redirect, the trash brings an article back."""
    assert empty.test_cli_runner().invoke(args=["restore", str(exported[1])]).exit_code == 0
    client = empty.test_client()
    assert client.get("/articles/putin-astana-2014").status_code == 200
    with empty.app_context():
        old_slug = _one(select(SlugRedirect.old_slug).where(SlugRedirect.kind == "article"))
        deleted = _one(select(AuditEntry).where(AuditEntry.action == "delete"))
        with write():
            back = restore.restore_article(deleted.id, None)
        assert (back.id, back.title) == (deleted.record_id, "Written by mistake")
    response = client.get(f"/articles/{old_slug}")
    assert response.status_code == 301
    assert response.location.endswith("/articles/putin-astana-2014")
