"""The import service on a real SQLite file: created, duplicate and rejected files."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import func, select

from cms.extensions import db
from cms.models import Article, ArticleStatus, ImportItem, ImportOutcome, Outlet
from cms.services import importing
from tests.conftest import SEED_DIR


def _write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return path


def test_one_bad_file_is_reported_and_the_others_are_imported(
    app: Flask, runner: FlaskCliRunner, tmp_path: Path
) -> None:
    for n in range(4):
        _write(tmp_path, f"good{n}.txt", f"Headline number {n}\n\nBody of article {n}, enough.\n")
    _write(tmp_path, "empty.txt", "")
    _write(tmp_path, "photo.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    result = runner.invoke(args=["import", str(tmp_path), str(tmp_path / "photo.png")])
    assert result.exit_code == 1
    assert "rejected" in result.output and "empty.txt" in result.output
    assert "photo.png" in result.output
    assert "4 created" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count(Article.id))) == 4
        statuses = set(db.session.scalars(select(Article.status)))
        assert statuses == {ArticleStatus.DRAFT}


def test_reimporting_the_same_text_is_a_duplicate(app: Flask, runner, tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", "A headline\n\nThe same text, word for word.\n")
    _write(tmp_path, "b.txt", "A headline\n\nThe  same text,\nword for word.\n")
    result = runner.invoke(args=["import", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    assert result.exit_code == 0, result.output
    assert "1 created, 1 duplicate, 0 skipped, 0 rejected" in result.output
    with app.app_context():
        item = db.session.scalar(select(ImportItem).where(ImportItem.filename == "b.txt"))
        assert item.outcome is ImportOutcome.DUPLICATE
        assert item.article is not None and item.article.title == "A headline"


def test_a_missing_path_is_rejected_with_its_reason(app: Flask, runner, tmp_path: Path) -> None:
    result = runner.invoke(args=["import", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "no such file or folder" in result.output


def test_markdown_front_matter_becomes_fields_tags_and_an_outlet(
    app: Flask, tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        "piece.md",
        "---\ntitle: Steppe talks\ndate: 2019-06\noutlet: Steppe Herald\n"
        "tags: [Energy, energy, Trade]\nsummary: A short summary.\n---\nThe text of it.\n",
    )
    with app.app_context():
        report = importing.import_files(importing.find_files([path]), channel="cli")
        (line,) = report.lines
        article = db.session.get(Article, line.article_id)
        assert line.outcome is ImportOutcome.CREATED
        assert article.title == "Steppe talks"
        assert article.published_date.isoformat() == "2019-06"
        assert article.outlet.name == "Steppe Herald"
        assert [t.name for t in article.tags] == ["Energy", "Trade"]
        assert article.summary == "A short summary." and article.summary_by_editor
        assert db.session.scalar(select(func.count(Outlet.id))) == 1


def test_seed_warnings_are_kept_for_the_editor(app: Flask) -> None:
    path = SEED_DIR / "002_be3c9239acb006a7.txt"
    with app.app_context():
        report = importing.import_files(importing.find_files([path]), channel="cli")
        article = db.session.get(Article, report.lines[0].article_id)
        assert [(w.field, w.kind) for w in article.open_import_warnings if w.field == "date"] == [
            ("date", "missing")
        ]
        assert article.published_on is None


def test_names_in_any_script_match_ignoring_case(app: Flask, runner, tmp_path: Path) -> None:
    for n, outlet in enumerate(["Новая газета", "НОВАЯ ГАЗЕТА"]):
        _write(
            tmp_path,
            f"{n}.md",
            f"---\noutlet: {outlet}\ntags: [Казахстан]\n---\n# T{n}\n\nText {n}.\n",
        )
    _write(tmp_path, "2.md", "---\ntags: [КАЗАХСТАН]\n---\n# T2\n\nText two.\n")
    result = runner.invoke(args=["import", str(tmp_path)])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalar(select(func.count(Outlet.id))) == 1
        outlet = db.session.scalar(select(Outlet))
        assert (outlet.name, outlet.slug) == ("Новая газета", "новая-газета")
        from cms.models import Tag

        assert db.session.scalar(select(func.count(Tag.id))) == 1


def test_a_file_name_that_is_not_utf8_does_not_stop_the_import(
    app: Flask, runner, tmp_path: Path
) -> None:
    import os

    Path(os.fsdecode(os.fsencode(tmp_path) + b"/caf\xe9.txt")).write_text("A title\n\nBody.\n")
    _write(tmp_path, "other.txt", "Another title\n\nAnother body.\n")
    result = runner.invoke(args=["import", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "2 created" in result.output
    with app.app_context():
        names = set(db.session.scalars(select(ImportItem.filename)))
        assert any(name.endswith("caf\ufffd.txt") for name in names)
