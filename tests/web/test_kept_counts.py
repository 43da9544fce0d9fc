"""Whole-collection counts are kept per worker until any writer changes the data."""

from __future__ import annotations

import sqlite3

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text

from cms.extensions import db
from cms.queries.versioned import WATCHED_TABLES
from tests.factories import make_article


def _database(app: Flask) -> str:
    return app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")


def test_every_write_to_a_watched_table_has_a_trigger(app: Flask) -> None:
    with app.app_context():
        names = set(
            db.session.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
        )
    expected = {
        f"data_version_{t}_{e}" for t in WATCHED_TABLES for e in ("insert", "update", "delete")
    }
    assert expected <= names


def test_a_kept_count_is_reused_until_another_process_writes(
    app: Flask, client: FlaskClient, count_queries
) -> None:
    with app.app_context():
        make_article("First", outlet="AP", tags=["Trade"], date="2023-11-09")
    with count_queries() as first:
        assert 'Trade <span class="count">1</span>' in client.get("/").text
    with count_queries() as second:
        client.get("/")
    assert len(second) < len(first)

    # Another worker or a script, outside this app: only the triggers can tell.
    with sqlite3.connect(_database(app)) as other:
        other.execute("DELETE FROM article_tags")
    assert 'Trade <span class="count">' not in client.get("/").text
    with app.app_context():
        make_article("Second", outlet="AP", tags=["Trade"], date="2024-01-02")
    home = client.get("/").text
    assert 'Trade <span class="count">1</span>' in home and "2024" in home


def test_list_totals_follow_status_changes(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        for n in range(3):
            make_article(f"Piece {n}", outlet="AP", date="2023-11-09")
    assert "All 3 articles" in client.get("/articles/").text
    with sqlite3.connect(_database(app)) as other:
        other.execute("UPDATE articles SET status = 'draft' WHERE title = 'Piece 1'")
    assert "All 2 articles" in client.get("/articles/").text


def test_a_database_without_the_version_row_keeps_nothing(app: Flask, client) -> None:
    with app.app_context():
        make_article("First", outlet="AP", tags=["Trade"])
    with sqlite3.connect(_database(app)) as other:
        other.execute("DELETE FROM data_version")
    assert "All 1 article" in client.get("/articles/").text
    with app.app_context():
        make_article("Second", outlet="AP", tags=["Trade"])
    assert "All 2 articles" in client.get("/articles/").text
