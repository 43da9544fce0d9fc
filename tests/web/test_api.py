"""The JSON API: real responses validated against its own OpenAPI 3.1 document; published only."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator
from openapi_core import OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from werkzeug.test import EnvironBuilder

from cms.models import ArticleStatus, EntityKind, Relation
from tests.factories import make_article, make_link, make_mention


@pytest.fixture
def openapi(client: FlaskClient) -> OpenAPI:
    document = client.get("/api/v1/openapi.json").get_json()
    document["servers"] = [{"url": "http://localhost/api/v1"}]
    return OpenAPI.from_dict(document)


def _get(client: FlaskClient, openapi: OpenAPI, url: str, status: int = 200) -> Any:
    """GET ``url`` and check the request and the response against the document."""
    response = client.get(url)
    assert response.status_code == status, response.text
    request = WerkzeugOpenAPIRequest(
        EnvironBuilder(path=url, base_url="http://localhost").get_request()
    )
    openapi.validate_response(request, WerkzeugOpenAPIResponse(response))
    return response.get_json()


def _collection(app: Flask) -> None:
    with app.app_context():
        report = make_article("The report", outlet="AP", tags=["Trade"], date="2023-11-09")
        reply = make_article("The reply", outlet="RT", date="2024-11", summary="A reply.")
        hidden = make_article("Hidden", outlet="Secret", tags=["Hush"], status=ArticleStatus.DRAFT)
        make_link(reply, report, Relation.RESPONDS_TO)
        make_link(hidden, report, Relation.CITES)
        make_mention(report, "Vladimir Putin")
        make_mention(hidden, "Only Hidden", EntityKind.OTHER)


def test_the_document_is_openapi_3_1(client: FlaskClient, openapi: OpenAPI) -> None:
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"] == "3.1.0"
    assert {"/articles", "/articles/{slug}", "/tags", "/outlets", "/entities", "/search"} <= set(
        document["paths"]
    )


def test_articles_list_filters_and_pages(app: Flask, client, openapi: OpenAPI) -> None:
    _collection(app)
    body = _get(client, openapi, "/api/v1/articles")
    assert [a["title"] for a in body["items"]] == ["The reply", "The report"]
    assert body["total"] == 2 and body["items"][0]["date"] == {
        "value": "2024-11",
        "precision": "month",
        "basis": "source",
    }
    body = _get(client, openapi, "/api/v1/articles?tag=trade&per_page=1")
    assert [a["title"] for a in body["items"]] == ["The report"] and body["links"]["next"] is None
    body = _get(client, openapi, "/api/v1/articles?per_page=1")
    assert body["pages"] == 2
    assert body["links"]["next"] == "http://localhost/api/v1/articles?page=2&per_page=1"
    error = _get(client, openapi, "/api/v1/articles?year=abc", 400)
    assert error["parameter"] == "year"
    _get(client, openapi, "/api/v1/articles?tag=hush-nope", 404)


def test_one_article_with_links_from_both_ends(app: Flask, client, openapi: OpenAPI) -> None:
    _collection(app)
    report = _get(client, openapi, "/api/v1/articles/the-report")
    assert report["outlet"] == {"slug": "ap", "name": "AP", "kind": "other"}
    assert report["entities"] == [
        {"slug": "vladimir-putin", "name": "Vladimir Putin", "kind": "person"}
    ]
    assert [(lk["direction"], lk["label"], lk["article"]["slug"]) for lk in report["links"]] == [
        ("incoming", "answered by", "the-reply")
    ]
    reply = _get(client, openapi, "/api/v1/articles/the-reply")
    assert [(lk["direction"], lk["relation"]) for lk in reply["links"]] == [
        ("outgoing", "responds to")
    ]
    _get(client, openapi, "/api/v1/articles/hidden", 404)


def test_vocabularies_show_published_data_only(app: Flask, client, openapi: OpenAPI) -> None:
    _collection(app)
    tags = _get(client, openapi, "/api/v1/tags")["items"]
    assert [(t["slug"], t["articles"]) for t in tags] == [("trade", 1)]
    outlets = _get(client, openapi, "/api/v1/outlets")["items"]
    assert [o["slug"] for o in outlets] == ["ap", "rt"]
    entities = _get(client, openapi, "/api/v1/entities")["items"]
    assert [e["slug"] for e in entities] == ["vladimir-putin"]


def test_search_through_the_api(app: Flask, client, openapi: OpenAPI) -> None:
    _collection(app)
    body = _get(client, openapi, "/api/v1/search?q=report")
    assert [hit["slug"] for hit in body["items"]] == ["the-report"]
    assert "<mark>report</mark>" in body["items"][0]["snippet"]
    assert body["facets"]["outlet"] == [{"value": "ap", "label": "AP", "count": 1}]
    assert _get(client, openapi, "/api/v1/search?q=hidden")["total"] == 0
    assert _get(client, openapi, '/api/v1/search?q="')["message"]
    _get(client, openapi, "/api/v1/search?q=report&from=2024-13-01", 400)


def _error_schema(client: FlaskClient) -> Draft202012Validator:
    document = client.get("/api/v1/openapi.json").get_json()
    return Draft202012Validator(document["components"]["schemas"]["Error"])


@pytest.mark.parametrize(
    ("method", "url", "status", "says"),
    [
        ("GET", "/api/v1/articles/no-such-article", 404, "No published article"),
        ("GET", "/api/v1/no-such-route", 404, "openapi.json"),
        ("GET", "/api/v1/", 404, "openapi.json"),
        ("GET", "/api/v1", 404, "openapi.json"),
        ("GET", "/api/v1/articles?entity=nobody", 404, "no entity"),
        ("GET", "/api/v1/articles?outlet_kind=tabloid", 400, "outlet_kind"),
        ("POST", "/api/v1/articles", 405, "only answers GET"),
        ("DELETE", "/api/v1/articles/the-report", 405, "only answers GET"),
    ],
)
def test_every_api_error_is_json_in_the_documented_shape(
    app: Flask, client: FlaskClient, method: str, url: str, status: int, says: str
) -> None:
    _collection(app)
    response = client.open(url, method=method)
    assert (response.status_code, response.mimetype) == (status, "application/json"), response.text
    _error_schema(client).validate(response.get_json())
    assert says in response.get_json()["error"]
    if status == 405:
        assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_a_failure_inside_the_api_is_a_json_500(app: Flask, client: FlaskClient) -> None:
    def broken() -> str:
        raise RuntimeError("a fault in a view")

    app.add_url_rule("/api/v1/broken", "broken", broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/api/v1/broken")
    assert (response.status_code, response.mimetype) == (500, "application/json")
    _error_schema(client).validate(response.get_json())
    assert "fault" not in response.text


def test_errors_outside_the_api_stay_html_pages(client: FlaskClient) -> None:
    response = client.get("/api-v1/articles")
    assert (response.status_code, response.mimetype) == (404, "text/html")


def test_an_imported_article_says_where_it_came_from(
    app: Flask, client: FlaskClient, openapi: OpenAPI
) -> None:
    """The AP seed: the file as received (its sha256 recomputed here), and its wire-copy and
    excerpt flags with their rules; an article written in the admin has no file."""
    import hashlib

    from cms.extensions import db
    from cms.models import Article
    from cms.services import importing, publishing
    from cms.services.transaction import write
    from tests.conftest import SEED_DIR

    seed = SEED_DIR / "003_dbfe13b045685826.txt"
    with app.app_context():
        report = importing.import_files(importing.find_files([seed]), channel="cli")
        with write():
            article = db.session.get(Article, report.created_ids[0])
            publishing.change_status(article, ArticleStatus.PUBLISHED, None)
            slug = article.slug
        make_article("Written here", outlet="AP")
    body = _get(client, openapi, f"/api/v1/articles/{slug}")
    received = body["provenance"]["received"]
    assert received["file"] == seed.name and received["path_in_archive"] is None
    assert received["sha256"] == hashlib.sha256(seed.read_bytes()).hexdigest()
    assert received["format"] == "text"
    flags = {(f["flag"], f["rule"]) for f in body["provenance"]["flags"]}
    assert flags == {
        ("wire copy", "credit AP/"),
        ("excerpt", "read the full article"),
        ("excerpt", "stops mid-sentence"),
    }
    assert "Credit: AP/" in next(
        f["evidence"] for f in body["provenance"]["flags"] if f["rule"] == "credit AP/"
    )
    written = _get(client, openapi, "/api/v1/articles/written-here")
    assert written["provenance"] == {"received": None, "flags": []}
