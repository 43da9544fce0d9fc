"""The importer stores a chunk of documents at once: documents of one chunk must see each other
as if stored one by one, and one the database refuses must not take the others with it."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select, text

from cms.extensions import db
from cms.models import (
    Article,
    ImportItem,
    ImportOutcome,
    ProvenanceFlag,
    Suggestion,
    SuggestionKind,
    TextSketch,
)
from cms.services import importing
from cms.services.importing import batch
from tests.conftest import make_app

STORY = " ".join(
    f"Sentence {n} of the harbour story tells how the ships came in at dawn." for n in range(30)
)


def write(folder: Path, files: dict[str, str]) -> list[importing.InputFile]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).write_text(content)
    return list(importing.find_files([folder / name for name in files]))


def run(app: Flask, folder: Path, files: dict[str, str]) -> importing.ImportReport:
    with app.app_context():
        return importing.import_files(write(folder, files), channel="cli")


@pytest.mark.parametrize("chunk_size", [1, 50])
def test_documents_of_one_chunk_see_each_other(
    app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk_size: int
) -> None:
    """The same outcome whether the documents share a chunk (50) or not (1)."""
    monkeypatch.setattr(batch, "CHUNK_SIZE", chunk_size)
    report = run(
        app,
        tmp_path / "in",
        {
            "a.md": f"# Harbour\n\n{STORY}\n",
            "b.md": f"# Harbour\n\n{STORY}\n",  # the same file again
            "c.md": f"# Ships at dawn\n\n{STORY}\n",  # the same text, another headline
            "d.md": f"# Harbour\n\n{STORY.replace('dawn', 'dusk', 1)}\n",  # a re-send
            "e.md": f"# Harbour\n\nA different story about {STORY[-40:]}\n",
        },
    )
    outcomes = [(line.name, line.outcome) for line in report.lines]
    assert outcomes == [
        ("a.md", ImportOutcome.CREATED),
        ("b.md", ImportOutcome.DUPLICATE),
        ("c.md", ImportOutcome.DUPLICATE),
        ("d.md", ImportOutcome.CREATED),
        ("e.md", ImportOutcome.CREATED),
    ]
    with app.app_context():
        first = db.session.scalar(select(Article).where(Article.slug == "harbour"))
        assert first is not None
        assert first.alternative_titles == "Ships at dawn"
        assert [line.article_id for line in report.lines[:3]] == [first.id] * 3
        assert report.lines[2].reason.startswith("same text as harbour under another headline")
        slugs = [a.slug for a in db.session.scalars(select(Article).order_by(Article.id))]
        assert slugs == ["harbour", "harbour-2", "harbour-3"]
        resend = db.session.scalar(select(Article).where(Article.slug == "harbour-2"))
        assert resend is not None
        duplicate = db.session.scalars(
            select(Suggestion).where(Suggestion.kind == SuggestionKind.DUPLICATE)
        ).one()
        assert (duplicate.article_id, duplicate.target_article_id) == (resend.id, first.id)
        assert duplicate.key == f"duplicate:{first.id}" and "harbour" in duplicate.reason
        assert "dusk" in duplicate.evidence and "dawn" in duplicate.evidence


def test_slugs_follow_those_already_taken(app: Flask, tmp_path: Path) -> None:
    run(app, tmp_path / "one", {"a.md": "# Talks\n\nFirst text.\n", "b.md": "# Talks 3\n\nX.\n"})
    report = run(
        app,
        tmp_path / "two",
        {"c.md": "# Talks\n\nSecond text.\n", "d.md": "# Talks\n\nThird text.\n"},
    )
    assert [line.article_slug for line in report.lines] == ["talks-2", "talks-4"]


def test_a_document_the_database_refuses_is_reported_and_the_others_stored(
    app: Flask, tmp_path: Path
) -> None:
    with app.app_context():
        # The database itself refuses one row, as a constraint would.
        db.session.execute(
            text(
                "CREATE TRIGGER refuse_poison BEFORE INSERT ON articles "
                "WHEN NEW.title = 'Poison' BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )
        )
        db.session.commit()
    files = {f"{n}.md": f"# Story {n}\n\nText number {n} about the harbour.\n" for n in range(4)}
    files["poison.md"] = "# Poison\n\nThis one the database refuses.\n"
    report = run(app, tmp_path / "in", files)
    by_name = {line.name: line for line in report.lines}
    assert by_name["poison.md"].outcome is ImportOutcome.REJECTED
    assert by_name["poison.md"].reason == "could not be stored: IntegrityError"
    assert [by_name[f"{n}.md"].outcome for n in range(4)] == [ImportOutcome.CREATED] * 4
    with app.app_context():
        stored = db.session.scalars(select(Article.title).order_by(Article.id)).all()
        assert stored == [f"Story {n}" for n in range(4)]
        items = db.session.scalars(select(ImportItem).order_by(ImportItem.id)).all()
        assert len(items) == 5
        assert {i.article_id for i in items if i.outcome is ImportOutcome.CREATED} == set(
            db.session.scalars(select(Article.id))
        )
        sketched = set(db.session.scalars(select(TextSketch.article_id)))
        assert sketched == set(db.session.scalars(select(Article.id)))


def test_reading_files_in_worker_processes_gives_the_same_import(
    migrated_database: Path, tmp_path: Path
) -> None:
    """``workers`` only moves the pure pipeline into other processes: same lines, same order,
    the same articles (each run into a database of its own)."""
    files = {f"{n:02}.md": f"# Story {n % 7}\n\n{STORY} Number {n}.\n" for n in range(40)}
    files["again.md"] = files["03.md"]
    files["bad.json"] = "{oops"
    files["notes.pdf"] = "%PDF"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("inner.md", "# Inside\n\nText inside the zip.\n")
        archive.writestr("second.md", f"# Harbour\n\n{STORY}\n")
    results = []
    for workers in (0, 1):
        root = tmp_path / f"run{workers}"
        write(root / "in", files)
        (root / "in" / "all.zip").write_bytes(buffer.getvalue())
        database = root / "cms.sqlite3"
        shutil.copyfile(migrated_database, database)
        app = make_app(root, database)
        with app.app_context():
            report = importing.import_files(
                importing.find_files([root / "in"]), channel="cli", workers=workers
            )
            articles = db.session.execute(
                select(Article.slug, Article.title, Article.body).order_by(Article.id)
            ).all()
            db.session.remove()
            db.engine.dispose()
        lines = [(line.name, line.outcome, line.reason, line.article_slug) for line in report.lines]
        results.append((lines, articles))
    (inline_lines, inline_articles), (parallel_lines, parallel_articles) = results
    assert parallel_lines == inline_lines
    assert parallel_articles == inline_articles
    assert {line[1] for line in inline_lines} == set(ImportOutcome)
    assert len(inline_articles) == 42  # 40 stories, two in the zip; "again.md" a duplicate


QUOTED = [
    "The delegations signed eleven agreements on energy, customs and labour after four hours "
    "of talks in the capital.",
    "Officials said the new pipeline would carry gas to the northern provinces before the end "
    "of the coming winter.",
    "Both presidents promised to double the trade between their countries within the next "
    "five years, despite the sanctions.",
]


@pytest.mark.parametrize("same_chunk", [True, False])
def test_a_text_carrying_long_sentences_of_another_is_flagged_a_reprint(
    app: Flask, tmp_path: Path, same_chunk: bool
) -> None:
    original = f"# Talks in the capital\n\n{' '.join(QUOTED)}\n\n{STORY}\n"
    reprint = (
        "# Our view of the talks\n\nA commentary of our own opens this piece, and it is long "
        f"enough to be a paragraph of its own.\n\n{QUOTED[0]}\n\n{QUOTED[2]}\n\n"
        "And it closes with words of its own, which nobody else has written before today.\n"
    )
    once = f"# Once\n\nIt repeats one sentence only. {QUOTED[1]} Nothing else is shared.\n"
    if same_chunk:
        report = run(app, tmp_path / "in", {"a.md": original, "b.md": reprint, "c.md": once})
    else:
        run(app, tmp_path / "one", {"a.md": original})
        report = run(app, tmp_path / "two", {"b.md": reprint, "c.md": once})
    with app.app_context():
        by_slug = {
            a.slug: a
            for a in db.session.scalars(select(Article))
            if a.slug != "talks-in-the-capital"
        }
        flags = by_slug["our-view-of-the-talks"].provenance_flags
        reprints = [f for f in flags if f.flag == "reprint"]
        assert [f.rule for f in reprints] == ["shares 2 long sentences with talks-in-the-capital"]
        assert reprints[0].evidence in (QUOTED[0], QUOTED[2])
        assert not [f for f in by_slug["once"].provenance_flags if f.flag == "reprint"]
    assert {line.outcome for line in report.lines} == {ImportOutcome.CREATED}


def test_a_near_duplicate_is_not_also_flagged_a_reprint(app: Flask, tmp_path: Path) -> None:
    text = f"{' '.join(QUOTED)}\n\n{STORY}"
    run(app, tmp_path / "in", {"a.md": f"# A\n\n{text}\n", "b.md": f"# B\n\n{text} Updated.\n"})
    with app.app_context():
        flags = db.session.scalars(select(ProvenanceFlag).where(ProvenanceFlag.flag == "reprint"))
        assert flags.all() == []
        assert db.session.scalar(select(Suggestion.kind)) is SuggestionKind.DUPLICATE


def test_a_chunk_stores_suggestions_of_every_kind_together(app: Flask, tmp_path: Path) -> None:
    """Possible duplicates and dates seen only in a sentence, in either order, in one chunk's
    multi-row INSERT (whose rows must all name the same columns, or values go missing)."""
    dated = "The port reopened on 30 September 2014 after a long strike by the dockers."
    report = run(
        app,
        tmp_path / "in",
        {
            "a.md": f"# Harbour\n\n{dated}\n",
            "b.md": f"# Harbour\n\n{STORY}\n",
            "c.md": f"# Harbour\n\n{STORY.replace('dawn', 'dusk', 1)}\n",
            "d.md": f"# Port\n\n{dated} Ships waited outside for days.\n",
        },
    )
    assert [line.outcome for line in report.lines] == [ImportOutcome.CREATED] * 4
    with app.app_context():
        rows = db.session.execute(
            select(Article.slug, Suggestion.kind, Suggestion.field, Suggestion.target_article_id)
            .join(Suggestion, Suggestion.article_id == Article.id)
            .order_by(Article.id)
        ).all()
    ids = {line.article_slug: line.article_id for line in report.lines}
    assert ("harbour", SuggestionKind.FIELD, "date", None) in rows
    assert ("harbour-3", SuggestionKind.DUPLICATE, "", ids["harbour-2"]) in rows
    assert ("port", SuggestionKind.FIELD, "date", None) in rows
