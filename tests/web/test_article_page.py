"""The article page tells readers how far to trust its date and what kind of text it is."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from cms.extensions import db
from cms.models import Article, ArticleKind, Entity, EntityKind, Origin, Relation, TextKind
from tests.factories import make_article, make_link, make_mention


def _slug(app: Flask, title_start: str) -> str:
    with app.app_context():
        return db.session.scalar(select(Article.slug).where(Article.title.startswith(title_start)))


@pytest.mark.parametrize(
    ("title", "date_words"),
    [
        (
            "Putin in Kazakhstan",
            'November 2024</time> <span class="date-note">· dated by the editors from the text',
        ),
        (
            "Central Asia Now",
            'November 2023</time> <span class="date-note">· dated by the editors from the text',
        ),
        ("Putin Visits Kazakhstan After", "30 September 2014</time></dd>"),
    ],
)
def test_dates_say_who_placed_them(
    seeded: Flask, client: FlaskClient, title: str, date_words: str
) -> None:
    assert date_words in client.get(f"/articles/{_slug(seeded, title)}").text


def test_a_date_known_to_the_month_from_the_source_says_so(app: Flask, client) -> None:
    with app.app_context():
        slug = make_article("Monthly", date="2020-05").slug
        year_slug = make_article("Yearly", date="2019").slug
    assert 'May 2020</time> <span class="date-note">· the source gives only the month' in (
        client.get(f"/articles/{slug}").text
    )
    assert "the source gives only the year" in client.get(f"/articles/{year_slug}").text


@pytest.mark.parametrize(
    ("changes", "labels"),
    [
        ({"kind": ArticleKind.OPINION}, ["Opinion"]),
        ({"origin": Origin.WIRE}, ["Wire copy"]),
        ({"origin": Origin.REPRINT, "text_kind": TextKind.EXCERPT}, ["Reprint", "Excerpt"]),
        ({}, []),
    ],
)
def test_provenance_labels_on_the_page_and_its_card(
    app: Flask, client: FlaskClient, changes: dict, labels: list[str]
) -> None:
    with app.app_context():
        article = make_article("Labelled")
        for name, value in changes.items():
            setattr(article, name, value)
        db.session.commit()
        slug = article.slug
    expected = "".join(f"<li>{label}</li>" for label in labels)
    for url in (f"/articles/{slug}", "/", "/articles/"):
        html = client.get(url).text
        if labels:
            assert f'<ul class="labels" aria-label="What this text is">{expected}</ul>' in html, url
        else:
            assert 'class="labels"' not in html, url


def test_links_read_as_sentences_from_both_ends(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        report = make_article("The report", outlet="AP")
        reply = make_article("The reply", outlet="RT")
        make_link(reply, report, Relation.RESPONDS_TO)
        report_slug, reply_slug = report.slug, reply.slug
    html = client.get(f"/articles/{reply_slug}").text
    assert 'This article <strong>responds to</strong> <a href="/articles/the-report">' in html
    html = client.get(f"/articles/{report_slug}").text
    assert '<a href="/articles/the-reply">The reply</a> <span class="muted">(RT,' in html
    assert "<strong>responds to</strong> this article." in html


def test_entity_chips_link_to_entity_pages(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        article = make_article("Talks in Astana", body="Tokayev met Putin in Astana.")
        make_mention(article, "Vladimir Putin")
        make_mention(article, "Astana", EntityKind.PLACE)
        slug = article.slug
    html = client.get(f"/articles/{slug}").text
    assert '<a href="/entities/astana">Astana <span class="kind">place</span></a>' in html
    assert '<a href="/entities/vladimir-putin">Vladimir Putin' in html


def test_a_print_stylesheet_is_linked_for_print_only_and_served(
    app: Flask, client: FlaskClient
) -> None:
    with app.app_context():
        make_article("On paper", outlet="AP", date="2023-11-09")
    page = client.get("/articles/on-paper").text
    assert '<link rel="stylesheet" href="/static/print.css" media="print">' in page
    assert '<p class="print-only muted">From http://localhost/articles/on-paper</p>' in page
    with client.get("/static/print.css") as sheet:  # a file response: close it
        assert (sheet.status_code, sheet.mimetype) == (200, "text/css")
        assert ".site-header" in sheet.text and 'content: " (" attr(href) ")"' in sheet.text


def test_the_page_writes_its_date_labels_tags_and_chips(app: Flask, client: FlaskClient) -> None:
    """The pieces cms/public/fragments.py writes, as the page shows them, hostile names
    escaped once."""
    with app.app_context():
        article = make_article("Marked up", date="2020-05", tags=["Trade", "A & <b>"])
        article.kind, article.origin, article.text_kind = (
            ArticleKind.OPINION,
            Origin.WIRE,
            TextKind.EXCERPT,
        )
        make_mention(article, "X & Y")
        db.session.commit()
        slug = article.slug
        entity_slug = db.session.scalar(select(Entity.slug).where(Entity.name == "X & Y"))
    page = client.get(f"/articles/{slug}").text
    assert (
        '<dd><time datetime="2020-05">May 2020</time>'
        ' <span class="date-note">· the source gives only the month</span></dd>'
    ) in page
    assert (
        '<ul class="labels" aria-label="What this text is">'
        "<li>Opinion</li><li>Wire copy</li><li>Excerpt</li></ul>"
    ) in page
    assert (
        '<ul class="tags" aria-label="Tags">\n<li><a href="/tags/a-b">A &amp; &lt;b&gt;</a></li>'
        '<li><a href="/tags/trade">Trade</a></li>\n</ul>'
    ) in page
    assert (
        '<ul class="chips" aria-label="People, organisations and places mentioned">\n'
        f'<li><a href="/entities/{entity_slug}">X &amp; Y <span class="kind">person</span></a></li>'
    ) in page


def test_an_undated_article_without_labels_tags_or_chips_says_so_and_no_more(
    app: Flask, client: FlaskClient
) -> None:
    with app.app_context():
        make_article("Bare", date=None)
    page = client.get("/articles/bare").text
    assert '<dd><span class="unknown">Date unknown</span></dd>' in page
    assert 'class="labels"' not in page and 'class="tags"' not in page
    assert 'class="chips"' not in page


def test_outlets_of_the_article_and_its_linked_articles_or_their_absence(
    app: Flask, client: FlaskClient
) -> None:
    with app.app_context():
        lone = make_article("No outlet", outlet=None)
        wire = make_article("From the wire", outlet="AP & Co")
        make_link(lone, wire, Relation.CITES)
        lone_slug, wire_slug = lone.slug, wire.slug
    page = client.get(f"/articles/{lone_slug}").text
    assert '<dt>Outlet</dt><dd>\n        <span class="unknown">Unknown</span></dd>' in page
    assert '</a> <span class="muted">(AP &amp; Co, <time' in page
    page = client.get(f"/articles/{wire_slug}").text
    assert '<a href="/outlets/ap-co">AP &amp; Co</a>' in page
    assert '</a> <span class="muted">(outlet unknown, <time' in page
