"""Markdown files: split off the YAML front matter (safe YAML only) from the article text."""

from __future__ import annotations

from types import MappingProxyType

import yaml
from frontmatter.default_handlers import YAMLHandler

from cms.pipeline.read.encoding import decode_bytes
from cms.pipeline.read.result import ReadResult
from cms.pipeline.types import Document, Format, RejectedFile

# YAML only: python-frontmatter would also take a first line of "{" as JSON front matter.
_YAML = YAMLHandler()
#: libyaml's safe loader when PyYAML was built with it (the same safe constructors, five times
#: faster than the pure-Python one that ``YAMLHandler.load`` uses).
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_markdown(document: Document) -> ReadResult:
    text, warnings = decode_bytes(document.name, document.data)
    stripped = text.lstrip()
    boundary = _YAML.FM_BOUNDARY.match(stripped) if _YAML.FM_BOUNDARY else None
    if boundary is None:
        return ReadResult(raw=text, text=text, warnings=warnings, format=Format.MARKDOWN)
    try:
        front, body = _YAML.split(stripped)
    except ValueError:
        # A lone "---" with no closing line is a Markdown rule, not front matter.
        return ReadResult(raw=text, text=text, warnings=warnings, format=Format.MARKDOWN)
    try:
        values = yaml.load(front, Loader=_SAFE_LOADER)
    except yaml.YAMLError as error:
        raise RejectedFile(
            document.name, _yaml_reason(error, text, stripped, boundary.end())
        ) from None
    except ValueError as error:
        # Safe YAML builds dates itself and raises ValueError for "2014-13-45".
        raise RejectedFile(
            document.name, f"the front matter has an impossible date: {error} (use YYYY-MM-DD)"
        ) from None
    if values is None:
        values = {}
    if not isinstance(values, dict):
        raise RejectedFile(document.name, "the front matter must be a list of 'key: value' lines")
    return ReadResult(
        raw=text,
        text=body.strip("\n"),
        front_matter=MappingProxyType(values),
        warnings=warnings,
        format=Format.MARKDOWN,
    )


def _yaml_reason(error: yaml.YAMLError, text: str, stripped: str, front_start: int) -> str:
    detail = getattr(error, "problem", None) or str(error).splitlines()[0]
    mark = getattr(error, "problem_mark", None)
    if mark is None:
        return f"the front matter is not valid YAML: {detail}"
    # The YAML parser counts lines from the opening "---"; the editor counts from the file's top.
    skipped = text[: len(text) - len(stripped)].count("\n")
    line = skipped + stripped[:front_start].count("\n") + mark.line + 1
    return f"the front matter is not valid YAML: {detail} (line {line})"
