"""Lines that web pages wrap around an article (comment forms, share and subscribe prompts).

One table, so adding a site's prompt is a one-line change. Patterns match whole lines,
ignoring case; ``excerpt`` marks prompts that mean the page showed only part of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Boilerplate:
    pattern: str
    excerpt: bool = False
    # "Original url:" is followed by the address on its own line, which goes with it.
    takes_next_url: bool = False


BOILERPLATE: tuple[Boilerplate, ...] = (
    Boilerplate(r"original url:.*", takes_next_url=True),
    Boilerplate(r"read the full article\b.*", excerpt=True),
    Boilerplate(r"continue reading\b.*", excerpt=True),
    Boilerplate(r"subscribe now to keep reading\b.*", excerpt=True),
    Boilerplate(r"discover more from\b.*"),
    Boilerplate(r"(?:\d+\s+)?comments?:?"),
    Boilerplate(r"no comments(?:\s+yet)?[:.]?"),
    Boilerplate(r"post a comment\.?"),
    Boilerplate(r"leave a (?:reply|comment)\.?"),
    Boilerplate(r"cancel reply"),
    Boilerplate(r"your email address will not be published\b.*"),
    Boilerplate(r"required fields are marked\b.*"),
    Boilerplate(r"save my name, email,? and website\b.*"),
    Boilerplate(r"notify me of (?:new posts|follow-up comments)\b.*"),
    Boilerplate(r"(?:type|enter) your email(?: address)?\b.*"),
    Boilerplate(r"subscribe(?: to (?:our|the) newsletter)?\.?"),
    Boilerplate(r"sign up for (?:our|the) newsletter\b.*"),
    Boilerplate(r"share this(?: article| story)?:?"),
    Boilerplate(r"like this:?"),
    Boilerplate(r"(?:like )?loading\W*"),
    Boilerplate(r"click to (?:share|print|email)\b.*"),
    Boilerplate(r"related(?: (?:posts|articles|stories))?:?"),
)

_COMPILED = tuple((re.compile(b.pattern, re.IGNORECASE), b) for b in BOILERPLATE)
_URL_LINE = re.compile(r"<?https?://\S+>?")


def strip_boilerplate(lines: list[str]) -> tuple[list[str], bool]:
    """The lines without boilerplate, and whether a removed line marked the text as an excerpt."""
    kept: list[str] = []
    excerpt = False
    skip_url = False
    for line in lines:
        bare = line.strip().strip("*").strip()
        if skip_url and (not bare or _URL_LINE.fullmatch(bare)):
            skip_url = not bare
            continue
        skip_url = False
        rule = next((b for pattern, b in _COMPILED if pattern.fullmatch(bare)), None)
        if rule is None:
            kept.append(line)
            continue
        excerpt = excerpt or rule.excerpt
        skip_url = rule.takes_next_url
    return kept, excerpt
