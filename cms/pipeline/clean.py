"""Turn extracted text into tidy Markdown: no boilerplate, sane whitespace, real paragraphs.

Copy-pasted web pages break paragraphs mid-sentence, indent them with non-breaking spaces and
flatten subheadings into plain lines; each step below repairs one of those habits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cms.pipeline.boilerplate import strip_boilerplate

# Non-breaking, thin, figure and ideographic spaces all render as a plain space.
_ODD_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_LIST_ITEM = re.compile(r"(?:[-*+•]|\d{1,3}[.)])\s+\S")
_SENTENCE_END = tuple('.!?:”"')
_HEADING_END = tuple(".!?:;,…\"”’'")
# Lines this long are paragraphs in their own right, not a paragraph hard-wrapped at ~72 chars.
_PROSE_LINE = 100
_HEADING_MAX = 80


@dataclass(frozen=True)
class CleanResult:
    body: str
    is_excerpt: bool


def normalise_spaces(text: str) -> str:
    """Odd spaces become plain ones and trailing spaces go; line structure is kept."""
    text = _ZERO_WIDTH.sub("", _ODD_SPACES.sub(" ", text))
    return "\n".join(line.rstrip() for line in text.split("\n"))


def clean(text: str) -> CleanResult:
    lines, excerpt_marker = strip_boilerplate(normalise_spaces(text).split("\n"))
    paragraphs = [p for p in (_drop_dangling_paren(p) for p in _paragraphs(lines)) if p]
    paragraphs = _promote_headings(_join_split(paragraphs))
    body = "\n\n".join(paragraphs)
    return CleanResult(body, excerpt_marker or body.endswith(("…", "...")))


def is_list_item(line: str) -> bool:
    return bool(_LIST_ITEM.match(line.lstrip()))


def _tidy(line: str) -> str:
    # Leading spaces would turn a paragraph into a Markdown code block; runs of spaces inside
    # a line are layout left over from the web page.
    line = re.sub(r" {2,}", " ", line.strip())
    return re.sub(r"^•\s*", "- ", line)


def _paragraphs(lines: list[str]) -> list[str]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(_tidy(line))
        elif blocks[-1]:
            blocks.append([])
    paragraphs: list[str] = []
    for block in filter(None, blocks):
        if any(len(line) > _PROSE_LINE for line in block):
            paragraphs.extend(_split_prose_block(block))
        else:
            paragraphs.append("\n".join(block))
    return paragraphs


def _split_prose_block(block: list[str]) -> list[str]:
    """One paragraph per line, as some sites export them, keeping a list's items together."""
    units: list[str] = []
    for line in block:
        if units and is_list_item(line) and is_list_item(units[-1].split("\n")[-1]):
            units[-1] += "\n" + line
        else:
            units.append(line)
    return units


def _drop_dangling_paren(paragraph: str) -> str:
    # A removed link often leaves its opening bracket behind: "… of Kazakhstan” (".
    return re.sub(r"(?:^|\s+)\($", "", paragraph)


def _is_structural(paragraph: str) -> bool:
    return paragraph.startswith(("#", ">", "|", "```")) or is_list_item(paragraph)


def _join_split(paragraphs: list[str]) -> list[str]:
    joined: list[str] = []
    for paragraph in paragraphs:
        previous = joined[-1] if joined else ""
        split_mid_sentence = (
            previous
            and not _is_structural(previous)
            and not previous.endswith(_SENTENCE_END)
            and paragraph[0].islower()
        )
        if split_mid_sentence:
            joined[-1] = f"{previous} {paragraph}"
        else:
            joined.append(paragraph)
    return joined


def _looks_like_heading(paragraph: str) -> bool:
    return (
        "\n" not in paragraph
        and len(paragraph) <= _HEADING_MAX
        and paragraph[0].isupper()
        and not paragraph.endswith(_HEADING_END)
        and not _is_structural(paragraph)
    )


def _promote_headings(paragraphs: list[str]) -> list[str]:
    """A short line standing between two paragraphs is a subheading that lost its markup."""
    promoted = list(paragraphs)
    for i in range(1, len(paragraphs) - 1):
        before, line, after = promoted[i - 1], paragraphs[i], paragraphs[i + 1]
        if (
            _looks_like_heading(line)
            and not before.startswith("#")
            and not after.startswith("#")
            and not _looks_like_heading(after)
        ):
            promoted[i] = f"## {line}"
    return promoted


_BLANK_RUNS = re.compile(r"\n{3,}")


def clean_markdown(text: str) -> CleanResult:
    """Markdown keeps its own structure (nested lists, indented code): only strip boilerplate.

    The plain-text repairs (unindenting, joining, promoting headings) would damage it.
    """
    lines, excerpt_marker = strip_boilerplate(normalise_spaces(text).split("\n"))
    body = _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")
    return CleanResult(body, excerpt_marker or body.endswith(("…", "...")))
