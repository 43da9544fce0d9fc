"""The sentence splitter on the cases news text throws at it."""

from __future__ import annotations

import pytest

from cms.pipeline.analyse.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One here. Two there.", ["One here.", "Two there."]),
        ("Mr. Putin arrived. He spoke.", ["Mr. Putin arrived.", "He spoke."]),
        (
            "It was Thursday, Nov. 9, 2023. Talks began.",
            ["It was Thursday, Nov. 9, 2023.", "Talks began."],
        ),
        (
            "Imports from the EU, U.S. and other countries fell.",
            ["Imports from the EU, U.S. and other countries fell."],
        ),
        (
            "The U.S. President flew in. Talks began.",
            ["The U.S. President flew in.", "Talks began."],
        ),
        (
            "Trade grew 7.1% in 2022. Exports rose 22.3 percent.",
            ["Trade grew 7.1% in 2022.", "Exports rose 22.3 percent."],
        ),
        (
            '"The Kazakhs had never had statehood," Putin said. "He created it." Then he left.',
            [
                '"The Kazakhs had never had statehood," Putin said.',
                '"He created it."',
                "Then he left.",
            ],
        ),
        (
            "“Our independence is our treasure,” he said. “We will defend it.”",
            ["“Our independence is our treasure,” he said.", "“We will defend it.”"],
        ),
        (
            "Vladimir V. Putin spoke. Why? Nobody knows!",
            ["Vladimir V. Putin spoke.", "Why?", "Nobody knows!"],
        ),
        ("A heading\nThe paragraph.", ["A heading", "The paragraph."]),
        (
            "Путин прибыл в Астану. Переговоры начались.",
            ["Путин прибыл в Астану.", "Переговоры начались."],
        ),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == expected


def test_offsets_point_into_the_text() -> None:
    text = "First one.  Second, after two spaces.\n\nThird."
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text
