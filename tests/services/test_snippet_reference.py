"""Snippets and highlighted titles are what the plain definition gives, on real text too.

The reference here stems every word and tries every window; ``text`` finds the same words
and window with shortcuts (prefix search, running text left as it is). Real text is the
Reuters-21578 stories in ``../shared/corpora`` (skipped when absent).
"""

from __future__ import annotations

import random
import re
import sys
from itertools import accumulate

import pytest
from markupsafe import escape

from cms.services.search.text import highlight, parse_query, plain, snippet, stem
from tests.corpora import reuters

WIDTH = 30
WORD = re.compile(r"\w+")


def reference_plain(markdown: str) -> str:
    without_targets = re.sub(r"\]\([^)]*\)", " ", markdown)
    return " ".join(re.sub(r"[#*_>`\[\]]", " ", without_targets).split())


def reference_highlight(text: str, wanted: frozenset[str]) -> str:
    pieces, done = [], 0
    for word in WORD.finditer(text):
        if stem(word.group()) in wanted:
            pieces += [str(escape(text[done : word.start()])), f"<mark>{word.group()}</mark>"]
            done = word.end()
    return "".join([*pieces, str(escape(text[done:]))])


def reference_snippet(text: str, wanted: frozenset[str], width: int = WIDTH) -> str:
    if not text:
        return ""
    tokens = text.split(" ")
    holding = [any(stem(w) in wanted for w in WORD.findall(token)) for token in tokens]
    before = [0, *accumulate(holding)]  # how many tokens hold one, before each token
    counts = [
        before[min(start + width, len(tokens))] - before[start] for start in range(len(tokens))
    ]
    best = counts.index(max(counts))
    window = reference_highlight(" ".join(tokens[best : best + width]), wanted)
    lead = "… " if best > 0 else ""
    tail = " …" if len(tokens) > best + width else ""
    return lead + window + tail


def assert_same(title: str, summary: str, body: str, query: str) -> None:
    wanted = parse_query(query).all_stems
    running = plain(f"{summary} {body}")
    assert running == reference_plain(f"{summary} {body}")
    assert str(highlight(title, wanted)) == reference_highlight(title, wanted), (query, title)
    assert str(snippet(running, wanted)) == reference_snippet(running, wanted), (query, body)


@pytest.fixture(scope="module")
def stories() -> list[reuters.Story]:
    if not reuters.REUTERS.is_dir():
        pytest.skip(f"the Reuters corpus is not at {reuters.REUTERS}")
    return list(reuters.stories(800))


def test_real_stories_give_the_reference_snippets_and_titles(
    stories: list[reuters.Story],
) -> None:
    draw = random.Random(17)
    for story in stories:
        words = WORD.findall(story.body)
        elsewhere = WORD.findall(draw.choice(stories).body)
        for query in (
            draw.choice(words),
            " ".join(draw.choices(words, k=2)),
            f"{draw.choice(words)} {draw.choice(elsewhere)}",
            draw.choice(elsewhere),
        ):
            assert_same(story.title, story.dateline, story.body, query)
            # Titles as editors write them, bodies in markdown paragraphs as they are stored.
            paragraphs = "\n\n".join(" ".join(p.split()) for p in story.body.split("\n    "))
            assert_same(story.title.title(), "", paragraphs, query)


HOSTILE = [
    # (title, summary, body, query)
    ('<script>alert("lithium")</script>', "", "x <b>lithium</b> & 'lithium' &amp; <", "lithium"),
    ("R&D <lt> amp 34 39", "a&b", 'said "34 <lt> amp" it\'s 39 &', "amp 34 lt"),
    ("Путин у ёлки", "Ёлка", "Слово " * 40 + "у ёлки и Ёлка, Путин ёлкой" + " слово" * 40, "ёлка"),
    ("Straße in İstanbul", "", "Die Straße " * 30 + "STRASSE İstanbul istanbul", "strasse"),
    ("İstanbul", "", "x " * 50 + "İstanbul and Istanbul then ß" + " y" * 50, "istanbul"),
    (
        "Lithium",
        "",
        "See [the lithium report](https://x.test/lithium) and [x](y) lithium.",
        "lithium",
    ),
    ("**Bold** _lithium_", "# Heading", "> quote `lithium` snake_lithium [lithium]", "lithium"),
    ("Empty", "", "", "lithium"),
    ("", "", "lithium", "lithium"),
    ("Lithium first", "", "Lithium " + "filler " * 60 + "lithium", "lithium"),
    ("at the end", "", "filler " * 60 + "ends with lithium", "lithium"),
    ("Vying and dying", "", "they vie " + "x " * 60 + "vying vies, vying", "vie"),
    ("Lying low", "", "lie " + "x " * 60 + "LYING lied lies", "lie"),
    ("Happy", "", "happiness " + "x " * 60 + "happy happily", "happiness"),
    ("Any firm", "", "brokerage " + "filler " * 60 + "any firm and any", "any brokerage"),
    ("Tabs", "\t", "a\tb\r\nc\u00a0lithium\u2028d\u3000 e  f\n\n\ng", "lithium"),
    ("No match", "", "nothing here " * 20, "lithium"),
]


@pytest.mark.parametrize(("title", "summary", "body", "query"), HOSTILE)
def test_hostile_text_gives_the_reference_snippet_and_title(
    title: str, summary: str, body: str, query: str
) -> None:
    assert_same(title, summary, body, query)


def test_every_kind_of_whitespace_becomes_one_space() -> None:
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    for space in spaces:
        for text in (f"a{space}b", f"{space}a b{space}", f"a {space}b"):
            assert plain(text) == reference_plain(text), repr(text)
