"""Words for the search index: stemming, reading a reader's query, and highlighted snippets.

Pure functions (no database). The same ``stems`` runs on the indexed text and on the query, so
"visit" finds "visits" and "visited", and "Назарбаев" finds "Назарбаева". A word in Cyrillic
is stemmed with Snowball's Russian rules, any other with the English ones; the stemmer runs
until the stem stops changing, because one Russian pass leaves "назарбаева" and "назарбаев"
with different stems.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

import Stemmer
from markupsafe import Markup, escape

_WORD = re.compile(r"\w+")
_WORD_SPLIT = re.compile(r"(\w+)")
_HTML_SPECIAL = re.compile(r"[&<>\"']")
_HTML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;"})
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_PHRASE = re.compile(r'"([^"]*)"')
#: A link's target first: tried the other way round, the "]" alone matched and every target
#: stayed in the text.
_MARKDOWN_PUNCTUATION = re.compile(r"\]\([^)]*\)|[#*_>`\[\]]")
_MARKUP_TO_SPACES = str.maketrans(dict.fromkeys("#*_>`[]", " "))

#: A query keeps its first words only: a pasted page must not become a huge index lookup.
MAX_QUERY_WORDS = 16
MAX_WORD_LENGTH = 64

_english = Stemmer.Stemmer("english")
_russian = Stemmer.Stemmer("russian")


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """The stem of one word, case folded.

    Kept for the 16,384 words last seen: enough for a language's common words, while numbers
    and names, which never end, cannot fill a long import's memory (65,536 held 15 MB).
    """
    stemmer = _russian if _CYRILLIC.search(word) else _english
    current = word.casefold()
    for _ in range(3):
        following = stemmer.stemWord(current)
        if following == current:
            break
        current = following
    return current


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def stems(text: str) -> str:
    """The text as the index holds it: stems separated by spaces."""
    return " ".join(stem(word) for word in words(text))


@dataclass(frozen=True)
class ParsedQuery:
    """A reader's query as stems: single words and quoted phrases, all required."""

    terms: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]

    @property
    def is_empty(self) -> bool:
        return not self.terms and not self.phrases

    @property
    def all_stems(self) -> frozenset[str]:
        return frozenset(self.terms) | {s for phrase in self.phrases for s in phrase}

    def fts5(self) -> str:
        """An FTS5 MATCH expression. Every stem is quoted: nothing a reader types is syntax."""
        parts = [f'"{term}"' for term in self.terms]
        parts += ['"' + " ".join(phrase) + '"' for phrase in self.phrases]
        return " AND ".join(parts)


def parse_query(text: str) -> ParsedQuery:
    """Read a query: words in balanced double quotes are a phrase; anything else is words.

    Operators (AND, OR, NEAR, -, *, :, parentheses) are not syntax here: they are read as the
    words they contain, or dropped if they are punctuation, so no query can be an error.
    """
    text = text[: MAX_QUERY_WORDS * (MAX_WORD_LENGTH + 8)]
    phrases: list[tuple[str, ...]] = []
    if text.count('"') % 2 == 0:
        for match in _PHRASE.finditer(text):
            phrase = tuple(_stems_of(match.group(1)))
            if len(phrase) > 1:
                phrases.append(phrase)
        rest = _PHRASE.sub(lambda m: " " if len(words(m.group(1))) > 1 else m.group(1), text)
    else:
        rest = text
    terms = list(dict.fromkeys(_stems_of(rest)))
    budget = max(0, MAX_QUERY_WORDS - sum(len(p) for p in phrases))
    return ParsedQuery(tuple(terms[:budget]), tuple(phrases[:MAX_QUERY_WORDS]))


def _stems_of(text: str) -> list[str]:
    # FTS5's unicode61 tokenizer splits on "_" too; drop it so a term is one token there.
    return [stem(w) for w in words(text.replace("_", " ")) if len(w) <= MAX_WORD_LENGTH]


def plain(markdown: str) -> str:
    """Markdown as running text for a snippet: no markup characters, no link targets."""
    if "](" in markdown:
        return " ".join(_MARKDOWN_PUNCTUATION.sub(" ", markdown).split())
    return " ".join(markdown.translate(_MARKUP_TO_SPACES).split())  # the same, 3x as fast


