"""The history page's word diff, on literal pairs."""

from __future__ import annotations

import pytest

from cms.admin.diff import Piece, word_diff


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("a b c", "a b c", [Piece("same", "a b c")]),
        (
            "Putin visited Astana",
            "Putin visited Almaty",
            [Piece("same", "Putin visited "), Piece("removed", "Astana"), Piece("added", "Almaty")],
        ),
        ("", "new text", [Piece("added", "new text")]),
        ("old text", "", [Piece("removed", "old text")]),
        (
            "one\n\ntwo",
            "one\n\ntwo three",
            [Piece("same", "one\n\ntwo"), Piece("added", " three")],
        ),
        (
            "Назарбаев встретил",
            "Токаев встретил",
            [Piece("removed", "Назарбаев"), Piece("added", "Токаев"), Piece("same", " встретил")],
        ),
    ],
)
def test_word_diff(old: str, new: str, expected: list[Piece]) -> None:
    assert word_diff(old, new) == expected
