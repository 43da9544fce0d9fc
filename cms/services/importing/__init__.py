"""Importing files as draft articles: one service for the CLI, the admin upload and the seed.

``import_files`` runs a batch; ``sources`` finds files; ``store`` persists a chunk of documents;
``duplicates`` and ``near`` recognise text we already hold; ``vocabulary`` finds outlets and
tags by name.
"""

from cms.services.importing.batch import ImportReport, ReportLine, import_files
from cms.services.importing.sources import InputFile, find_files, uploaded

__all__ = ["ImportReport", "InputFile", "ReportLine", "find_files", "import_files", "uploaded"]
