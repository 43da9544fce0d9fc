"""Seeding through the real import path: the five articles, curated, published; idempotent."""

from __future__ import annotations

import datetime as dt

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import select

from cms.extensions import db
from cms.models import Article, ArticleStatus, Base, ImportBatch, Link, Relation
from cms.pipeline.types import DatePrecision
from tests.conftest import SEED_DIR

# file, title, outlet, date, precision, authors, tags it must carry
SEEDS = [
    (
        "000_b020c0fcd00a414b.txt",
        "Putin Visits Kazakhstan After Remarks Cause Alarm",
        "The Moscow Times",
        dt.date(2014, 9, 30),
        DatePrecision.DAY,
        "",
        "Kazakh sovereignty",
    ),
    (
        "001_614c04a5f267a7c2.txt",
        "Window on Eurasia: Nazarbayev Says Kazakhstan Could Leave Putin’s Eurasian Union",
        "Window on Eurasia",
        dt.date(2014, 8, 31),
        DatePrecision.DAY,
        "Paul Goble",
        "Eurasian Economic Union",
    ),
    (
        "002_be3c9239acb006a7.txt",
        "Putin in Kazakhstan: The West’s attempts to drive a wedge between allies have failed",
        "RT",
        dt.date(2024, 11, 1),
        DatePrecision.MONTH,
        "",
        "CSTO",
    ),
    (
        "003_dbfe13b045685826.txt",
        "Putin visits Kazakhstan, part of his efforts to cement ties with ex-Soviet neighbors",
        "Associated Press",
        dt.date(2023, 11, 9),
        DatePrecision.DAY,
        "",
        "State visits",
    ),
    (
        "004_2092471ce9592bb4.txt",
        "Central Asia Now – Putin’s visit Kazakhstan",
        "Eurasia News",
        dt.date(2023, 11, 1),
        DatePrecision.MONTH,
        "",
        "Western influence",
    ),
]


def _article_from(filename: str) -> Article:
    return db.session.scalar(
        select(Article).where(Article.import_items.any(filename=f"seed/{filename}"))
    )


@pytest.mark.parametrize(
    ("filename", "title", "outlet", "date", "precision", "authors", "tag"), SEEDS
)
def test_each_seed_article_is_curated_and_published(
    seeded: Flask, filename, title, outlet, date, precision, authors, tag
) -> None:
    with seeded.app_context():
        article = _article_from(filename)
        assert article is not None, f"{filename} was not imported"
        assert article.title == title
        assert article.outlet is not None and article.outlet.name == outlet
        assert (article.published_on, article.date_precision) == (date, precision)
        assert article.authors == authors
        assert tag in [t.name for t in article.tags]
        assert article.status is ArticleStatus.PUBLISHED
        assert article.published_at is not None
        assert article.summary_by_editor
        assert 2 <= article.summary.count(". ") + 1 <= 4, article.summary


def test_seed_links_the_2014_pair_and_the_2023_pair(seeded: Flask) -> None:
    with seeded.app_context():
        pairs = {
            (
                link.source.import_items[0].filename,
                link.target.import_items[0].filename,
                link.relation,
            )
            for link in db.session.scalars(select(Link))
        }
    assert (
        "seed/000_b020c0fcd00a414b.txt",
        "seed/001_614c04a5f267a7c2.txt",
        Relation.FOLLOWS_UP,
    ) in pairs
    assert (
        "seed/004_2092471ce9592bb4.txt",
        "seed/003_dbfe13b045685826.txt",
        Relation.SAME_EVENT,
    ) in pairs


def _snapshot() -> dict[str, list[tuple]]:
    """Every row of every table, to prove a second seed run changes nothing."""
    with db.engine.connect() as connection:
        return {
            table.name: sorted(map(tuple, connection.execute(table.select())), key=repr)
            for table in Base.metadata.sorted_tables
        }


def test_second_seed_changes_nothing(seeded: Flask, runner: FlaskCliRunner) -> None:
    with seeded.app_context():
        before = _snapshot()
    result = runner.invoke(args=["seed", str(SEED_DIR)])
    assert result.exit_code == 0, result.output
    assert "Nothing to do" in result.output
    with seeded.app_context():
        assert _snapshot() == before
        assert db.session.scalar(select(db.func.count(ImportBatch.id))) == 1


def test_seed_if_empty_skips_a_database_with_articles(seeded: Flask, runner) -> None:
    result = runner.invoke(args=["seed", "--if-empty"])
    assert result.exit_code == 0
    assert "not seeding" in result.output


def test_seed_does_not_overwrite_an_editors_outlet_profile(seeded: Flask, runner) -> None:
    with seeded.app_context():
        outlet = _article_from("002_be3c9239acb006a7.txt").outlet
        outlet.description = "Edited by an editor."
        db.session.commit()
    runner.invoke(args=["seed", str(SEED_DIR)])
    with seeded.app_context():
        assert (
            _article_from("002_be3c9239acb006a7.txt").outlet.description == "Edited by an editor."
        )


def test_curation_naming_a_missing_file_fails_before_writing(app: Flask, runner, tmp_path) -> None:
    folder = tmp_path / "seed"
    folder.mkdir()
    (folder / "a.txt").write_text("A title\n\nSome text of the article.\n")
    (folder / "curation.toml").write_text('[articles."missing.txt"]\nkind = "news"\n')
    result = runner.invoke(args=["seed", str(folder)])
    assert result.exit_code != 0
    assert "missing.txt" in result.output
    with app.app_context():
        assert db.session.scalar(select(db.func.count(Article.id))) == 0


def test_seed_after_an_editor_renames_a_tag_and_an_outlet_changes_nothing(
    seeded: Flask, runner: FlaskCliRunner
) -> None:
    from cms.models import Outlet, Tag
    from cms.services import taxonomy

    with seeded.app_context():
        tag = taxonomy.find_tag("State visits")
        tag.name = "Visits by Putin"
        taxonomy.save_tag(tag)
        outlet = taxonomy.find_outlet("RT")
        outlet.name = "RT (Russia Today)"
        taxonomy.save_outlet(outlet)
        db.session.commit()
        before = _snapshot()
    result = runner.invoke(args=["seed", str(SEED_DIR)])
    assert result.exit_code == 0, result.output
    with seeded.app_context():
        assert _snapshot() == before
        assert db.session.scalar(select(db.func.count(Tag.id))) == 8
        assert db.session.scalar(select(db.func.count(Outlet.id))) == 5
