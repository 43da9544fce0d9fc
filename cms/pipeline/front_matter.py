"""Read a Markdown file's front matter into typed values; a value it cannot use is reported."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from cms.pipeline.types import (
    DatePrecision,
    ExtractionWarning,
    PartialDate,
    RejectedFile,
    WarningKind,
)

#: The keys a Markdown front matter, a JSON article (with ``body``) and ``flask export`` share.
KEYS = ("title", "date", "outlet", "url", "authors", "author", "tags", "summary")


@dataclass(frozen=True)
class FrontMatter:
    """Values the file states about itself; ``None`` means the key was absent or empty."""

    title: str | None = None
    published: PartialDate | None = None
    outlet: str | None = None
    url: str | None = None
    authors: tuple[str, ...] | None = None
    tags: tuple[str, ...] = ()
    summary: str | None = None
    warnings: tuple[ExtractionWarning, ...] = ()


def read_front_matter(values: Mapping[str, Any], source_name: str) -> FrontMatter:
    warnings: list[ExtractionWarning] = []
    for key in sorted(str(key) for key in values if key not in KEYS):
        warnings.append(
            ExtractionWarning(
                key,
                f"The key {key!r} is not one the importer knows; its value was ignored "
                f"(known keys: {', '.join(KEYS)}).",
                WarningKind.UNKNOWN_KEY,
            )
        )
    url = _text(values, "url", source_name)
    if url is not None and not is_web_address(url):
        warnings.append(
            ExtractionWarning(
                "url",
                f"The front matter url {url!r} is not an http(s) address; it was ignored.",
                WarningKind.INVALID,
            )
        )
        url = None
    return FrontMatter(
        title=_text(values, "title", source_name),
        published=_date(values.get("date"), source_name),
        outlet=_text(values, "outlet", source_name),
        url=url,
        authors=_names(values, "authors", source_name) or _names(values, "author", source_name),
        tags=_names(values, "tags", source_name) or (),
        summary=_text(values, "summary", source_name),
        warnings=tuple(warnings),
    )


def is_web_address(text: str) -> bool:
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in text


def _text(values: Mapping[str, Any], key: str, source_name: str) -> str | None:
    value = values.get(key)
    if value is None:
        return None
    if isinstance(value, list | dict):
        raise RejectedFile(source_name, f"the front matter '{key}' must be text, not a list")
    return " ".join(str(value).split()) or None


def _names(values: Mapping[str, Any], key: str, source_name: str) -> tuple[str, ...] | None:
    value = values.get(key)
    if value is None:
        return None
    if isinstance(value, dict):
        raise RejectedFile(source_name, f"the front matter '{key}' must be a list or text")
    items = value if isinstance(value, list) else str(value).split(",")
    # dict.fromkeys drops repeats but keeps the order the file gave.
    names = tuple(dict.fromkeys(" ".join(str(item).split()) for item in items if item is not None))
    return tuple(name for name in names if name) or None


def _date(value: Any, source_name: str) -> PartialDate | None:
    if value is None or value == "":
        return None
    # YAML reads an unquoted 2014-09-30 as a date and an unquoted 2014 as a number.
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return PartialDate(value, DatePrecision.DAY)
    try:
        return PartialDate.parse(str(value))
    except ValueError:
        raise RejectedFile(
            source_name,
            f"the front matter date {str(value)!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)",
        ) from None
