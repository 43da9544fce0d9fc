"""List cards as plain rows: paths built like url_for, and the same page whichever plan finds it."""

from __future__ import annotations

import sqlite3

import pytest
from flask import Flask, url_for
from sqlalchemy import select, text

from cms.extensions import db
from cms.models import Article, ArticleStatus, OutletKind
from cms.pipeline.types import PartialDate
from cms.public.paths import slug_path, slug_paths, with_args
from cms.queries.articles import filtered, newest_first_order
from cms.queries.cards import cards_with_bodies, published_cards
from cms.queries.filters import ArticleFilters
from cms.services import articles, taxonomy
from tests.factories import make_article, make_mention

SLUGS = ["plain-slug", "with space", "ünïcode", "a/b", "100%", "q?x#y", "dot.tilde~", "semi;colon"]


@pytest.mark.parametrize("script_root", ["", "/sub"])
def test_slug_paths_are_what_url_for_builds(app: Flask, script_root: str) -> None:
    with app.test_request_context("/", base_url=f"http://localhost{script_root}/"):
        paths = slug_paths()
        for slug in SLUGS:
            assert paths.article(slug) == url_for("public.article", slug=slug)
            assert paths.tag(slug) == url_for("public.tag", slug=slug)
            assert paths.outlet(slug) == url_for("public.outlet", slug=slug)
            assert paths.entity(slug) == url_for("public.entity", slug=slug)
            assert slug_path("public.tag", slug) == url_for("public.tag", slug=slug)
        assert paths.article("x").startswith(f"{script_root}/articles/")
        for slug in SLUGS:
            listed = url_for("public.articles", entity=slug)
            both = url_for("public.articles", entity=slug, outlet=slug, year=2020)
            assert with_args(listed, outlet=slug, year=2020) == both
            assert with_args(url_for("public.articles"), tag=slug) == url_for(
                "public.articles", tag=slug
            )


def _collection(app: Flask) -> None:
    """Nine articles: dated, partly dated, undated and same-day ones; every third one a
    draft. All are tagged "Topic" and mention "Someone" (the first twice)."""
    dates = ["2021-03-04", "2021-03-04", None, "2019", "2022-07", "2021-03-04", None, "2020-01-01"]
    with app.app_context():
        for n, date in enumerate([*dates, "2023-02-02"]):
            status = ArticleStatus.DRAFT if n % 3 == 2 else ArticleStatus.PUBLISHED
            article = make_article(f"Article {n}", tags=["Topic"], date=date, status=status)
            make_mention(article, "Someone")
            if n == 0:
                make_mention(article, "Someone")
        db.session.commit()


@pytest.mark.parametrize("filters", [ArticleFilters(tag="topic"), ArticleFilters(entity="someone")])
def test_tag_and_entity_pages_are_the_list_in_its_order(
    app: Flask, filters: ArticleFilters
) -> None:
    """A tag's and an entity's articles walked from their own index: the whole list's order
    (undated last, ties by id), drafts left out, an article mentioned twice listed once."""
    _collection(app)
    with app.test_request_context("/"):
        everything = [c.slug for c in published_cards(ArticleFilters(), 1, 100).items]
        assert len(everything) == 6
        pages = [published_cards(filters, n, 4) for n in (1, 2)]
        assert [c.slug for p in pages for c in p.items] == everything
        assert [p.total for p in pages] == [6, 6]


def test_a_card_has_what_the_list_shows(app: Flask) -> None:
    with app.app_context():
        make_article("Shown", tags=["Beta", "alpha"], outlet="Some Outlet", summary="In short.")
        db.session.commit()
    with app.test_request_context("/"):
        [card] = published_cards().items
    assert (card.title, card.summary, card.outlet.name) == ("Shown", "In short.", "Some Outlet")
    assert [t.name for t in card.tags] == ["Beta", "alpha"]  # by name, as Article.tags
    assert card.published_date.isoformat() == "2023-05-17"


