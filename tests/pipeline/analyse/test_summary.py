"""Summary drafts: three central prose sentences, never the page furniture around them."""

from __future__ import annotations

import pytest

from cms.pipeline.analyse.sentences import split_sentences
from cms.pipeline.analyse.summary import draft_summary
from tests.pipeline.analyse.seeds import NAMES, document, raw_document

FORBIDDEN = ("Paul Goble", "Credit:", "Post a Comment", "Leave a Reply", "Subscribe")


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("load", [document, raw_document], ids=["imported", "raw file"])
def test_seed_drafts_are_three_sentences_without_furniture(name: str, load) -> None:
    seed = load(name)
    draft = draft_summary(seed.body, seed.authors)
    assert len(draft.sentences) == 3
    assert len(split_sentences(draft.text)) == 3
    for phrase in FORBIDDEN:
        assert phrase.casefold() not in draft.text.casefold()


@pytest.mark.parametrize(
    ("name", "expected_start"),
    [
        (
            "000_b020c0fcd00a414b.txt",
            "Russian President Vladimir Putin visited Kazakhstan on Tuesday",
        ),
        ("001_614c04a5f267a7c2.txt", "Alarmed by Vladimir Putin’s dismissive comments"),
        (
            "003_dbfe13b045685826.txt",
            "Russian President Vladimir Putin visited Kazakhstan on Thursday",
        ),
    ],
)
def test_a_news_lead_opens_the_draft_without_its_dateline(name: str, expected_start: str) -> None:
    assert draft_summary(document(name).body).text.startswith(expected_start)


CENTRAL = "Kazakhstan and Russia signed a trade agreement on uranium and oil in Astana."
PROSE = [
    CENTRAL,
    "The trade agreement on uranium covers oil and gas transit through Kazakhstan to Russia.",
    "Officials in Astana said the uranium and oil trade with Russia would grow every year.",
    "Critics said the agreement on uranium gave Russia too much say over oil in Kazakhstan.",
]


@pytest.mark.parametrize(
    "furniture",
    [
        "By Anna Brandt",
        "Paul Goble",
        "Thursday, Nov. 9, 2023",
        "September 30, 2014",
        "Kazakh and Russian officials sign the uranium and oil trade agreement in Astana, "
        "Kazakhstan, Thursday, Nov. 9, 2023. Credit: AP/Pavel Bednyakov",
        "Photo: Kazakhstan and Russia trade uranium and oil in Astana under the new agreement.",
        "Subscribe to our newsletter on Kazakhstan, Russia, uranium, oil and trade agreements.",
        "Post a Comment",
        "Leave a Reply",
        "## Kazakhstan and Russia: the uranium and oil trade agreement signed in Astana",
        "1. Russia and Kazakhstan trade uranium and oil under the agreement signed in Astana.",
        "Will Kazakhstan and Russia trade more uranium and oil under the Astana agreement?",
    ],
)
def test_furniture_is_never_drafted_however_central(furniture: str) -> None:
    body = "\n\n".join([PROSE[0], furniture, *PROSE[1:], furniture])
    draft = draft_summary(body, authors=("Anna Brandt", "Paul Goble"))
    assert furniture not in draft.text
    assert furniture.split(". Credit")[0] not in draft.text
    assert draft.text.count(".") == 3


def test_an_author_named_in_a_sentence_keeps_it_out() -> None:
    body = "\n\n".join(
        [*PROSE, "Paul Goble argues that Kazakhstan and Russia trade uranium and oil."]
    )
    assert "Goble" not in draft_summary(body, authors=("Paul Goble",)).text


def test_a_text_without_prose_has_no_draft() -> None:
    assert draft_summary("## A heading\n\nBy Anna Brandt\n\nSubscribe").text == ""
