"""The read stage: check a file can be an article at all, then decode it by its type."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath

from cms.pipeline.read.markdown import read_markdown
from cms.pipeline.read.result import ReadResult
from cms.pipeline.read.text import read_text
from cms.pipeline.types import RejectedFile, SourceFile

__all__ = ["MAX_BYTES", "SUPPORTED_SUFFIXES", "ReadResult", "read"]

MAX_BYTES = 5 * 1024 * 1024

_READERS: dict[str, Callable[[SourceFile], ReadResult]] = {
    ".txt": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
}
SUPPORTED_SUFFIXES = tuple(_READERS)


def read(source: SourceFile) -> ReadResult:
    suffix = PurePosixPath(source.name.replace("\\", "/")).suffix.lower()
    reader = _READERS.get(suffix)
    supported = ", ".join(SUPPORTED_SUFFIXES)
    if reader is None:
        kind = f"unsupported file type '{suffix}'" if suffix else "the file has no extension"
        raise RejectedFile(source.name, f"{kind} (supported: {supported})")
    if len(source.data) > MAX_BYTES:
        raise RejectedFile(source.name, f"the file is larger than {MAX_BYTES // 2**20} MB")
    if not source.data:
        raise RejectedFile(source.name, "the file is empty")
    return reader(source)
