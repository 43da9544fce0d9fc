"""Importing files as draft articles: one service for the CLI, the admin upload and the seed.

``import_files`` runs a batch; ``sources`` finds files; ``store`` persists a chunk of documents;
``duplicates`` and ``near`` recognise text we already hold; ``vocabulary`` finds outlets and
tags by name.

The names below load their modules on first use: an import's worker processes import
``extracting`` alone, and must not pay for the database stack ``batch`` brings.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cms.services.importing.batch import ImportReport, ReportLine, import_files
    from cms.services.importing.sources import InputFile, find_files, uploaded

_HOMES = {
    "ImportReport": "batch",
    "ReportLine": "batch",
    "import_files": "batch",
    "InputFile": "sources",
    "find_files": "sources",
    "uploaded": "sources",
}
__all__ = ["ImportReport", "InputFile", "ReportLine", "find_files", "import_files", "uploaded"]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
