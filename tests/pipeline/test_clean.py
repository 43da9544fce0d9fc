"""Cleaning: boilerplate goes, whitespace is tidied, broken paragraphs and headings are repaired."""

from __future__ import annotations

import re

import pytest

from cms.pipeline.boilerplate import BOILERPLATE, Boilerplate
from cms.pipeline.clean import clean

# Real prompts copied from web pages; every pattern in BOILERPLATE needs at least one here.
EXAMPLES = [
    ("Original url:\n\n<https://www.example.com/2014/09/30/story>", False),
    ("Original url: https://www.example.com/story", False),
    ("Read the full article here", True),
    ("Comments", False),
    ("12 Comments", False),
    ("Leave a Reply", False),
    ("Leave a comment", False),
    ("Cancel reply", False),
    ("Your email address will not be published. Required fields are marked *", False),
    ("Save my name, email, and website in this browser for the next time I comment.", False),
    ("No comments:", False),
    ("Post a Comment", False),
    ("Discover more from EURASIA NEWS", False),
    ("Subscribe now to keep reading and get access to the full archive.", True),
    ("Continue Reading", True),
    ("CONTINUE READING", True),
    ("Share this:", False),
    ("Like this:", False),
    ("Like Loading...", False),
    ("Related", False),
    ("**Leave a Reply**", False),
    ("Type your email…", False),
    ("Original url:\n<https://www.themoscowtimes.com/2014/09/30/a39944>", False),
    ("Original url: <https://www.example.com/story>", False),
    ("Read the full article on the website", True),
    ("Continue reading →", True),
    ("1 Comment", False),
    ("Comments:", False),
    ("No comments yet.", False),
    ("Post a comment.", False),
    ("Required fields are marked *", False),
    ("Save my name, email and website in this browser for the next time I comment.", False),
    ("Notify me of new posts by email.", False),
    ("Notify me of follow-up comments by email.", False),
    ("Enter your email address to subscribe to this blog", False),
    ("Subscribe", False),
    ("Subscribe to our newsletter", False),
    ("Sign up for our newsletter to get the latest news", False),
    ("Share this article", False),
    ("Share this story:", False),
    ("Loading...", False),
    ("Click to share on Telegram (Opens in new window)", False),
    ("Click to print (Opens in new window)", False),
    ("Related posts:", False),
    ("RELATED ARTICLES", False),
]


@pytest.mark.parametrize(("line", "excerpt"), EXAMPLES)
def test_boilerplate_lines_are_removed(line: str, excerpt: bool) -> None:
    result = clean(f"First paragraph of the story.\n\n{line}\n\nLast paragraph of the story.")
    assert result.body == "First paragraph of the story.\n\nLast paragraph of the story."
    assert result.is_excerpt is excerpt


def test_boilerplate_patterns_are_listed_once() -> None:
    patterns = [b.pattern for b in BOILERPLATE]
    assert len(patterns) == len(set(patterns))


@pytest.mark.parametrize("rule", BOILERPLATE, ids=lambda rule: rule.pattern)
def test_every_boilerplate_pattern_has_real_examples(rule: Boilerplate) -> None:
    lines = [
        line.strip().strip("*").strip()
        for example, excerpt in EXAMPLES
        if excerpt is rule.excerpt
        for line in example.split("\n")
    ]
    assert any(re.fullmatch(rule.pattern, line, re.IGNORECASE) for line in lines)


@pytest.mark.parametrize(
    ("text", "body"),
    [
        # Only an address right after "Original url:" goes with it; other text stays.
        ("Story.\n\nOriginal url:\n\nA real paragraph.", "Story.\n\nA real paragraph."),
        (
            "Story.\n\nOriginal url:\n\n<https://example.com/a>\n\n<https://example.com/b>",
            "Story.\n\n<https://example.com/b>",
        ),
        # Prose that merely mentions a prompt is not a prompt.
        (
            "Readers may leave a reply below.\n\nComments are closed.",
            "Readers may leave a reply below.\n\nComments are closed.",
        ),
        ("Story.\n\nRelated news from Astana.", "Story.\n\nRelated news from Astana."),
    ],
)
def test_boilerplate_is_whole_lines_only(text: str, body: str) -> None:
    assert clean(text).body == body


