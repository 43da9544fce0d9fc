"""Provenance rules: each flag names its rule and the text that fired it."""

from __future__ import annotations

from pathlib import Path

import pytest

from cms.pipeline import SourceFile, extract
from cms.pipeline.provenance import RULES, find_flags

SEED = Path(__file__).parents[2] / "seed"
FULL = "It was a long and complete sentence about the talks in the capital."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MOSCOW, Nov 9 (AP) – Putin went to Astana. " + FULL, [("wire copy", "dateline (AP)")]),
        ("LONDON (Reuters) - Shares fell. " + FULL, [("wire copy", "dateline (Reuters)")]),
        ("PARIS (AFP) - Talks ended. " + FULL, [("wire copy", "dateline (AFP)")]),
        ("A caption. Credit: AP/Pavel Bednyakov\n\n" + FULL, [("wire copy", "credit AP/")]),
        ("He told The Associated Press that it was over. " + FULL,
         [("wire copy", "Associated Press")]),
        (FULL + "\n\n© Thomson Reuters 2020", [("wire copy", "© Reuters")]),
        (FULL + "\n\n(Reporting by Jane Doe; Editing by John Roe)",
         [("wire copy", "Reuters editing line")]),
        (FULL + "\n\nRead the full article here", [("excerpt", "read the full article")]),
        (FULL + "\n\nSubscribe now to keep reading and get access to the full archive.",
         [("excerpt", "subscribe to keep reading")]),
        ("The talks went on for hours and the delegations did not agree on the final",
         [("excerpt", "stops mid-sentence")]),
        ("The talks went on for hours and then the delegations agreed on the text…",
         [("excerpt", "stops mid-sentence")]),
        (FULL + "\n\nThe views expressed in this column are solely those of the author.",
         [("opinion", "views are the author's")]),
        ("Opinion\n\n" + FULL, [("opinion", "opinion label")]),
        # "(AP)" inside a word, a web address or a path fires nothing.
        ("The CAP(AP)S were on. " + FULL, []),
        ("See https://apnews.com/(AP)/story for more. " + FULL, []),
        ("See www.example.com/(AP) for more. " + FULL, []),
        ("Its file was news/(AP)-2023.txt in the archive. " + FULL, []),
        ("The APA and the AP-style guide differ. " + FULL, []),
        (FULL, []),
    ],
)  # fmt: skip
def test_rules(text: str, expected: list[tuple[str, str]]) -> None:
    found = find_flags(text, text)
    assert [(f.flag, f.rule) for f in found] == expected
    for flag in found:
        assert flag.evidence and len(flag.evidence) <= 170


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("000_b020c0fcd00a414b.txt", set()),
        ("002_be3c9239acb006a7.txt", {"opinion"}),
        ("003_dbfe13b045685826.txt", {"wire copy", "excerpt"}),
        ("004_2092471ce9592bb4.txt", {"excerpt"}),
    ],
)
def test_seed_flags(name: str, expected: set[str]) -> None:
    article = extract(SourceFile(name, (SEED / name).read_bytes()))
    assert {f.flag for f in article.flags} == expected


def test_the_ap_seed_says_what_fired() -> None:
    article = extract(SourceFile("003.txt", (SEED / "003_dbfe13b045685826.txt").read_bytes()))
    wire = next(f for f in article.flags if f.flag == "wire copy")
    assert wire.rule == "credit AP/" and "Credit: AP/Pavel Bednyakov" in wire.evidence
    rules = {f.rule for f in article.flags if f.flag == "excerpt"}
    assert rules == {"read the full article", "stops mid-sentence"}


def _real_texts() -> list[str]:
    """Real text nobody here wrote: 3,000 Reuters stories, the saved pages, the seeds."""
    from tests.corpora import reuters

    texts = [f"{s.title}\n{s.dateline}\n{s.body}" for s in reuters.stories(3000)]
    pages = SEED.parents[1] / "shared" / "corpora" / "saved-pages"
    for folder in (pages, SEED):
        texts += [p.read_text(errors="replace") for p in sorted(folder.rglob("*")) if p.is_file()]
    return texts


def test_a_rules_cheap_word_test_never_hides_a_match() -> None:
    """``could_match`` only spares work: wherever a pattern matches, its words are present."""
    texts = _real_texts() + [
        # Each rule at least once, in letter cases the rules accept.
        "MOSCOW (AP) - x",
        "LONDON (Reuters) - x",
        "PARIS (AFP) - x",
        "Foto: AP/Pavel",
        "told the Associated Press",
        "©Reuters",
        "(Reporting by Jane Doe)",
        "Agence France-Presse",
        "READ THE FULL ARTICLE",
        "subscribe NOW to keep reading",
        "  Continue Reading",
        "The Opinions here are those of the Writers",
        "OP-ED",
    ]
    fired = set()
    for rule in RULES:
        for text in texts:
            if rule.pattern.search(text):
                fired.add(rule.name)
                assert rule.could_match(text.lower()), (rule.name, text[:200])
    assert fired == {rule.name for rule in RULES}
