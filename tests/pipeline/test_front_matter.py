"""Markdown front matter: each key, partial and YAML dates, text fallbacks, and rejections."""

from __future__ import annotations

from typing import Any

import pytest

from cms.pipeline import ExtractedArticle, RejectedFile, SourceFile, WarningKind, extract

BODY = "\n# A Heading\n\nThe article text, long enough to be a paragraph of its own.\n"


def extract_md(text: str, name: str = "article.md") -> ExtractedArticle:
    return extract(SourceFile(name, text.encode("utf-8")))


def _published(article: ExtractedArticle) -> tuple[str, str] | None:
    if article.published is None:
        return None
    return article.published.isoformat(), article.published.precision.value


@pytest.mark.parametrize(
    ("front", "field", "expected"),
    [
        ("title: Hello World", "title", "Hello World"),
        ("title: 1984", "title", "1984"),
        ("date: 2014", "title", "A Heading"),
        ("date: '2014'", "published", ("2014", "year")),
        ("date: 2014", "published", ("2014", "year")),
        ("date: 2014-09", "published", ("2014-09", "month")),
        ("date: '2014-09-30'", "published", ("2014-09-30", "day")),
        ("date: 2014-09-30", "published", ("2014-09-30", "day")),
        ("date: 2014-09-30 10:30:00", "published", ("2014-09-30", "day")),
        ("outlet: The Moscow Times", "outlet_name", "The Moscow Times"),
        ("url: https://example.com/a", "url", "https://example.com/a"),
        ("authors: [Jane Doe, John Roe]", "authors", ("Jane Doe", "John Roe")),
        ("authors: Jane Doe, John Roe", "authors", ("Jane Doe", "John Roe")),
        ("authors: Jane Doe", "authors", ("Jane Doe",)),
        ("tags: [Russia, Kazakhstan]", "tags", ("Russia", "Kazakhstan")),
        ("tags: Russia, Kazakhstan, Russia", "tags", ("Russia", "Kazakhstan")),
        ("tags: [Russia, Kazakhstan, Russia]", "tags", ("Russia", "Kazakhstan")),
        ("tags: Russia", "tags", ("Russia",)),
        ("summary: Putin visits Astana.", "summary", "Putin visits Astana."),
    ],
)
def test_front_matter_keys(front: str, field: str, expected: Any) -> None:
    article = extract_md(f"---\n{front}\n---{BODY}")
    value = _published(article) if field == "published" else getattr(article, field)
    assert value == expected


def test_front_matter_fields_silence_their_warnings() -> None:
    article = extract_md(
        "---\ntitle: T\ndate: 2014\noutlet: RT\nurl: https://rt.com/a\nauthors: Jane Doe\n---"
        + BODY
    )
    assert article.warnings == ()


def test_front_matter_wins_over_the_text() -> None:
    article = extract_md("---\noutlet: RT\ndate: 2020\n---\nTitle\n\nSeptember 30, 2014\n" + BODY)
    assert article.outlet_name == "RT"
    assert _published(article) == ("2020", "year")


def test_missing_keys_fall_back_to_the_text() -> None:
    text = "---\ntags: [x]\n---\nThe Title\n\nSeptember 30, 2014\n\nBy Jane Doe\n\nThe text."
    article = extract_md(text)
    assert article.title == "The Title"
    assert _published(article) == ("2014-09-30", "day")
    assert article.authors == ("Jane Doe",)
    assert "September 30, 2014" not in article.body


def test_missing_title_comes_from_the_first_heading() -> None:
    article = extract_md("---\ndate: 2014\n---\nAn intro line.\n\n# The Heading Title\n" + BODY)
    assert article.title == "The Heading Title"
    assert "# The Heading Title" not in article.body
    assert article.body.startswith("An intro line.")


def test_a_heading_repeating_the_title_is_dropped_and_a_different_one_kept() -> None:
    same = extract_md("---\ntitle: A  heading\n---" + BODY)
    other = extract_md("---\ntitle: Hello World\n---" + BODY)
    assert "A Heading" not in same.body
    assert other.title == "Hello World"
    assert other.body.startswith("# A Heading")


def test_markdown_without_front_matter_uses_the_text_rules() -> None:
    article = extract_md("# A Title\n\n---\n" + BODY)
    assert article.title == "A Title"


def test_unknown_keys_are_reported_by_name() -> None:
    article = extract_md("---\ntitle: T\nlayout: post\ncolour: red\n---" + BODY)
    unknown = [w for w in article.warnings if w.kind is WarningKind.UNKNOWN_KEY]
    assert [w.field for w in unknown] == ["colour", "layout"]
    assert "'colour'" in unknown[0].message and "'layout'" in unknown[1].message


