"""Find known names in text: every alias of every entity or tag, in any script, in one pass.

An Aho-Corasick automaton (pyahocorasick) over case-folded aliases; a match counts only on
word boundaries, the longest match wins where two overlap ("Vladimir Putin" over "Putin"),
and short all-capital aliases ("SCO", "ICC", "AP") match only in capitals, so "sco" in
"disco" or the word "ap" never do.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import ahocorasick

from cms.pipeline.analyse.types import Name

# Acronyms up to this length match only as written: "US" the country, not "us".
_CASE_SENSITIVE_MAX = 6


@dataclass(frozen=True)
class Match:
    key: str
    start: int
    end: int
    surface: str


@dataclass(frozen=True)
class Found:
    """One known name's matches in a text."""

    name: Name
    matches: tuple[Match, ...]

    @property
    def count(self) -> int:
        return len(self.matches)

    @property
    def surfaces(self) -> Counter[str]:
        return Counter(m.surface for m in self.matches)


def fold(text: str) -> str:
    """Case-fold character by character, so offsets in the folded text are offsets in ``text``."""
    folded = text.casefold()
    if len(folded) == len(text):
        return folded  # no character folded to more than one: the same as one by one
    return "".join(_fold_char(c) for c in text)


def _fold_char(char: str) -> str:
    folded = char.casefold()
    if len(folded) == 1:
        return folded
    lowered = char.lower()
    return lowered if len(lowered) == 1 else char


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return len(alias) <= _CASE_SENSITIVE_MAX and bool(letters) and all(c.isupper() for c in letters)


class Gazetteer:
    """Known names compiled for matching; build once per analysis run, reuse for every text."""

    def __init__(self, names: tuple[Name, ...]) -> None:
        self.names = {name.key: name for name in names}
        self._automaton = ahocorasick.Automaton()
        for name in names:
            for alias in name.all_names:
                alias = " ".join(alias.split())
                if alias:
                    self._add(fold(alias), (name.key, alias, _is_acronym(alias)))
        self._empty = not len(self._automaton)
        if not self._empty:
            self._automaton.make_automaton()

    def _add(self, folded: str, value: tuple[str, str, bool]) -> None:
        existing = self._automaton.get(folded, ())
        self._automaton.add_word(folded, (*existing, value))

    def find(self, text: str) -> list[Found]:
        """Each known name found in ``text``, with its matches, most mentioned first."""
        if self._empty:
            return []
        grouped: dict[str, list[Match]] = {}
        for match in self.matches(text):
            grouped.setdefault(match.key, []).append(match)
        found = [Found(self.names[key], tuple(ms)) for key, ms in grouped.items()]
        return sorted(found, key=lambda f: (-f.count, f.matches[0].start))

    def matches(self, text: str) -> list[Match]:
        """Every match on word boundaries, leftmost-longest, in text order."""
        if self._empty:
            return []
        folded = fold(text)
        raw: list[Match] = []
        for end_index, values in self._automaton.iter(folded):
            for key, alias, exact in values:
                start, end = end_index - len(alias) + 1, end_index + 1
                if not _on_word_boundaries(folded, start, end):
                    continue
                if exact and text[start:end] != alias:
                    continue
                raw.append(Match(key, start, end, text[start:end]))
        return _leftmost_longest(raw)


def _on_word_boundaries(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_")


def _leftmost_longest(matches: list[Match]) -> list[Match]:
    kept: list[Match] = []
    for match in sorted(matches, key=lambda m: (m.start, -(m.end - m.start))):
        if kept and match.start < kept[-1].end:
            continue
        kept.append(match)
    return kept
