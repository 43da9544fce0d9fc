"""A JSON article: the Markdown front-matter keys plus ``body`` (the shape ``flask export`` writes).

The keys other than ``body`` are read exactly like front matter, so a JSON article and a
Markdown file with the same values import the same way.
"""

from __future__ import annotations

import json
from types import MappingProxyType

from cms.pipeline.read.result import ReadResult
from cms.pipeline.types import Document, Format, RejectedFile


def read_json_article(document: Document) -> ReadResult:
    record = document.record or {}
    body = record.get("body")
    if body is None:
        raise RejectedFile(document.name, "the JSON article has no 'body'")
    if not isinstance(body, str):
        raise RejectedFile(document.name, "the JSON article's 'body' must be text")
    title = record.get("title")
    if title is None or (isinstance(title, str) and not title.strip()):
        raise RejectedFile(document.name, "the JSON article has no 'title'")
    if not isinstance(title, str):
        raise RejectedFile(document.name, "the JSON article's 'title' must be text")
    if not body.strip():
        raise RejectedFile(document.name, "the JSON article's 'body' is empty")
    front = {key: value for key, value in record.items() if key != "body"}
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    return ReadResult(
        raw=json.dumps(record, ensure_ascii=False, indent=2),
        text=text,
        format=Format.JSON,
        front_matter=MappingProxyType(front),
    )
