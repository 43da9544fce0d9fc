"""The unpack stage: one file in, the documents it holds out (zip entries, JSON items, lines).

Each result is a ``Document`` for a reader, a ``Skipped`` file (hidden, README-like, unknown
type) or a ``Rejected`` one with its reason. Zips are opened with our own caps (entry count,
total size, compression ratio, a byte counter while reading); archives inside archives, absolute
paths, ``..`` and symlinks are refused.
"""

from __future__ import annotations

import hashlib
import io
import stat
import zipfile
from collections.abc import Iterator
from pathlib import PurePosixPath

from cms.pipeline import strict_json
from cms.pipeline.formats import SUFFIXES, Container, classify, suffix_of, unsupported_reason
from cms.pipeline.read.encoding import decode_bytes
from cms.pipeline.types import (
    Document,
    Format,
    Limits,
    Origin,
    Rejected,
    RejectedFile,
    Skipped,
    SourceFile,
)

Unpacked = Document | Skipped | Rejected

_DEFAULT_LIMITS = Limits()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def unpack(
    source: SourceFile, limits: Limits = _DEFAULT_LIMITS, *, named: bool = True
) -> Iterator[Unpacked]:
    """The documents in ``source``.

    ``named`` is true for a file the editor chose by name: an unknown type is then a rejection
    (the editor asked for it) rather than a skip (a stray file in a folder).
    """
    kind = classify(source.name)
    if kind.what is None:
        if named and suffix_of(source.name) not in SUFFIXES:
            yield Rejected(source.name, unsupported_reason(source.name))
        else:
            yield Skipped(source.name, kind.skip_reason)
        return
    origin = Origin(source.name, sha256(source.data))
    yield from _unpack(source, kind.what, origin, limits)


def _unpack(
    source: SourceFile, what: Format | Container, origin: Origin, limits: Limits
) -> Iterator[Unpacked]:
    limit_bytes = limits.max_archive_bytes if what is Container.ZIP else limits.max_file_bytes
    if len(source.data) > limit_bytes:
        limit = limit_bytes / 2**20
        yield Rejected(source.name, f"the file is larger than {limit:g} MB")
        return
    if not source.data:
        yield Rejected(source.name, "the file is empty")
        return
    try:
        if what is Container.ZIP:
            yield from _zip_entries(source, origin, limits)
        elif what is Container.JSON:
            yield from _json_items(source, origin)
        elif what is Container.JSONL:
            yield from _jsonl_items(source, origin)
        else:
            yield Document(source.name, what, origin, data=source.data)
    except RejectedFile as rejected:
        yield Rejected(rejected.source_name, rejected.reason)


def _json_items(source: SourceFile, origin: Origin) -> Iterator[Unpacked]:
    text, _ = decode_bytes(source.name, source.data)
    value = strict_json.parse(source.name, text)
    if isinstance(value, dict):
        yield Document(source.name, Format.JSON, origin, record=value)
    elif isinstance(value, list):
        if not value:
            yield Rejected(source.name, "the JSON list is empty")
        for n, item in enumerate(value, start=1):
            yield _record(f"{source.name} item {n}", item, origin, n)
    else:
        yield Rejected(
            source.name,
            f"the JSON must be an article object or a list of them, not {_json_type(value)}",
        )


def _jsonl_items(source: SourceFile, origin: Origin) -> Iterator[Unpacked]:
    text, _ = decode_bytes(source.name, source.data)
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        name = f"{source.name} line {n}"
        try:
            value = strict_json.parse(name, line)
        except RejectedFile as rejected:
            yield Rejected(name, rejected.reason.replace("line 1, ", ""))
            continue
        yield _record(name, value, origin, n)


def _record(name: str, value: object, origin: Origin, n: int) -> Unpacked:
    if not isinstance(value, dict):
        return Rejected(name, f"an article must be a JSON object, not {_json_type(value)}")
    item_origin = Origin(origin.file_name, origin.sha256, origin.path_in_archive, n)
    return Document(name, Format.JSON, item_origin, record=value)


def _json_type(value: object) -> str:
    names = {list: "a list", str: "text", bool: "true/false", int: "a number", float: "a number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _zip_entries(source: SourceFile, origin: Origin, limits: Limits) -> Iterator[Unpacked]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(source.data))
    except (zipfile.BadZipFile, OSError) as error:
        raise RejectedFile(source.name, f"the zip file cannot be opened: {error}") from None
    with archive:
        entries = [info for info in archive.infolist() if not info.is_dir()]
        _check_archive(source.name, entries, limits)
        budget = _Budget(limits.max_zip_total_bytes)
        for info in entries:
            yield from _zip_entry(source, archive, info, origin, limits, budget)


def _check_archive(name: str, entries: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(entries) > limits.max_zip_entries:
        raise RejectedFile(
            name, f"the zip holds {len(entries)} files, more than {limits.max_zip_entries}"
        )
    declared = sum(info.file_size for info in entries)
    if declared > limits.max_zip_total_bytes:
        raise RejectedFile(
            name,
            f"the zip would unpack to {declared // 2**20} MB, more than "
            f"{limits.max_zip_total_bytes // 2**20} MB (a zip bomb?)",
        )


class _Budget:
    """Bytes left to unpack from one archive, counted as they are read, not as declared."""

    def __init__(self, total: int) -> None:
        self.left = total


def _zip_entry(
    source: SourceFile,
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    origin: Origin,
    limits: Limits,
    budget: _Budget,
) -> Iterator[Unpacked]:
    name = f"{source.name}/{info.filename}"
    unsafe = _unsafe_entry(info)
    if unsafe:
        yield Rejected(name, unsafe)
        return
    kind = classify(info.filename)
    if kind.what is None:
        yield Skipped(name, kind.skip_reason)
        return
    if kind.what is Container.ZIP:
        yield Rejected(name, "an archive inside an archive is not opened; unpack it first")
        return
    if info.compress_size and info.file_size / info.compress_size > limits.max_zip_ratio:
        yield Rejected(
            name, f"compressed more than {limits.max_zip_ratio}:1; refused as a possible zip bomb"
        )
        return
    try:
        data = _read_counted(archive, info, name, min(limits.max_file_bytes, budget.left))
    except RejectedFile as rejected:
        yield Rejected(name, rejected.reason)
        return
    budget.left -= len(data)
    entry_origin = Origin(source.name, sha256(data), info.filename)
    yield from _unpack(SourceFile(name, data), kind.what, entry_origin, limits)


def _unsafe_entry(info: zipfile.ZipInfo) -> str:
    path = info.filename.replace("\\", "/")
    if path.startswith("/") or (len(path) > 1 and path[1] == ":"):
        return "the zip entry has an absolute path; refused"
    if ".." in PurePosixPath(path).parts:
        return "the zip entry's path contains '..'; refused"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "the zip entry is a symbolic link; refused"
    return ""


def _read_counted(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, cap: int) -> bytes:
    """Read an entry, stopping as soon as it passes ``cap`` bytes whatever its header says."""
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(info) as entry:
            while chunk := entry.read(64 * 1024):
                size += len(chunk)
                if size > cap:
                    raise RejectedFile(name, f"the entry unpacks to more than {cap} bytes; refused")
                chunks.append(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as error:
        raise RejectedFile(name, f"the zip entry cannot be read: {error}") from None
    return b"".join(chunks)
