"""Text metadata rules beyond the seeds: bylines, outlets, dates, URLs and long first lines."""

from __future__ import annotations

from typing import Any

import pytest

from cms.pipeline import ExtractedArticle, KnownOutlet, PipelineContext, SourceFile, extract

KNOWN = PipelineContext(
    known_outlets=(
        KnownOutlet("The Moscow Times"),
        KnownOutlet("Associated Press", ("AP",)),
        KnownOutlet("Eurasia News"),
    )
)
TEXT = "\n\nThe article text is here, a full sentence of body.\n\nA second paragraph follows."
LONG = "Russian President Vladimir Putin visited Kazakhstan on Tuesday " * 5


def extract_text(text: str, known: bool = True) -> ExtractedArticle:
    return extract(SourceFile("a.txt", text.encode("utf-8")), KNOWN if known else PipelineContext())


def _value(article: ExtractedArticle, field: str) -> Any:
    if field == "published":
        p = article.published
        return p and (p.isoformat(), p.precision.value)
    return getattr(article, field)


@pytest.mark.parametrize(
    ("text", "known", "field", "expected"),
    [
        ("Title\n\nBy Jane Doe and John Roe" + TEXT, False, "authors", ("Jane Doe", "John Roe")),
        (
            "Title\n\nby Jane Doe, John Roe & Ann Poe" + TEXT,
            False,
            "authors",
            ("Jane Doe", "John Roe", "Ann Poe"),
        ),
        ("Title\n\nBy Jane Doe | September 30, 2014" + TEXT, False, "authors", ("Jane Doe",)),
        (
            "Title\n\nBy Jane Doe | September 30, 2014" + TEXT,
            False,
            "published",
            ("2014-09-30", "day"),
        ),
        ("Title\n\nPaul Goble" + TEXT, False, "authors", ("Paul Goble",)),
        ("Title\n\nLudwig van Beethoven" + TEXT, False, "authors", ("Ludwig van Beethoven",)),
        ("Title\n\nThe Daily Planet" + TEXT, False, "authors", ()),
        ("Title\n\nCENTRAL ASIA" + TEXT, False, "authors", ()),
        ("Title\n\nAbout 27 People" + TEXT, False, "authors", ()),
        ("Title\n\n**Daily Planet**" + TEXT, False, "outlet_name", "Daily Planet"),
        ("Title\n\n**DAILY PLANET**" + TEXT, False, "outlet_name", "DAILY PLANET"),
        ("Title\n\nEURASIA NEWS" + TEXT, True, "outlet_name", "Eurasia News"),
        ("Title\n\nthe moscow times" + TEXT, True, "outlet_name", "The Moscow Times"),
        ("Title | The Moscow Times" + TEXT, True, "outlet_name", "The Moscow Times"),
        (
            "Title" + TEXT + "\n\nDiscover more from EURASIA NEWS",
            True,
            "outlet_name",
            "Eurasia News",
        ),
        (
            "Title" + TEXT + "\n\nDiscover more from EURASIA NEWS",
            False,
            "outlet_name",
            "EURASIA NEWS",
        ),
        (
            "Title" + TEXT + "\n\nA caption, Nov. 9, 2023. Credit: AP/Pavel Bednyakov",
            True,
            "outlet_name",
            None,
        ),
        ("Title\n\nAP" + TEXT, True, "outlet_name", "Associated Press"),
        ("Title" + TEXT + "\n\nThe views in AP reports are AP’s own.", True, "outlet_name", None),
        (
            "Title" + TEXT + "\n\nSource: https://example.com/a",
            False,
            "url",
            "https://example.com/a",
        ),
        (
            "Title" + TEXT + "\n\nSource:\n<https://example.com/b>",
            False,
            "url",
            "https://example.com/b",
        ),
        ("Title" + TEXT + "\n\nSource: Reuters", False, "url", None),
        ("Title" + TEXT + "\n\nOriginal url:\n\nftp://example.com/a", False, "url", None),
        ("Title\n\nSeptember 2014" + TEXT, False, "published", ("2014-09", "month")),
        (
            "Title\n\nPublished: 30 September 2014, 10:30" + TEXT,
            False,
            "published",
            ("2014-09-30", "day"),
        ),
        ("2014-09-30\n\nTitle" + TEXT, False, "published", ("2014-09-30", "day")),
        ("Title" + TEXT + "\n\nIn September 2014 it rained.", False, "published", None),
        # A date in a sentence is never the article's date: it becomes a suggestion.
        ("Title" + TEXT + "\n\nOn 30 September 2014 it rained.", False, "published", None),
        ("**Bold Title**" + TEXT, False, "title", "Bold Title"),
        (
            "September 30, 2014\n\nBy Jane Doe\n\nThe Real Title" + TEXT,
            False,
            "title",
            "The Real Title",
        ),
        (
            LONG,
            False,
            "title",
            "Russian President Vladimir Putin visited Kazakhstan on Tuesday "
            "Russian President Vladimir Putin…",
        ),
    ],
)
def test_text_rules(text: str, known: bool, field: str, expected: Any) -> None:
    assert _value(extract_text(text, known), field) == expected


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        ("Title\n\nBy Jane Doe" + TEXT, "By Jane Doe", "The article text"),
        ("Title\n\nSeptember 2014" + TEXT, "September 2014", "The article text"),
        ("Title" + TEXT + "\n\nSource: https://example.com/a", "example.com", "A second paragraph"),
        ("Title" + TEXT + "\n\nSource: Reuters", "Title", "Source: Reuters"),
        ("Title\n\n**Daily Planet**" + TEXT, "Daily Planet", "The article text"),
        ("Title" + TEXT + "\n\nOn 30 September 2014 it rained.", "Title", "On 30 September 2014"),
        (LONG, "Title", LONG.strip()),
    ],
)
def test_metadata_lines_leave_the_body(text: str, gone: str, kept: str) -> None:
    body = extract_text(text).body
    assert gone not in body
    assert kept in body


