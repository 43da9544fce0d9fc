"""New-entity candidates: capitalised phrases in the body that the gazetteer does not know.

Never proposed: a sentence's first word when it is a common word ("Consequently"), a month or
a weekday, a title on its own ("President"), a word the text also writes in lower case, a
name on the kill list, or a form of a known or likelier name ("Kazakhs" beside "Kazakhstan",
"Russian" beside "Russia").
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from cms.pipeline.analyse.gazetteer import Match, fold
from cms.pipeline.analyse.sentences import Sentence, split_sentences
from cms.pipeline.analyse.terms import STOP_WORDS
from cms.pipeline.dates import MONTHS, WEEKDAYS

_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*[\w]|[^\W\d_]")
_CONNECTORS = frozenset({"of", "for", "de", "du", "la", "von", "van", "der", "al"})
_TITLES_TEXT = """
    president prime minister ministers chancellor premier emperor deputy secretary general
    chairman chairwoman
    chair chief head leader king queen prince princess sheikh pope senator governor mayor
    ambassador spokesman spokeswoman spokesperson director commander colonel general adviser
    advisor mr mrs ms dr sir lord lady professor prof presidential the a an our their his her its
    this that these those"""
TITLES = frozenset(_TITLES_TEXT.split())
# Words that open sentences without naming anything ("Despite Western sanctions").
_OPENERS_TEXT = """
    despite however meanwhile moreover furthermore consequently nevertheless nonetheless
    following amid among unlike like instead indeed still yet thus hence therefore otherwise
    besides whatever whoever whichever although though unless"""
OPENERS = frozenset(_OPENERS_TEXT.split())
# One-word adjectives of names ("Western", "Soviet", "Cyrillic") are not names themselves.
_ADJECTIVE_ENDINGS = ("ern", "ian", "ean", "ican", "ese", "ish", "ic")
# Adjectives of peoples and places that no ending gives away.
_DEMONYMS_TEXT = """
    french dutch swiss thai greek czech soviet latin arab kazakh uzbek tajik kyrgyz turkmen
    azeri slavic nordic baltic"""
DEMONYMS = frozenset(_DEMONYMS_TEXT.split())
_OPENING_PUNCTUATION = frozenset('–—:;“"‘(')
_CALENDAR = frozenset(MONTHS) | frozenset(WEEKDAYS)
_INITIALS = re.compile(r"(?:[^\W\d_]\.){2,}")
_SHARED_STEM = 5
_SHARED_SHARE = 0.75


@dataclass(frozen=True)
class NameCandidate:
    name: str
    count: int
    first_start: int


class _Word(NamedTuple):
    """A word of the text (a named tuple: a body has thousands, made in the hot loop)."""

    text: str
    start: int
    end: int
    initial: bool
    known: bool = False


def new_names(
    text: str,
    known: list[Match],
    known_names: Iterable[str],
    blocked: frozenset[str],
    sentences: Sequence[Sentence] | None = None,
) -> list[NameCandidate]:
    """Capitalised phrases of ``text`` outside the ``known`` matches, most frequent first.

    ``known_names`` are every alias the gazetteer has (for the shared-stem rule); ``blocked``
    holds the kill list's folded names; ``sentences`` are ``split_sentences(text)`` where the
    caller has them.
    """
    if sentences is None:
        sentences = split_sentences(text)
    words, lowercase = _words(text, known, sentences)
    found: Counter[str] = Counter()
    first: dict[str, int] = {}
    forms: dict[str, Counter[str]] = {}
    for phrase in _phrases(words):
        name = _trimmed(phrase, lowercase)
        if name is None:
            continue
        key = fold(name.text)
        found[key] += 1
        first.setdefault(key, name.start)
        forms.setdefault(key, Counter())[name.text] += 1
    _merge_parts(found)
    singles_known = [fold(n) for n in known_names if " " not in n.strip()]
    kept = []
    for key, count in found.most_common():
        name = _written(forms[key])
        if key in blocked or _is_form_of(name, count, found, singles_known):
            continue
        kept.append(NameCandidate(name, count, first[key]))
    return kept


def _written(forms: Counter[str]) -> str:
    """How the text usually writes the name, preferring "Moscow" to a dateline's "MOSCOW"."""
    return max(forms, key=lambda f: (not (f.isupper() and len(f) > 4), forms[f]))


def _merge_parts(found: Counter[str]) -> None:
    """A lone word that ends or starts a longer candidate is that name, or an adjective of it.

    "Tokayev" counts for "Kassym-Jomart Tokayev"; "Soviet" beside "Soviet Union" is dropped.
    """
    longer = [k for k in found if " " in k]
    for key in [k for k in found if " " not in k]:
        ending = [k for k in longer if k.endswith(" " + key)]
        if ending:
            found[max(ending, key=found.__getitem__)] += found.pop(key)
        elif any(k.startswith(key + " ") for k in longer):
            del found[key]


