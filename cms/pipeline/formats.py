"""Which files the importer reads, which it opens as containers, and which it skips, and why.

One table of extensions: adding a format is a line here and a reader in ``read/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePosixPath

from cms.pipeline.types import Format


class Container(StrEnum):
    """Files that hold several documents; ``unpack`` opens them."""

    ZIP = "zip"
    JSON = "json"
    JSONL = "jsonl"


#: Extension -> what the file is. Documents go to a reader; containers are unpacked first.
SUFFIXES: dict[str, Format | Container] = {
    ".txt": Format.TEXT,
    ".md": Format.MARKDOWN,
    ".markdown": Format.MARKDOWN,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".json": Container.JSON,
    ".jsonl": Container.JSONL,
    ".zip": Container.ZIP,
}
SUPPORTED_SUFFIXES = tuple(SUFFIXES)

#: Files that travel with a collection but are not articles ("README.TXT", "LICENSE.md").
_PROJECT_FILES = frozenset(
    {"readme", "license", "licence", "copying", "changelog", "changes", "authors", "notice"}
    | {"contributing", "install", "todo", "manifest", "index"}
)
# Folders that operating systems and tools add to archives.
_SYSTEM_FOLDERS = frozenset({"__macosx", ".git", ".svn", "thumbs.db"})


@dataclass(frozen=True)
class Kind:
    """What to do with one file name: read it as ``what``, or skip it for ``skip_reason``."""

    what: Format | Container | None
    skip_reason: str = ""


def suffix_of(name: str) -> str:
    return PurePosixPath(name.replace("\\", "/")).suffix.lower()


def classify(name: str) -> Kind:
    """Read or skip a file met inside a folder or an archive, judged by its name alone."""
    path = PurePosixPath(name.replace("\\", "/"))
    parts = [part for part in path.parts if part not in ("", "/")]
    if any(part.startswith(".") or part.casefold() in _SYSTEM_FOLDERS for part in parts):
        return Kind(None, "a hidden or system file")
    if path.stem.casefold() in _PROJECT_FILES:
        return Kind(None, f"a {path.stem.upper()} file travels with a collection; not an article")
    what = SUFFIXES.get(suffix_of(name))
    if what is None:
        return Kind(None, unsupported_reason(name))
    return Kind(what)


def unsupported_reason(name: str) -> str:
    suffix = suffix_of(name)
    kind = f"unsupported file type '{suffix}'" if suffix else "the file has no extension"
    return f"{kind} (supported: {', '.join(SUPPORTED_SUFFIXES)})"
