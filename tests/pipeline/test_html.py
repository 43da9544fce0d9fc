"""The HTML reader on small made-up pages: metadata order of trust, sanitising, captions."""

from __future__ import annotations

import pytest

from cms.pipeline import SourceFile, extract

PARAGRAPHS = "".join(
    f"<p>Paragraph {n} of the article tells a long enough story about the harbour, "
    f"the ships and the people who work there every single day of the year.</p>"
    for n in range(6)
)


def page(head: str = "", article: str = PARAGRAPHS, footer: str = "") -> bytes:
    return (
        f"<!DOCTYPE html><html><head><title>Page title | Site</title>{head}</head><body>"
        f"<header><nav><a href='/'>Home</a></nav></header>"
        f"<article><h1>Heading of the story</h1>{article}</article>"
        f"<footer>{footer}</footer></body></html>"
    ).encode()


@pytest.mark.parametrize(
    ("head", "footer", "date"),
    [
        ('<meta property="article:published_time" content="2021-03-04T10:00:00+01:00">', "",
         "2021-03-04"),
        ('<script type="application/ld+json">{"@type": "NewsArticle", '
         '"datePublished": "2020-02-29"}</script>', "", "2020-02-29"),
        ('<meta name="date" content="2019-01-02">', "", "2019-01-02"),
        # A footer's copyright year is never the date.
        ("", "<p>© 2026 The Harbour Gazette</p>", None),
        # 31 February is not a date: no date rather than a wrong one.
        ('<meta property="article:published_time" content="2021-02-31">', "", None),
    ],
)  # fmt: skip
def test_the_date_comes_only_from_metadata(head: str, footer: str, date: str | None) -> None:
    article = extract(SourceFile("a.html", page(head, footer=footer)))
    assert (article.published and article.published.isoformat()) == date


def test_title_and_authors_from_json_ld_then_meta() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "LD headline",'
        ' "author": [{"@type": "Person", "name": "Ann Lee"}, {"@type": "Organization",'
        ' "name": "Gazette"}]}</script><meta name="author" content="Someone Else">'
        '<meta property="og:site_name" content="The Harbour Gazette">'
        '<link rel="canonical" href="https://example.com/story">'
    )
    article = extract(SourceFile("a.html", page(head)))
    assert article.title == "LD headline"
    assert article.authors == ("Ann Lee",)
    assert article.outlet_name == "The Harbour Gazette"
    assert article.url == "https://example.com/story"


def test_scripts_handlers_and_javascript_links_never_reach_the_body() -> None:
    hostile = (
        PARAGRAPHS + "<script>alert('x')</script><p onclick=\"alert('y')\">Click handler paragraph "
        "that is long enough to be kept by the extractor as article text, surely.</p>"
        "<p><a href=\"javascript:alert('z')\">a javascript link</a> inside a paragraph "
        "that is also long enough to be article text for the extractor.</p>"
        "<img src=x onerror=\"alert('w')\">"
    )
    article = extract(SourceFile("a.html", page(article=hostile)))
    for bad in ("<script", "alert(", "onclick", "onerror", "javascript:", "<a ", "<img"):
        assert bad not in article.body
    assert "Click handler paragraph" in article.body
    # The raw page is kept for provenance, exactly as received.
    assert "<script>alert('x')</script>" in article.raw


def test_captions_are_kept_apart_from_the_body() -> None:
    figure = (
        "<figure><img src='a.jpg'><figcaption>Ships in the harbour at dawn. "
        "Photo: Jo Roe</figcaption></figure>"
    )
    article = extract(SourceFile("a.html", page(article=PARAGRAPHS + figure)))
    assert article.captions == ("Ships in the harbour at dawn. Photo: Jo Roe",)
    assert "Ships in the harbour at dawn" not in article.body


def test_trafilatura_date_is_only_a_suggestion() -> None:
    head = '<meta name="description" content="x">'
    dated = PARAGRAPHS.replace("<p>Paragraph 0", "<p class='date'>Published 12 May 2018</p><p>P")
    article = extract(SourceFile("a.html", page(head, article=dated)))
    assert article.published is None
    suggestions = [s for s in article.suggestions if s.field == "date"]
    assert all(s.value != "" for s in suggestions)
    assert any(w.field == "date" for w in article.warnings)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "cp1252"])
def test_html_encodings(encoding: str) -> None:
    text = page('<meta property="og:title" content="Café “quoted”">').decode()
    article = extract(SourceFile("a.htm", text.encode(encoding)))
    assert article.title == "Café “quoted”"