def _words(
    text: str, known: list[Match], sentences: Sequence[Sentence]
) -> tuple[list[_Word | None], set[str]]:
    """The words that can make or join a name, with ``None`` where a phrase must break
    (punctuation, a possessive, a lower-case word that is not a connector), and the folded
    words the text writes in lower case.

    Words of a known name are kept, marked ``known``: "Moscow State University" is a new name
    even though "Moscow" is a known one.
    """
    overlaps = _Overlaps(known)
    words: list[_Word | None] = []
    lowercase: set[str] = set()
    for sentence in sentences:
        words.append(None)
        base = previous_end = sentence.start
        for i, match in enumerate(_TOKEN.finditer(sentence.text)):
            token, possessive = _cleaned(match.group())
            if token[0].islower():
                folded = token.casefold()
                lowercase.add(folded if len(folded) == len(token) else fold(token))
                if folded not in _CONNECTORS:
                    words.append(None)  # breaks a phrase as punctuation does
                    previous_end = base + match.end()
                    continue
            start, end = base + match.start(), base + match.end()
            gap = text[previous_end:start]
            previous_end = end
            if gap and not gap.isspace():  # anything but plain spaces ends a phrase
                words.append(None)
            initial = i == 0 or any(c in _OPENING_PUNCTUATION for c in gap)
            words.append(_Word(token, start, start + len(token), initial, overlaps(start, end)))
            if possessive:
                words.append(None)  # "Putin's Eurasian Union" is not one name
    return words, lowercase


def _cleaned(token: str) -> tuple[str, bool]:
    """The token without a possessive "'s" and a full stop ("U.S." keeps its last one), and
    whether it had the possessive."""
    possessive = token.endswith(("'s", "’s"))
    if possessive:
        token = token[:-2]
    if "." in token:
        if _INITIALS.fullmatch(token + "."):
            token += "."
        token = token if _INITIALS.fullmatch(token) else token.rstrip(".")
    return token, possessive


class _Overlaps:
    """Whether a span overlaps one of the known names' matches (a binary search, not a scan)."""

    def __init__(self, known: list[Match]) -> None:
        spans = sorted((m.start, m.end) for m in known)
        self.starts = [s for s, _ in spans]
        self.reach = list(itertools.accumulate((e for _, e in spans), max, initial=-1))

    def __call__(self, start: int, end: int) -> bool:
        """Some match begins before ``end`` and reaches past ``start``."""
        return self.reach[bisect.bisect_left(self.starts, end)] > start


def _phrases(words: list[_Word | None]) -> list[list[_Word]]:
    phrases: list[list[_Word]] = []
    current: list[_Word] = []
    for word in [*words, None]:
        if word is not None and (_capitalised(word.text) or (current and _connector(word))):
            current.append(word)
            continue
        while current and not _capitalised(current[-1].text):
            current.pop()
        if current:
            phrases.append(current)
        current = [word] if word is not None and _capitalised(word.text) else []
    return phrases


def _capitalised(token: str) -> bool:
    """ "Kassym-Jomart" and "Kazakh-Russian" are; "Moscow-organized" and "Oil-rich" are not."""
    return token[0].isupper() and token.rsplit("-", 1)[-1][:1].isupper()


def _connector(word: _Word) -> bool:
    return word.text.casefold() in _CONNECTORS


def _trimmed(phrase: list[_Word], lowercase: set[str]) -> _Word | None:
    """The phrase without leading and trailing titles, calendar words and common starters."""
    words = list(phrase)
    while words and _is_filler(words[0], lowercase):
        words.pop(0)
    while words and _is_filler(words[-1], lowercase, at_end=True):
        words.pop()
    for i, word in enumerate(words):
        if word.text.casefold() in TITLES:  # "Kazakh President Tokayev": keep the name only
            return _trimmed(words[i + 1 :], lowercase)
    while words and not _capitalised(words[-1].text):
        words.pop()
    if not words or all(w.known for w in words):
        return None
    if fold(words[-1].text).removesuffix("s").endswith(_ADJECTIVE_ENDINGS) and len(words) > 1:
        return None  # "Central Asian", "Kazakh-Russian": an adjective, not a name
    if len(words) == 1 and _is_common_single(words[0], lowercase):
        return None
    text = " ".join(w.text for w in words)
    return _Word(text, words[0].start, words[-1].end, words[0].initial)


def _is_filler(word: _Word, lowercase: set[str], at_end: bool = False) -> bool:
    if word.known:
        return False
    key = word.text.casefold().rstrip(".")
    if key in TITLES or key in _CALENDAR or key in _CONNECTORS:
        return True
    return (
        not at_end
        and word.initial
        and (key in STOP_WORDS or key in OPENERS or key in lowercase or _looks_inflected(key))
    )


def _looks_inflected(word: str) -> bool:
    """ "Alarmed", "Speaking", "Shortly": sentence openers rather than names."""
    return len(word) > 5 and word.endswith(("ed", "ing", "ly"))


def _is_common_single(word: _Word, lowercase: set[str]) -> bool:
    """A lone word that is an ordinary word: written in lower case too, or a sentence opener."""
    if word.text.isupper() and len(word.text) > 1:
        return False  # an acronym: "USSR", "FDI"
    key = fold(word.text)
    return (
        key in lowercase
        or key in STOP_WORDS
        or word.initial
        or len(word.text) < 3
        or key.removesuffix("s").endswith(_ADJECTIVE_ENDINGS)
        or key in DEMONYMS
    )


def _is_form_of(name: str, count: int, found: Counter[str], known: list[str]) -> bool:
    """Whether a one-word ``name`` is another form of a known name or of a likelier candidate."""
    if " " in name or name.isupper():
        return False
    key = fold(name)
    if any(_shares_stem(key, other) for other in known if other != key):
        return True
    return any(
        _shares_stem(key, other) and (n, -len(other)) > (count, -len(key))
        for other, n in found.items()
        if other != key and " " not in other
    )


def _shares_stem(a: str, b: str) -> bool:
    shared = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        shared += 1
    return shared >= _SHARED_STEM and shared >= _SHARED_SHARE * min(len(a), len(b))
