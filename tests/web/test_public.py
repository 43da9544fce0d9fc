"""Public pages through the test client: published articles only, full article pages."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from cms.extensions import db
from cms.models import Article, ArticleStatus


def _slug(app: Flask, title_start: str) -> str:
    with app.app_context():
        return db.session.scalar(select(Article.slug).where(Article.title.startswith(title_start)))


def test_home_lists_the_collection_newest_first(seeded: Flask, client: FlaskClient) -> None:
    html = client.get("/").text
    newest_first = [
        "Putin in Kazakhstan: The West",  # November 2024
        "Putin visits Kazakhstan, part of",  # 9 November 2023
        "Central Asia Now",  # November 2023: a month sorts as its first day
        "Putin Visits Kazakhstan After",  # 30 September 2014
        "Window on Eurasia: Nazarbayev",  # 31 August 2014
    ]
    positions = [html.index(title) for title in newest_first]
    assert positions == sorted(positions)


def test_article_page_shows_everything_a_reader_needs(seeded: Flask, client: FlaskClient) -> None:
    response = client.get(f"/articles/{_slug(seeded, 'Putin Visits Kazakhstan After')}")
    assert response.status_code == 200
    html = response.text
    assert "<h1>Putin Visits Kazakhstan After Remarks Cause Alarm</h1>" in html
    assert "The Moscow Times" in html and "newspaper" in html
    assert '<time datetime="2014-09-30">30 September 2014</time>' in html
    assert 'href="https://www.themoscowtimes.com/2014/09/30/' in html
    assert "Summary" in html and "thousand threads" in html
    assert "Kazakh sovereignty" in html
    assert "Original url" not in html
    # The cross-link, seen from this end, and its relation.
    assert "This article <strong>follows up</strong> <a" in html
    assert "Window on Eurasia: Nazarbayev" in html


def test_links_show_from_both_ends(seeded: Flask, client: FlaskClient) -> None:
    html = client.get(f"/articles/{_slug(seeded, 'Window on Eurasia')}").text
    assert "<strong>follows up</strong> this article." in html
    assert "Putin Visits Kazakhstan After Remarks" in html


def test_month_precision_date_is_shown_as_a_month(seeded: Flask, client: FlaskClient) -> None:
    html = client.get(f"/articles/{_slug(seeded, 'Putin in Kazakhstan')}").text
    assert '<time datetime="2024-11">November 2024</time>' in html
    assert "RT" in html and "state media" in html


def test_excerpt_is_labelled(seeded: Flask, client: FlaskClient) -> None:
    html = client.get(f"/articles/{_slug(seeded, 'Central Asia Now')}").text
    assert "This is an excerpt" in html
    assert "Subscribe now" not in html


@pytest.mark.parametrize("url", ["/tags/", "/outlets/", "/articles/", "/healthz"])
def test_index_pages_answer(seeded: Flask, client: FlaskClient, url: str) -> None:
    assert client.get(url).status_code == 200


def test_tag_and_outlet_pages_list_their_articles(seeded: Flask, client: FlaskClient) -> None:
    html = client.get("/tags/csto").text
    assert "Putin in Kazakhstan: The West" in html and "Window on Eurasia" not in html
    html = client.get("/outlets/window-on-eurasia").text
    assert "Paul Goble" in html and "Nazarbayev Says Kazakhstan" in html
    assert "Putin in Kazakhstan: The West" not in html
    html = client.get("/articles/?outlet=rt").text
    assert "<h1>RT · 1 article</h1>" in html
    html = client.get("/articles/?year=2014").text
    assert "<h1>2014 · 2 articles</h1>" in html
    assert "Window on Eurasia" in html and "Central Asia" not in html
    html = client.get("/articles/?year=2023&tag=western-influence").text
    assert "1 article</h1>" in html and "Central Asia Now" in html


def test_drafts_are_not_public(seeded: Flask, client: FlaskClient) -> None:
    slug = _slug(seeded, "Central Asia Now")
    with seeded.app_context():
        article = db.session.scalar(select(Article).where(Article.slug == slug))
        article.status = ArticleStatus.DRAFT
        db.session.commit()
    assert client.get(f"/articles/{slug}").status_code == 404
    assert "Central Asia Now" not in client.get("/").text
    # Nor is it shown as a link from the article it was linked to.
    other = _slug(seeded, "Putin visits Kazakhstan, part of")
    assert "Central Asia Now" not in client.get(f"/articles/{other}").text


@pytest.mark.parametrize(
    "url", ["/articles/nope", "/tags/nope", "/outlets/nope", "/articles/?tag=nope"]
)
def test_unknown_things_are_404_with_a_helpful_page(seeded: Flask, client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in response.text


def test_markup_in_an_article_body_is_not_executed(seeded: Flask, client: FlaskClient) -> None:
    slug = _slug(seeded, "Central Asia Now")
    with seeded.app_context():
        article = db.session.scalar(select(Article).where(Article.slug == slug))
        article.body = "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=1>"
        db.session.commit()
    html = client.get(f"/articles/{slug}").text
    assert "<script>alert(1)" not in html
    assert 'href="javascript:' not in html
    assert "<img" not in html and "onerror=1>" not in html


def test_public_pages_have_no_inline_script_or_style(seeded: Flask, client: FlaskClient) -> None:
    for url in ["/", f"/articles/{_slug(seeded, 'Window')}", "/tags/", "/outlets/", "/login"]:
        html = client.get(url).text
        assert "<script" not in html and "style=" not in html and "<style" not in html, url
        # Every stylesheet, script and icon is served by this site: no CDN, no other origin.
        assets = re.findall(r'<(?:link|script|img)[^>]*(?:href|src)="([^"]*)"', html)
        assert assets and all(a.startswith("/") and not a.startswith("//") for a in assets), url


@pytest.mark.parametrize("url", ["/", "/login", "/articles/nope"])
def test_public_responses_carry_a_strict_policy(seeded: Flask, client, url: str) -> None:
    headers = client.get(url).headers
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize(
    ("query", "status"),
    [("page=2", 404), ("page=99999999999999999999", 404), ("page=-1", 200), ("page=abc", 200)],
)
def test_odd_page_numbers(seeded: Flask, client: FlaskClient, query: str, status: int) -> None:
    assert client.get(f"/?{query}").status_code == status
    assert client.get(f"/articles/?{query}").status_code == status


def test_the_pager_carries_only_the_listing_filters(seeded: Flask, client: FlaskClient) -> None:
    seeded.config["ARTICLES_PER_PAGE"] = 2
    html = client.get("/articles/?tag=state-visits&_method=POST&_external=1&slug=x").text
    assert 'href="/articles/?page=2&amp;tag=state-visits"' in html
    html = client.get("/tags/state-visits?page=2&slug=csto").text
    assert 'href="/tags/state-visits?page=1"' in html and "Page 2 of 2" in html
    assert ">← Newer</a>" in html  # lists run newest first
