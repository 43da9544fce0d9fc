"""/search: any query a person can type gives results or a friendly message, never a 500."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from cms.models import ArticleStatus
from tests.factories import make_article, make_mention

HOSTILE = [
    '"Putin visits',
    'Putin visits"',
    '"',
    '""',
    "((",
    "(Putin",
    "Putin)",
    "AND(",
    "AND",
    "OR OR",
    "NOT",
    "NEAR(putin kazakhstan, 2)",
    "NEAR",
    "*",
    "kazakh*",
    "-putin",
    "putin -",
    ":",
    "title:putin",
    "body : visit",
    "^putin",
    "+visit",
    "😀",
    "Putin 😀 visit",
    "Назарбаев",
    "Назарбаева",
    "'; DROP TABLE articles; --",
    "%",
    "\\",
    "\x00",
    "a" * 2000,
    "visit " * 400,
    "\u200b",
    "ـــ",
    "Ⅻ ² ǅ",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_give_results_or_a_friendly_message(
    seeded: Flask, client: FlaskClient, query: str
) -> None:
    response = client.get("/search", query_string={"q": query})
    assert response.status_code == 200
    html = response.text
    found = re.search(r'<h2 id="results-heading">(\d+) articles? found', html)
    friendly = "Type a word or two" in html or "No published article has all of these words" in html
    assert found or friendly, query


@pytest.mark.parametrize(
    ("query", "count"),
    [("visit", 4), ("Назарбаев", 0), ("nazarbayev", 3), ('"Putin visits"', 2), ("CSTO", 1)],
)
def test_search_finds_the_seed_articles(
    seeded: Flask, client: FlaskClient, query: str, count: int
) -> None:
    html = client.get("/search", query_string={"q": query}).text
    if count:
        assert f"{count} article{'s' if count > 1 else ''} found" in html
    else:
        assert "Nothing found" in html


def test_results_have_highlighted_snippets(seeded: Flask, client: FlaskClient) -> None:
    html = client.get("/search?q=visited").text
    assert "Putin <mark>visited</mark> Kazakhstan" in html
    assert "<mark>Visits</mark>" in html  # a title match, another form


def test_the_search_page_without_a_query_is_a_form(seeded: Flask, client: FlaskClient) -> None:
    html = client.get("/search").text
    assert 'role="search"' in html and '<label for="q">' in html
    assert "found" not in html and "Type a word" not in html


def test_facets_count_and_narrow_published_matches_only(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        a = make_article("Glacier melt", outlet="AP", tags=["Climate"], date="2021-03-02")
        make_article("Glacier tours", outlet="Daily", tags=["Travel"], date="2022-06")
        make_article("Glacier draft", outlet="Secret", tags=["Hidden"], status=ArticleStatus.DRAFT)
        make_mention(a, "Kassym-Jomart Tokayev")
    html = client.get("/search?q=glacier").text
    assert "2 articles found" in html
    assert 'href="/search?q=glacier&amp;outlet=ap">AP</a> <span class="muted">1</span>' in html
    assert 'href="/search?q=glacier&amp;year=2022">2022</a>' in html
    assert "Kassym-Jomart Tokayev</a>" in html
    assert "Secret" not in html and "Hidden" not in html and "Glacier draft" not in html
    html = client.get("/search?q=glacier&tag=climate").text
    assert "1 article found · Tagged “Climate”" in html and "</mark> tours</a>" not in html
    html = client.get("/search?q=glacier&entity=kassym-jomart-tokayev").text
    assert (
        "1 article found" in html and "</mark> melt</a>" in html and "</mark> tours</a>" not in html
    )


def test_search_pages_keep_the_query_and_filters(app: Flask, client: FlaskClient) -> None:
    app.config["SEARCH_PER_PAGE"] = 2
    with app.app_context():
        for n in range(5):
            make_article(f"Monsoon {n}", outlet="AP")
    html = client.get("/search?q=monsoon&outlet=ap").text
    assert "5 articles found" in html and "Page 1 of 3" in html
    assert 'href="/search?page=2&amp;outlet=ap&amp;q=monsoon"' in html
    assert "Page 3 of 3" in client.get("/search?q=monsoon&outlet=ap&page=3").text
    # Results run best first, not newest first: the pager says so.
    html = client.get("/search?q=monsoon&outlet=ap&page=2").text
    assert ">← Previous</a>" in html and ">Next →</a>" in html
    assert "Newer" not in html and "Older" not in html
    # Past the last ranked page is a page that does not exist, as past a list's last page.
    assert client.get("/search?q=monsoon&outlet=ap&page=4").status_code == 404
    assert client.get("/search?q=nothing-like-it&page=4").status_code == 200  # "Nothing found"


def test_counting_stops_at_the_limit_and_says_there_are_more(
    app: Flask, client: FlaskClient
) -> None:
    app.config["SEARCH_COUNT_LIMIT"] = 3
    with app.app_context():
        for n in range(4):
            make_article(f"Ferry {n}", outlet="AP", tags=["Sea"])
        make_article("Ferry draft", status=ArticleStatus.DRAFT)
    assert "3+ articles found" in client.get("/search?q=ferry").text
    body = client.get("/api/v1/search?q=ferry").get_json()
    assert (body["total"], body["total_exact"], len(body["items"])) == (3, False, 4)
    assert body["facets"]["tag"] == [{"value": "sea", "label": "Sea", "count": 4}]
    app.config["SEARCH_COUNT_LIMIT"] = 4
    assert "4 articles found" in client.get("/search?q=ferry").text
    assert client.get("/api/v1/search?q=ferry").get_json()["total_exact"] is True


@pytest.mark.parametrize("outlet", [None, "ap"])  # unfiltered, and read within a filter
def test_only_the_newest_candidates_are_ranked_and_counted_and_the_page_says_so(
    app: Flask, client: FlaskClient, outlet: str | None
) -> None:
    app.config["SEARCH_CANDIDATES"] = 2
    with app.app_context():
        make_article("Ferry ferry ferry, the best match", outlet="AP", tags=["Old"])
        make_article("Ferry news", outlet="AP", tags=["Sea"])
        make_article("Ferry note", outlet="AP", tags=["Sea"])
    query = "/search?q=ferry" + (f"&outlet={outlet}" if outlet else "")
    page = re.sub(r"</?mark>", "", client.get(query).text)
    assert "3 articles found" in page
    assert "The 2 newest of them are ranked by relevance" in page
    assert "Ferry news" in page and "Ferry note" in page and "the best match" not in page
    body = client.get("/api/v1" + query).get_json()
    assert body["facets"]["tag"] == [{"value": "sea", "label": "Sea", "count": 2}]


def test_the_number_of_candidates_must_be_a_positive_whole_number(
    monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    from cms.config import load_settings

    monkeypatch.setenv("SEARCH_CANDIDATES", "0")
    with pytest.raises(SystemExit, match="SEARCH_CANDIDATES must be at least 1, not 0"):
        load_settings(tmp_path)
    monkeypatch.setenv("SEARCH_CANDIDATES", "300")
    assert load_settings(tmp_path)["SEARCH_CANDIDATES"] == 300


@pytest.mark.parametrize(("query", "status"), [("year=soon", 400), ("tag=nope", 404)])
def test_search_filters_are_checked_like_the_list(
    seeded: Flask, client: FlaskClient, query: str, status: int
) -> None:
    assert client.get(f"/search?q=visit&{query}").status_code == status
