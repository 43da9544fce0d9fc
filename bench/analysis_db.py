"""A throwaway database for the suggestion benchmarks: the real app, migrations and services.

Articles are inserted in bulk (the import path is measured elsewhere); the analysis then runs
exactly as ``flask analyse`` runs it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import flask_migrate
from flask import Flask
from sqlalchemy import insert, select

from cms import create_app
from cms.extensions import db
from cms.models import Article, TextSketch
from cms.pipeline.fingerprint import sketch_values
from cms.pipeline.types import DatePrecision
from cms.services import analysis
from cms.services.transaction import write

CHUNK = 500


@dataclass(frozen=True)
class Row:
    title: str
    body: str
    published: dt.date | None


@contextmanager
def fresh_app(folder: Path) -> Iterator[Flask]:
    """An app on a new, migrated SQLite file in ``folder``, inside its app context."""
    folder.mkdir(parents=True, exist_ok=True)
    database = folder / "bench.sqlite3"
    for old in folder.glob("bench.sqlite3*"):
        old.unlink()
    app = create_app(
        {"INSTANCE_PATH": str(folder), "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"}
    )
    with app.app_context():
        flask_migrate.upgrade()
        yield app
        db.session.remove()
        db.engine.dispose()


def insert_articles(rows: Iterable[Row]) -> list[int]:
    """Insert drafts in bulk; their ids in order."""
    values = []
    for n, row in enumerate(rows):
        values.append(
            {
                "slug": f"a{n}",
                "title": row.title,
                "body": row.body,
                "raw": "",
                "content_hash": hashlib.sha256(f"{n}\n{row.body}".encode()).hexdigest(),
                "published_on": row.published,
                "date_precision": DatePrecision.DAY if row.published else None,
            }
        )
    with write():
        for start in range(0, len(values), CHUNK):
            db.session.execute(insert(Article), values[start : start + CHUNK])
    ids = list(db.session.scalars(select(Article.id).order_by(Article.id)))
    # Each text's sketch, as an import keeps it: what confirms a near-duplicate.
    with write():
        for start in range(0, len(ids), CHUNK):
            sketches = [
                {"article_id": id_, "value": value}
                for id_, row in zip(
                    ids[start : start + CHUNK], values[start : start + CHUNK], strict=True
                )
                for value in sketch_values(row["body"], None)
            ]
            db.session.execute(insert(TextSketch), sketches)
    return ids


def analyse_all(ids: list[int], known: analysis.Vocabulary, suggest: bool = True) -> None:
    """``flask analyse``'s three passes, a chunk per transaction."""
    steps = [analysis.index_articles, lambda chunk: analysis.profile_articles(chunk, known)]
    if suggest:
        steps.append(lambda chunk: analysis.suggest_articles(chunk, known))
    for step in steps:
        for start in range(0, len(ids), CHUNK):
            with write():
                step(ids[start : start + CHUNK])
            db.session.expunge_all()
