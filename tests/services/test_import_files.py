"""``import_files`` on a real SQLite file: every format in one batch, skips, duplicates, state."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import func, select

from cms.extensions import db
from cms.models import (
    Article,
    ImportBatch,
    ImportItem,
    ImportOutcome,
    Suggestion,
    SuggestionKind,
)
from cms.queries.imports import outcome_counts
from cms.services import importing
from tests.conftest import SEED_DIR

HTML = (
    '<!DOCTYPE html><html><head><meta property="og:title" content="Harbour news">'
    '<meta property="article:published_time" content="2021-03-04T10:00:00Z"></head><body>'
    "<article>"
    + "".join(
        f"<p>Paragraph {n} tells a long enough story about the harbour and its ships.</p>"
        for n in range(6)
    )
    + "</article></body></html>"
)


def zipped(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def mixed_folder(root: Path) -> Path:
    folder = root / "collection"
    (folder / "sub").mkdir(parents=True)
    files: dict[str, bytes] = {
        "plain.txt": b"Plain title\n\nPlain text of the article.\n",
        "utf16.txt": "UTF-16 title\n\nCafé au lait, naïve.\n".encode("utf-16"),
        "cp1252.txt": b"Windows title\n\nIt\x92s a \x93test\x94.\n",
        "sub/front.md": b"---\ntitle: Front matter\nauthor: Jane Doe\n---\nMarkdown text.\n",
        "page.html": HTML.encode(),
        "one.json": json.dumps({"title": "JSON one", "body": "JSON text."}).encode(),
        "list.json": json.dumps(
            [{"title": "List A", "body": "Text A."}, {"title": "List B", "body": "Text B."}]
        ).encode(),
        "lines.jsonl": b'{"title": "Line one", "body": "Line text."}\n{"title": broken}\n',
        "bundle.zip": zipped({"in/zipped.md": b"# Zipped\n\nZipped text.\n", "x.exe": b"MZ"}),
        "README.md": b"# Read me\n\nAbout this folder.\n",
        ".hidden.txt": b"Hidden\n\nHidden text.\n",
        "photo.png": b"\x89PNG\r\n\x1a\n",
        "empty.txt": b"",
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    for seed in sorted(SEED_DIR.glob("*.txt")):
        (folder / seed.name).write_bytes(seed.read_bytes())
    return folder


def outcomes(report: importing.ImportReport) -> dict[str, tuple[str, str]]:
    return {line.name: (line.outcome.value, line.reason) for line in report.lines}


def test_a_mixed_folder_imports_in_one_batch_with_a_line_per_file(
    app: Flask, tmp_path: Path
) -> None:
    folder = mixed_folder(tmp_path)
    with app.app_context():
        report = importing.import_files(importing.find_files([folder]), channel="cli")
        found = outcomes(report)
        created = {name for name, (outcome, _) in found.items() if outcome == "created"}
        assert created == {
            "collection/plain.txt",
            "collection/utf16.txt",
            "collection/cp1252.txt",
            "collection/sub/front.md",
            "collection/page.html",
            "collection/one.json",
            "collection/list.json item 1",
            "collection/list.json item 2",
            "collection/lines.jsonl line 1",
            "collection/bundle.zip/in/zipped.md",
            *(f"collection/{seed.name}" for seed in SEED_DIR.glob("*.txt")),
        }
        assert found["collection/lines.jsonl line 2"][0] == "rejected"
        assert found["collection/empty.txt"] == ("rejected", "the file is empty")
        assert found["collection/README.md"][0] == "skipped"
        assert found["collection/.hidden.txt"] == ("skipped", "a hidden or system file")
        assert found["collection/photo.png"][0] == "skipped"
        assert found["collection/bundle.zip/x.exe"][0] == "skipped"
        batch = db.session.get(ImportBatch, report.batch_id)
        assert batch.state == "finished"
        utf16 = db.session.scalar(select(Article).where(Article.title == "UTF-16 title"))
        assert utf16.body == "Café au lait, naïve."
        md = db.session.scalar(select(Article).where(Article.title == "Front matter"))
        assert md.authors == "Jane Doe"
        zipped_item = db.session.scalar(
            select(ImportItem).where(ImportItem.filename.endswith("zipped.md"))
        )
        assert (zipped_item.source_file, zipped_item.path_in_archive) == (
            "collection/bundle.zip",
            "in/zipped.md",
        )
        assert len(zipped_item.sha256) == 64 and zipped_item.format == "markdown"


def test_importing_the_same_folder_twice_creates_nothing_new(app: Flask, tmp_path: Path) -> None:
    folder = mixed_folder(tmp_path)
    with app.app_context():
        importing.import_files(importing.find_files([folder]), channel="cli")
        count = db.session.scalar(select(func.count(Article.id)))
        again = importing.import_files(importing.find_files([folder]), channel="cli")
        assert again.count(ImportOutcome.CREATED) == 0
        assert again.count(ImportOutcome.DUPLICATE) == count
        assert db.session.scalar(select(func.count(Article.id))) == count
        line = next(line for line in again.lines if line.name.endswith("plain.txt"))
        assert line.reason == f"duplicate of {line.article_slug}"


def test_same_text_under_another_headline_keeps_the_headline(app: Flask, tmp_path: Path) -> None:
    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    (tmp_path / "a.txt").write_text("First headline\n\nThe very same text.\n")
    (tmp_path / "b.txt").write_text("Second headline\n\nThe very same text.\n")
    with app.app_context():
        report = importing.import_files(importing.find_files([tmp_path]), channel="cli")
        first, second = report.lines
        assert first.outcome is ImportOutcome.CREATED
        assert second.outcome is ImportOutcome.DUPLICATE
        assert second.reason == (
            f"same text as {first.article_slug} under another headline "
            "(kept as an alternative title)"
        )
        article = db.session.get(Article, first.article_id)
        assert article.alternative_titles == "Second headline"
        # Sent a third time under the second headline: a plain duplicate now.
        third = importing.import_files(importing.find_files([tmp_path / "b.txt"]), channel="cli")
        assert third.lines[0].reason == f"duplicate of {first.article_slug}"


def test_a_date_in_the_body_is_a_pending_suggestion_never_the_field(
    app: Flask, tmp_path: Path
) -> None:
    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    (tmp_path / "a.txt").write_text(
        "Headline\n\nThe club was founded on 5 March 1870 in a small pub.\n"
    )
    with app.app_context():
        report = importing.import_files(importing.find_files([tmp_path]), channel="cli")
        article = db.session.get(Article, report.lines[0].article_id)
        assert article.published_on is None
        (suggestion,) = db.session.scalars(select(Suggestion)).all()
        assert (suggestion.kind, suggestion.field, suggestion.value, suggestion.state.value) == (
            SuggestionKind.FIELD,
            "date",
            "1870-03-05",
            "pending",
        )
        assert suggestion.key == "field:date:1870-03-05"
        assert "founded on 5 March 1870" in suggestion.evidence
        assert [(w.field, w.kind) for w in article.open_import_warnings if w.field == "date"] == [
            ("date", "missing")
        ]


def test_an_oversized_file_is_refused_before_it_is_read(app: Flask, tmp_path: Path) -> None:
    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    app.config["IMPORT_MAX_FILE_BYTES"] = 100
    (tmp_path / "big.txt").write_bytes(b"Title\n\n" + b"word " * 100)
    (tmp_path / "small.txt").write_bytes(b"Title\n\nSmall.\n")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["import", str(tmp_path)])
    assert result.exit_code == 1
    assert "rejected big.txt" in result.output or "big.txt: the file is larger" in result.output
    assert "1 created" in result.output


def test_a_batch_killed_part_way_shows_as_interrupted(
    app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One document a chunk, so the kill comes after the first is stored and before the rest.
    monkeypatch.setattr(importing.batch, "CHUNK_SIZE", 1)
    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(f"Title {n}\n\nText number {n}.\n")

    class Killed(Exception):
        pass

    def kill_after_first(file: importing.InputFile, lines: list[importing.ReportLine]) -> None:
        raise Killed

    with app.app_context():
        with pytest.raises(Killed):
            importing.import_files(
                importing.find_files([tmp_path]), channel="cli", on_file=kill_after_first
            )
        batch = db.session.scalar(select(ImportBatch))
        assert batch.state == "interrupted or running"
        assert outcome_counts([batch.id])[batch.id][ImportOutcome.CREATED] == 1
        assert db.session.scalar(select(func.count(Article.id))) == 1


@pytest.mark.parametrize(
    ("args", "status", "expected"),
    [
        (["ok.txt"], 0, "1 created, 0 duplicate, 0 skipped, 0 rejected"),
        (["ok.txt", "bad.json"], 1, "rejected bad.json: malformed JSON at line 1"),
        (["folder"], 0, "skipped folder/notes.pdf: unsupported file type '.pdf'"),
        (["nope.txt"], 1, "no such file or folder"),
    ],
)
def test_cli_exit_status_and_lines(
    runner: FlaskCliRunner, tmp_path: Path, args: list[str], status: int, expected: str
) -> None:
    (tmp_path / "ok.txt").write_text("Title\n\nText.\n")
    (tmp_path / "bad.json").write_text("{oops")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "notes.pdf").write_bytes(b"%PDF")
    result = runner.invoke(args=["import", *(str(tmp_path / a) for a in args)])
    assert result.exit_code == status, result.output
    assert expected in result.output


@pytest.mark.parametrize(("flag", "analysed"), [([], True), (["--no-analyse"], False)])
def test_analysis_is_a_second_phase_that_no_analyse_skips(
    app: Flask, runner: FlaskCliRunner, tmp_path: Path, flag: list[str], analysed: bool
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in sorted(SEED_DIR.glob("*.txt")):
        (folder / seed.name).write_bytes(seed.read_bytes())
    result = runner.invoke(args=["import", *flag, str(folder)])
    assert result.exit_code == 0, result.output
    assert ("Analysed 5 articles" in result.output) is analysed
    with app.app_context():
        from cms.models import ArticleAnalysis

        assert (db.session.scalar(select(func.count(ArticleAnalysis.article_id))) == 5) is analysed
