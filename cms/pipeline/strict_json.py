"""JSON read strictly: every oddity a permissive parser lets through is a rejection in words.

Duplicate keys, NaN and Infinity, absurd numbers, lone surrogates and deep nesting each get a
reason naming the line, instead of a crash or a silently changed value.
"""

from __future__ import annotations

import json
import re
from typing import Any

from cms.pipeline.types import RejectedFile

MAX_DEPTH = 20
_MAX_NUMBER_DIGITS = 30
# Strings are matched whole so brackets inside them are not counted.
_STRUCTURE = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


class _Refused(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    if repeated:
        raise _Refused(f"the key {repeated[0]!r} appears twice in one object")
    return dict(pairs)


def _no_constant(name: str) -> Any:
    raise _Refused(f"{name} is not a number JSON allows")


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > _MAX_NUMBER_DIGITS:
        raise _Refused(f"a number with {len(text)} digits is too long")
    return int(text)


def _bounded_float(text: str) -> float:
    if len(text) > _MAX_NUMBER_DIGITS:
        raise _Refused(f"a number with {len(text)} characters is too long")
    return float(text)


def parse(name: str, text: str, *, line_offset: int = 0) -> Any:
    """The JSON value of ``text``; ``RejectedFile`` naming the line if it is not clean JSON."""
    if _depth_exceeds(text, MAX_DEPTH):
        raise RejectedFile(name, f"the JSON is nested more than {MAX_DEPTH} levels deep")
    try:
        value = json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_constant=_no_constant,
            parse_int=_bounded_int,
            parse_float=_bounded_float,
        )
    except json.JSONDecodeError as error:
        line = error.lineno + line_offset
        raise RejectedFile(
            name, f"malformed JSON at line {line}, column {error.colno}: {error.msg}"
        ) from None
    except _Refused as error:
        raise RejectedFile(name, f"the JSON is not acceptable: {error}") from None
    _check_strings(name, value)
    return value


def _depth_exceeds(text: str, limit: int) -> bool:
    """Nesting depth counted outside strings, before parsing, so no recursion limit is hit."""
    depth = 0
    for token in _STRUCTURE.finditer(text):
        char = token.group()
        if char in "[{":
            depth += 1
            if depth > limit:
                return True
        elif char in "]}":
            depth -= 1
    return False


def _check_strings(name: str, value: Any) -> None:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise RejectedFile(
                    name, "the JSON holds a lone surrogate (\\ud800-\\udfff): not valid text"
                ) from None
