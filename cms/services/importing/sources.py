"""Where import input comes from: files and folders on disk, or uploaded files in memory.

A file's size is checked before it is read, so an oversized file costs no memory.
"""

from __future__ import annotations

import os
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
    for path, relative in _walk(folder, ""):
        name = readable_name(f"{folder.name}/{relative}")
        if path.is_symlink():
            yield InputFile(name, path, named=False, skip_reason="a symbolic link; not followed")
            continue
        kind = classify(relative)
        if kind.what is None:
            yield InputFile(name, path, named=False, skip_reason=kind.skip_reason)
        else:
            yield InputFile(name, path, named=False)


def _walk(folder: Path, prefix: str) -> Iterator[tuple[Path, str]]:
    """Files and symbolic links under ``folder``, in name order, lazily: one folder's names in
    memory at a time, not a path object for each of 100,000 files (60 MB)."""
    with os.scandir(folder) as listing:
        entries = sorted((entry.name, entry.is_dir(follow_symlinks=False)) for entry in listing)
    for name, is_folder in entries:
        path = folder / name
        if is_folder:
            yield from _walk(path, f"{prefix}{name}/")
        elif path.is_file() or path.is_symlink():
            yield path, f"{prefix}{name}"


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