def test_every_filter_lists_what_filtered_selects(app: Flask) -> None:
    """The card query is built once per combination of filters; it must select what
    ``articles.filtered`` (which counts the total) selects, in list order."""
    with app.app_context():
        for n in range(12):
            article = make_article(
                f"Story {n}",
                outlet=f"Outlet {n % 3}",
                outlet_kind=list(OutletKind)[n % 3],
                tags=[f"Topic {n % 2}"],
                date=[f"202{n % 4}-0{1 + n % 9}-1{n % 7}", None, f"202{n % 3}"][n % 3],
                status=ArticleStatus.DRAFT if n == 5 else ArticleStatus.PUBLISHED,
            )
            make_mention(article, f"Person {n % 2}")
        db.session.commit()
    combos = [
        {"outlet": "outlet-1"},
        {"outlet_kind": list(OutletKind)[2].value},
        {"tag": "topic-0", "year": "2022"},
        {"entity": "person-1", "from": "2020-03-01"},
        {"to": "2021-12-31", "outlet": "outlet-0"},
        {"tag": "topic-1", "entity": "person-1", "from": "2020-01-01", "to": "2022-12-31"},
    ]
    with app.test_request_context("/"):
        for args in combos:
            filters = ArticleFilters.from_args(args)
            expected = db.session.scalars(
                newest_first_order(filtered(select(Article.id), filters))
            ).all()
            assert expected, args
            assert [c.id for c in published_cards(filters, 1, 100).items] == expected, args


def _copied_dates(app: Flask) -> set[tuple[str, str, str | None, str | None]]:
    """(table, title, date copied into the table, the article's own date) per tag given and
    per mention made."""
    with app.app_context():
        rows = db.session.execute(
            text(
                "SELECT 'tag', articles.title, article_tags.published_on, articles.published_on"
                " FROM article_tags JOIN articles ON articles.id = article_tags.article_id"
                " UNION ALL SELECT 'mention', articles.title, mentions.published_on,"
                " articles.published_on"
                " FROM mentions JOIN articles ON articles.id = mentions.article_id"
            )
        )
        return {tuple(row) for row in rows}


def test_tags_and_mentions_copy_of_the_date_follows_the_article(app: Flask) -> None:
    """``article_tags.published_on`` and ``mentions.published_on`` (the tag's and entity's
    list order) are the article's date: when a tag is given or a mention made, when the date
    changes or goes, whoever writes (here a plain connection too)."""
    with app.app_context():
        moved = make_article("Moved", tags=["Topic"], date="2021-03-04")
        make_mention(moved, "Someone")
        undated = make_article("Undated", tags=["Topic", "Other"], date=None)
        make_mention(undated, "Someone")
        db.session.commit()
        articles.set_published_date(moved, PartialDate.parse("2019-07"))
        moved.tags = taxonomy.tags_named(["Topic", "Later"])
        db.session.commit()
        make_mention(moved, "Someone else")
        db.session.commit()
    moved_at, undated_at = ("Moved", "2019-07-01", "2019-07-01"), ("Undated", None, None)
    assert _copied_dates(app) == {
        (table, *dates) for table in ("tag", "mention") for dates in (moved_at, undated_at)
    }
    with sqlite3.connect(app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")) as other:
        other.execute(
            "UPDATE articles SET published_on = '2000-01-01', date_precision = 'day'"
            " WHERE title = 'Undated'"
        )
        other.execute(
            "UPDATE articles SET published_on = NULL, date_precision = NULL WHERE title = 'Moved'"
        )
    moved_at, undated_at = ("Moved", None, None), ("Undated", "2000-01-01", "2000-01-01")
    assert _copied_dates(app) == {
        (table, *dates) for table in ("tag", "mention") for dates in (moved_at, undated_at)
    }
    with app.test_request_context("/"):
        for filters in (ArticleFilters(tag="topic"), ArticleFilters(entity="someone")):
            listed = published_cards(filters).items
            assert [card.title for card in listed] == ["Undated", "Moved"]  # undated last


def test_search_cards_give_only_published_articles(app: Flask) -> None:
    with app.app_context():
        published = make_article("Out", body="The text.")
        drafts = [
            make_article(f"Not yet {s.value}", status=s)
            for s in ArticleStatus
            if s != ArticleStatus.PUBLISHED
        ]
        found = cards_with_bodies([*(d.id for d in drafts), published.id])
        assert [(card.title, body) for card, body in found] == [("Out", "The text.")]
