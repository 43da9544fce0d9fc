"""The Python card renderer: the macros' markup, and database text escaped exactly once."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from cms.extensions import db
from cms.models import ArticleKind, DateBasis, Origin, TextKind
from cms.public.card_html import article_cards
from cms.public.fragments import date_html, labels_html
from cms.queries.cards import published_cards
from tests.factories import make_article

HOSTILE_TITLE = """<script>alert("t")</script> & 'Title'"""
HOSTILE_SUMMARY = """<img src=x onerror="alert(1)"> & 'sum' "mary\""""
HOSTILE_TAG = """<b>Tag</b> & "co" 'x'"""
HOSTILE_OUTLET = """O'Brien & <Sons> "Daily\""""


def _norm(html: str) -> str:
    return re.sub(r"\s+", " ", str(html)).strip()


def _variety(app: Flask) -> None:
    """Cards with everything a card can show: labels, date notes, no date, no outlet."""
    with app.app_context():
        opinion = make_article("Opinion piece", tags=["Beta", "alpha"], summary="In short.")
        opinion.kind, opinion.origin = ArticleKind.OPINION, Origin.WIRE
        opinion.text_kind = TextKind.EXCERPT
        monthly = make_article("Monthly", date="2022-07", outlet=None)
        monthly.origin = Origin.REPRINT
        dated = make_article("Dated by us", date="2021-03-04")
        dated.date_basis = DateBasis.EDITORS
        make_article("Yearly", date="2019", tags=["Beta"])
        make_article("Undated", date=None)
        db.session.commit()


def test_each_card_shows_its_date_labels_and_tags(app: Flask) -> None:
    """A card's date (with its note), labels and tags are the fragments the article page
    shows too (``cms/public/fragments.py``), in the card's order."""
    _variety(app)
    with app.test_request_context("/"):
        page = published_cards()
        html = _norm(article_cards(page.items, show_outlet=True, level=3))
        cards = html.removeprefix('<div class="cards"> ').removesuffix(" </div>")
        written = cards.split(" </article> ")
        assert len(written) == len(page.items) == 5
        for card, article in zip(written, page.items, strict=True):
            assert card.startswith('<article class="card"> <h3 class="card-title">')
            meta = card.split('<p class="meta"> ')[1]
            outlet = article.outlet.name if article.outlet else "Outlet unknown"
            assert meta.startswith(outlet) or f">{outlet}</a>" in meta.split("<span")[0]
            assert _norm(date_html(article, explain=True)) in meta
            assert _norm(labels_html(article)) in card
            tags = "".join(f'<li><a href="/tags/{t.slug}">{t.name}</a></li>' for t in article.tags)
            assert (f'<ul class="tags" aria-label="Tags"> {tags} </ul>' in card) == bool(tags)
    assert '<time datetime="2022-07">July 2022</time> <span class="date-note">· the source' in html
    assert '<span class="date-note">· dated by the editors from the text</span>' in html
    assert '<span class="unknown">Date unknown</span>' in html
    assert (
        '<ul class="labels" aria-label="What this text is"><li>Opinion</li><li>Wire copy</li>'
        "<li>Excerpt</li></ul>"
    ) in html


def test_an_outlets_own_cards_do_not_name_it(app: Flask) -> None:
    _variety(app)
    with app.test_request_context("/"):
        html = article_cards(published_cards().items, show_outlet=False, level=2)
    assert "Test Outlet" not in html and "Outlet unknown" not in html
    assert html.count('<h2 class="card-title">') == 5


def test_hostile_text_comes_out_escaped_once(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        make_article(
            HOSTILE_TITLE, tags=[HOSTILE_TAG], outlet=HOSTILE_OUTLET, summary=HOSTILE_SUMMARY
        )
        db.session.commit()
    listed = client.get("/articles/").get_data(as_text=True)
    tag_href = re.search(r'href="(/tags/[^"]+)">&lt;b&gt;Tag', listed)
    assert tag_href, listed
    outlet_href = re.search(r'href="(/outlets/[^"]+)">O&#39;Brien', listed)
    assert outlet_href, listed
    pages = [listed, client.get("/").get_data(as_text=True)]
    pages += [client.get(found.group(1)).get_data(as_text=True) for found in (tag_href,)]
    for html in pages:
        assert "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt; &amp; &#39;Title&#39;" in html
        assert "&lt;b&gt;Tag&lt;/b&gt; &amp; &#34;co&#34; &#39;x&#39;" in html
        assert "<script>alert" not in html and "<b>Tag" not in html and "<Sons>" not in html
        assert "&amp;lt;" not in html and "&amp;#" not in html  # not escaped twice
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt; &amp; &#39;sum&#39;" in listed
    assert "O&#39;Brien &amp; &lt;Sons&gt; &#34;Daily&#34;" in listed
