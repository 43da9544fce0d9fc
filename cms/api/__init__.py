"""The read-only JSON API under ``/api/v1/``: published data only, described by OpenAPI 3.1."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from cms.api import errors, views  # noqa: E402, F401  (routes register on import)
