"""The Python card renderer: the macros' markup, and database text escaped exactly once."""

from __future__ import annotations

import re

from flask import Flask, get_template_attribute
from flask.testing import FlaskClient

from cms.extensions import db
from cms.models import ArticleKind, DateBasis, Origin, TextKind
from cms.public.card_html import article_cards
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


def test_each_card_part_is_what_its_macro_writes(app: Flask) -> None:
    """The date (with its note), the labels and the tags are the ``date``, ``provenance``
    and ``tag_list`` macros' markup. No page calls the last two any more (the article page
    writes the same markup inline); they stay as the reference until one Python module of
    fragments serves the cards, search and the article page."""
    _variety(app)
    with app.test_request_context("/"):
        page = published_cards()
        date, provenance, tag_list = (
            get_template_attribute("_macros.html", name)
            for name in ("date", "provenance", "tag_list")
        )
        html = _norm(article_cards(page.items, show_outlet=True, level=3))
        cards = html.removeprefix('<div class="cards"> ').removesuffix(" </div>")
        written = cards.split(" </article> ")
        assert len(written) == len(page.items) == 5
        for card, article in zip(written, page.items, strict=True):
            assert card.startswith('<article class="card"> <h3 class="card-title">')
            assert _norm(date(article, explain=True)) in card
            assert _norm(provenance(article)) in card
            assert _norm(tag_list(article.tags)) in card
            meta = card.split('<p class="meta"> ')[1]
            outlet = article.outlet.name if article.outlet else "Outlet unknown"
            assert meta.startswith(outlet) or f">{outlet}</a>" in meta.split("<span")[0]
    assert "dated by the editors" in html and "only the month" in html and "Date unknown" in html
    assert "<li>Opinion</li><li>Wire copy</li><li>Excerpt</li>" in html


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
