"""The write helper: the lock only while writing, stale reads caught, nothing half-written."""

from __future__ import annotations

import sqlite3

import pytest
from flask import Flask
from sqlalchemy import select, text
from sqlalchemy.orm.exc import StaleDataError

from cms.extensions import db
from cms.models import Article, Tag
from cms.services import taxonomy
from cms.services.transaction import write


def _other(app: Flask) -> sqlite3.Connection:
    return sqlite3.connect(db.engine.url.database, timeout=0, isolation_level=None)


def _lock_is_free(app: Flask) -> bool:
    other = _other(app)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        other.close()


def test_the_lock_is_held_inside_the_block_only(app: Flask, app_context: None) -> None:
    db.session.scalar(select(Tag.id).limit(1))  # a read transaction takes no lock
    assert _lock_is_free(app)
    with write():
        assert not _lock_is_free(app)
        taxonomy.get_or_create_tag("Inside")
    assert _lock_is_free(app)
    assert db.session.scalar(select(Tag.name).where(Tag.name == "Inside")) == "Inside"


def test_a_failed_block_writes_nothing(app: Flask, app_context: None) -> None:
    with pytest.raises(RuntimeError), write():
        taxonomy.get_or_create_tag("Half")
        raise RuntimeError("refused half-way")
    assert _lock_is_free(app)
    assert db.session.scalar(select(Tag.id).where(Tag.name == "Half")) is None


def test_nested_blocks_join_the_outer_one(app: Flask, app_context: None) -> None:
    with write():
        with write():
            taxonomy.get_or_create_tag("Inner")
        assert not _lock_is_free(app)  # the inner block did not commit the outer one
    assert _lock_is_free(app)


def test_a_read_overtaken_by_another_writer_still_writes(app: Flask, app_context: None) -> None:
    """A deferred transaction whose snapshot is stale cannot upgrade; ``write`` starts afresh."""
    db.session.scalar(select(Tag.id).limit(1))  # snapshot taken
    other = _other(app)
    other.execute(
        "INSERT INTO tags (name, name_key, slug, description, facet) VALUES ('B','b','b','','')"
    )
    other.close()
    with write():
        taxonomy.get_or_create_tag("After")
    names = set(db.session.scalars(select(Tag.name)))
    assert {"B", "After"} <= names


def test_a_stale_article_is_refused_not_overwritten(seeded: Flask) -> None:
    with seeded.app_context():
        article = db.session.scalars(select(Article).order_by(Article.id)).first()
        article.title = "Mine"  # changed in memory, from a read before the lock
        other = _other(seeded)
        other.execute(
            "UPDATE articles SET title = 'Theirs', version = version + 1 WHERE id = ?",
            (article.id,),
        )
        other.close()
        with pytest.raises(StaleDataError), write():
            pass
        db.session.rollback()
        title = db.session.execute(
            text("SELECT title FROM articles WHERE id = :id"), {"id": article.id}
        ).scalar()
        assert title == "Theirs"
