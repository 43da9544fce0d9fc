"""Entity pages: who or what, other names, and the published coverage by outlet and year."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from cms.extensions import db
from cms.models import ArticleStatus, EntityAlias, EntityKind
from tests.factories import make_article, make_mention


def _collection(app: Flask) -> None:
    with app.app_context():
        first = make_article("Summit opens", outlet="AP", date="2023-11-09")
        second = make_article("Summit closes", outlet="AP", date="2024-11-28")
        third = make_article("Summit op-ed", outlet="RT", date="2024-11")
        hidden = make_article("Summit draft", outlet="Secret", status=ArticleStatus.DRAFT)
        putin = make_mention(first, "Vladimir Putin")
        for article in (second, third, hidden):
            make_mention(article, "Vladimir Putin")
        putin.description = "President of Russia."
        db.session.add(EntityAlias(entity=putin, alias="Путин"))
        db.session.add(EntityAlias(entity=putin, alias="Putin, V."))
        make_mention(hidden, "Only In Drafts", EntityKind.ORGANISATION)
        make_mention(first, "Astana", EntityKind.PLACE)
        db.session.commit()


def test_the_index_lists_entities_by_kind_with_published_counts(
    app: Flask, client: FlaskClient
) -> None:
    _collection(app)
    html = client.get("/entities/").text
    assert '<a href="/entities/vladimir-putin">Vladimir Putin</a>' in html
    assert "in 3 articles" in html  # the draft's mention is not counted
    assert "<h2" in html and "Persons" in html and "Places" in html
    assert "Only In Drafts" not in html


def test_an_entity_page_shows_aliases_coverage_and_articles(
    app: Flask, client: FlaskClient
) -> None:
    _collection(app)
    response = client.get("/entities/vladimir-putin")
    assert response.status_code == 200
    html = response.text
    assert "<h1>Vladimir Putin</h1>" in html and "President of Russia." in html
    assert "Also written as:</span>\n  Putin, V., Путин" in html  # in alphabetical order
    # Coverage: AP 2023 and 2024, RT 2024, each linked to its filtered list.
    assert 'href="/articles/?entity=vladimir-putin&amp;outlet=ap&amp;year=2024">1' in html
    assert 'href="/articles/?entity=vladimir-putin&amp;outlet=rt&amp;year=2024">1' in html
    assert "3 published articles mention Vladimir Putin" in html
    assert "Summit draft" not in html and "Secret" not in html


def test_an_entity_only_drafts_mention_is_not_public(app: Flask, client: FlaskClient) -> None:
    _collection(app)
    assert client.get("/entities/only-in-drafts").status_code == 404
    assert client.get("/entities/nobody").status_code == 404


def test_the_list_filters_by_entity(app: Flask, client: FlaskClient) -> None:
    _collection(app)
    html = client.get("/articles/?entity=vladimir-putin&outlet=ap").text
    assert "<h1>AP · Mentioning Vladimir Putin · 2 articles</h1>" in html
    assert '<option value="vladimir-putin" selected>Vladimir Putin (3)</option>' in html


def test_the_coverage_table_escapes_outlet_names_once(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        for date in ("2021-05-01", "2023-05-01"):
            article = make_article(
                f"Story {date}", outlet="""<b>O'Brien</b> & "Sons\"""", date=date
            )
            make_mention(article, "Someone")
        make_mention(make_article("Elsewhere", outlet="AP", date="2022-01-01"), "Someone")
        db.session.commit()
    html = client.get("/entities/someone").text
    name = "&lt;b&gt;O&#39;Brien&lt;/b&gt; &amp; &#34;Sons&#34;"
    assert f'<tr><th scope="row">{name}</th>' in html
    assert f'<span class="visually-hidden"> from {name} in 2023</span>' in html
    assert "<b>O'Brien" not in html and "&amp;lt;" not in html
    # AP has no article in 2021: an empty cell, read out as "none".
    ap_row = html.split('<th scope="row">AP</th>')[1].split("</tr>")[0]
    assert ap_row.count('<span class="visually-hidden">none</span>') == 2
    assert 'href="/articles/?entity=someone&amp;outlet=ap&amp;year=2022">1' in ap_row