@pytest.mark.parametrize(
    ("front", "authors"),
    [
        ("author: Jane Doe", ("Jane Doe",)),
        ("author: [Jane Doe, John Roe]", ("Jane Doe", "John Roe")),
        ("authors: Jane Doe, John Roe", ("Jane Doe", "John Roe")),
        ("authors: [Jane Doe]\nauthor: Someone Else", ("Jane Doe",)),
    ],
)
def test_author_and_authors_are_both_read(front: str, authors: tuple[str, ...]) -> None:
    article = extract_md(f"---\ntitle: T\n{front}\n---" + BODY)
    assert article.authors == authors
    assert not [w for w in article.warnings if w.kind is WarningKind.UNKNOWN_KEY]


def test_a_url_that_is_not_a_web_address_is_ignored_with_a_warning() -> None:
    article = extract_md("---\ntitle: T\nurl: ftp://example.com/a\n---" + BODY)
    assert article.url is None
    assert any("ftp://example.com/a" in w.message for w in article.warnings if w.field == "url")


@pytest.mark.parametrize(
    ("front", "line"),
    [
        ("title: a: b", 2),
        ("title: T\nbad: : :", 3),
        ("title: T\nsummary: ok\nurl: x: y", 4),
        ("title: T\n\n\n\nbad: : :", 6),
    ],
)
def test_invalid_yaml_names_yaml_and_the_line(front: str, line: int) -> None:
    with pytest.raises(RejectedFile) as rejected:
        extract_md(f"---\n{front}\n---{BODY}")
    assert "YAML" in rejected.value.reason
    assert f"line {line}" in rejected.value.reason


@pytest.mark.parametrize(
    "body",
    [
        BODY,
        "\nA caption, Thursday, Nov. 9, 2023. Credit: AP\n\nThe text.\n",
        "\nSeptember 30, 2014\n\nThe text.\n",
    ],
)
def test_a_front_matter_date_silences_date_warnings(body: str) -> None:
    article = extract_md(f"---\ntitle: T\ndate: 2014-09\n---{body}")
    assert _published(article) == ("2014-09", "month")
    assert [w for w in article.warnings if w.field == "date"] == []


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("---\ntitle: [unclosed\n---" + BODY, "the front matter is not valid YAML"),
        ("---\ndate: soon\n---" + BODY, "the front matter date 'soon' is not a date"),
        ("---\ndate: '2014-13'\n---" + BODY, "is not a date"),
        ("---\ntitle: T\nbad: : :\n---" + BODY, "(line 3)"),
        ("\n\n---\ntitle: a: b\n---" + BODY, "(line 4)"),
        ("---\ndate: yesterday\n---" + BODY, "the front matter date 'yesterday' is not a date"),
        ("---\ndate: 2014-13\n---" + BODY, "the front matter date '2014-13' is not a date"),
        ("---\ndate: 14-09-30\n---" + BODY, "(use YYYY, YYYY-MM or YYYY-MM-DD)"),
        ("---\ndate: 2014-02-30\n---" + BODY, "impossible date"),
        ("---\n- a\n- b\n---" + BODY, "must be a list of 'key: value' lines"),
        ("---\ntitle: [a, b]\n---" + BODY, "the front matter 'title' must be text"),
        ("---\ntitle: Only a title\n---\n", "no article text"),
        ("---\ntitle: T\n---\n# T\n", "no article text"),
    ],
)
def test_bad_front_matter_is_rejected(text: str, reason: str) -> None:
    with pytest.raises(RejectedFile) as rejected:
        extract_md(text)
    assert reason in rejected.value.reason
    assert rejected.value.source_name == "article.md"


def test_markdown_keeps_its_own_structure() -> None:
    """Nested lists and indented code survive: only plain text gets the paragraph repairs."""
    text = (
        "---\ntitle: Structure\n---\n"
        "Intro paragraph\nwrapped by hand.\n\n"
        "- item\n    - nested item\n\n"
        "    code_block = True\n\n"
        "Short line\n\nLast paragraph.\n"
    )
    from cms.pipeline import SourceFile, extract

    body = extract(SourceFile("structure.md", text.encode())).body
    assert "    - nested item" in body
    assert "    code_block = True" in body
    assert "## Short line" not in body
    assert "Intro paragraph\nwrapped by hand." in body
