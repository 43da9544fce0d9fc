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
    """``old`` turned into ``new`` as runs of unchanged, removed and added text.

    The common beginning and end are set aside first: an edit usually touches a few words of a
    long text, and the matcher then compares only the part between.
    """
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    pieces: list[Piece] = []
    _append(pieces, "same", "".join(a[:start]))
    middle_a, middle_b = a[start : len(a) - end], b[start : len(b) - end]
    matcher = SequenceMatcher(a=middle_a, b=middle_b, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            _append(pieces, "same", "".join(middle_a[a1:a2]))
            continue
        if a1 < a2:
            _append(pieces, "removed", "".join(middle_a[a1:a2]))
        if b1 < b2:
            _append(pieces, "added", "".join(middle_b[b1:b2]))
    _append(pieces, "same", "".join(a[len(a) - end :]))
    return pieces


def _append(pieces: list[Piece], kind: Literal["same", "removed", "added"], text: str) -> None:
    if not text:
        return
    if pieces and pieces[-1].kind == kind:
        pieces[-1] = Piece(kind, pieces[-1].text + text)
    else:
        pieces.append(Piece(kind, text))
