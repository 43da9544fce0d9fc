"""The public site: read-only pages over published articles."""

from flask import Blueprint

bp = Blueprint("public", __name__)

from cms.public import caching, entities, errors, feeds, lists, paths, search, timeline, views  # noqa: E402, F401  (routes register on import)
