"""Search words: stems for both scripts, queries that cannot be syntax, highlighted snippets."""

from __future__ import annotations

import re

import pytest
from markupsafe import escape

from cms.services.search.text import highlight, parse_query, plain, snippet, stem, stems


@pytest.mark.parametrize(
    "forms",
    [
        ("visit", "visits", "visited", "visiting", "Visit"),
        ("government", "governments"),
        ("Назарбаев", "Назарбаева", "Назарбаеву", "назарбаевым"),
        ("Казахстан", "Казахстана", "Казахстане"),
    ],
)
def test_word_forms_share_one_stem(forms: tuple[str, ...]) -> None:
    assert len({stem(form) for form in forms}) == 1, [stem(f) for f in forms]


@pytest.mark.parametrize(
    ("query", "fts5"),
    [
        ("visit", '"visit"'),
        ("Putin visits", '"putin" AND "visit"'),
        ('"Putin visits" Astana', '"astana" AND "putin visit"'),
        ('"unbalanced quote', '"unbalanc" AND "quot"'),
        ("AND(", '"and"'),
        ("NEAR(a b)", '"near" AND "a" AND "b"'),
        ("kazakh* -putin title:x", '"kazakh" AND "putin" AND "titl" AND "x"'),
        ("snake_case", '"snake" AND "case"'),
        ('"one"', '"one"'),
        ("Назарбаев", '"назарб"'),
        ("visit visits visited", '"visit"'),
    ],
)
def test_queries_become_quoted_stems(query: str, fts5: str) -> None:
    assert parse_query(query).fts5() == fts5


@pytest.mark.parametrize("query", ["", "   ", '"', '""', "😀", "***", "-:()", "a" * 2000])
def test_queries_without_words_are_empty(query: str) -> None:
    assert parse_query(query).is_empty


def test_a_long_query_keeps_its_first_words() -> None:
    parsed = parse_query(" ".join(f"word{n}" for n in range(500)))
    assert len(parsed.terms) == 16


def test_the_indexed_text_is_stems() -> None:
    assert stems("Putin visited Astana; Назарбаева") == "putin visit astana назарб"


def test_a_snippet_is_the_window_with_most_matches_and_is_escaped() -> None:
    text = " ".join(["filler"] * 50 + ["<b>visited</b>", "then", "visits"] + ["filler"] * 50)
    html = str(snippet(text, frozenset({"visit"}), width=10))
    assert html.startswith("… ") and html.endswith(" …")
    assert "&lt;b&gt;<mark>visited</mark>&lt;/b&gt; then <mark>visits</mark>" in html
    assert "<b>" not in html


@pytest.mark.parametrize(
    ("found", "query"),
    [
        ("visited", "visits"),  # the stem is a prefix of the word
        ("happy", "happiness"),  # "happi": no prefix of "happy"
        ("possibility", "possible"),  # "possibl": no prefix of "possibility"
        ("Назарбаеву", "Назарбаев"),
    ],
)
def test_a_snippet_is_where_most_forms_of_the_word_are(found: str, query: str) -> None:
    text = " ".join([query] + ["filler"] * 200 + [found] * 3 + ["filler"] * 200)
    html = str(snippet(text, frozenset({stem(query)}), width=10))
    assert " ".join([f"<mark>{found}</mark>"] * 3) in html and html.startswith("… ")


def test_a_snippet_finds_a_form_sharing_no_prefix_with_the_stem() -> None:
    text = " ".join(["filler"] * 200 + ["dying"] + ["filler"] * 200)
    assert "<mark>dying</mark>" in str(snippet(text, frozenset({stem("die")}), width=10))


def test_every_wanted_word_is_found_though_another_word_was_found_by_its_prefix() -> None:
    # "any" stems to "ani": no prefix of "any" at three letters; "brokerage" is found at once.
    text = " ".join(["brokerage"] + ["filler"] * 100 + ["any", "firm", "and", "any"] + ["x"] * 99)
    wanted = parse_query("any brokerage").all_stems
    html = str(snippet(text, wanted, width=10))
    assert "<mark>any</mark> firm and <mark>any</mark>" in html
    assert str(highlight("Why any broker?", wanted)) == "Why <mark>any</mark> broker?"
    assert str(highlight("Lying low", parse_query("lie").all_stems)) == "<mark>Lying</mark> low"


def test_a_word_spelt_with_yo_is_found_and_marked_beside_another() -> None:
    wanted = parse_query("Путин ёлка").all_stems  # Snowball stems "ёлки" as "елк"
    text = " ".join(["Путин"] + ["слово"] * 100 + ["у", "ёлки", "и", "Ёлка"] + ["слово"] * 99)
    html = str(snippet(text, wanted, width=10))
    assert "у <mark>ёлки</mark> и <mark>Ёлка</mark>" in html
    marked = str(highlight("Путин стоял у ёлки", wanted))
    assert marked == "<mark>Путин</mark> стоял у <mark>ёлки</mark>"


@pytest.mark.parametrize("query", ["amp", "34", "lt", "39"])
def test_the_letters_of_an_escaped_character_are_never_marked(query: str) -> None:
    text = 'R&D said "34 <lt> amp" it\'s 39'
    html = str(highlight(text, parse_query(query).all_stems))
    assert html.count("<mark>") == 1 and str(escape(text)) == re.sub("</?mark>", "", html)
    assert str(snippet(text, parse_query(query).all_stems)).count("<mark>") == 1


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("See [Reuters](https://example.com/report) now.", "See Reuters now."),
        ("**Bold** # head > quote `code` [x] snake_case", "Bold head quote code x snake case"),
        ("Two  spaces\nand a line", "Two spaces and a line"),
    ],
)
def test_plain_text_keeps_no_markup_and_no_link_target(markdown: str, text: str) -> None:
    assert plain(markdown) == text
