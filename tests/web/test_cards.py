"""List cards as plain rows: paths built like url_for, and the same page whichever plan finds it."""

from __future__ import annotations

import pytest
from flask import Flask, url_for

from cms.extensions import db
from cms.models import ArticleStatus
from cms.public.paths import slug_path, slug_paths
from cms.queries import cards
from cms.queries.cards import published_cards
from cms.queries.filters import ArticleFilters
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


def _collection(app: Flask) -> None:
    """Nine articles: dated, partly dated, undated and same-day ones; every third one a
    draft. All are tagged "Topic" and mention "Someone", so either plan has work to do."""
    dates = ["2021-03-04", "2021-03-04", None, "2019", "2022-07", "2021-03-04", None, "2020-01-01"]
    with app.app_context():
        for n, date in enumerate([*dates, "2023-02-02"]):
            status = ArticleStatus.DRAFT if n % 3 == 2 else ArticleStatus.PUBLISHED
            article = make_article(f"Article {n}", tags=["Topic"], date=date, status=status)
            make_mention(article, "Someone")
        db.session.commit()


@pytest.mark.parametrize("filters", [ArticleFilters(tag="topic"), ArticleFilters(entity="someone")])
def test_tag_and_entity_pages_are_the_same_by_either_plan(
    app: Flask, filters: ArticleFilters, monkeypatch: pytest.MonkeyPatch
) -> None:
    _collection(app)
    with app.test_request_context("/"):
        everything = [c.slug for c in published_cards(ArticleFilters(), 1, 100).items]
        assert len(everything) == 6
        for limit in (0, 10_000):  # walk the list checking each, or sort the members
            monkeypatch.setattr(cards, "SORT_MEMBERS_AT_MOST", limit)
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
