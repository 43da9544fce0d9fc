"""No draft, in-review or archived article leaks through any page, count, feed, sitemap or API."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from cms.extensions import db
from cms.models import ArticleStatus, Relation
from tests.factories import make_article, make_link, make_mention

HIDDEN = [ArticleStatus.DRAFT, ArticleStatus.IN_REVIEW, ArticleStatus.ARCHIVED]
URLS = [
    "/",
    "/articles/",
    "/articles/?year=2024",
    "/articles/the-public-one",
    "/tags/",
    "/tags/shared",
    "/outlets/",
    "/outlets/open-outlet",
    "/entities/",
    "/entities/shared-person",
    "/search?q=zebra",
    "/search?q=zebra&tag=shared",
    "/timeline",
    "/feed.atom",
    "/feed.atom?tag=shared",
    "/sitemap.xml",
    "/sitemap-pages.xml",
    "/sitemap-articles-1.xml",
    "/api/v1/articles",
    "/api/v1/articles/the-public-one",
    "/api/v1/tags",
    "/api/v1/outlets",
    "/api/v1/entities",
    "/api/v1/search?q=zebra",
]


@pytest.mark.parametrize("status", HIDDEN)
def test_nothing_unpublished_shows_anywhere(app: Flask, client: FlaskClient, status) -> None:
    with app.app_context():
        public = make_article(
            "The public one",
            outlet="Open Outlet",
            tags=["Shared"],
            date="2024-03-01",
            body="A zebra crossed.",
        )
        hidden = make_article(
            "Secretive zebra",
            outlet="Covert Outlet",
            tags=["Shared", "Covert tag"],
            date="2019-06-01",
            body="A zebra story nobody may read.",
            status=status,
        )
        make_link(hidden, public, Relation.CITES)
        make_link(public, hidden, Relation.RELATED)
        make_mention(public, "Shared Person")
        make_mention(hidden, "Shared Person")
        make_mention(hidden, "Covert Person")
        db.session.commit()
    for url in URLS:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.get_data(as_text=True)
        for secret in ("Secretive", "secretive-zebra", "Covert", "covert", "2019"):
            assert secret not in text, (url, secret)
    # Counts: the tag, the outlet list and the entity count only the published article.
    assert "Shared (1)" in client.get("/articles/").text
    assert "in 1 article" in client.get("/entities/").text
    assert client.get("/api/v1/tags").get_json()["items"][0]["articles"] == 1
    assert client.get("/articles/secretive-zebra").status_code == 404
    assert client.get("/api/v1/articles/secretive-zebra").status_code == 404