@pytest.mark.parametrize(
    ("text", "field", "words"),
    [
        (LONG, "title", "first words"),
        ("Title" + TEXT, "date", "No publication date found"),
        ("Title" + TEXT, "outlet", "No outlet named"),
        ("Title" + TEXT, "url", "No link to the original article"),
        ("Title" + TEXT, "authors", "No author named"),
        ("Title" + TEXT + "\n\nOn 30 September 2014 it rained.", "date", "check it"),
    ],
)
def test_warnings_say_what_to_check(text: str, field: str, words: str) -> None:
    messages = [w.message for w in extract_text(text).warnings if w.field == field]
    assert len(messages) == 1
    assert words in messages[0]


@pytest.mark.parametrize(
    ("text", "value", "where"),
    [
        ("Title" + TEXT + "\n\nOn 30 September 2014 it rained.", "2014-09-30", "line 7"),
        ("Title" + TEXT + "\n\nHe was born on 1 March 1938.", "1938-03-01", "line 7"),
        (
            "Title" + TEXT + "\n\nCrowds in Astana, Thursday, Nov. 9, 2023. Credit: AP/Jo Roe",
            "2023-11-09",
            "a photo caption",
        ),
    ],
)
def test_a_date_in_the_text_is_a_suggestion_with_its_evidence(
    text: str, value: str, where: str
) -> None:
    article = extract_text(text, False)
    assert article.published is None
    (suggestion,) = article.suggestions
    assert (suggestion.field, suggestion.value, suggestion.where) == ("date", value, where)
    assert suggestion.evidence == text.split("\n")[-1]


@pytest.mark.parametrize(
    ("text", "authors", "kept"),
    [
        # A short line deep in the text is article text, never an author.
        ("Title\n\nFirst paragraph of text here.\n\nNews Letter\n\nMore text.", (), "News Letter"),
        ("Title\n\nA first paragraph.\n\nSecond one.\n\nEwood Park\n\nThird.", (), "Ewood Park"),
        ("Title\n\nJane Doe\n\nThe article text, a sentence.", ("Jane Doe",), None),
        ("Title\n\nBy Jane Doe\n\nThe article text, a sentence.", ("Jane Doe",), None),
    ],
)
def test_bylines_only_under_the_title(
    text: str, authors: tuple[str, ...], kept: str | None
) -> None:
    article = extract_text(text, False)
    assert article.authors == authors
    if kept:
        assert kept in article.body
