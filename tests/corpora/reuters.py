"""Read Reuters-21578 stories and write them as files the importer reads (test material only).

The converter lives with the tests, not in the product: Reuters' SGML is not a format we import.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REUTERS = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "reuters-21578"

_STORY = re.compile(r"<REUTERS[^>]*NEWID=\"(\d+)\"[^>]*>(.*?)</REUTERS>", re.S)
_MONTHS = {m: n for n, m in enumerate(
    ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1
)}  # fmt: skip


@dataclass(frozen=True)
class Story:
    newid: int
    date: dt.date
    title: str
    dateline: str
    body: str


def _tag(text: str, name: str) -> str:
    match = re.search(rf"<{name}>(.*?)</{name}>", text, re.S)
    return html.unescape(match.group(1)) if match else ""


def stories(limit: int) -> Iterator[Story]:
    """Stories with a title and a body, in NEWID order, at most ``limit``."""
    count = 0
    for path in sorted(REUTERS.glob("reut2-*.sgm")):
        for match in _STORY.finditer(path.read_text(encoding="latin-1")):
            text = match.group(2)
            title, body = _tag(text, "TITLE").strip(), _tag(text, "BODY")
            if not title or not body.strip():
                continue
            day, month, year = _tag(text, "DATE").strip().split()[0].split("-")
            yield Story(
                newid=int(match.group(1)),
                date=dt.date(int(year), _MONTHS[month], int(day)),
                title=" ".join(title.split()),
                dateline=" ".join(_tag(text, "DATELINE").split()),
                body=body.replace("\x03", "").rstrip(),
            )
            count += 1
            if count >= limit:
                return


def as_text(story: Story) -> bytes:
    """A .txt file as a wire desk would save it: title, blank line, dateline and body."""
    return f"{story.title}\n\n{story.dateline} {story.body.lstrip()}\n".encode()


def as_json(story: Story) -> bytes:
    """A JSON article that states the wire's date, as an export from another tool would."""
    record = {"title": story.title, "date": story.date.isoformat(), "body": story.body.strip()}
    return json.dumps(record).encode()


def body_lines(story: Story) -> list[str]:
    """The story's text lines, spaces collapsed: each must survive the import somewhere."""
    return [" ".join(line.split()) for line in story.body.split("\n") if line.strip()]
