"""``ArticleFilters``: parsed in one place; bad values are a 400 naming them; controls work."""

from __future__ import annotations

import datetime as dt

import pytest
from flask import Flask
from flask.testing import FlaskClient

from cms.models import ArticleStatus, OutletKind
from cms.queries.filters import ArticleFilters, InvalidFilter
from tests.factories import make_article


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ({}, ArticleFilters()),
        ({"year": "", "tag": " ", "outlet": ""}, ArticleFilters()),  # an unset form field
        ({"year": "2014"}, ArticleFilters(year=2014)),
        ({"outlet": "rt", "tag": "csto"}, ArticleFilters(outlet="rt", tag="csto")),
        ({"outlet_kind": "wire agency"}, ArticleFilters(outlet_kind=OutletKind.WIRE_AGENCY)),
        ({"outlet_kind": "state-media"}, ArticleFilters(outlet_kind=OutletKind.STATE_MEDIA)),
        ({"entity": "назарбаев"}, ArticleFilters(entity="назарбаев")),
        (
            {"from": "2014-01-01", "to": "2014-12-31"},
            ArticleFilters(date_from=dt.date(2014, 1, 1), date_to=dt.date(2014, 12, 31)),
        ),
        ({"page": "2", "_method": "POST"}, ArticleFilters()),  # not filters: ignored
    ],
)
def test_filters_are_read_from_a_query_string(args: dict, expected: ArticleFilters) -> None:
    filters = ArticleFilters.from_args(args)
    assert filters == expected
    assert ArticleFilters.from_args(filters.to_args()) == filters


@pytest.mark.parametrize(
    ("args", "parameter"),
    [
        ({"year": "abc"}, "year"),
        ({"year": "20145"}, "year"),
        ({"year": "-201"}, "year"),
        ({"year": "２０１４"}, "year"),  # full-width digits
        ({"from": "2014-13-01"}, "from"),
        ({"from": "yesterday"}, "from"),
        ({"to": "2014-1-1"}, "to"),
        ({"from": "2015-01-01", "to": "2014-01-01"}, "to"),
        ({"outlet_kind": "tabloid"}, "outlet_kind"),
        ({"tag": "a/b"}, "tag"),
        ({"outlet": "x" * 101}, "outlet"),
    ],
)
def test_malformed_filters_name_the_parameter(args: dict, parameter: str) -> None:
    with pytest.raises(InvalidFilter) as raised:
        ArticleFilters.from_args(args)
    assert raised.value.parameter == parameter


@pytest.mark.parametrize(
    ("query", "named"),
    [("year=abc", "year"), ("from=soon", "from"), ("outlet_kind=tabloid", "outlet_kind")],
)
def test_a_malformed_filter_is_a_400_page_naming_it(
    seeded: Flask, client: FlaskClient, query: str, named: str
) -> None:
    for url in (f"/articles/?{query}", f"/tags/csto?{query}", f"/outlets/rt?{query}"):
        response = client.get(url)
        assert response.status_code == 400, url
        assert f"The “{named}” value is not valid" in response.text


@pytest.mark.parametrize("query", ["tag=nope", "outlet=nope", "entity=nope"])
def test_an_unknown_name_is_a_404(seeded: Flask, client: FlaskClient, query: str) -> None:
    assert client.get(f"/articles/?{query}").status_code == 404


def test_headings_read_naturally(seeded: Flask, client: FlaskClient) -> None:
    assert "<h1>All 5 articles</h1>" in client.get("/articles/").text
    html = client.get("/articles/?outlet=rt&year=2024").text
    assert "<h1>RT · 2024 · 1 article</h1>" in html
    html = client.get("/articles/?outlet=rt&year=2014").text
    assert "<h1>RT · 2014 · no articles</h1>" in html
    assert "0 articles" not in html and "newest first" not in html.split("<h1>")[1][:80]
    html = client.get("/articles/?tag=csto&from=2024-01-01&to=2024-12-31").text
    assert "<h1>Tagged “CSTO” · 1 January 2024 to 31 December 2024 · 1 article</h1>" in html


def test_the_filter_form_shows_every_control_and_the_current_choice(
    seeded: Flask, client: FlaskClient
) -> None:
    html = client.get("/articles/?outlet=rt&year=2024").text
    assert '<form class="filters" method="get" action="/articles/"' in html
    for name in ("outlet", "outlet_kind", "tag", "year", "from", "to"):
        assert f'name="{name}"' in html and f'for="f-{name}"' in html, name
    assert '<option value="rt" selected>RT (1)</option>' in html
    assert '<option value="2024" selected>2024 (1)</option>' in html
    # Each filter in use can be removed on its own.
    assert 'href="/articles/?year=2024">Remove outlet: RT' in html


def test_a_submitted_form_with_empty_fields_lists_everything(
    seeded: Flask, client: FlaskClient
) -> None:
    response = client.get("/articles/?outlet=&outlet_kind=&tag=&year=&from=&to=")
    assert response.status_code == 200 and "<h1>All 5 articles</h1>" in response.text


def test_filters_combine_and_show_only_published(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        make_article("Wire one", outlet="AP", outlet_kind=OutletKind.WIRE_AGENCY, date="2023-02")
        make_article("Wire two", outlet="AP", date="2022-06-01", tags=["Trade"])
        make_article("Paper", outlet="Daily", outlet_kind=OutletKind.NEWSPAPER, tags=["Trade"])
        make_article("Wire draft", outlet="AP", status=ArticleStatus.DRAFT)
        make_article("Wire archived", outlet="AP", status=ArticleStatus.ARCHIVED)
        make_article("Wire in review", outlet="AP", status=ArticleStatus.IN_REVIEW)
    cases = {
        "outlet_kind=wire+agency": {"Wire one", "Wire two"},
        "outlet=ap&year=2023": {"Wire one"},
        "tag=trade": {"Wire two", "Paper"},
        "tag=trade&outlet_kind=newspaper": {"Paper"},
        "from=2022-01-01&to=2023-03-01": {"Wire one", "Wire two"},
        "from=2023-03-01": {"Paper"},
    }
    everything = {"Wire one", "Wire two", "Paper", "Wire draft", "Wire archived", "Wire in review"}
    for query, titles in cases.items():
        html = client.get(f"/articles/?{query}").text
        shown = {t for t in everything if f">{t}</a>" in html}
        assert shown == titles, query


def test_the_pager_keeps_every_filter(app: Flask, client: FlaskClient) -> None:
    app.config["ARTICLES_PER_PAGE"] = 1
    with app.app_context():
        make_article("One", outlet="AP", outlet_kind=OutletKind.WIRE_AGENCY, tags=["Trade"])
        make_article("Two", outlet="AP", tags=["Trade"])
    html = client.get("/articles/?outlet_kind=wire+agency&tag=trade&from=2020-01-01").text
    assert (
        'href="/articles/?page=2&amp;outlet_kind=wire+agency&amp;tag=trade&amp;from=2020-01-01"'
        in html
    )
