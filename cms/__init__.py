"""The collection CMS: curate news articles, publish them as a read-only website.

The application is built by ``cms.app.create_app``. This package module imports nothing else,
so a process that needs only the pure pipeline (an import's worker processes) starts without
loading Flask and the database stack.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """The Flask application (see ``cms.app``)."""
    from cms.app import create_app as build

    return build(test_config)
