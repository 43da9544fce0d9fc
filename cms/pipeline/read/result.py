"""What the read stage hands on: the decoded text, the facts the source states, and warnings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from cms.pipeline.types import ExtractionWarning, FieldSuggestion, Format


@dataclass(frozen=True)
class ReadResult:
    """``raw`` is the whole decoded input; ``text`` is the article part (front matter removed).

    ``front_matter`` holds what the source states about itself in the front-matter keys
    (Markdown front matter, a JSON article's keys, an HTML page's metadata).
    """

    raw: str
    text: str
    format: Format = Format.TEXT
    front_matter: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    warnings: tuple[ExtractionWarning, ...] = ()
    suggestions: tuple[FieldSuggestion, ...] = ()
    #: Photo captions and credits, kept apart from the body.
    captions: tuple[str, ...] = ()
