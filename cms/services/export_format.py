"""The export folder's format, shared by ``flask export`` (writing) and ``flask restore`` (reading).

A folder holds ``manifest.json`` (format, version, the schema revision, row counts),
``articles/`` (one JSON file per article, in the shape the importer reads) and ``tables/`` (one
JSON Lines file per table, ``NAME.jsonl``: a row a line, each a {column: value} object, so
both sides stream and a large collection never sits in memory whole). Values are JSON as they
are, dates and times as ISO text, enums by their value, bytes in base64.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Iterator
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Connection, Date, DateTime, LargeBinary, inspect, text
from sqlalchemy import Enum as EnumType

from cms.services.errors import ServiceError

FORMAT = "collection-cms export"
#: 2: tables as JSON Lines (version 1 wrote each table as one JSON list).
VERSION = 2
MANIFEST = "manifest.json"
TABLES = "tables"
#: Columns never exported: secrets. A restore gives them new values (see ``export_restore``).
SECRET_COLUMNS = {"users": frozenset({"password_hash", "session_token"})}
#: Columns made from others, left out of the export and made again by a restore: the
#: rendered body comes from ``body`` by this version's rules, never from a file.
DERIVED_COLUMNS = {"articles": frozenset({"body_html"})}


def left_out(table_name: str) -> frozenset[str]:
    """The table's columns an export does not hold (secret or derived)."""
    return SECRET_COLUMNS.get(table_name, frozenset()) | DERIVED_COLUMNS.get(
        table_name, frozenset()
    )


class ExportFormatError(ServiceError):
    """An export folder that cannot be read back; the message names the file and the fault."""


def json_value(value: Any) -> Any:
    """A column's value as JSON can hold it (``json.dumps``'s ``default``)."""
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    return value


def write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=json_value) + "\n")


def json_line(row: dict[str, Any]) -> str:
    return json.dumps(row, ensure_ascii=False, default=json_value) + "\n"


def table_file(folder: Path, name: str) -> Path:
    return folder / TABLES / f"{name}.jsonl"


def read_rows(path: Path) -> Iterator[tuple[int, Any]]:
    """A JSON Lines file's values with their line numbers, read as they are needed."""
    try:
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                if line.strip():
                    yield number, _loads(path, number, line)
    except (OSError, UnicodeDecodeError) as error:
        raise ExportFormatError(f"{path} cannot be read: {error}") from error


def _loads(path: Path, number: int, line: str) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError as error:
        raise ExportFormatError(f"{path}, line {number}: not JSON ({error}).") from error


def column_value(column: Column, value: Any) -> Any:
    """The inverse of ``json_value`` for ``column``: ISO text back to dates, values to enums."""
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return dt.date.fromisoformat(value)
    if isinstance(kind, EnumType) and kind.enum_class is not None:
        return kind.enum_class(value)
    if isinstance(kind, LargeBinary):
        return base64.b64decode(value)
    return value


def schema_revision(connection: Connection) -> str | None:
    """The database's migration revision (Alembic's), or None when it was not made by them."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def read_json(folder: Path, name: str) -> Any:
    """The JSON in ``folder/name``; a missing or unreadable file is an error naming it."""
    path = folder / name
    if not path.is_file():
        raise ExportFormatError(f"{path} is missing: this is not a whole export.")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ExportFormatError(f"{path} cannot be read as JSON: {error}") from error


def is_export(folder: Path) -> bool:
    """True when ``folder`` looks like what ``flask export`` writes (it has its manifest)."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(manifest, dict) and manifest.get("format") == FORMAT


def read_manifest(folder: Path) -> dict[str, Any]:
    """The folder's manifest, checked: the format, a version this program reads, the counts."""
    if not folder.is_dir():
        raise ExportFormatError(f"{folder} is not a folder: give the folder `flask export` wrote.")
    manifest = read_json(folder, MANIFEST)
    path = folder / MANIFEST
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ExportFormatError(f"{path} is not the manifest of a {FORMAT!r}.")
    if manifest.get("version") != VERSION:
        raise ExportFormatError(
            f"{path} says export format version {manifest.get('version')!r}; "
            f"this program reads version {VERSION}."
        )
    tables = manifest.get("tables")
    if not isinstance(tables, dict) or not all(isinstance(count, int) for count in tables.values()):
        raise ExportFormatError(f"{path} has no table counts ({{table: rows}}).")
    return manifest
