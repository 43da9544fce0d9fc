"""Words for the search index: stemming, reading a reader's query, and highlighted snippets.

Pure functions (no database). The same ``stems`` runs on the indexed text and on the query, so
"visit" finds "visits" and "visited", and "Назарбаев" finds "Назарбаева". A word in Cyrillic
is stemmed with Snowball's Russian rules, any other with the English ones; the stemmer runs
until the stem stops changing, because one Russian pass leaves "назарбаева" and "назарбаев"
with different stems.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

import Stemmer
from markupsafe import Markup

_WORD = re.compile(r"\w+")
_HTML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;"})
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_PHRASE = re.compile(r'"([^"]*)"')
#: A link's target first: tried the other way round, the "]" alone matched and every target
#: stayed in the text.
_MARKDOWN_PUNCTUATION = re.compile(r"\]\([^)]*\)|[#*_>`\[\]]")
_MARKUP_TO_SPACES = str.maketrans(dict.fromkeys("#*_>`[]", " "))
#: Markup characters and the ASCII whitespace but the space and the line break; then the
#: rest of the whitespace (``str.isspace``). Text holding none of them, no line break and no
#: two spaces in a row is running text as ``plain`` makes it.
_NOT_RUNNING_ASCII = "#*_>`[]\t\x0b\x0c\r\x1c\x1d\x1e\x1f"
_OTHER_SPACES = (
    "\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
#: Characters past which a text's words are stemmed once each rather than one by one.
_LONG_TEXT = 1000

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
    lines = " ".join(markdown.split("\n\n")).replace("\n", " ").strip(" ")
    if _is_running_text(lines):
        # Paragraphs of words between single spaces (most bodies) are running text already:
        # checked in a quarter of the time that splitting the words and joining them took.
        return lines
    return " ".join(markdown.translate(_MARKUP_TO_SPACES).split())  # the same, 3x as fast


def _is_running_text(text: str) -> bool:
    """Whether ``text`` is words between single spaces, no markup character among them. One
    ``in`` a character: a regular expression of them took ten times as long, and
    ``str.isprintable`` (any whitespace but the space) four times."""
    if "  " in text or any(character in text for character in _NOT_RUNNING_ASCII):
        return False
    return text.isascii() or not any(character in text for character in _OTHER_SPACES)


def highlight(text: str, wanted: frozenset[str]) -> Markup:
    """``text`` escaped, each word whose stem is wanted wrapped in ``<mark>``."""
    return Markup(_highlighted(text, wanted))


def _highlighted(text: str, wanted: frozenset[str]) -> str:
    """``highlight`` as a plain string: the text between wanted words escaped (a word holds
    no character HTML would read), most texts having nothing to escape. Every word of the
    text (a title, a snippet's window: a few dozen words) whose stem is wanted is marked,
    whatever its form (``_stemmed_words``)."""
    escape = _escape_piece if _holds_html_special(text) else str
    pieces, done = [], 0
    for start, end in _stemmed_words(text, wanted):
        pieces += [escape(text[done:start]), "<mark>", text[start:end], "</mark>"]
        done = end
    pieces.append(escape(text[done:]))
    return "".join(pieces)


def _holds_html_special(text: str) -> bool:
    """One ``in`` a character: a tenth of a regular expression's time, a third of ``any``'s."""
    return "&" in text or "<" in text or ">" in text or '"' in text or "'" in text


def _escape_piece(piece: str) -> str:
    """What ``markupsafe.escape`` makes of it, as a plain string."""
    return piece.translate(_HTML_ESCAPES)


def snippet(text: str, wanted: frozenset[str], width: int = 30) -> Markup:
    """The ``width`` words of ``text`` with the most wanted words, highlighted, with ellipses.

    ``text`` is running text as ``plain`` gives it: words between single spaces. Of equally good
    windows the first wins. Where the wanted words are is found in the whole text; the window
    is cut out where its first word begins, found back from a wanted word in it: splitting
    the text into words up to the window's end took a third of a snippet (7 µs of 20) when
    the window was deep in a body.
    """
    if not text:
        return Markup("")
    numbers, offsets = _word_numbers(text, _wanted_words(text, wanted))
    best = _best_window(numbers, width)
    rest = text[_word_start(text, best, numbers, offsets) :]
    words_on = rest.split(" ", width)
    lead = "… " if best > 0 else ""
    if len(words_on) > width:
        window = rest[: len(rest) - len(words_on[-1]) - 1]
        return Markup(f"{lead}{_highlighted(window, wanted)} …")
    return Markup(lead + _highlighted(rest, wanted))


def _word_numbers(text: str, spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Which words (between single spaces) of ``text`` the ``spans`` (in order) fall in, each
    once, and where the first span in each begins; counted from one span to the next, not
    from the start each time."""
    numbers: list[int] = []
    offsets: list[int] = []
    counted, done = 0, 0
    for start, _end in spans:
        counted += text.count(" ", done, start)
        done = start
        if not numbers or numbers[-1] != counted:
            numbers.append(counted)
            offsets.append(start)
    return numbers, offsets


def _word_start(text: str, number: int, numbers: list[int], offsets: list[int]) -> int:
    """Where word ``number`` of ``text`` begins, the first of a window holding a wanted word
    (``numbers``, found at ``offsets``): fewer than a window's words before that one."""
    if number == 0:
        return 0
    found = bisect_left(numbers, number)
    start = text.rfind(" ", 0, offsets[found]) + 1
    back = numbers[found] - number
    if back == 0:
        return start
    return len(text[: start - 1].rsplit(" ", back)[0]) + 1


def _wanted_words(text: str, wanted: frozenset[str]) -> list[tuple[int, int]]:
    """Where the words of ``text`` whose stem is wanted start and end, in order: nearly all
    of them, enough to place a snippet's window.

    A stem is (nearly) a prefix of its word's case-folded forms, so the text is searched for
    each stem's first letters with ``str.find`` and only the words found there are stemmed:
    stemming every word of twenty texts (a page, then) was a sixth of a search, and a
    regular expression of the prefixes scanned ten times slower than ``find``. Russian stems
    spell "ё" as "е", so the folded text does too (``_words_beginning``). Where no word found
    so has a wanted stem, the text is read the exact way (``_stemmed_words``).
    """
    return _words_beginning(_prefixes(wanted), text, wanted) or _stemmed_words(text, wanted)


def _forms(stem_: str) -> tuple[str, ...]:
    """The stem, and the beginning of words Snowball gives it though it is no prefix of them:
    "Xying" (one letter, then "ying") has the stem "Xie" ("dying" "die", "vying" "vie")."""
    if len(stem_) == 3 and stem_.endswith("ie"):
        return (stem_, f"{stem_[0]}ying")
    return (stem_,)


@lru_cache(maxsize=256)
def _prefixes(wanted: frozenset[str]) -> frozenset[str]:
    """The ``_prefix`` of each form (``_forms``) of the wanted stems."""
    return frozenset(_prefix(form) for stem_ in wanted for form in _forms(stem_))


def _prefix(stem_: str) -> str:
    """What every form of a word with this stem begins with, nearly always: the stem less
    its last two letters ("happi" of "happy", "possibl" of "possibility", "ani" of "any")."""
    return stem_[: max(2, len(stem_) - 2)]


def _is_word_character(character: str) -> bool:
    return character.isalnum() or character == "_"


def _stemmed_words(text: str, wanted: frozenset[str]) -> list[tuple[int, int]]:
    """Where every word of ``text`` whose stem is wanted starts and ends, in order: exactly
    what stemming each word finds, in a third of the time for a title or a snippet's window.

    Snowball changes a word's ending only (and Russian "ё" to "е", as the folded text here
    does): a stem begins with its word's first two letters, case folded, but for "Xying"
    (``_forms``). So it was for every one of the 210,000 different words of Reuters, the
    saved pages and a sample of our articles. Only the words beginning with a wanted form's
    first two letters are stemmed: stemming every word of twenty titles and windows was a
    fifth of a page's result cards.
    """
    return _words_beginning(_heads(wanted), text, wanted)


def _words_beginning(
    heads: frozenset[str], text: str, wanted: frozenset[str]
) -> list[tuple[int, int]]:
    """Where the words of ``text`` that begin with one of ``heads`` (case folded, "ё" read as
    "е") and whose stem is wanted start and end, in order: each found with ``str.find``, only
    those stemmed. A text whose case folding changes its length ("ß", "İ") is read word by
    word instead (``_wanted_words_by_stemming``): positions in the folded text are not the
    text's."""
    folded = text.casefold()
    if len(folded) != len(text):
        return _wanted_words_by_stemming(text, wanted)
    folded = folded.replace("ё", "е")
    spans = []
    for head in heads:
        at = folded.find(head)
        while at >= 0:
            if at == 0 or not _is_word_character(text[at - 1]):
                word = _WORD.match(text, at)
                if word is not None and stem(word.group()) in wanted:
                    spans.append(word.span())
            at = folded.find(head, at + 1)
    return sorted(set(spans)) if len(spans) > 1 else spans


@lru_cache(maxsize=256)
def _heads(wanted: frozenset[str]) -> frozenset[str]:
    """The first two letters of each form (``_forms``) of the wanted stems."""
    return frozenset(form[:2] for stem_ in wanted for form in _forms(stem_))


def _wanted_words_by_stemming(text: str, wanted: frozenset[str]) -> list[tuple[int, int]]:
    """Every wanted word of ``text`` found by stemming each word, for a text whose case
    folding changes its length ("ß", "İ"): positions in the folded text are not the text's.
    In a long text (a whole body), each different word is stemmed once."""
    if len(text) < _LONG_TEXT:
        return [word.span() for word in _WORD.finditer(text) if stem(word.group()) in wanted]
    found = {word for word in set(_WORD.findall(text)) if stem(word) in wanted}
    if not found:
        return []
    return [word.span() for word in _WORD.finditer(text) if word.group() in found]


def _best_window(positions: list[int], width: int) -> int:
    """The first word of the earliest ``width``-word window holding the most ``positions``.

    The count only rises where a position comes into view, so those starts (and 0) are the
    only ones worth counting.
    """
    if len(positions) < 2:  # most snippets of a rare word
        return max(0, positions[0] - width + 1) if positions else 0
    best, best_count = 0, -1
    for start in [0, *(max(0, p - width + 1) for p in positions)]:
        count = bisect_left(positions, start + width) - bisect_left(positions, start)
        if count > best_count or (count == best_count and start < best):
            best, best_count = start, count
    return best