@pytest.mark.parametrize(
    ("text", "body"),
    [
        # A paragraph split mid-sentence is joined back together.
        (
            "He has been president since the fall of the Soviet Union\n\nin 1991.",
            "He has been president since the fall of the Soviet Union in 1991.",
        ),
        ("It ended here.\n\nin 1991 it began.", "It ended here.\n\nin 1991 it began."),
        ("He said “yes”\n\nand left.", "He said “yes”\n\nand left."),
        (
            "First part of it\n\nSecond Part starts here.",
            "First part of it\n\nSecond Part starts here.",
        ),
        # Indentation (NBSPs included) is stripped, so nothing becomes a code block.
        (
            "\u00a0\u00a0\u00a0\u00a0\u00a0 Staunton, August 31 – Alarmed.",
            "Staunton, August 31 – Alarmed.",
        ),
        ("        Indented by eight spaces.", "Indented by eight spaces."),
        ("Two\u00a0words  apart.", "Two words apart."),
        ("Trailing spaces.   \n\nNext one.\t", "Trailing spaces.\n\nNext one."),
        # Lists stay lists, without their indentation.
        ("Intro:\n\n  1. First item\n  2. Second item", "Intro:\n\n1. First item\n2. Second item"),
        ("  1. a\n  2. b", "1. a\n2. b"),
        ("\u00a0\u00a01. a\n\u00a0\u00a02. b", "1. a\n2. b"),
        # Paragraphs indented with non-breaking spaces are not left indented.
        (
            "\u00a0\u00a0\u00a0 Indented first paragraph.\n\n\u00a0\u00a0\u00a0 Indented second.",
            "Indented first paragraph.\n\nIndented second.",
        ),
        # Zero-width characters vanish.
        ("Zero\u200bwidth\ufeff text.", "Zerowidth text."),
        ("Points:\n\n • one\n • two", "Points:\n\n- one\n- two"),
        # Three or more blank lines collapse into one paragraph break.
        ("One.\n\n\n\n\nTwo.", "One.\n\nTwo."),
        # A bracket left over from a removed link goes.
        ("threat to Kazakhstan” (\n\nNext paragraph.", "threat to Kazakhstan”\n\nNext paragraph."),
        ("Text.\n\n(\n\nMore text.", "Text.\n\nMore text."),
        ("A list (see below) (\n\nNext.", "A list (see below)\n\nNext."),
        # A short standalone line between paragraphs is a subheading.
        (
            "First paragraph.\n\nA Short Heading\n\nSecond paragraph.",
            "First paragraph.\n\n## A Short Heading\n\nSecond paragraph.",
        ),
        (
            "First paragraph.\nThe road ahead: A strategic partnership\nSecond paragraph.",
            "First paragraph.\nThe road ahead: A strategic partnership\nSecond paragraph.",
        ),
        ("Short First Line\n\nA paragraph.", "Short First Line\n\nA paragraph."),
        ("A paragraph.\n\nShort Last Line", "A paragraph.\n\nShort Last Line"),
        (
            "A paragraph.\n\nIs this a question?\n\nMore.",
            "A paragraph.\n\nIs this a question?\n\nMore.",
        ),
        ("A paragraph.\n\n1. Only item\n\nMore.", "A paragraph.\n\n1. Only item\n\nMore."),
        (
            "A paragraph.\n\n" + "Long " * 20 + "line\n\nMore.",
            "A paragraph.\n\n" + "Long " * 20 + "line\n\nMore.",
        ),
    ],
)
def test_clean_repairs(text: str, body: str) -> None:
    assert clean(text).body == body


def test_one_paragraph_per_line_exports_become_paragraphs_and_headings() -> None:
    long_a = "Alpha " * 20 + "ends."
    long_b = "Beta " * 20 + "ends."
    result = clean(f"{long_a}\nExternal pressures and Western attempts\n{long_b}")
    assert result.body == f"{long_a}\n\n## External pressures and Western attempts\n\n{long_b}"


def test_list_items_on_long_lines_stay_together() -> None:
    items = "\n".join(f"  {n}. " + "Item text " * 12 + "here" for n in (1, 2, 3))
    body = clean(f"What are the intentions?\n\n{items}").body
    assert body.split("\n\n")[1].split("\n") == [
        f"{n}. " + "Item text " * 12 + "here" for n in (1, 2, 3)
    ]


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("The story goes on…", True),
        ("The story goes on...", True),
        ("The story ends here.", False),
        ("Half a story.\n\nContinue reading →", True),
        ("Half a story.\n\nRead the full article here", True),
        ("Half a story.\n\nContinue Reading", True),
        ("Half a story.\n\nSubscribe now to keep reading and get access.", True),
        ("A whole story.\n\nLeave a Reply\n\nComments", False),
        ("Macron visited…\n\nRead the full article here\n\nComments", True),
    ],
)
def test_excerpt_detection(text: str, excerpt: bool) -> None:
    assert clean(text).is_excerpt is excerpt
