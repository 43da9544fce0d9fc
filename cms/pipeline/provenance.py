"""What a text is, by named rules: wire copy, an excerpt, an opinion piece.

Each flag carries the rule that fired and the text that fired it, so an editor can judge it.
Markers count only as whole tokens: "(AP)" inside a word or a web address fires nothing.
(Reprints need the collection: ``services.importing.reprints`` flags them on import.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cms.pipeline.types import TextFlag as Flag

WIRE = "wire copy"
EXCERPT = "excerpt"
OPINION = "opinion"
REPRINT = "reprint"


@dataclass(frozen=True)
class Rule:
    flag: str
    name: str
    pattern: re.Pattern[str]
    #: Lowercase words of which the text must hold at least one from each group for the
    #: pattern to match: a cheap test that spares the regular expression most texts.
    needs: tuple[tuple[str, ...], ...] = ()

    def could_match(self, lowered: str) -> bool:
        return all(any(word in lowered for word in group) for group in self.needs)


# A marker stands alone: not inside a word, not inside a web address or a path.
_ALONE_BEFORE = r"(?<![\w/.:@-])"
_ALONE_AFTER = r"(?![\w/.@-]*\w)"

RULES: tuple[Rule, ...] = (
    Rule(WIRE, "dateline (AP)", re.compile(_ALONE_BEFORE + r"\(AP\)" + _ALONE_AFTER), (("(ap)",),)),
    Rule(
        WIRE,
        "dateline (Reuters)",
        re.compile(_ALONE_BEFORE + r"\(Reuters\)" + _ALONE_AFTER),
        (("(reuters)",),),
    ),
    Rule(
        WIRE, "dateline (AFP)", re.compile(_ALONE_BEFORE + r"\(AFP\)" + _ALONE_AFTER), (("(afp)",),)
    ),
    Rule(
        WIRE,
        "credit AP/",
        re.compile(r"\b(?:Credit|Photo|Foto)\s*:\s*AP\s*/\s*\w"),
        (("credit", "photo", "foto"),),
    ),
    Rule(WIRE, "Associated Press", re.compile(r"\bAssociated Press\b"), (("associated press",),)),
    Rule(WIRE, "© Reuters", re.compile(r"©\s*(?:Thomson\s+)?Reuters\b"), (("©",), ("reuters",))),
    Rule(
        WIRE,
        "Reuters editing line",
        re.compile(r"\(Reporting by [^)]{3,120}\)"),
        (("(reporting by",),),
    ),
    Rule(
        WIRE,
        "Agence France-Presse",
        re.compile(r"\bAgence France-Presse\b"),
        (("agence france-presse",),),
    ),
    Rule(
        EXCERPT,
        "read the full article",
        re.compile(r"\bRead the full article\b", re.I),
        (("read the full article",),),
    ),
    Rule(
        EXCERPT,
        "subscribe to keep reading",
        re.compile(r"\bSubscribe now to keep reading", re.I),
        (("subscribe now to keep reading",),),
    ),
    Rule(
        EXCERPT,
        "continue reading",
        re.compile(r"^\W*Continue reading\b", re.I | re.M),
        (("continue reading",),),
    ),
    Rule(
        OPINION,
        "views are the author's",
        re.compile(
            r"\b(?:views|opinions|statements)\b[^.\n]{0,80}\b(?:are|is)\s+(?:solely\s+)?"
            r"(?:those|that)\s+of\s+the\s+(?:author|writer)s?\b",
            re.I,
        ),
        (("views", "opinions", "statements"), ("author", "writer")),
    ),
    Rule(
        OPINION,
        "opinion label",
        re.compile(r"^\W*(?:Opinion|Op-Ed|Commentary|Kommentar|Meinung)\W*$", re.I | re.M),
        (("opinion", "op-ed", "commentary", "kommentar", "meinung"),),
    ),
)
_SENTENCE_END = (".", "!", "?", "”", '"', "’", "'", ")", "»", "“")
_EVIDENCE_CHARS = 160


def find_flags(raw: str, body: str, captions: tuple[str, ...] = ()) -> tuple[Flag, ...]:
    """Every rule that fires on the text as received (``raw``), once per rule, in rule order.

    ``raw`` is searched because boilerplate ("Read the full article here") was taken out of
    the body; an excerpt is also a body that stops mid-sentence.
    """
    searched = "\n".join([raw, *captions])
    lowered = searched.lower()
    flags: list[Flag] = []
    for rule in RULES:
        match = rule.could_match(lowered) and rule.pattern.search(searched)
        if match:
            flags.append(Flag(rule.flag, rule.name, _context(searched, match)))
    stops = _stops_mid_sentence(body)
    if stops:
        flags.append(Flag(EXCERPT, "stops mid-sentence", stops))
    return tuple(flags)


def _context(text: str, match: re.Match[str]) -> str:
    """The line the match is on, cut to a readable length around the match."""
    start = text.rfind("\n", 0, match.start()) + 1
    end = text.find("\n", match.end())
    line = text[start : end if end != -1 else len(text)].strip()
    if len(line) <= _EVIDENCE_CHARS:
        return line
    at = match.start() - start
    left = max(0, at - _EVIDENCE_CHARS // 2)
    return "…" + line[left : left + _EVIDENCE_CHARS].strip() + "…"


def _stops_mid_sentence(body: str) -> str:
    last = body.rstrip().rsplit("\n", 1)[-1].strip()
    if not last or last.startswith(("#", "|", "-", "*", ">")) or len(last.split()) < 8:
        return ""
    if last.endswith(("…", "...")) or not last.endswith(_SENTENCE_END):
        return "…" + last[-_EVIDENCE_CHARS:]
    return ""
