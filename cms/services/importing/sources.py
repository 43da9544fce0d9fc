"""Where import input comes from: files and folders on disk, or uploaded files in memory.

A file's size is checked before it is read, so an oversized file costs no memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from cms.pipeline.formats import classify
from cms.pipeline.types import Limits, SourceFile


@dataclass(frozen=True, slots=True)
class InputFile:
    """One file to import: on disk (``path``) or in memory (``data``).

    ``named`` is true when the editor chose the file itself rather than a folder holding it;
    ``problem`` is why it cannot be read at all; ``skip_reason`` why it is deliberately left out.
    """

    name: str
    path: Path | None = None
    data: bytes | None = None
    named: bool = True
    problem: str = ""
    skip_reason: str = ""


def readable_name(name: str) -> str:
    """A file name fit to store and print: bytes that are not UTF-8 become "�"."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def find_files(paths: Iterable[Path]) -> Iterator[InputFile]:
    """Every file under the given files and folders, in name order.

    Inside folders, hidden files, README-like files and unknown types are listed as skipped
    with their reason; a file named directly is always read (and rejected if it cannot be).
    """
    for path in paths:
        if path.is_dir():
            yield from _folder(path)
        elif path.is_file():
            yield InputFile(readable_name(path.name), path)
        else:
            yield InputFile(readable_name(str(path)), path, problem="no such file or folder")


def _folder(folder: Path) -> Iterator[InputFile]:
    for child in sorted(folder.rglob("*")):
        if not child.is_file() and not child.is_symlink():
            continue
        name = readable_name(str(child.relative_to(folder.parent)))
        relative = str(child.relative_to(folder))
        kind = classify(relative)
        if child.is_symlink():
            yield InputFile(name, child, named=False, skip_reason="a symbolic link; not followed")
        elif kind.what is None:
            yield InputFile(name, child, named=False, skip_reason=kind.skip_reason)
        else:
            yield InputFile(name, child, named=False)


def uploaded(name: str, data: bytes) -> InputFile:
    """A file an editor uploaded; only its base name is kept (browsers may send a path)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1] or "upload"
    return InputFile(readable_name(base), data=data)


def load(file: InputFile, limits: Limits) -> SourceFile | str:
    """The file's bytes as a ``SourceFile``, or the reason they cannot be had."""
    if file.data is not None:
        return SourceFile(file.name, file.data)
    assert file.path is not None
    try:
        size = file.path.stat().st_size
        limit = limits.max_bytes_for(file.name)
        if size > limit:
            return f"the file is larger than {limit / 2**20:g} MB"
        return SourceFile(file.name, file.path.read_bytes())
    except OSError as error:
        return error.strerror or str(error)
