"""The five real seed files: what the pipeline must find in each, with and without known outlets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cms.pipeline import (
    ExtractedArticle,
    KnownOutlet,
    PipelineContext,
    SourceFile,
    content_hash,
    extract,
)

SEED = Path(__file__).parents[2] / "seed"
KNOWN = PipelineContext(
    known_outlets=(
        KnownOutlet("The Moscow Times"),
        KnownOutlet("Window on Eurasia"),
        KnownOutlet("RT", ("Russia Today",)),
        KnownOutlet("Associated Press", ("AP",)),
        KnownOutlet("Eurasia News"),
    )
)
NONE_KNOWN = PipelineContext()

MOSCOW = "000_b020c0fcd00a414b.txt"
WINDOW = "001_614c04a5f267a7c2.txt"
RT_OPED = "002_be3c9239acb006a7.txt"
AP_BLOG = "003_dbfe13b045685826.txt"
EURASIA = "004_2092471ce9592bb4.txt"

TITLES = {
    MOSCOW: "Putin Visits Kazakhstan After Remarks Cause Alarm",
    WINDOW: "Window on Eurasia: Nazarbayev Says Kazakhstan Could Leave Putin’s Eurasian Union",
    RT_OPED: "Putin in Kazakhstan: The West’s attempts to drive a wedge between allies have failed",
    AP_BLOG: "Putin visits Kazakhstan, part of his efforts to cement ties with ex-Soviet neighbors",
    EURASIA: "Central Asia Now – Putin’s visit Kazakhstan",
}
MOSCOW_URL = (
    "https://www.themoscowtimes.com/2014/09/30/"
    "putin-visits-kazakhstan-after-remarks-cause-alarm-a39944"
)


def extract_seed(name: str, context: PipelineContext) -> ExtractedArticle:
    return extract(SourceFile(name, (SEED / name).read_bytes()), context)


@pytest.mark.parametrize(
    ("name", "published", "precision", "outlet", "url", "authors", "excerpt", "warned"),
    [
        (MOSCOW, "2014-09-30", "day", "The Moscow Times", MOSCOW_URL, (), False, {"authors"}),
        (WINDOW, "2014-08-31", "day", "Window on Eurasia", None, ("Paul Goble",), False, {"url"}),
        (RT_OPED, None, None, "RT", None, (), False, {"date", "url", "authors"}),
        (AP_BLOG, None, None, None, None, (), True, {"date", "outlet", "url", "authors"}),
        (EURASIA, None, None, "Eurasia News", None, (), True, {"date", "url", "authors"}),
    ],
)
def test_seed_metadata_with_known_outlets(
    name: str,
    published: str | None,
    precision: str | None,
    outlet: str | None,
    url: str | None,
    authors: tuple[str, ...],
    excerpt: bool,
    warned: set[str],
) -> None:
    article = extract_seed(name, KNOWN)
    assert article.title == TITLES[name]
    assert (article.published and article.published.isoformat()) == published
    assert (article.published and article.published.precision) == precision
    assert article.outlet_name == outlet
    assert article.url == url
    assert article.authors == authors
    assert article.is_excerpt is excerpt
    assert {w.field for w in article.warnings} == warned


@pytest.mark.parametrize(
    ("name", "published", "outlet", "authors", "warned"),
    [
        (MOSCOW, "2014-09-30", "The Moscow Times", (), {"authors"}),
        (WINDOW, "2014-08-31", None, ("Paul Goble",), {"url", "outlet"}),
        (RT_OPED, None, "RT", (), {"date", "url", "authors"}),
        (AP_BLOG, None, None, (), {"date", "outlet", "url", "authors"}),
        (EURASIA, None, "Eurasia News", (), {"date", "url", "authors"}),
    ],
)
def test_seed_metadata_without_known_outlets(
    name: str, published: str | None, outlet: str | None, authors: tuple[str, ...], warned: set[str]
) -> None:
    article = extract_seed(name, NONE_KNOWN)
    assert article.title == TITLES[name]
    assert (article.published and article.published.isoformat()) == published
    assert article.outlet_name == outlet
    assert article.authors == authors
    assert {w.field for w in article.warnings} == warned


def _plain_lines(body: str) -> list[str]:
    return [" ".join(line.replace("**", "").split()) for line in body.split("\n")]


@pytest.mark.parametrize(
    ("name", "check", "fragment"),
    [
        (MOSCOW, "starts", "Russian President Vladimir Putin visited Kazakhstan on Tuesday"),
        (MOSCOW, "contains", "since the fall of the Soviet Union in 1991."),
        (MOSCOW, "lacks", "Original url"),
        (MOSCOW, "lacks", "themoscowtimes.com"),
        (MOSCOW, "no_line_starting", "# "),
        (MOSCOW, "no_line", "The Moscow Times"),
        (MOSCOW, "no_line", "September 30, 2014"),
        (MOSCOW, "lacks", "Moscow Times"),
        (MOSCOW, "lacks", "<https://"),
        (WINDOW, "starts", "Staunton, August 31 – Alarmed"),
        (WINDOW, "lacks", "Post a Comment"),
        (WINDOW, "lacks", "No comments"),
        (WINDOW, "lacks", "\u00a0"),
        (WINDOW, "no_line", "Paul Goble"),
        (WINDOW, "no_paragraph_ending", " ("),
        (WINDOW, "no_paragraph_ending", "("),
        (WINDOW, "contains", "independence of Kazakhstan”\n\n"),
        (WINDOW, "no_line_starting", " "),
        (RT_OPED, "starts", "Russian President Vladimir Putin’s state visit"),
        (
            RT_OPED,
            "contains",
            "\n\n## External pressures and Western attempts to undermine relations\n\n",
        ),
        (RT_OPED, "contains", "## Economic cooperation: A strategic pillar"),
        (RT_OPED, "ends", "do not necessarily represent those of RT."),
        (RT_OPED, "no_line", TITLES[RT_OPED]),
        (AP_BLOG, "starts", "MOSCOW — Russian President Vladimir Putin visited Kazakhstan"),
        (AP_BLOG, "lacks", "Credit: AP/Pavel Bednyakov"),
        (AP_BLOG, "lacks", "Read the full article here"),
        (AP_BLOG, "lacks", "Leave a Reply"),
        (AP_BLOG, "no_line", "Comments"),
        (AP_BLOG, "lacks", "Your email address will not be published"),
        (AP_BLOG, "ends", "Macron visited…"),
        (AP_BLOG, "lacks", "Required fields are marked"),
        (EURASIA, "starts", "What are the results of Putin’s recent visit to Kazakhstan?"),
        (EURASIA, "lacks", "Subscribe now to keep reading"),
        (EURASIA, "lacks", "Discover more from"),
        (EURASIA, "lacks", "Continue Reading"),
        (EURASIA, "lacks", "Eurasia News - Central Asia"),
        (EURASIA, "contains", "\n\n1. Moscow intends to retain"),
        (EURASIA, "line_starting", "1. Moscow intends"),
        (EURASIA, "lacks", "EURASIA NEWS"),
        (EURASIA, "contains", "deepening\n4. Despite Western sanctions"),
        (EURASIA, "contains", "## Collective West is looking to destabilise Central Asia"),
    ],
)
@pytest.mark.parametrize("context", [KNOWN, NONE_KNOWN], ids=["known", "none_known"])
def test_seed_body(name: str, check: str, fragment: str, context: PipelineContext) -> None:
    body = extract_seed(name, context).body
    if check == "starts":
        assert body.startswith(fragment)
    elif check == "ends":
        assert body.endswith(fragment)
    elif check == "contains":
        assert fragment in body
    elif check == "lacks":
        assert fragment not in body
    elif check == "no_line":
        assert fragment not in _plain_lines(body)
    elif check == "no_line_starting":
        assert not any(line.startswith(fragment) for line in body.split("\n"))
    elif check == "line_starting":
        assert any(line.startswith(fragment) for line in body.split("\n"))
    elif check == "no_paragraph_ending":
        assert not any(p.endswith(fragment) for p in body.split("\n\n"))
    else:
        pytest.fail(f"unknown check {check!r}")


@pytest.mark.parametrize("name", [MOSCOW, WINDOW, RT_OPED, AP_BLOG, EURASIA])
@pytest.mark.parametrize("context", [KNOWN, NONE_KNOWN], ids=["known", "none_known"])
def test_seed_keeps_raw_text_and_hashes_body(name: str, context: PipelineContext) -> None:
    article = extract_seed(name, context)
    decoded = (SEED / name).read_bytes().decode("utf-8").replace("\r\n", "\n")
    assert article.raw == decoded
    assert re.fullmatch(r"[0-9a-f]{64}", article.content_hash)
    assert article.content_hash == content_hash(article.body)
    assert article.source_name == name


def test_seed_bodies_are_all_different() -> None:
    hashes = {extract_seed(name, KNOWN).content_hash for name in TITLES}
    assert len(hashes) == len(TITLES)


@pytest.mark.parametrize("context", [KNOWN, NONE_KNOWN], ids=["known", "none_known"])
def test_photo_credit_never_names_the_outlet(context: PipelineContext) -> None:
    article = extract_seed(AP_BLOG, context)
    assert article.outlet_name not in ("AP", "Associated Press")
    (warning,) = [w for w in article.warnings if w.field == "outlet"]
    assert "outlet" in warning.message.lower()


@pytest.mark.parametrize(
    ("name", "field"),
    [(RT_OPED, "date"), (EURASIA, "date"), (MOSCOW, "authors"), (WINDOW, "outlet")],
)
def test_missing_seed_fields_are_warned_not_guessed(name: str, field: str) -> None:
    article = extract_seed(name, NONE_KNOWN)
    value = {"date": article.published, "authors": article.authors, "outlet": article.outlet_name}
    assert not value[field]
    assert [w.field for w in article.warnings].count(field) == 1


def test_a_photo_caption_is_kept_apart_and_its_date_only_suggested() -> None:
    article = extract_seed(AP_BLOG, KNOWN)
    (caption,) = article.captions
    assert caption.endswith("Thursday, Nov. 9, 2023. Credit: AP/Pavel Bednyakov")
    assert caption.startswith("Kazakh President Kassym-Jomart Tokayev, center right")
    assert article.published is None
    (suggestion,) = article.suggestions
    assert (suggestion.field, suggestion.value, suggestion.where) == (
        "date",
        "2023-11-09",
        "a photo caption",
    )
    assert "Credit: AP/Pavel Bednyakov" in suggestion.evidence
