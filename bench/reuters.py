"""Read Reuters-21578 (``../shared/corpora/reuters-21578/``) for the quality benchmark.

A converter for measuring only: the product does not read SGML. Stories come with their
editors' labels (topics, places, people), which is what the suggestions are scored against.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "reuters-21578"

_STORY = re.compile(r"<REUTERS[^>]*NEWID=\"(\d+)\"[^>]*>(.*?)</REUTERS>", re.S)
_FIELD = {name: re.compile(rf"<{name}>(.*?)</{name}>", re.S) for name in (
    "DATE", "TOPICS", "PLACES", "PEOPLE", "TITLE", "BODY",
)}  # fmt: skip
_LABEL = re.compile(r"<D>(.*?)</D>")


@dataclass(frozen=True)
class Story:
    id: int
    date: dt.date
    title: str
    body: str
    topics: tuple[str, ...]
    places: tuple[str, ...]
    people: tuple[str, ...]


def _field(name: str, text: str) -> str:
    found = _FIELD[name].search(text)
    return html.unescape(found.group(1)) if found else ""


def stories(folder: Path = CORPUS) -> Iterator[Story]:
    for path in sorted(folder.glob("reut2-*.sgm")):
        for match in _STORY.finditer(path.read_text(encoding="latin-1")):
            text = match.group(2)
            body = _field("BODY", text).replace("\x03", "").strip()
            body = re.sub(r"\s*Reuter\s*$", "", body)
            day = _field("DATE", text).split()[0]  # "26-FEB-1987" (some have "5-MAR-1987")
            date = dt.datetime.strptime(day, "%d-%b-%Y").date()
            yield Story(
                id=int(match.group(1)),
                date=date,
                title=_field("TITLE", text).strip(),
                body=body,
                topics=tuple(_LABEL.findall(_field("TOPICS", text) or "")),
                places=tuple(_LABEL.findall(_field("PLACES", text) or "")),
                people=tuple(_LABEL.findall(_field("PEOPLE", text) or "")),
            )


def single_topic_stories(folder: Path = CORPUS) -> list[Story]:
    """The 8,654 stories with a body and exactly one topic."""
    return [s for s in stories(folder) if s.body and len(s.topics) == 1]


def label_name(label: str) -> str:
    """A label as a name an editor would write: "west-germany" -> "West Germany"."""
    return " ".join(part.capitalize() for part in label.split("-"))
