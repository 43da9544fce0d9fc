"""Words to terms: tokens, stop words, Snowball stems (PyStemmer) and sublinear TF-IDF weights.

Index, document frequencies and queries all use ``terms_of``, so a term means the same thing
everywhere: "visits", "visited" and "visiting" are one term ("visit"), and so are "Назарбаева"
and "Назарбаев".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping

import Stemmer

# Letters only: "Kassym-Jomart" is two words and "Putin’s" is "Putin" (a lone "s" is dropped),
# as SQLite's unicode61 tokenizer reads the index's terms.
_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")

_STOP_WORDS_TEXT = """
    a about above after again against all also although am among an and another any are
    around as at be because been before being below between both but by can could did do does
    doing down during each either else even ever every few for from further had has have having
    he her here hers herself him himself his how however i if in into is it its itself just last
    least less like made make many may me might more most much must my myself near neither no nor
    not now of off often on once one only or other others our ours ourselves out over own per
    quite rather said same say says she should since so some still such than that the their
    theirs them themselves then there these they this those though through thus to too under
    until up upon us very via was we were what when where whether which while who whom whose why
    will with within without would yet you your yours yourself yourselves mr mrs ms dr its
    told added according new year years week also would pct reuter reuters
    и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне
    было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него
    до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы
    тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж тогда кто этот того потому
    этого какой совсем ним здесь этом один почти мой тем чтобы нее были куда зачем всех никогда
    можно при наконец два об другой хоть после над больше тот через эти нас про всего них какая
    много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им
    более всегда конечно всю между"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

_english = Stemmer.Stemmer("english")
_russian = Stemmer.Stemmer("russian")


def words(text: str) -> list[str]:
    """Case-folded runs of letters of ``text``."""
    return [match.group().casefold() for match in _WORD.finditer(text)]


def stem(word: str) -> str:
    if word.isascii() or not _CYRILLIC.search(word):
        return _english.stemWord(word)
    return _russian.stemWord(word)


def terms_of(text: str) -> list[str]:
    """The text's terms in order: stop words and one-letter words out, the rest stemmed."""
    return [stem(w) for w in words(text) if len(w) > 1 and w not in STOP_WORDS]


def surface_forms(text: str) -> dict[str, str]:
    """Each term's most frequent written form, to show a person "visits" rather than "visit"."""
    counts: Counter[tuple[str, str]] = Counter(
        (stem(w), w) for w in words(text) if len(w) > 1 and w not in STOP_WORDS
    )
    forms: dict[str, str] = {}
    for (term, word), _count in counts.most_common():
        forms.setdefault(term, word)
    return forms


def idf(df: int, article_count: int) -> float:
    """Smoothed inverse document frequency; an unseen term counts as seen once."""
    return math.log((1 + article_count) / (1 + df)) + 1.0


def tfidf(
    counts: Mapping[str, int], frequencies: Mapping[str, int], article_count: int
) -> dict[str, float]:
    """Sublinear TF-IDF weights, L2-normalised (so a dot product is a cosine)."""
    weights = {
        term: (1.0 + math.log(tf)) * idf(frequencies.get(term, 0), article_count)
        for term, tf in counts.items()
        if tf > 0
    }
    return normalised(weights)


def normalised(weights: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {t: w / norm for t, w in weights.items()} if norm else {}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product of two normalised vectors, iterating over the smaller."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def top_terms(weights: Mapping[str, float], limit: int) -> list[str]:
    return [t for t, _ in sorted(weights.items(), key=lambda tw: (-tw[1], tw[0]))[:limit]]


def term_counts(texts: Iterable[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(terms_of(text))
    return counts
