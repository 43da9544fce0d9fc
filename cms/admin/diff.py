"""Word-level differences between two texts, for the history page.

Words and the spaces between them are compared as tokens, so a changed word shows as one
deletion and one insertion, and line breaks survive into the page.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Literal, NamedTuple

_TOKENS = re.compile(r"\s+|[^\s]+")


class Piece(NamedTuple):
    kind: Literal["same", "removed", "added"]
    text: str


def word_diff(old: str, new: str) -> list[Piece]:
    """``old`` turned into ``new`` as runs of unchanged, removed and added text."""
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    pieces: list[Piece] = []
    matcher = SequenceMatcher(a=a, b=b, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            _append(pieces, "same", "".join(a[a1:a2]))
            continue
        if a1 < a2:
            _append(pieces, "removed", "".join(a[a1:a2]))
        if b1 < b2:
            _append(pieces, "added", "".join(b[b1:b2]))
    return pieces


def _append(pieces: list[Piece], kind: Literal["same", "removed", "added"], text: str) -> None:
    if pieces and pieces[-1].kind == kind:
        pieces[-1] = Piece(kind, pieces[-1].text + text)
    else:
        pieces.append(Piece(kind, text))
