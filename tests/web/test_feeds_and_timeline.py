"""Atom feed, sitemap, robots.txt, the timeline, and 304s for repeat visits."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from flask import Flask
from flask.testing import FlaskClient

from cms.models import ArticleStatus
from tests.factories import make_article

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _collection(app: Flask) -> None:
    with app.app_context():
        make_article("Old wire", outlet="AP", tags=["Trade"], date="2014-08-31")
        make_article("New wire", outlet="AP", date="2024-11-27", summary="The newest one.")
        make_article("Paper piece", outlet="Daily", tags=["Trade"], date="2023-11")
        make_article("Year only", outlet="Daily", date="2023")
        for status in (ArticleStatus.DRAFT, ArticleStatus.IN_REVIEW, ArticleStatus.ARCHIVED):
            make_article(
                f"Hidden {status.value}", outlet="Secret", tags=["Hush"], date="2024", status=status
            )


def _entries(client: FlaskClient, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.data)
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}id") is not None and feed.find(f"{ATOM}updated") is not None
    return [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]


def test_the_feed_is_atom_with_the_newest_published_first(app: Flask, client) -> None:
    _collection(app)
    assert _entries(client, "/feed.atom") == ["New wire", "Paper piece", "Year only", "Old wire"]
    assert _entries(client, "/feed.atom?tag=trade") == ["Paper piece", "Old wire"]
    assert _entries(client, "/feed.atom?outlet=ap") == ["New wire", "Old wire"]
    assert _entries(client, "/feed.atom?tag=hush") == []
    assert client.get("/feed.atom?year=abc").status_code == 400
    assert client.get("/feed.atom?outlet=nope").status_code == 404


def test_tag_and_outlet_pages_point_to_their_feeds(seeded: Flask, client: FlaskClient) -> None:
    assert 'type="application/atom+xml" title="Newest: CSTO" href="/feed.atom?tag=csto"' in (
        client.get("/tags/csto").text
    )
    assert 'href="/feed.atom?outlet=rt"' in client.get("/outlets/rt").text


def test_the_sitemap_lists_published_pages_only(app: Flask, client: FlaskClient) -> None:
    _collection(app)
    index = ET.fromstring(client.get("/sitemap.xml").data)
    files = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    assert files == [
        "http://localhost/sitemap-pages.xml",
        "http://localhost/sitemap-articles-1.xml",
    ]
    urls = []
    for url in files:
        urlset = ET.fromstring(client.get(url.removeprefix("http://localhost")).data)
        assert urlset.tag == f"{SITEMAP}urlset"
        urls += [loc.text for loc in urlset.iter(f"{SITEMAP}loc")]
    assert "http://localhost/articles/new-wire" in urls
    assert "http://localhost/tags/trade" in urls and "http://localhost/outlets/daily" in urls
    assert not [u for u in urls if "hidden" in u or "secret" in u or "hush" in u]
    assert client.get("/sitemap-articles-2.xml").status_code == 404


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_admin(client) -> None:
    text = client.get("/robots.txt").text
    assert "Disallow: /admin/" in text and "Sitemap: http://localhost/sitemap.xml" in text


def test_the_timeline_draws_and_tabulates_published_articles(app: Flask, client) -> None:
    _collection(app)
    html = client.get("/timeline").text
    assert '<svg class="chart"' in html and "<table" in html
    assert (
        'href="/articles/?from=2023-11-01&amp;to=2023-11-30" aria-label="November 2023: 1 article"'
        in html
    )
    assert 'href="/articles/?outlet=ap&amp;year=2014" aria-label="AP, 2014: 1 article"' in html
    assert "Secret" not in html and "Hidden" not in html
    # "Year only" is counted in 2023 but in no month.
    assert 'href="/articles/?year=2023">2<span class="visually-hidden"> in 2023' in html
    assert 'aria-label="January 2023' not in html
    home = client.get("/").text
    assert 'aria-label="2024: 1 article"' in home and 'href="/timeline"' in home


def test_an_empty_collection_has_an_empty_timeline(client: FlaskClient) -> None:
    assert "No dated article has been published yet." in client.get("/timeline").text


@pytest.mark.parametrize(
    "url", ["/", "/articles/?year=2014", "/tags/csto", "/timeline", "/feed.atom", "/sitemap.xml"]
)
def test_a_repeat_visit_is_a_304(seeded: Flask, client: FlaskClient, url: str) -> None:
    first = client.get(url)
    assert first.status_code == 200 and first.headers["ETag"]
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    stale = client.get(url, headers={"If-None-Match": '"something-else"'})
    assert stale.status_code == 200