def highlight(text: str, wanted: frozenset[str]) -> Markup:
    """``text`` escaped, each word whose stem is wanted wrapped in ``<mark>``."""
    pieces = _WORD_SPLIT.split(text)
    # Words (odd places) hold no character HTML would read; only what lies between them may,
    # and most texts have none of it (escaping each piece was a fifth of a search).
    between = _escape_piece if _HTML_SPECIAL.search(text) else str
    out = [
        (f"<mark>{piece}</mark>" if stem(piece) in wanted else piece) if odd else between(piece)
        for odd, piece in zip(itertools.cycle((False, True)), pieces, strict=False)
    ]
    return Markup("".join(out))


def _escape_piece(piece: str) -> str:
    """What ``markupsafe.escape`` makes of it, as a plain string."""
    return piece.translate(_HTML_ESCAPES)


def snippet(text: str, wanted: frozenset[str], width: int = 30) -> Markup:
    """The ``width`` tokens of ``text`` with the most wanted words, highlighted, with ellipses.

    ``text`` is running text (``plain``): tokens are what lies between spaces. Of equally good
    windows the first wins. Only the window is split into words and highlighted; where the
    wanted words are is found by ``_matching_tokens``.
    """
    tokens = text.split()
    if not tokens:
        return Markup("")
    best = _best_window(_matching_tokens(" ".join(tokens), tokens, wanted), width)
    end = min(len(tokens), best + width)
    lead = "… " if best > 0 else ""
    tail = " …" if end < len(tokens) else ""
    return escape(lead) + highlight(" ".join(tokens[best:end]), wanted) + escape(tail)


def _matching_tokens(joined: str, tokens: list[str], wanted: frozenset[str]) -> list[int]:
    """The indexes of the tokens holding a word whose stem is wanted, in order.

    A stem is (nearly) a prefix of its word's case-folded forms, so the text is searched for
    each stem's first letters with ``str.find`` and only the words found there are stemmed:
    splitting every word of twenty texts with a regular expression and looking each up was a
    sixth of a search. A stem that is no such prefix ("die" of "dying") finds its words by
    the full pass instead, as does a text whose case folding changes its length.
    """
    folded = joined.casefold()
    if len(folded) != len(joined):
        return _matching_tokens_by_words(tokens, wanted)
    starts = set()
    for prefix in {_prefix(stem_) for stem_ in wanted}:
        at = folded.find(prefix)
        while at >= 0:
            if (at == 0 or not _is_word_character(folded[at - 1])) and stem(
                _WORD.match(folded, at).group()  # type: ignore[union-attr]
            ) in wanted:
                starts.add(at)
            at = folded.find(prefix, at + len(prefix))
    if not starts:
        return _matching_tokens_by_words(tokens, wanted)
    return sorted({joined.count(" ", 0, at) for at in starts})


def _prefix(stem_: str) -> str:
    """What every form of a word with this stem begins with, nearly always: the stem less
    its last two letters ("happi" of "happy", "possibl" of "possibility")."""
    return stem_[: max(3, len(stem_) - 2)]


def _is_word_character(character: str) -> bool:
    return character.isalnum() or character == "_"


def _matching_tokens_by_words(tokens: list[str], wanted: frozenset[str]) -> list[int]:
    """``_matching_tokens`` the slow, exact way: every word of every token stemmed."""
    found = {token for token in set(tokens) if any(stem(word) in wanted for word in words(token))}
    return [i for i, token in enumerate(tokens) if token in found]


def _best_window(positions: list[int], width: int) -> int:
    """The first word of the earliest ``width``-word window holding the most ``positions``.

    The count only rises where a position comes into view, so those starts (and 0) are the
    only ones worth counting.
    """
    best, best_count = 0, -1
    for start in [0, *(max(0, p - width + 1) for p in positions)]:
        count = bisect_left(positions, start + width) - bisect_left(positions, start)
        if count > best_count or (count == best_count and start < best):
            best, best_count = start, count
    return best
