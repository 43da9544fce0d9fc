"""What the read stage hands on: the decoded text, any front matter, and decoding warnings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from cms.pipeline.types import ExtractionWarning


@dataclass(frozen=True)
class ReadResult:
    """``raw`` is the whole decoded file; ``text`` is the article part (front matter removed)."""

    raw: str
    text: str
    front_matter: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    warnings: tuple[ExtractionWarning, ...] = ()
    # Markdown may put its ``# `` title anywhere; plain text gives it in the opening lines.
    markdown: bool = False
