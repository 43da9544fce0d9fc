"""Split article text into sentences with their offsets: a small regex splitter.

A full stop ends a sentence unless it closes an abbreviation ("Nov.", "Mr.", "U.S."), an
initial ("J. Smith") or sits inside a number ("3.5"); closing quotes stay with their sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS_TEXT = """
    mr mrs ms dr prof gen col lt maj capt sgt sen rep gov pres st jr sr rev hon fr
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    inc corp co ltd bros dept est approx vs etc no nos vol pp fig ft mt
    ca cf al"""
ABBREVIATIONS = frozenset(_ABBREVIATIONS_TEXT.split())

# A candidate end: terminal punctuation, any closing quotes or brackets, then white space.
_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+)")
# What may start the next sentence: a capital, a digit or an opening quote or bracket.
_NEXT_START = re.compile(r"\s+[\"'“‘«(\[]*[\d\w]")
_INITIALISM = re.compile(r"(?:[^\W\d_]\.){2,}")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text``; a blank line or a line break always ends one."""
    sentences: list[Sentence] = []
    for block in re.finditer(r"[^\n]+", text):
        sentences.extend(_split_block(block.group(), block.start()))
    return sentences


def _split_block(block: str, offset: int) -> list[Sentence]:
    found: list[Sentence] = []
    start = 0
    for match in _END.finditer(block):
        if not _is_boundary(block, match):
            continue
        _add(found, block, start, match.end(), offset)
        start = match.end()
    _add(found, block, start, len(block), offset)
    return found


def _add(found: list[Sentence], block: str, start: int, end: int, offset: int) -> None:
    piece = block[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        begin = offset + start + lead
        found.append(Sentence(stripped, begin, begin + len(stripped)))


def _is_boundary(block: str, match: re.Match[str]) -> bool:
    following = _NEXT_START.match(block, match.end())
    if following is None:
        return False
    first = following.group()[-1]
    if first.isalpha() and not first.isupper():
        return False  # "the U.S. and", "Nov. 9 talks", "he said. and" stay one sentence
    if not match.group().startswith("."):
        return True
    return not _is_abbreviation(_word_before(block, match.start()).lstrip("\"'“‘«(["))


def _word_before(block: str, end: int) -> str:
    """The run of non-space characters that ends at ``end`` (found walking back: a regex
    search for it scans from the block's start, once per full stop)."""
    start = end
    while start > 0 and not block[start - 1].isspace():
        start -= 1
    return block[start:end]


def _is_abbreviation(token: str) -> bool:
    """Whether the word before a full stop is an abbreviation or an initial, not a word."""
    if not token:
        return False
    if token.casefold() in ABBREVIATIONS:
        return True
    if len(token) == 1 and token.isupper():
        return True  # an initial: "Vladimir V. Putin"
    return bool(_INITIALISM.fullmatch(token + "."))  # "U.S", "U.K", "e.g"
