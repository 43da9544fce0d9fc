"""The import limits an operator may set (README: "Settings"), read from the app's config."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cms.pipeline.types import Limits

#: Config key -> ``Limits`` field.
SETTINGS = {
    "IMPORT_MAX_FILE_BYTES": "max_file_bytes",
    "IMPORT_MAX_ARCHIVE_BYTES": "max_archive_bytes",
    "IMPORT_MAX_ZIP_ENTRIES": "max_zip_entries",
    "IMPORT_MAX_ZIP_TOTAL_BYTES": "max_zip_total_bytes",
    "IMPORT_MAX_ZIP_RATIO": "max_zip_ratio",
}


def limits_from(config: Mapping[str, Any]) -> Limits:
    values = {field: int(config[key]) for key, field in SETTINGS.items() if key in config}
    return Limits(**values)
