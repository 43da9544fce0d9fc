"""No page's number of SQL queries grows with its page size, its content or the collection."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from cms.extensions import db
from cms.models import Relation
from cms.services import taxonomy
from tests.factories import make_article, make_link, make_mention

LIST_PAGES = [
    "/",
    "/articles/",
    "/articles/?outlet=outlet-1&tag=topic-1&year=2021",
    "/tags/",
    "/tags/topic-1",
    "/outlets/",
    "/outlets/outlet-1",
    "/entities/",
    "/entities/person-1",
    "/articles/?entity=person-1",
    "/search?q=article",
    "/search?q=articles&tag=topic-1&year=2021",
]


def _add_articles(app: Flask, start: int, count: int) -> None:
    """Articles spread over outlets, tags and years; the first four match every filter above."""
    with app.app_context():
        for n in range(start, start + count):
            article = make_article(
                f"Article {n}",
                outlet=f"Outlet {n % 3}",
                tags=[f"Topic {n % 2}", f"Topic {n % 4}"],
                date=f"{2020 + n % 4}-0{1 + n % 9}-1{n % 10}",
            )
            make_mention(article, f"Person {n % 2}")
            make_mention(article, f"Place {n % 3}")


def _counts(client: FlaskClient, count_queries, urls: list[str]) -> dict[str, int]:
    counts = {}
    for url in urls:
        with count_queries() as statements:
            assert client.get(url).status_code == 200, url
        counts[url] = len(statements)
    return counts


def test_list_pages_cost_the_same_at_any_page_size_and_collection_size(
    app: Flask, client: FlaskClient, count_queries
) -> None:
    _add_articles(app, 0, 4)
    app.config["ARTICLES_PER_PAGE"] = 2
    small = _counts(client, count_queries, LIST_PAGES)
    _add_articles(app, 4, 20)
    app.config["ARTICLES_PER_PAGE"] = 10
    large = _counts(client, count_queries, LIST_PAGES)
    assert large == small


def test_the_article_page_costs_the_same_with_more_links_and_tags(
    app: Flask, client: FlaskClient, count_queries
) -> None:
    with app.app_context():
        article = make_article("Hub", tags=["One"])
        others = [make_article(f"Other {n}", outlet=f"Outlet {n}") for n in range(4)]
        make_link(article, others[0], Relation.FOLLOWS_UP)
        make_link(others[1], article, Relation.CITES)
        make_mention(article, "First Person")
        url = f"/articles/{article.slug}"
    before = _counts(client, count_queries, [url])
    with app.app_context():
        article = db.session.merge(article)
        others = [db.session.merge(o) for o in others]
        make_link(article, others[2], Relation.RELATED)
        make_link(others[3], article, Relation.RESPONDS_TO)
        article.tags = article.tags + taxonomy.tags_named(["Two", "Three"])
        db.session.commit()
        make_mention(article, "Second Person")
        make_mention(article, "Third Place")
    after = _counts(client, count_queries, [url])
    assert "Other 3" in client.get(url).text
    assert after == before
